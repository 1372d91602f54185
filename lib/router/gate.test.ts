import { describe, expect, it } from "vitest";
import { createMemoryGate, type Admission, type PlatformLimits } from "@/lib/router/gate";
import { FakeClock } from "@/lib/testing/fake-clock";

function setup(limits: Record<string, PlatformLimits>) {
  const clock = new FakeClock();
  const asked: string[] = [];
  const gate = createMemoryGate((platformId) => {
    asked.push(platformId);
    return limits[platformId];
  }, clock);
  const admit = (
    platformId: string,
    options: { tokens?: number; signal?: AbortSignal; deadlineAt?: number } = {},
  ) =>
    Promise.resolve(
      gate.admit(platformId, {
        tokens: options.tokens ?? 1,
        signal: options.signal,
        deadlineAt: options.deadlineAt ?? Infinity,
      }),
    );
  return { clock, gate, admit, asked };
}

function release(admission: Admission): void {
  if (admission.outcome !== "ok") throw new Error(`not admitted: ${admission.outcome}`);
  admission.release();
}

describe("createMemoryGate", () => {
  it("admits a platform without limits synchronously, and asks for its limits once", () => {
    const { gate, asked } = setup({});
    const first = gate.admit("free", { tokens: 10_000, deadlineAt: Infinity });
    expect(first).toMatchObject({ outcome: "ok" });
    expect(first).not.toBeInstanceOf(Promise);
    gate.admit("free", { tokens: 10_000, deadlineAt: Infinity });
    expect(asked).toEqual(["free"]);
  });

  it("holds at most maxConcurrent slots and hands them over in order of arrival", async () => {
    const { clock, admit } = setup({ p: { maxConcurrent: 2 } });
    const held = [await admit("p"), await admit("p")];
    const order: number[] = [];
    const waiting = [1, 2, 3].map((n) =>
      admit("p").then((admission) => {
        order.push(n);
        return admission;
      }),
    );
    await clock.advance(1_000);
    expect(order).toEqual([]);
    release(held[0]!);
    await clock.advance(0);
    expect(order).toEqual([1]);
    release(held[1]!);
    await clock.advance(0);
    expect(order).toEqual([1, 2]);
    const [w1] = await Promise.all(waiting.slice(0, 1));
    release(w1!);
    expect(await waiting[2]).toMatchObject({ outcome: "ok" });
    expect(order).toEqual([1, 2, 3]);
  });

  it("gives a slot back only once, however often release is called", async () => {
    const { clock, admit } = setup({ p: { maxConcurrent: 1 } });
    const first = await admit("p");
    let isSecondIn = false;
    const second = admit("p").then((admission) => {
      isSecondIn = true;
      return admission;
    });
    release(first);
    release(first);
    await clock.advance(0);
    expect(isSecondIn).toBe(true);
    let isThirdIn = false;
    void admit("p").then(() => (isThirdIn = true));
    await clock.advance(1_000);
    expect(isThirdIn).toBe(false);
    release(await second);
    await clock.advance(0);
    expect(isThirdIn).toBe(true);
  });

  it("reports cancelled when the signal ends the wait for a slot, and the slot passes on", async () => {
    const { clock, admit } = setup({ p: { maxConcurrent: 1 } });
    const held = await admit("p");
    const ac = new AbortController();
    const cancelled = admit("p", { signal: ac.signal });
    const next = admit("p");
    await clock.advance(100);
    ac.abort();
    expect(await cancelled).toEqual({ outcome: "cancelled" });
    release(held);
    expect(await clock.run(next)).toMatchObject({ outcome: "ok" });
  });

  it("reports deadline when no slot frees up in time, at the deadline", async () => {
    const { clock, admit } = setup({ p: { maxConcurrent: 1 } });
    await admit("p");
    const late = admit("p", { deadlineAt: 250 });
    expect(await clock.run(late)).toEqual({ outcome: "deadline" });
    expect(clock.now()).toBe(250);
    expect(clock.pending).toBe(0);
  });

  it("reports cancelled, not deadline, when the signal ends a wait that had a deadline", async () => {
    const { clock, admit } = setup({ p: { maxConcurrent: 1 } });
    await admit("p");
    const ac = new AbortController();
    const waiting = admit("p", { signal: ac.signal, deadlineAt: 1_000 });
    await clock.advance(100);
    ac.abort();
    expect(await waiting).toEqual({ outcome: "cancelled" });
    expect(clock.pending).toBe(0);
  });

  it("spaces calls over the request rate, after a burst of one minute's worth", async () => {
    const { clock, admit } = setup({ p: { requestsPerMinute: 2 } });
    const admittedAt: number[] = [];
    await clock.run(
      Promise.all([1, 2, 3, 4].map(() => admit("p").then(() => admittedAt.push(clock.now())))),
    );
    expect(admittedAt).toEqual([0, 0, 30_000, 60_000]);
  });

  it("spaces calls over the token rate by their estimated tokens", async () => {
    const { clock, admit } = setup({ p: { tokensPerMinute: 600 } });
    const admittedAt: number[] = [];
    await clock.run(
      Promise.all(
        [400, 200, 300].map((tokens) =>
          admit("p", { tokens }).then(() => admittedAt.push(clock.now())),
        ),
      ),
    );
    // 600 in the bucket; the third call is 300 short, refilled at 10 tokens a second.
    expect(admittedAt).toEqual([0, 0, 30_000]);
  });

  it("refuses at once a call whose rate wait would pass the deadline", async () => {
    const { clock, admit } = setup({ p: { requestsPerMinute: 1 } });
    await admit("p");
    expect(await admit("p", { deadlineAt: 59_999 })).toEqual({ outcome: "deadline" });
    expect(clock.now()).toBe(0);
  });

  it("reports cancelled when the signal ends a rate wait", async () => {
    const { clock, admit } = setup({ p: { requestsPerMinute: 1 } });
    await admit("p");
    const ac = new AbortController();
    const waiting = admit("p", { signal: ac.signal });
    await clock.advance(10_000);
    ac.abort();
    expect(await waiting).toEqual({ outcome: "cancelled" });
  });

  it("keeps each platform's limits apart", async () => {
    const { admit } = setup({ p: { maxConcurrent: 1 }, q: { maxConcurrent: 1 } });
    await admit("p");
    expect(await admit("q")).toMatchObject({ outcome: "ok" });
  });
});
