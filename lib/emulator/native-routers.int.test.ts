import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from "@aws-sdk/client-bedrock-runtime";
import OpenAI, { AzureOpenAI } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNativeRouter } from "../catalog/native-routers";
import { startEmulator, type RunningEmulator } from "./server";

// The native routers' wire formats, driven by the providers' official SDKs over loopback.

const ROUTER_ARN =
  "arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1";
const POOL = new Set(
  getNativeRouter("aws-bedrock/anthropic.claude")?.pool.map(
    (member) => `arn:aws:bedrock:us-east-1::foundation-model/${member.servedId}`,
  ),
);
const FOUNDRY_POOL = new Set(
  getNativeRouter("azure-foundry/model-router")?.pool.map((member) => member.servedId),
);
const MESSAGES = [{ role: "user" as const, content: [{ text: "Name the capital of France." }] }];

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: "routers", latencyScale: 0 });
});

afterAll(async () => {
  await emulator.close();
});

function bedrock() {
  return new BedrockRuntimeClient({
    region: "us-east-1",
    endpoint: `${emulator.url}/bedrock`,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret" },
    maxAttempts: 1,
  });
}

function azure(headers: Record<string, string> = {}) {
  return new AzureOpenAI({
    endpoint: `${emulator.url}/azure`,
    apiKey: "azure-test",
    apiVersion: "2024-10-21",
    deployment: "model-router",
    maxRetries: 0,
    defaultHeaders: headers,
  });
}

describe("Bedrock Intelligent Prompt Routing (AWS SDK)", () => {
  it("Converse with a router ARN returns the invoked model in trace.promptRouter", async () => {
    const response = await bedrock().send(
      new ConverseCommand({ modelId: ROUTER_ARN, messages: MESSAGES }),
    );
    const invoked = response.trace?.promptRouter?.invokedModelId;
    expect(invoked).toBeDefined();
    expect(POOL.has(invoked ?? "")).toBe(true);
    expect(response.output?.message?.content?.[0]?.text).toContain("(model anthropic.claude-3");
  });

  it("ConverseStream yields the invoked model in the metadata event's trace", async () => {
    const response = await bedrock().send(
      new ConverseStreamCommand({ modelId: ROUTER_ARN, messages: MESSAGES }),
    );
    let invoked: string | undefined;
    let text = "";
    for await (const event of response.stream ?? []) {
      if (event.contentBlockDelta?.delta?.text) text += event.contentBlockDelta.delta.text;
      if (event.metadata) invoked = event.metadata.trace?.promptRouter?.invokedModelId;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(POOL.has(invoked ?? "")).toBe(true);
  });

  it("answers an ordinary model id without a router trace", async () => {
    const response = await bedrock().send(
      new ConverseCommand({ modelId: "amazon.nova-pro-v1:0", messages: MESSAGES }),
    );
    expect(response.trace).toBeUndefined();
  });

  it("refuses a configured router it does not know, as Bedrock would", async () => {
    await expect(
      bedrock().send(
        new ConverseCommand({
          modelId: "arn:aws:bedrock:us-east-1:123456789012:prompt-router/unknown",
          messages: MESSAGES,
        }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("Foundry model router (openai's AzureOpenAI)", () => {
  const prompt = [{ role: "user" as const, content: "Name the capital of France." }];

  it("the model-router deployment names a pool model in `model`", async () => {
    const completion = await azure().chat.completions.create({
      model: "model-router",
      messages: prompt,
    });
    expect(FOUNDRY_POOL.has(completion.model)).toBe(true);
    expect(completion.model).not.toBe("model-router");
  });

  it("streams the served model in every chunk", async () => {
    const stream = await azure().chat.completions.create({
      model: "model-router",
      messages: prompt,
      stream: true,
    });
    const models = new Set<string>();
    for await (const chunk of stream) models.add(chunk.model);
    expect(models.size).toBe(1);
    expect(FOUNDRY_POOL.has([...models][0] ?? "")).toBe(true);
  });

  it("labels a response changed by the what-if vendor preference, and only then", async () => {
    // Over a few prompts and preferred vendors, the what-if changes some choices (so the
    // labelled path really runs) and labels exactly the responses it changed.
    const prompts = [
      "Prove step by step that the algorithm is optimal and analyze its complexity.",
      "What is the capital of France?",
      "Write a Python function that merges two sorted lists, with tests.",
    ];
    let changed = 0;
    for (const content of prompts) {
      const messages = [{ role: "user" as const, content }];
      const plain = await azure()
        .chat.completions.create({ model: "model-router", messages })
        .withResponse();
      expect(plain.response.headers.get("x-emulator-what-if")).toBeNull();
      for (const vendor of ["anthropic", "deepseek", "meta", "xai", "openai"]) {
        const whatIf = await azure({ "x-emulator-what-if-prefer-vendor": vendor })
          .chat.completions.create({ model: "model-router", messages })
          .withResponse();
        const label = whatIf.response.headers.get("x-emulator-what-if");
        if (whatIf.data.model !== plain.data.model) {
          changed += 1;
          expect(label).toBe(`prefer-vendor=${vendor}`);
        } else {
          expect(label).toBeNull();
        }
      }
    }
    expect(changed, "the what-if changed at least one choice").toBeGreaterThan(0);
  });
});

describe("Vertex Model Optimizer and OpenRouter auto (raw wire)", () => {
  it("the optimizer answers with a pool model in modelVersion, by mode", async () => {
    const url = `${emulator.url}/vertex/v1beta1/projects/p/locations/global/publishers/google/models/model-optimizer-exp-04-09:generateContent`;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer t" },
      body: JSON.stringify({
        contents: [{ role: "user", parts: [{ text: "Name the capital of France." }] }],
        generationConfig: { modelConfig: { featureSelectionPreference: "PRIORITIZE_COST" } },
      }),
    });
    const body = (await response.json()) as { modelVersion: string };
    expect(response.headers.get("x-emulator-router-mode")).toBe("cost");
    expect(["gemini-2.0-flash-001", "gemini-2.5-pro-preview-03-25"]).toContain(body.modelVersion);
  });

  it("openrouter/auto names the chosen model", async () => {
    const client = new OpenAI({
      baseURL: `${emulator.url}/openrouter/v1`,
      apiKey: "sk-or-test",
      maxRetries: 0,
    });
    const completion = await client.chat.completions.create({
      model: "openrouter/auto",
      messages: [{ role: "user", content: "Name the capital of France." }],
    });
    const pool = getNativeRouter("openrouter/auto")?.pool.map((member) => member.servedId);
    expect(pool).toContain(completion.model);
  });
});
