import { describe, expect, it } from "vitest";
import { createMemoryBudgetLedger } from "@/lib/router/budget";
import type { RouterEvent } from "@/lib/router/events";
import type { PlatformGate } from "@/lib/router/gate";
import { FakeClock } from "@/lib/testing/fake-clock";
import {
  createLatencyTracker,
  orderedFallbackPolicy,
  pinnedPolicy,
  type RoutingPolicy,
} from "@/lib/router/policies";
import { createRouter, type RouterOptions } from "@/lib/router/router";
import { makeTarget } from "@/lib/testing/router-targets";
import type {
  CallContext,
  ChatRequest,
  ProviderAdapter,
  ProviderErrorKind,
  ProviderResult,
  Target,
} from "@/lib/router/types";

const req: ChatRequest = { messages: [{ role: "user", content: "x".repeat(400) }], maxTokens: 100 };

type Step = (ctx: CallContext, clock: FakeClock) => Promise<ProviderResult>;

const success =
  (delayMs = 10, usage = { inputTokens: 100, outputTokens: 50 }): Step =>
  async (ctx, clock) => {
    const start = clock.now();
    await clock.sleep(delayMs, ctx.signal);
    if (ctx.signal.aborted) return cancelledResult(clock.now() - start);
    return {
      ok: true,
      text: "hello",
      usage,
      metrics: { ttftMs: delayMs, totalMs: clock.now() - start, outputTokensPerSecond: null },
      finishReason: "stop",
    };
  };

