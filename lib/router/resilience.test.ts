import { describe, expect, it } from "vitest";
import type { BreakerState } from "@/lib/router/events";
import { FakeClock } from "@/lib/testing/fake-clock";
import {
  backoffDelayMs,
  CircuitBreakers,
  Semaphore,
  systemClock,
  TokenBucket,
} from "@/lib/router/resilience";

describe("backoffDelayMs (full jitter)", () => {
  const opts = { baseMs: 100, capMs: 1000 };
  it("draws from [0, base·2^n)", () => {
    expect(backoffDelayMs(0, opts, () => 0)).toBe(0);
    expect(backoffDelayMs(0, opts, () => 0.5)).toBe(50);
    expect(backoffDelayMs(2, opts, () => 0.5)).toBe(200);
    expect(backoffDelayMs(3, opts, () => 0.999999)).toBeLessThan(800);
  });
  it("caps the ceiling", () => {
    expect(backoffDelayMs(10, opts, () => 0.5)).toBe(500);
    expect(backoffDelayMs(10, opts, () => 0.999999)).toBeLessThan(1000);
  });
});

describe("CircuitBreakers", () => {
  it("opens after N consecutive failures, probes once after the cooldown, closes on success", () => {
    let t = 0;
    const clock = { now: () => t };
    const changes: [string, BreakerState, BreakerState][] = [];
    const b = new CircuitBreakers(clock.now, { failureThreshold: 3, cooldownMs: 1000 }, (o, f, t) =>
      changes.push([o, f, t]),
    );
    b.onFailure("x");
    b.onFailure("x");
    b.onSuccess("x"); // resets the count
    b.onFailure("x");
    b.onFailure("x");
    expect(b.state("x")).toBe("closed");
    b.onFailure("x");
    expect(b.state("x")).toBe("open");
    expect(b.tryAcquire("x")).toBe(false);
    expect(b.tryAcquire("y")).toBe(true); // per offering
    t = 999;
    expect(b.tryAcquire("x")).toBe(false);
    t = 1000;
    expect(b.tryAcquire("x")).toBe(true); // the probe
    expect(b.state("x")).toBe("half_open");
    expect(b.tryAcquire("x")).toBe(false); // only one probe
    b.onSuccess("x");
    expect(b.state("x")).toBe("closed");
    expect(b.tryAcquire("x")).toBe(true);
    expect(changes).toEqual([
      ["x", "closed", "open"],
      ["x", "open", "half_open"],
      ["x", "half_open", "closed"],
    ]);
  });
  it("reopens when the probe fails, and a neutral outcome frees the probe slot", () => {
    let t = 0;
    const clock = { now: () => t };
    const b = new CircuitBreakers(clock.now, { failureThreshold: 1, cooldownMs: 100 });
    b.onFailure("x");
    t = 100;
    expect(b.tryAcquire("x")).toBe(true);
    b.onNeutral("x");
    expect(b.tryAcquire("x")).toBe(true);
    b.onFailure("x");
    expect(b.state("x")).toBe("open");
    expect(b.tryAcquire("x")).toBe(false);
  });
});

describe("Semaphore", () => {
  it("admits at most max holders, FIFO, and lets waiters give up", async () => {
    const s = new Semaphore(2);
    expect(s.tryAcquire()).toBe(true);
    expect(await s.acquire()).toBe(true);
    expect(s.inUse).toBe(2);
    const order: string[] = [];
    const ac = new AbortController();
    const w1 = s.acquire().then((ok) => order.push(`w1:${ok}`));
    const w2 = s.acquire(ac.signal).then((ok) => order.push(`w2:${ok}`));
    const w3 = s.acquire().then((ok) => order.push(`w3:${ok}`));
    ac.abort();
    await w2;
    s.release();
    await w1;
    s.release();
    await w3;
    expect(order).toEqual(["w2:false", "w1:true", "w3:true"]);
    expect(s.inUse).toBe(2);
    s.release();
    s.release();
    expect(s.inUse).toBe(0);
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});

describe("TokenBucket", () => {
  it("allows a burst, then makes callers wait for refill", async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(clock.now, 60); // 1 per second, burst 60
    for (let i = 0; i < 60; i++) expect(bucket.take(1)).toBe(0);
    expect(bucket.take(1)).toBeCloseTo(1000, 6);
    expect(bucket.take(1)).toBeCloseTo(2000, 6); // queued behind the first
    await clock.advance(2000);
    expect(bucket.take(1)).toBeCloseTo(1000, 6);
  });
});

describe("systemClock", () => {
  it("sleeps, and wakes early on abort", async () => {
    const t0 = systemClock.now();
    await systemClock.sleep(5);
    expect(systemClock.now() - t0).toBeGreaterThanOrEqual(4);
    const ac = new AbortController();
    const p = systemClock.sleep(60_000, ac.signal);
    ac.abort();
    await p;
    await systemClock.sleep(60_000, ac.signal);
  });
});
