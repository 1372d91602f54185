import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/lib/emulator/server";
import { createAdapterFor } from "./adapters/create-adapter";
import { getEmulatorTargets } from "./adapters/emulator-targets";
import type { RouterEvent } from "./events";
import { orderedFallbackPolicy, pinnedPolicy } from "./policies";
import { systemClock } from "./resilience";
import { createRouter } from "./router";
import {
  EMULATED_ENDPOINTS,
  endpointTarget,
  loopbackSafeFetch,
  type EmulatedEndpoint,
} from "@/lib/testing/router-targets";

/**
 * The router end to end over real HTTP: every simulated platform answers through the router
 * with measured latency, tokens and cost at the offering's price; a failing first target falls
 * back to the next, and a pinned target records the failure instead.
 */

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: "router",
    latencyScale: 0,
    faults: { mistral: "500" },
  });
});

afterAll(async () => {
  await emulator.close();
});

// Mistral answers 500 here: the fallback tests below call it to fail.
const PLATFORMS = EMULATED_ENDPOINTS.filter((endpoint) => endpoint.platformId !== "mistral");

const target = (item: EmulatedEndpoint) => endpointTarget(item, { input: 3, output: 15 });

function makeRouter(policy = orderedFallbackPolicy(), events: RouterEvent[] = []) {
  const connections = getEmulatorTargets(emulator.url);
  const fetch = loopbackSafeFetch();
  return createRouter({
    adapters: (t) => {
      const adapter = createAdapterFor(t, { ...connections, fetch });
      if (!adapter) throw new Error(`no adapter for ${t.platformId}`);
      return adapter;
    },
    policy,
    clock: systemClock,
    random: Math.random,
    onEvent: (event) => events.push(event),
  });
}

const request = {
  messages: [{ role: "user" as const, content: "What is the capital of France?" }],
  maxTokens: 64,
};

describe("router over the emulator", () => {
  it.each(PLATFORMS)(
    "calls $platformId ($apiStyle) and measures latency, tokens and cost",
    async (item) => {
      const events: RouterEvent[] = [];
      const result = await makeRouter(pinnedPolicy(), events).route([target(item)], request);
      expect(result.ok, JSON.stringify(result.ok ? {} : result.error)).toBe(true);
      if (!result.ok) return;
      expect(result.result.text.length).toBeGreaterThan(0);
      const { inputTokens, outputTokens } = result.result.usage;
      expect(inputTokens).toBeGreaterThan(0);
      expect(outputTokens).toBeGreaterThan(0);
      expect(result.result.metrics.totalMs).toBeGreaterThan(0);
      // Cost at the offering's price: USD per 1M tokens.
      expect(result.costUsd).toBeCloseTo(
        ((inputTokens ?? 0) * 3 + (outputTokens ?? 0) * 15) / 1e6,
        10,
      );
      expect(events.map((event) => event.type)).toEqual([
        "decision",
        "attempt_start",
        "attempt_end",
      ]);
    },
  );

  it("falls back to the next platform when the first fails, and says why", async () => {
    const events: RouterEvent[] = [];
    const failing = target({
      platformId: "mistral",
      apiStyle: "openai-compatible",
      nativeId: "mistral-large",
    });
    const healthy = target(PLATFORMS[0]!);
    const result = await makeRouter(orderedFallbackPolicy(), events).route(
      [failing, healthy],
      request,
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.target.platformId).toBe("openai");
    expect(result.attempts[0]).toMatchObject({ ok: false, error: { kind: "server" } });
    expect(events.some((event) => event.type === "fallback")).toBe(true);
  });

  it("a pinned target records the failure instead of calling another model", async () => {
    const failing = target({
      platformId: "mistral",
      apiStyle: "openai-compatible",
      nativeId: "mistral-large",
    });
    const result = await makeRouter(pinnedPolicy()).route(
      [failing, target(PLATFORMS[0]!)],
      request,
    );
    expect(result.ok).toBe(false);
    expect(result.attempts.every((attempt) => attempt.target.platformId === "mistral")).toBe(true);
  });
});