const failure =
  (kind: ProviderErrorKind, retryable: boolean, retryAfterMs?: number, delayMs = 5): Step =>
  async (ctx, clock) => {
    await clock.sleep(delayMs, ctx.signal);
    return {
      ok: false,
      error: {
        kind,
        retryable,
        message: kind,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
      metrics: { totalMs: delayMs },
    };
  };

/** Waits until the signal aborts, then settles `settleMs` later with a cancelled result. */
const hang =
  (settleMs = 0, seen?: { aborted: boolean }): Step =>
  async (ctx, clock) => {
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    if (seen) seen.aborted = ctx.signal.aborted;
    if (settleMs > 0) await clock.sleep(settleMs);
    return cancelledResult(settleMs);
  };

function cancelledResult(totalMs: number): ProviderResult {
  return {
    ok: false,
    error: { kind: "cancelled", retryable: false, message: "aborted" },
    metrics: { totalMs },
  };
}

/** Fake adapters with a script per offering; the last step repeats. Counts calls and concurrency. */
function scripted(clock: FakeClock, scripts: Record<string, Step[]>) {
  const calls: Record<string, number> = {};
  const inFlight: Record<string, number> = {};
  const maxInFlight: Record<string, number> = {};
  const adapter: ProviderAdapter = {
    id: "fake",
    async call(target, _request, ctx) {
      const id = target.offeringId;
      const n = (calls[id] = (calls[id] ?? 0) + 1);
      const steps = scripts[id] ?? [success()];
      const step = steps[Math.min(n - 1, steps.length - 1)]!;
      const p = target.platformId;
      inFlight[p] = (inFlight[p] ?? 0) + 1;
      maxInFlight[p] = Math.max(maxInFlight[p] ?? 0, inFlight[p]);
      try {
        return await step(ctx, clock);
      } finally {
        inFlight[p]!--;
      }
    },
  };
  return { adapter, calls, maxInFlight };
}

function setup(
  scripts: Record<string, Step[]>,
  opts: Partial<Omit<RouterOptions, "adapters" | "clock">> & { policy?: RoutingPolicy } = {},
) {
  const clock = new FakeClock();
  const fake = scripted(clock, scripts);
  const events: RouterEvent[] = [];
  const router = createRouter({
    adapters: () => fake.adapter,
    policy: orderedFallbackPolicy(),
    clock,
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...opts,
  });
  return { clock, router, events, ...fake };
}

const types = (events: RouterEvent[]) => events.map((e) => e.type);
const a = makeTarget("a", { prices: { input: 2, output: 10 } });
const b = makeTarget("b");
const c = makeTarget("c");

describe("createRouter: success and events", () => {
  it("routes to the first target and emits decision, attempt_start, attempt_end", async () => {
    const { clock, router, events } = setup({ a: [success(30)] });
    const res = await clock.run(router.route([a, b], req, { runId: "run-1" }));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.target).toBe(a);
    expect(res.result.text).toBe("hello");
    expect(res.costUsd).toBeCloseTo((100 * 2 + 50 * 10) / 1e6, 12);
    expect(res.attempts).toHaveLength(1);
    expect(types(events)).toEqual(["decision", "attempt_start", "attempt_end"]);
    const [decision, start, end] = events;
    expect(decision).toMatchObject({
      type: "decision",
      routeId: 1,
      runId: "run-1",
      policy: "fallback",
      pinned: false,
      at: 0,
    });
    if (decision?.type === "decision") {
      expect(decision.order.map((t) => t.offeringId)).toEqual(["a", "b"]);
      expect(decision.reason).toBeTruthy();
    }
    expect(start).toMatchObject({ type: "attempt_start", attempt: 1, retry: 0, target: a });
    expect(end).toMatchObject({
      type: "attempt_end",
      attempt: 1,
      ok: true,
      errorKind: null,
      ttftMs: 30,
      totalMs: 30,
      tokens: { inputTokens: 100, outputTokens: 50 },
      at: 30,
    });
  });

  it("never treats an error result as success, and survives a throwing adapter or sink", async () => {
    const errorInStream: Step = async () => ({
      ok: true,
      text: "partial",
      usage: { inputTokens: 1, outputTokens: 1 },
      metrics: { ttftMs: 1, totalMs: 2, outputTokensPerSecond: null },
      finishReason: "error",
    });
    const throws: Step = async () => {
      throw new Error("boom");
    };
    const clock = new FakeClock();
    const fake = scripted(clock, { a: [errorInStream], b: [throws] });
    const router = createRouter({
      adapters: () => fake.adapter,
      policy: orderedFallbackPolicy(),
      clock,
      random: () => 0.5,
      limits: { maxRetries: 0 },
      onEvent: () => {
        throw new Error("sink");
      },
    });
    const res = await clock.run(router.route([a, b], req));
    expect(res.ok).toBe(false);
    expect(res.attempts.map((x) => x.error?.kind)).toEqual(["server", "unknown"]);
    if (!res.ok) expect(res.error.message).toMatch(/boom/);
  });

  it("records latency of successful calls in the injected tracker", async () => {
    const latency = createLatencyTracker(1);
    const { clock, router } = setup({ a: [success(42)] }, { latency });
    await clock.run(router.route([a], req));
    expect(latency.get("a")).toBe(42);
  });

  it("fails cleanly with no candidates", async () => {
    const { clock, router } = setup({});
    const res = await clock.run(router.route([], req));
    expect(res).toMatchObject({ ok: false, error: { kind: "bad_request" }, attempts: [] });
  });
});

describe("pinned", () => {
  it("never falls back to another model: it records the failure", async () => {
    const { clock, router, calls, events } = setup(
      { a: [failure("server", false)], b: [success()] },
      { policy: pinnedPolicy() },
    );
    const res = await clock.run(router.route([a, b], req));
    expect(res).toMatchObject({ ok: false, error: { kind: "server" } });
    expect(res.attempts).toHaveLength(1);
    expect(calls.b).toBeUndefined();
    expect(types(events)).not.toContain("fallback");
  });
  it("still retries a retryable error on the pinned offering", async () => {
    const { clock, router, calls } = setup(
      { a: [failure("rate_limit", true), success()] },
      { policy: pinnedPolicy() },
    );
    const res = await clock.run(router.route([a, b], req));
    expect(res.ok).toBe(true);
    expect(calls.a).toBe(2);
    expect(calls.b).toBeUndefined();
  });
});

