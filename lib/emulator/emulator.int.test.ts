import Anthropic from "@anthropic-ai/sdk";
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
} from "@aws-sdk/client-bedrock-runtime";
import { countTokens } from "gpt-tokenizer";
import OpenAI, { AzureOpenAI } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "./server";

// These tests open sockets on loopback only; they drive the emulator with the providers' official
// SDKs, which is the point: if an SDK accepts the wire format here, it accepts it in the app.

const PROMPT = "Name the capital of France.";
const SYSTEM = "Answer briefly.";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: "int", latencyScale: 0 });
});

afterAll(async () => {
  await emulator.close();
});

function fault(name: string) {
  return { headers: { "x-emulator-fault": name } };
}

function openAi(prefix = "/openai/v1") {
  return new OpenAI({ baseURL: `${emulator.url}${prefix}`, apiKey: "sk-test", maxRetries: 0 });
}

function anthropic() {
  return new Anthropic({
    baseURL: `${emulator.url}/anthropic`,
    apiKey: "sk-ant-test",
    maxRetries: 0,
  });
}

function bedrock(headers: Record<string, string> = {}) {
  const client = new BedrockRuntimeClient({
    region: "us-east-1",
    endpoint: `${emulator.url}/bedrock`,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret" },
    maxAttempts: 1,
  });
  // The AWS SDK has no per-call headers option; a middleware step is its documented way.
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers: Record<string, string> };
      Object.assign(request.headers, headers);
      return next(args);
    },
    { step: "build" },
  );
  return client;
}

const chatBody = {
  model: "gpt-5.5",
  messages: [
    { role: "system" as const, content: SYSTEM },
    { role: "user" as const, content: PROMPT },
  ],
};

const expectedInputTokens = countTokens(SYSTEM) + countTokens(PROMPT);

/** Streams `chatBody` to `model` and expects the text `client` was answered without streaming. */
async function expectSameTextStreamed(client: OpenAI, model: string, answered: unknown) {
  const stream = await client.chat.completions.create({ ...chatBody, model, stream: true });
  let text = "";
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
  expect(text).toBe(answered);
}

describe("emulator index", () => {
  it("lists every simulated platform with a base URL and models", async () => {
    const response = await fetch(`${emulator.url}/`);
    const body = (await response.json()) as {
      simulated: boolean;
      platforms: { id: string; api: string; baseUrl: string; models: string[] }[];
    };
    expect(body.simulated).toBe(true);
    const ids = body.platforms.map((platform) => platform.id);
    expect(ids).toEqual(
      expect.arrayContaining(["openai", "azure-foundry", "anthropic", "aws-bedrock", "gcp-vertex"]),
    );
    expect(ids).toEqual(expect.arrayContaining(["oci-genai", "databricks", "self-hosted"]));
    const openai = body.platforms.find((platform) => platform.id === "openai");
    expect(openai?.baseUrl).toBe(`${emulator.url}/openai/v1`);
    expect(openai?.models).toContain("gpt-5.5");
  });

  it("serves the OpenAI model list to the official client", async () => {
    const page = await openAi().models.list();
    expect(page.data.map((model) => model.id)).toContain("gpt-5.5");
  });
});

