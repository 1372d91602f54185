import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNativeRouter } from "@/lib/catalog/native-routers";
import { mapServedModel } from "@/lib/catalog/served-models";
import { startEmulator, type RunningEmulator } from "@/lib/emulator/server";
import { loopbackSafeFetch } from "@/lib/testing/router-targets";
import type { CallContext, ChatRequest, Target } from "../types";
import { createAdapterFor } from "./create-adapter";
import { getEmulatorTargets } from "./emulator-targets";

// Each native router through its adapter against the emulator, streaming and not: the result
// names the model that served the call, and that id maps to the catalogue or is flagged unmapped.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: "router-adapters", latencyScale: 0 });
});

afterAll(async () => {
  await emulator.close();
});

const ROUTER_TARGETS: (Pick<Target, "platformId" | "apiStyle" | "nativeId"> & {
  routerId: string;
  mode: string;
})[] = [
  {
    routerId: "aws-bedrock/anthropic.claude",
    mode: "default",
    platformId: "aws-bedrock",
    apiStyle: "bedrock-converse",
    nativeId: "arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1",
  },
  {
    routerId: "aws-bedrock/meta.llama",
    mode: "default",
    platformId: "aws-bedrock",
    apiStyle: "bedrock-converse",
    nativeId: "arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/meta.llama:1",
  },
  {
    routerId: "azure-foundry/model-router",
    mode: "balanced",
    platformId: "azure-foundry",
    apiStyle: "azure-openai",
    nativeId: "model-router",
  },
  {
    routerId: "gcp-vertex/model-optimizer",
    mode: "quality",
    platformId: "gcp-vertex",
    apiStyle: "vertex-generate",
    nativeId: "model-optimizer-exp-04-09",
  },
  {
    routerId: "openrouter/auto",
    mode: "auto",
    platformId: "openrouter",
    apiStyle: "openai-compatible",
    nativeId: "openrouter/auto",
  },
];

function targetOf(item: (typeof ROUTER_TARGETS)[number]): Target {
  return {
    offeringId: `router:${item.routerId}`,
    platformId: item.platformId,
    modelId: item.routerId,
    nativeId: item.nativeId,
    apiStyle: item.apiStyle,
    prices: { input: null, output: null },
    simulated: true,
    router: { routerId: item.routerId, mode: item.mode },
  };
}

function request(stream: boolean): ChatRequest {
  return {
    messages: [{ role: "user", content: "Name the capital of France." }],
    maxTokens: 200,
    stream,
  };
}

const context = (): CallContext => ({
  signal: new AbortController().signal,
  now: () => performance.now(),
});

function adapterFor(target: Target) {
  const adapter = createAdapterFor(target, {
    ...getEmulatorTargets(emulator.url),
    fetch: loopbackSafeFetch(),
  });
  if (!adapter) throw new Error(`no adapter for ${target.platformId}`);
  return adapter;
}

describe.each(ROUTER_TARGETS)("$routerId adapter", (item) => {
  it.each([false, true])("returns the served model from the pool (stream: %s)", async (stream) => {
    const target = targetOf(item);
    const result = await adapterFor(target).call(target, request(stream), context());
    if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
    expect(result.text.length).toBeGreaterThan(0);
    const served = result.servedModel ?? "";
    const pool = getNativeRouter(item.routerId)?.pool.map((member) => member.servedId) ?? [];
    expect(pool.some((id) => served === id || served.endsWith(`/${id}`))).toBe(true);
    const mapping = mapServedModel(item.platformId, served);
    if (mapping.kind === "mapped") expect(mapping.modelId).toMatch(/^[a-z0-9]+\//);
    else expect(mapping.raw).toBe(served);
  });
});

describe("router targets without a served id", () => {
  it.each([false, true])(
    "fail as missing_served_model when the response names no served model (stream: %s)",
    async (stream) => {
      // An ordinary Bedrock model called as if it were a router: Converse sends no trace.
      const target: Target = {
        ...targetOf(ROUTER_TARGETS[0] ?? ({} as (typeof ROUTER_TARGETS)[number])),
        nativeId: "amazon.nova-pro-v1:0",
      };
      const result = await adapterFor(target).call(target, request(stream), context());
      expect(result).toMatchObject({
        ok: false,
        error: { kind: "missing_served_model", retryable: false },
      });
    },
  );

  it("leave ordinary calls as they were: no served model, no new failure", async () => {
    const routed = targetOf(ROUTER_TARGETS[0] ?? ({} as (typeof ROUTER_TARGETS)[number]));
    const target: Target = { ...routed, nativeId: "amazon.nova-pro-v1:0", router: undefined };
    const result = await adapterFor(target).call(target, request(false), context());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.servedModel).toBeUndefined();
  });
});