describe("fallback and retries", () => {
  it("moves on after a non-retryable error and says why", async () => {
    const { clock, router, calls, events } = setup({
      a: [failure("bad_request", false)],
      b: [success()],
    });
    const res = await clock.run(router.route([a, b, c], req));
    expect(res.ok && res.target).toBe(b);
    expect(calls.a).toBe(1);
    expect(types(events)).toEqual([
      "decision",
      "attempt_start",
      "attempt_end",
      "fallback",
      "attempt_start",
      "attempt_end",
    ]);
    expect(events[2]).toMatchObject({ ok: false, errorKind: "bad_request" });
    expect(events[3]).toMatchObject({ type: "fallback", from: a, to: b, because: "bad_request" });
    expect(events[4]).toMatchObject({ attempt: 2, retry: 0, target: b });
  });

  it("retries a retryable error with full-jitter backoff within [0, base·2^n)", async () => {
    const { clock, router, events } = setup(
      {
        a: [
          failure("server", true, undefined, 0),
          failure("server", true, undefined, 0),
          success(0),
        ],
      },
      { random: () => 0.5, limits: { backoffBaseMs: 100, backoffCapMs: 10_000 } },
    );
    const res = await clock.run(router.route([a, b], req));
    expect(res.ok && res.target).toBe(a);
    const retries = events.filter((e) => e.type === "retry_scheduled");
    expect(retries.map((e) => e.type === "retry_scheduled" && [e.delayMs, e.reason])).toEqual([
      [50, "backoff"],
      [100, "backoff"],
    ]);
    const starts = events.filter((e) => e.type === "attempt_start").map((e) => e.at);
    expect(starts).toEqual([0, 50, 150]);
  });

  it("keeps every backoff under its capped ceiling", async () => {
    const { clock, router, events } = setup(
      { a: [failure("timeout", true, undefined, 0)] },
      {
        random: () => 0.999999,
        limits: { maxRetries: 4, backoffBaseMs: 100, backoffCapMs: 250 },
      },
    );
    await clock.run(router.route([a], req));
    const delays = events.flatMap((e) => (e.type === "retry_scheduled" ? [e.delayMs] : []));
    const ceilings = [100, 200, 250, 250];
    expect(delays).toHaveLength(4);
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(ceilings[i]!);
      expect(d).toBeGreaterThan(ceilings[i]! * 0.99);
    });
  });

  it("honours Retry-After up to the cap", async () => {
    const { clock, router, events } = setup(
      {
        a: [
          failure("rate_limit", true, 700, 0),
          failure("rate_limit", true, 60_000, 0),
          success(0),
        ],
      },
      { limits: { retryAfterCapMs: 2000 } },
    );
    const res = await clock.run(router.route([a], req));
    expect(res.ok).toBe(true);
    const retries = events.flatMap((e) =>
      e.type === "retry_scheduled" ? [[e.delayMs, e.reason, e.errorKind]] : [],
    );
    expect(retries).toEqual([
      [700, "retry_after", "rate_limit"],
      [2000, "retry_after", "rate_limit"],
    ]);
    expect(clock.now()).toBe(2700);
  });

  it("falls back after the retries are used up", async () => {
    const { clock, router, calls, events } = setup(
      { a: [failure("server", true)], b: [success()] },
      { limits: { maxRetries: 2 } },
    );
    const res = await clock.run(router.route([a, b], req));
    expect(res.ok && res.target).toBe(b);
    expect(calls.a).toBe(3);
    expect(res.attempts.map((x) => [x.target.offeringId, x.retry])).toEqual([
      ["a", 0],
      ["a", 1],
      ["a", 2],
      ["b", 0],
    ]);
    expect(events.find((e) => e.type === "fallback")).toMatchObject({ because: "server" });
  });
});