describe("OpenAI Chat Completions with the openai SDK", () => {
  it("answers non-streaming with usage counted by the tokenizer", async () => {
    const completion = await openAi().chat.completions.create(chatBody);
    const text = completion.choices[0]?.message.content ?? "";
    expect(text.length).toBeGreaterThan(0);
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage?.prompt_tokens).toBe(expectedInputTokens);
    expect(completion.usage?.completion_tokens).toBe(countTokens(text));
    expect(completion.usage?.total_tokens).toBe(expectedInputTokens + countTokens(text));
  });

  it("streams the same answer, then a usage chunk, then [DONE]", async () => {
    const whole = await openAi().chat.completions.create(chatBody);
    const stream = await openAi().chat.completions.create({
      ...chatBody,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(whole.choices[0]?.message.content);
    expect(finish).toBe("stop");
    expect(usage?.completion_tokens).toBe(countTokens(text));
    expect(usage?.prompt_tokens).toBe(expectedInputTokens);
  });

  it("gives the same answer for the same seed, and a different one on another seed", async () => {
    const first = await openAi().chat.completions.create(chatBody);
    const second = await openAi().chat.completions.create(chatBody);
    expect(second.choices[0]?.message.content).toBe(first.choices[0]?.message.content);

    const other = await startEmulator({ seed: "another-seed", latencyScale: 0 });
    try {
      const client = new OpenAI({ baseURL: `${other.url}/openai/v1`, apiKey: "k", maxRetries: 0 });
      const third = await client.chat.completions.create(chatBody);
      expect(third.choices[0]?.message.content).not.toBe(first.choices[0]?.message.content);
    } finally {
      await other.close();
    }
  });

  it("stops at max_tokens with finish_reason length", async () => {
    const completion = await openAi().chat.completions.create({ ...chatBody, max_tokens: 5 });
    expect(completion.choices[0]?.finish_reason).toBe("length");
    expect(completion.usage?.completion_tokens).toBeLessThanOrEqual(5);
  });

  it("works on an OpenAI-compatible prefix, streaming and not", async () => {
    const client = openAi("/databricks/v1");
    const completion = await client.chat.completions.create({
      ...chatBody,
      model: "databricks-claude-opus-4-7",
    });
    expect(completion.model).toBe("databricks-claude-opus-4-7");
    await expectSameTextStreamed(
      client,
      "databricks-claude-opus-4-7",
      completion.choices[0]?.message.content,
    );
  });

  it("refuses a request without messages with a 400 in OpenAI's shape", async () => {
    const error = await openAi()
      .chat.completions.create({ model: "gpt-5.5", messages: [] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).type).toBe(
      "invalid_request_error",
    );
  });
});

describe("Azure OpenAI with the AzureOpenAI client", () => {
  it("answers on the deployment path with api-version", async () => {
    const client = new AzureOpenAI({
      endpoint: `${emulator.url}/azure`,
      apiKey: "azure-key",
      apiVersion: "2024-10-21",
      deployment: "gpt-5-mini",
      maxRetries: 0,
    });
    const completion = await client.chat.completions.create({ ...chatBody, model: "gpt-5-mini" });
    expect(completion.model).toBe("gpt-5-mini");
    expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);
    await expectSameTextStreamed(client, "gpt-5-mini", completion.choices[0]?.message.content);
  });

  it("answers on the v1 path", async () => {
    const completion = await openAi("/azure/openai/v1").chat.completions.create(chatBody);
    expect(completion.usage?.prompt_tokens).toBe(expectedInputTokens);
  });
});

describe("Anthropic Messages with @anthropic-ai/sdk", () => {
  const body = {
    model: "claude-opus-4-8",
    max_tokens: 512,
    system: SYSTEM,
    messages: [{ role: "user" as const, content: PROMPT }],
  };

  it("answers non-streaming with usage", async () => {
    const message = await anthropic().messages.create(body);
    const block = message.content[0];
    expect(block?.type).toBe("text");
    const text = block?.type === "text" ? block.text : "";
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.input_tokens).toBe(expectedInputTokens);
    expect(message.usage.output_tokens).toBe(countTokens(text));
  });

  it("streams the same answer through messages.stream", async () => {
    const whole = await anthropic().messages.create(body);
    const stream = anthropic().messages.stream(body);
    const seen: string[] = [];
    stream.on("streamEvent", (event) => seen.push(event.type));
    const final = await stream.finalMessage();
    expect(final.content).toEqual(whole.content);
    expect(final.usage.output_tokens).toBe(whole.usage.output_tokens);
    expect(seen[0]).toBe("message_start");
    expect(seen).toContain("content_block_delta");
    expect(seen.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
  });

  it("serves its model list", async () => {
    const page = await anthropic().models.list();
    expect(page.data.map((model) => model.id)).toContain("claude-opus-4-8");
  });
});

describe("Bedrock Converse with @aws-sdk/client-bedrock-runtime", () => {
  const modelId = "global.anthropic.claude-opus-4-5-20251101-v1:0";
  const input = {
    modelId,
    system: [{ text: SYSTEM }],
    messages: [{ role: "user" as const, content: [{ text: PROMPT }] }],
  };

  it("answers ConverseCommand with usage and metrics (SigV4-signed)", async () => {
    const output = await bedrock().send(new ConverseCommand(input));
    const text = output.output?.message?.content?.[0]?.text ?? "";
    expect(text.length).toBeGreaterThan(0);
    expect(output.stopReason).toBe("end_turn");
    expect(output.usage?.inputTokens).toBe(expectedInputTokens);
    expect(output.usage?.outputTokens).toBe(countTokens(text));
    expect(output.metrics?.latencyMs).toBeGreaterThan(0);
  });

  it("streams ConverseStreamCommand over AWS event-stream framing", async () => {
    const whole = await bedrock().send(new ConverseCommand(input));
    const output = await bedrock().send(new ConverseStreamCommand(input));
    const events: ConverseStreamOutput[] = [];
    for await (const event of output.stream ?? []) events.push(event);
    const text = events.map((event) => event.contentBlockDelta?.delta?.text ?? "").join("");
    expect(text).toBe(whole.output?.message?.content?.[0]?.text);
    expect(events[0]?.messageStart?.role).toBe("assistant");
    expect(events.some((event) => event.contentBlockStop)).toBe(true);
    expect(events.find((event) => event.messageStop)?.messageStop?.stopReason).toBe("end_turn");
    const metadata = events.at(-1)?.metadata;
    expect(metadata?.usage?.outputTokens).toBe(countTokens(text));
    expect(metadata?.usage?.inputTokens).toBe(expectedInputTokens);
  });
});

