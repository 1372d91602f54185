import { simulateReadableStream } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import type { CallContext, ChatRequest } from "../types";
import { runModel } from "./run-model";

type StreamResult = Awaited<ReturnType<MockLanguageModelV3["doStream"]>>;
type StreamPart = StreamResult["stream"] extends ReadableStream<infer Part> ? Part : never;

const USAGE = {
  inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 8, text: 8, reasoning: undefined },
};

function fakeClock(times: number[]) {
  let last = 0;
  return () => {
    last = times.shift() ?? last;
    return last;
  };
}

function streamingModel(parts: StreamPart[]) {
  return new MockLanguageModelV3({
    doStream: () =>
      Promise.resolve({ stream: simulateReadableStream<StreamPart>({ chunks: parts }) }),
  });
}

const request: ChatRequest = {
  messages: [
    { role: "system", content: "Be brief." },
    { role: "user", content: "Hi" },
  ],
  stream: true,
};

function context(now: () => number, onFirstToken?: () => void): CallContext {
  return { signal: new AbortController().signal, now, ...(onFirstToken ? { onFirstToken } : {}) };
}

describe("runModel", () => {
  it("measures time to first token, total time and output speed on a stream", async () => {
    let firstTokens = 0;
    const model = streamingModel([
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Hello" },
      { type: "text-delta", id: "t", delta: " there" },
      { type: "text-end", id: "t" },
      { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: USAGE },
    ]);
    // start, first token, end: the 7 tokens after the first took 2 s
    const result = await runModel(
      model,
      request,
      context(fakeClock([1000, 1200, 3200]), () => {
        firstTokens += 1;
      }),
    );
    expect(result).toEqual({
      ok: true,
      text: "Hello there",
      usage: { inputTokens: 12, outputTokens: 8 },
      metrics: { ttftMs: 200, totalMs: 2200, outputTokensPerSecond: 3.5 },
      finishReason: "stop",
    });
    expect(firstTokens).toBe(1);
    expect(model.doStreamCalls[0]?.prompt[0]).toEqual({ role: "system", content: "Be brief." });
  });

  it("reports no output speed for an answer too short to measure one", async () => {
    const model = streamingModel([
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Paris." },
      { type: "text-end", id: "t" },
      {
        type: "finish",
        finishReason: { unified: "stop", raw: "stop" },
        usage: { ...USAGE, outputTokens: { total: 2, text: 2, reasoning: undefined } },
      },
    ]);
    const result = await runModel(model, request, context(fakeClock([1000, 1200, 1201])));
    expect(result.ok && result.metrics.outputTokensPerSecond).toBeNull();
  });

  it("treats an error inside a stream as a failure, not a partial success", async () => {
    const model = streamingModel([
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Partial" },
      { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
      { type: "finish", finishReason: { unified: "error", raw: undefined }, usage: USAGE },
    ]);
    const result = await runModel(model, request, context(fakeClock([0, 5, 9])));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ kind: "server", retryable: true });
      expect(result.metrics.ttftMs).toBe(5);
    }
  });

  it("treats a stream that ends without a finish reason as cut off", async () => {
    const model = streamingModel([
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Partial" },
      { type: "finish", finishReason: { unified: "other", raw: undefined }, usage: USAGE },
    ]);
    const result = await runModel(model, request, context(fakeClock([0, 1, 2])));
    expect(result).toMatchObject({ ok: false, error: { kind: "network", retryable: true } });
  });

  it("reports a content-filter stop as a content_filter error", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: () =>
        Promise.resolve({
          content: [],
          finishReason: { unified: "content-filter", raw: "content_filter" },
          usage: USAGE,
          warnings: [],
        }),
    });
    const result = await runModel(
      model,
      { ...request, stream: false },
      context(fakeClock([0, 50])),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "content_filter", retryable: false },
      metrics: { totalMs: 50 },
    });
  });

  it("times a non-streaming call from start to the full response", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: () =>
        Promise.resolve({
          content: [{ type: "text", text: "Done." }],
          finishReason: { unified: "stop", raw: "stop" },
          usage: USAGE,
          warnings: [],
        }),
    });
    const result = await runModel(
      model,
      { ...request, stream: false, maxTokens: 20, temperature: 0, seed: 7 },
      context(fakeClock([100, 400])),
    );
    expect(result).toEqual({
      ok: true,
      text: "Done.",
      usage: { inputTokens: 12, outputTokens: 8 },
      metrics: { ttftMs: 300, totalMs: 300, outputTokensPerSecond: null },
      finishReason: "stop",
    });
    expect(model.doGenerateCalls[0]).toMatchObject({
      maxOutputTokens: 20,
      temperature: 0,
      seed: 7,
    });
  });

  it("never throws when the model throws", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: () => Promise.reject(new Error("boom")),
    });
    const result = await runModel(
      model,
      { ...request, stream: false },
      context(() => 0),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: "unknown", retryable: false } });
  });
});