describe("circuit breaker in the router", () => {
  it("opens after consecutive failures, skips the offering, probes after the cooldown, closes", async () => {
    const { clock, router, calls, events } = setup(
      { a: [failure("server", false), failure("server", false), success()], b: [success()] },
      { breaker: { failureThreshold: 2, cooldownMs: 1000 }, limits: { maxRetries: 0 } },
    );
    await clock.run(router.route([a, b], req));
    await clock.run(router.route([a, b], req));
    expect(router.breakerState("a")).toBe("open");
    const skipped = await clock.run(router.route([a, b], req));
    expect(skipped.ok && skipped.target).toBe(b);
    expect(calls.a).toBe(2); // not called while open
    expect(events.filter((e) => e.type === "fallback").at(-1)).toMatchObject({
      because: "circuit_open",
    });
    const pinned = createRouter({
      adapters: () => ({ id: "never", call: () => Promise.reject(new Error("unreachable")) }),
      policy: pinnedPolicy(),
      clock,
      random: () => 0,
    });
    expect(pinned.breakerState("a")).toBe("closed"); // breakers belong to one router

    await clock.advance(1000);
    const probe = await clock.run(router.route([a, b], req));
    expect(probe.ok && probe.target).toBe(a);
    expect(router.breakerState("a")).toBe("closed");
    const changes = events.flatMap((e) =>
      e.type === "breaker_state" ? [[e.offeringId, e.from, e.to]] : [],
    );
    expect(changes).toEqual([
      ["a", "closed", "open"],
      ["a", "open", "half_open"],
      ["a", "half_open", "closed"],
    ]);
  });

  it("a pinned route to an open circuit records circuit_open without calling", async () => {
    const { clock, router, calls } = setup(
      { a: [failure("network", false)] },
      { policy: pinnedPolicy(), breaker: { failureThreshold: 1 }, limits: { maxRetries: 0 } },
    );
    await clock.run(router.route([a], req));
    const res = await clock.run(router.route([a], req));
    expect(res).toMatchObject({ ok: false, error: { kind: "circuit_open" } });
    expect(calls.a).toBe(1);
  });
});