describe("Vertex Gemini over fetch", () => {
  const base = () =>
    `${emulator.url}/vertex/v1/projects/demo/locations/us-central1/publishers/google/models/gemini-2.5-pro`;
  const body = JSON.stringify({
    systemInstruction: { parts: [{ text: SYSTEM }] },
    contents: [{ role: "user", parts: [{ text: PROMPT }] }],
  });

  type GeminiChunk = {
    candidates?: { content: { parts: { text: string }[] }; finishReason?: string }[];
    usageMetadata?: { promptTokenCount: number; candidatesTokenCount: number };
  };

  it("answers generateContent with usageMetadata", async () => {
    const response = await fetch(`${base()}:generateContent`, { method: "POST", body });
    expect(response.status).toBe(200);
    const result = (await response.json()) as GeminiChunk;
    const text = result.candidates?.[0]?.content.parts[0]?.text ?? "";
    expect(result.candidates?.[0]?.finishReason).toBe("STOP");
    expect(result.usageMetadata?.promptTokenCount).toBe(expectedInputTokens);
    expect(result.usageMetadata?.candidatesTokenCount).toBe(countTokens(text));
  });

  it("streams streamGenerateContent?alt=sse", async () => {
    const whole = (await (
      await fetch(`${base()}:generateContent`, { method: "POST", body })
    ).json()) as GeminiChunk;
    const response = await fetch(`${base()}:streamGenerateContent?alt=sse`, {
      method: "POST",
      body,
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const chunks = (await response.text())
      .split("\n\n")
      .filter((frame) => frame.startsWith("data: "))
      .map((frame) => JSON.parse(frame.slice("data: ".length)) as GeminiChunk);
    const text = chunks
      .map((chunk) => chunk.candidates?.[0]?.content.parts[0]?.text ?? "")
      .join("");
    expect(text).toBe(whole.candidates?.[0]?.content.parts[0]?.text);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");
    expect(chunks.at(-1)?.usageMetadata?.candidatesTokenCount).toBe(countTokens(text));
  });

  it("answers streamGenerateContent without alt=sse as one JSON array", async () => {
    const response = await fetch(`${base()}:streamGenerateContent`, { method: "POST", body });
    const chunks = (await response.json()) as GeminiChunk[];
    expect(Array.isArray(chunks)).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");
  });

  it("reports errors in Google's shape", async () => {
    const response = await fetch(`${base()}:generateContent`, {
      method: "POST",
      body,
      headers: { "x-emulator-fault": "429" },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toMatchObject({
      error: { code: 429, status: "RESOURCE_EXHAUSTED" },
    });
  });
});

describe("injected faults, as each SDK sees them", () => {
  it("429 → OpenAI RateLimitError with Retry-After", async () => {
    const error = await openAi()
      .chat.completions.create(chatBody, fault("429"))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.headers?.get("retry-after")).toBe("1");
    expect(rateLimit.code).toBe("rate_limit_exceeded");
  });

  it("500 → OpenAI InternalServerError", async () => {
    await expect(openAi().chat.completions.create(chatBody, fault("500"))).rejects.toBeInstanceOf(
      OpenAI.InternalServerError,
    );
  });

  it("malformed JSON in a 200 → a parse error, not an answer", async () => {
    await expect(
      openAi().chat.completions.create(chatBody, fault("malformed-json")),
    ).rejects.toThrow(SyntaxError);
    const stream = await openAi().chat.completions.create(
      { ...chatBody, stream: true },
      fault("malformed-json"),
    );
    await expect(async () => {
      for await (const chunk of stream) void chunk;
    }).rejects.toThrow(SyntaxError);
  });

  it("a cut stream → the SDK's iteration fails", async () => {
    const stream = await openAi().chat.completions.create(
      { ...chatBody, stream: true },
      fault("cut-stream"),
    );
    await expect(async () => {
      for await (const chunk of stream) void chunk;
    }).rejects.toThrow();
  });

  it("an error inside a 200 stream → OpenAI APIError", async () => {
    const stream = await openAi().chat.completions.create(
      { ...chatBody, stream: true },
      fault("error-in-stream"),
    );
    const received: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? "");
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(received.join("").length).toBeGreaterThan(0);
  });

  it("timeout → the client's own timeout fires", async () => {
    const client = new OpenAI({
      baseURL: `${emulator.url}/openai/v1`,
      apiKey: "k",
      maxRetries: 0,
      timeout: 300,
    });
    await expect(client.chat.completions.create(chatBody, fault("timeout"))).rejects.toBeInstanceOf(
      OpenAI.APIConnectionTimeoutError,
    );
  });

  it("reset → a connection error", async () => {
    await expect(openAi().chat.completions.create(chatBody, fault("reset"))).rejects.toBeInstanceOf(
      OpenAI.APIConnectionError,
    );
  });

  it("Anthropic: 429 → RateLimitError, error event in a 200 stream → APIError", async () => {
    const body = {
      model: "claude-opus-4-8",
      max_tokens: 256,
      messages: [{ role: "user" as const, content: PROMPT }],
    };
    const limited = await anthropic()
      .messages.create(body, fault("429"))
      .catch((caught: unknown) => caught);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(
      (limited as InstanceType<typeof Anthropic.RateLimitError>).headers?.get("retry-after"),
    ).toBe("1");

    const stream = anthropic().messages.stream(body, fault("error-in-stream"));
    const error = await stream.finalMessage().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(String((error as Error).message)).toContain("overloaded_error");

    await expect(anthropic().messages.create(body, fault("500"))).rejects.toBeInstanceOf(
      Anthropic.InternalServerError,
    );
  });

  it("Bedrock: 429 → ThrottlingException, error in stream → typed exception", async () => {
    const input = {
      modelId: "amazon.nova-pro-v1:0",
      messages: [{ role: "user" as const, content: [{ text: PROMPT }] }],
    };
    await expect(
      bedrock({ "x-emulator-fault": "429" }).send(new ConverseCommand(input)),
    ).rejects.toMatchObject({ name: "ThrottlingException", $metadata: { httpStatusCode: 429 } });
    await expect(
      bedrock({ "x-emulator-fault": "500" }).send(new ConverseCommand(input)),
    ).rejects.toMatchObject({ name: "InternalServerException" });

    const output = await bedrock({ "x-emulator-fault": "error-in-stream" }).send(
      new ConverseStreamCommand(input),
    );
    const error = await (async () => {
      for await (const event of output.stream ?? []) void event;
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "ServiceUnavailableException" });
  });

  it("the faults option applies to every request of a platform", async () => {
    const faulty = await startEmulator({ latencyScale: 0, faults: { openai: "429" } });
    try {
      const client = new OpenAI({ baseURL: `${faulty.url}/openai/v1`, apiKey: "k", maxRetries: 0 });
      await expect(client.chat.completions.create(chatBody)).rejects.toBeInstanceOf(
        OpenAI.RateLimitError,
      );
      const other = new OpenAI({ baseURL: `${faulty.url}/mistral/v1`, apiKey: "k", maxRetries: 0 });
      await expect(other.chat.completions.create(chatBody)).resolves.toBeTruthy();
    } finally {
      await faulty.close();
    }
  });
});

describe("degrading a platform at run time", () => {
  const degrade = (platform: string, init: RequestInit) =>
    fetch(`${emulator.url}/_emulator/degrade/${platform}`, {
      ...init,
      headers: { "content-type": "application/json" },
    });

  it("forces the fault and labels every response it changes until restored", async () => {
    const set = await degrade("openai", {
      method: "PUT",
      body: JSON.stringify({ fault: "500", qualityDelta: -0.2 }),
    });
    expect(set.status).toBe(200);
    const listed = (await (await fetch(`${emulator.url}/_emulator/degrade`)).json()) as {
      degraded: Record<string, unknown>;
    };
    expect(listed.degraded.openai).toEqual({ fault: "500", qualityDelta: -0.2, latencyFactor: 1 });
    const failed = await openAi()
      .chat.completions.create({ model: "gpt-5.5", messages: [{ role: "user", content: PROMPT }] })
      .catch((error: unknown) => error);
    expect((failed as { status?: number }).status).toBe(500);

    await degrade("openai", { method: "PUT", body: JSON.stringify({ latencyFactor: 2 }) });
    const { response } = await openAi()
      .chat.completions.create({ model: "gpt-5.5", messages: [{ role: "user", content: PROMPT }] })
      .withResponse();
    expect(response.headers.get("x-emulator-degraded")).toBe("latency*2");

    expect((await degrade("openai", { method: "DELETE" })).status).toBe(200);
    const restored = await openAi()
      .chat.completions.create({ model: "gpt-5.5", messages: [{ role: "user", content: PROMPT }] })
      .withResponse();
    expect(restored.response.headers.get("x-emulator-degraded")).toBeNull();
  });

  it("refuses a bad body or an unknown platform with a clear message", async () => {
    const bad = await degrade("openai", {
      method: "PUT",
      body: JSON.stringify({ qualityDelta: -3 }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /^qualityDelta: /,
    );
    const unknown = await degrade("nowhere", { method: "PUT", body: "{}" });
    expect(unknown.status).toBe(404);
  });
});
