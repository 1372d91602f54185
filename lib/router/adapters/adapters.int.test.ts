import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/lib/emulator/server";
import {
  EMULATED_ENDPOINTS,
  endpointTarget,
  loopbackSafeFetch,
  type EmulatedEndpoint,
} from "@/lib/testing/router-targets";
import { createSafeFetch, type HostLookup } from "../safe-fetch";
import type { CallContext, ChatRequest, ProviderErrorKind, Target } from "../types";
import { createAdapterFor } from "./create-adapter";
import { getEmulatorTargets } from "./emulator-targets";

// Every adapter against the emulator on loopback, through the safe fetch (local endpoints
// allowed, as ALLOW_LOCAL_ENDPOINTS does for the emulator).

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: "adapters", latencyScale: 0 });
});

afterAll(async () => {
  await emulator.close();
});

const safeFetch = loopbackSafeFetch();

function targetOf(item: EmulatedEndpoint): Target {
  return endpointTarget(item, { input: 1, output: 2 });
}

function adapterFor(item: EmulatedEndpoint, headers?: Record<string, string>) {
  const adapter = createAdapterFor(targetOf(item), {
    ...getEmulatorTargets(emulator.url),
    fetch: safeFetch,
    ...(headers ? { headers } : {}),
  });
  if (!adapter) throw new Error(`no adapter for ${item.platformId}`);
  return adapter;
}

function request(stream: boolean): ChatRequest {
  return {
    messages: [
      { role: "system", content: "Answer briefly." },
      { role: "user", content: "Name the capital of France." },
    ],
    maxTokens: 200,
    stream,
  };
}

function context(signal: AbortSignal = new AbortController().signal) {
  let firstTokens = 0;
  const value: CallContext = {
    signal,
    now: () => performance.now(),
    onFirstToken: () => {
      firstTokens += 1;
    },
  };
  return { value, firstTokens: () => firstTokens };
}

describe.each(EMULATED_ENDPOINTS)("$platformId adapter against the emulator", (item) => {
  it.each([false, true])("answers with usage and metrics (stream: %s)", async (stream) => {
    const ctx = context();
    const result = await adapterFor(item).call(targetOf(item), request(stream), ctx.value);
    if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.finishReason).toBe("stop");
    expect(result.metrics.totalMs).toBeGreaterThanOrEqual(0);
    expect(result.metrics.ttftMs).not.toBeNull();
    expect(result.metrics.ttftMs ?? Infinity).toBeLessThanOrEqual(result.metrics.totalMs);
    expect(ctx.firstTokens()).toBe(stream ? 1 : 0);
  });

  const faults: { fault: string; stream: boolean; kinds: ProviderErrorKind[] }[] = [
    { fault: "429", stream: false, kinds: ["rate_limit"] },
    { fault: "429", stream: true, kinds: ["rate_limit"] },
    { fault: "500", stream: false, kinds: ["server"] },
    { fault: "500", stream: true, kinds: ["server"] },
    { fault: "malformed-json", stream: false, kinds: ["server"] },
    { fault: "malformed-json", stream: true, kinds: ["server"] },
    { fault: "cut-stream", stream: false, kinds: ["network"] },
    { fault: "cut-stream", stream: true, kinds: ["network"] },
    { fault: "error-in-stream", stream: true, kinds: ["server"] },
    { fault: "error-in-stream", stream: false, kinds: ["server"] },
    { fault: "reset", stream: false, kinds: ["network"] },
    { fault: "reset", stream: true, kinds: ["network"] },
  ];

  it.each(faults)("maps the $fault fault (stream: $stream)", async ({ fault, stream, kinds }) => {
    const adapter = adapterFor(item, { "x-emulator-fault": fault });
    const result = await adapter.call(targetOf(item), request(stream), context().value);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(kinds).toContain(result.error.kind);
    expect(result.error.retryable).toBe(true);
    if (fault === "429") expect(result.error.retryAfterMs).toBe(1000);
  });

  it("maps a held request cut by a short timeout to a timeout", async () => {
    const adapter = adapterFor(item, { "x-emulator-fault": "timeout" });
    const result = await adapter.call(
      targetOf(item),
      request(true),
      context(AbortSignal.timeout(200)).value,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: "timeout", retryable: true });
  });

  it("maps a caller's abort to a cancellation", async () => {
    const controller = new AbortController();
    const adapter = adapterFor(item, { "x-emulator-fault": "timeout" });
    setTimeout(() => controller.abort(), 100);
    const result = await adapter.call(
      targetOf(item),
      request(false),
      context(controller.signal).value,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: "cancelled", retryable: false });
  });
});

describe("credential variants against the emulator", () => {
  it.each([
    // The v1 path (no api-version), and a Bedrock API key instead of SigV4.
    ["azure-foundry", "azure-openai", { apiKey: "k" }],
    ["aws-bedrock", "bedrock-converse", { region: "us-east-1", apiKey: "k" }],
  ] as const)("%s (%s) answers with credentials %j", async (platformId, apiStyle, credentials) => {
    const item: EmulatedEndpoint = { platformId, apiStyle, nativeId: "gpt-5.5" };
    const adapter = createAdapterFor(targetOf(item), {
      credentials: { [platformId]: credentials },
      baseUrls: getEmulatorTargets(emulator.url).baseUrls,
      fetch: safeFetch,
    });
    const result = await adapter?.call(targetOf(item), request(true), context().value);
    expect(result).toMatchObject({ ok: true, finishReason: "stop" });
  });
});

describe("safe fetch with the adapters", () => {
  it("refuses a base URL at a metadata address as a bad request, without connecting", async () => {
    const calls: string[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    };
    const refusing = createSafeFetch({
      allowLocal: true,
      allowPrivate: true,
      lookup: () => Promise.resolve(["169.254.169.254"]),
      baseFetch: recordingFetch,
    });
    const item = EMULATED_ENDPOINTS[0];
    if (!item) throw new Error("no case");
    const adapter = createAdapterFor(targetOf(item), {
      credentials: { openai: { apiKey: "sk-test" } },
      baseUrls: { openai: "http://metadata.example.test/v1" },
      fetch: refusing,
    });
    const result = await adapter?.call(targetOf(item), request(false), context().value);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) {
      expect(result.error).toMatchObject({ kind: "bad_request", retryable: false });
      expect(result.error.message).toMatch(/metadata/);
    }
    expect(calls).toEqual([]);
  });

  it("refuses at connect time when DNS rebinds to a metadata address after the check", async () => {
    let lookups = 0;
    // First answer passes the up-front check; the socket's own lookup gets the metadata address.
    const rebinding: HostLookup = () => {
      lookups += 1;
      return Promise.resolve(lookups === 1 ? ["127.0.0.1"] : ["169.254.169.254"]);
    };
    const rebindingFetch = createSafeFetch({
      allowLocal: true,
      allowPrivate: false,
      lookup: rebinding,
    });
    const url = `${emulator.url.replace("127.0.0.1", "rebind.example.test")}/openai/v1/models`;
    await expect(rebindingFetch(url)).rejects.toMatchObject({
      name: "EndpointRefusedError",
      reason: "metadata",
    });
    expect(lookups).toBe(2);
  });

  it("connects through the pinned lookup for a name that resolves to loopback", async () => {
    const named = createSafeFetch({
      allowLocal: true,
      allowPrivate: false,
      lookup: () => Promise.resolve(["127.0.0.1"]),
    });
    const url = `${emulator.url.replace("127.0.0.1", "emulator.example.test")}/openai/v1/models`;
    const response = await named(url);
    expect(response.status).toBe(200);
  });
});