describe("timeouts, deadline and cancellation", () => {
  it("a TTFT timeout aborts a streaming attempt (the adapter sees its signal aborted)", async () => {
    const seen = { aborted: false };
    const { clock, router } = setup(
      { a: [hang(0, seen)], b: [success()] },
      { limits: { firstTokenTimeoutMs: 100, maxRetries: 0 } },
    );
    const res = await clock.run(router.route([a, b], { ...req, stream: true }));
    expect(seen.aborted).toBe(true);
    expect(res.attempts[0]).toMatchObject({
      ok: false,
      error: { kind: "timeout", retryable: true },
    });
    expect(res.attempts[0]?.error?.message).toMatch(/first-token/);
    expect(res.attempts[1]?.target).toBe(b);
    expect(res.ok).toBe(true);
  });

  it("the first token stops the TTFT timer", async () => {
    const streaming: Step = async (ctx, clock) => {
      await clock.sleep(50, ctx.signal);
      ctx.onFirstToken?.();
      return success(250)(ctx, clock);
    };
    const { clock, router } = setup({ a: [streaming] }, { limits: { firstTokenTimeoutMs: 100 } });
    const res = await clock.run(router.route([a], { ...req, stream: true }));
    expect(res.ok).toBe(true);
    expect(clock.now()).toBe(300);
  });

  it("a per-attempt timeout aborts the attempt and it is retried as retryable", async () => {
    const seen = { aborted: false };
    const { clock, router } = setup(
      { a: [hang(0, seen), success(10)] },
      { limits: { attemptTimeoutMs: 200 }, random: () => 0 },
    );
    const res = await clock.run(router.route([a], req));
    expect(seen.aborted).toBe(true);
    expect(res.ok).toBe(true);
    expect(res.attempts[0]).toMatchObject({ error: { kind: "timeout" }, totalMs: 200 });
    expect(clock.now()).toBe(210);
  });

  it("the overall deadline stops further attempts", async () => {
    const { clock, router, calls } = setup(
      { a: [hang()], b: [hang()], c: [success()] },
      { limits: { attemptTimeoutMs: 200, maxRetries: 0 } },
    );
    const res = await clock.run(router.route([a, b, c], req, { deadlineMs: 300 }));
    expect(res).toMatchObject({ ok: false, error: { kind: "timeout" } });
    expect(res.ok === false && res.error.message).toMatch(/deadline/);
    expect(calls.c).toBeUndefined();
    expect(clock.now()).toBe(300);
  });

  it("does not sleep past the deadline for a retry", async () => {
    const { clock, router, calls } = setup(
      { a: [failure("rate_limit", true, 5000, 0)] },
      { policy: pinnedPolicy(), limits: { deadlineMs: 1000 } },
    );
    const res = await clock.run(router.route([a], req));
    expect(res).toMatchObject({ ok: false, error: { kind: "rate_limit" } });
    expect(calls.a).toBe(1);
    expect(clock.now()).toBe(0);
  });

  it("the caller's signal aborts the in-flight attempt, waits for it, and stops", async () => {
    const seen = { aborted: false };
    const { clock, router, calls, events } = setup({ a: [hang(10, seen)], b: [success()] });
    const ac = new AbortController();
    const pending = router.route([a, b], req, { signal: ac.signal });
    await clock.advance(50);
    ac.abort();
    const res = await clock.run(pending);
    expect(seen.aborted).toBe(true);
    expect(res).toMatchObject({ ok: false, error: { kind: "cancelled" } });
    expect(clock.now()).toBe(60); // waited for the adapter to settle
    expect(calls.b).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: "attempt_end", errorKind: "cancelled" });
  });

  it("cancellation during a backoff stops at once", async () => {
    const { clock, router, calls } = setup(
      { a: [failure("server", true, 10_000, 0)] },
      { limits: { retryAfterCapMs: 10_000 } },
    );
    const ac = new AbortController();
    const pending = router.route([a, b], req, { signal: ac.signal });
    await clock.advance(100);
    ac.abort();
    const res = await clock.run(pending);
    expect(res).toMatchObject({ ok: false, error: { kind: "cancelled" } });
    expect(calls.a).toBe(1);
    expect(clock.now()).toBe(100);
  });

  it("returns cancelled at once for an already-aborted signal", async () => {
    const { clock, router, calls } = setup({});
    const res = await clock.run(router.route([a], req, { signal: AbortSignal.abort() }));
    expect(res).toMatchObject({ ok: false, error: { kind: "cancelled" } });
    expect(calls.a).toBeUndefined();
  });
});

describe("platform limits", () => {
  it("never has more than maxConcurrent calls in flight per platform", async () => {
    const x = makeTarget("x", { platformId: "px" });
    const y = makeTarget("y", { platformId: "py" });
    const { clock, router, maxInFlight } = setup(
      { x: [success(100)], y: [success(100)] },
      { limits: { platform: (p) => (p === "px" ? { maxConcurrent: 2 } : undefined) } },
    );
    const all = Promise.all([
      ...Array.from({ length: 5 }, () => router.route([x], req)),
      ...Array.from({ length: 4 }, () => router.route([y], req)),
    ]);
    const results = await clock.run(all);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(maxInFlight.px).toBe(2);
    expect(maxInFlight.py).toBe(4);
    expect(clock.now()).toBe(300);
  });

  it("gives up waiting for a slot at the deadline", async () => {
    const { clock, router } = setup(
      { a: [success(1000)] },
      { limits: { platform: () => ({ maxConcurrent: 1 }) } },
    );
    const first = router.route([a], req);
    const second = router.route([a], req, { deadlineMs: 100 });
    const [r1, r2] = await clock.run(Promise.all([first, second]));
    expect(r1.ok).toBe(true);
    expect(r2).toMatchObject({ ok: false, error: { kind: "timeout" } });
  });

  it("delays calls over the request rate", async () => {
    const { clock, router, events } = setup(
      { a: [success(0)] },
      { limits: { platform: () => ({ requestsPerMinute: 2 }) } },
    );
    await clock.run(Promise.all([1, 2, 3, 4].map(() => router.route([a], req))));
    const starts = events.flatMap((e) => (e.type === "attempt_start" ? [e.at] : []));
    expect(starts).toEqual([0, 0, 30_000, 60_000]);
  });

  it("delays calls over the token rate", async () => {
    // Each request is estimated at 104 input + 100 output = 204 tokens.
    const { clock, router, events } = setup(
      { a: [success(0)] },
      { limits: { platform: () => ({ tokensPerMinute: 408 }) } },
    );
    await clock.run(Promise.all([1, 2, 3].map(() => router.route([a], req))));
    const starts = events.flatMap((e) => (e.type === "attempt_start" ? [e.at] : []));
    expect(starts).toEqual([0, 0, 30_000]);
  });

  it("asks an injected gate before each attempt and gives its slot back when the call settles", async () => {
    const log: string[] = [];
    const gate: PlatformGate = {
      admit(platformId, { tokens, deadlineAt }) {
        log.push(`admit ${platformId} ${tokens} ${deadlineAt}`);
        return Promise.resolve({ outcome: "ok", release: () => log.push("release") });
      },
    };
    const { clock, router, calls } = setup(
      { a: [failure("server", true), success(10)] },
      // The gate replaces the in-memory limits, which would have refused the second call.
      { gate, limits: { platform: () => ({ requestsPerMinute: 1 }) } },
    );
    const res = await clock.run(router.route([a], req, { deadlineMs: 5_000 }));
    expect(res.ok).toBe(true);
    expect(calls.a).toBe(2);
    expect(log).toEqual(["admit p1 204 5000", "release", "admit p1 204 5000", "release"]);
  });

  it("maps the gate's outcomes: cancelled and deadline stop the route without an attempt", async () => {
    for (const [outcome, kind] of [
      ["cancelled", "cancelled"],
      ["deadline", "timeout"],
    ] as const) {
      const gate: PlatformGate = { admit: () => ({ outcome }) };
      const { clock, router, calls } = setup({}, { gate });
      const res = await clock.run(router.route([a, b], req));
      expect(res).toMatchObject({ ok: false, error: { kind }, attempts: [] });
      expect(calls).toEqual({});
    }
  });

  it("skips a target whose gate fails, without throwing", async () => {
    const x = makeTarget("x", { platformId: "px" });
    const y = makeTarget("y", { platformId: "py" });
    const gate: PlatformGate = {
      admit: (platformId) =>
        platformId === "px"
          ? Promise.reject(new Error("slot table missing"))
          : { outcome: "ok", release: () => undefined },
    };
    // One failure would open a circuit: a failing gate says nothing about the offering.
    const { clock, router, calls, events } = setup({}, { gate, breaker: { failureThreshold: 1 } });
    const res = await clock.run(router.route([x, y], req));
    expect(res.ok && res.target).toBe(y);
    expect(calls.x).toBeUndefined();
    expect(events.find((e) => e.type === "fallback")).toMatchObject({ because: "unknown" });
    const only = await clock.run(router.route([x], req));
    expect(only).toMatchObject({
      ok: false,
      error: { kind: "unknown", message: "the platform gate failed: slot table missing" },
    });
    expect(router.breakerState(x.offeringId)).toBe("closed");
  });
});

describe("budget guard", () => {
  // a: input $2, output $10 per 1M → estimate (104·2 + 100·10)/1e6 = 0.001208
  const pricey = makeTarget("pricey", { prices: { input: 100, output: 100 } });

  it("refuses an over-budget target before calling it and falls back to one that fits", async () => {
    const { clock, router, calls, events } = setup(
      { pricey: [success()], a: [success()] },
      { budget: { maxCostPerRequestUsd: 0.005 } },
    );
    const res = await clock.run(router.route([pricey, a], req));
    expect(res.ok && res.target).toBe(a);
    expect(calls.pricey).toBeUndefined();
    expect(types(events)).toEqual([
      "decision",
      "budget_refused",
      "fallback",
      "attempt_start",
      "attempt_end",
    ]);
    expect(events[1]).toMatchObject({ scope: "per_request", limitUsd: 0.005, target: pricey });
    expect(events[2]).toMatchObject({ because: "budget" });
  });

  it("refuses with kind budget when nothing fits", async () => {
    const { clock, router } = setup({}, { budget: { maxCostPerRequestUsd: 0.0001 } });
    const res = await clock.run(router.route([a], req));
    expect(res).toMatchObject({ ok: false, error: { kind: "budget" }, attempts: [] });
  });

  it("can refuse targets with unknown prices", async () => {
    const free = makeTarget("free", { prices: { input: null, output: null } });
    const { clock, router } = setup(
      {},
      { budget: { maxCostPerRequestUsd: 1, unknownPrice: "refuse" } },
    );
    const res = await clock.run(router.route([free], req));
    expect(res).toMatchObject({ ok: false, error: { kind: "budget" } });
  });

  it("never overspends a run budget with concurrent calls, and commits actual cost", async () => {
    // Estimate 0.001208 each; actual (100·2 + 50·10)/1e6 = 0.0007 each; limit fits two estimates.
    const ledger = createMemoryBudgetLedger((run) => (run === "r" ? 0.003 : null));
    const { clock, router, calls, events } = setup(
      { a: [success(100)] },
      { budget: { ledger }, policy: pinnedPolicy() },
    );
    const results = await clock.run(
      Promise.all(Array.from({ length: 5 }, () => router.route([a], req, { runId: "r" }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && r.error.kind === "budget")).toHaveLength(3);
    expect(calls.a).toBe(2);
    const state = ledger.state("r");
    expect(state.reservedUsd).toBeCloseTo(0, 12);
    expect(state.spentUsd).toBeCloseTo(0.0014, 12);
    expect(events.filter((e) => e.type === "budget_refused")[0]).toMatchObject({
      scope: "run",
      limitUsd: 0.003,
      runId: "r",
    });
    // Actual spend freed room for one more.
    const again = await clock.run(router.route([a], req, { runId: "r" }));
    expect(again.ok).toBe(true);
  });

  it("commits what costOf says a call cost (a model router's served model), not the target's price", async () => {
    const ledger = createMemoryBudgetLedger(() => 1);
    const { clock, router } = setup(
      { a: [success(100)] },
      { budget: { ledger, costOf: () => 0.000123 }, policy: pinnedPolicy() },
    );
    const result = await clock.run(router.route([a], req, { runId: "r" }));
    expect(result).toMatchObject({ ok: true, costUsd: 0.000123 });
    expect(ledger.state("r")).toMatchObject({ spentUsd: 0.000123, reservedUsd: 0 });
  });

  it("releases the reservation of a failed attempt", async () => {
    const ledger = createMemoryBudgetLedger(() => 0.002);
    const { clock, router } = setup(
      { a: [failure("server", false)] },
      { budget: { ledger }, policy: pinnedPolicy() },
    );
    await clock.run(router.route([a], req, { runId: "r" }));
    expect(ledger.state("r")).toMatchObject({ spentUsd: 0, reservedUsd: 0 });
  });
});

describe("events carry the route and sequence", () => {
  it("numbers routes and orders events by time", async () => {
    const { clock, router, events } = setup({ a: [success(5)] });
    await clock.run(router.route([a], req));
    await clock.run(router.route([a], req));
    expect(events.map((e) => e.routeId)).toEqual([1, 1, 1, 2, 2, 2]);
    const times = events.map((e) => e.at);
    expect([...times].sort((x, y) => x - y)).toEqual(times);
  });
  it("builds no events without a sink", async () => {
    const clock = new FakeClock();
    const fake = scripted(clock, {});
    const target: Target = a;
    const router = createRouter({
      adapters: () => fake.adapter,
      policy: orderedFallbackPolicy(),
      clock,
      random: () => 0,
    });
    expect((await clock.run(router.route([target], req))).ok).toBe(true);
  });
});
