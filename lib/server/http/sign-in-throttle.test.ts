import { describe, expect, it } from "vitest";
import {
  SIGN_IN_LIMITS,
  decideAttempt,
  decideForgiven,
  getHoldSeconds,
  type ThrottleCounter,
  type ThrottleRule,
} from "./sign-in-throttle";

const { account: ACCOUNT, address: ADDRESS } = SIGN_IN_LIMITS;
const T0 = Date.parse("2026-01-05T09:00:00Z");

/** Runs attempts through `decideAttempt` as the store would, returning the last counter. */
function replay(
  times: number[],
  rule: ThrottleRule = ACCOUNT,
  accounts: (string | undefined)[] = [],
): { counter: ThrottleCounter | null; refusals: number[] } {
  let counter: ThrottleCounter | null = null;
  const refusals: number[] = [];
  times.forEach((at, index) => {
    const decision = decideAttempt(counter, rule, at, accounts[index]);
    if (decision.isAllowed) counter = decision.next;
    else refusals.push(decision.retryAfterSeconds);
  });
  return { counter, refusals };
}

describe("getHoldSeconds", () => {
  it("holds an account from its 5th failure, doubling from 1 s up to 30 s", () => {
    const holds = Array.from({ length: 12 }, (_, i) => getHoldSeconds(i + 1, ACCOUNT));
    expect(holds).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 30, 30, 30]);
  });

  it("holds an address from its 20th failed account, doubling from 1 s up to 60 s", () => {
    const holds = Array.from({ length: 9 }, (_, i) => getHoldSeconds(i + 19, ADDRESS));
    expect(holds).toEqual([0, 1, 2, 4, 8, 16, 32, 60, 60]);
  });
});

describe("decideAttempt", () => {
  it("refuses during a hold and says how long is left, rounded up", () => {
    const { counter } = replay([T0, T0, T0, T0, T0]);
    expect(counter?.lockedUntil?.getTime()).toBe(T0 + 1000);
    expect(decideAttempt(counter, ACCOUNT, T0 + 200)).toEqual({
      isAllowed: false,
      retryAfterSeconds: 1,
    });
    expect(decideAttempt(counter, ACCOUNT, T0 + 1000).isAllowed).toBe(true);
  });

  it("does not count refused attempts", () => {
    const { counter, refusals } = replay([T0, T0, T0, T0, T0, T0 + 10, T0 + 20]);
    expect(refusals).toEqual([1, 1]);
    expect(counter?.failures).toBe(5);
  });

  it("forgets a counter 15 minutes after its last failure", () => {
    // Spaced out past every hold, so all nine count.
    const times = Array.from({ length: 9 }, (_, i) => T0 + i * 31_000);
    const last = times.at(-1) ?? T0;
    const { counter } = replay(times);
    expect(counter?.failures).toBe(9);
    const later = decideAttempt(counter, ACCOUNT, last + 15 * 60 * 1000);
    expect(later.isAllowed && later.next.failures).toBe(1);
    const sooner = decideAttempt(counter, ACCOUNT, last + 15 * 60 * 1000 - 1);
    expect(sooner.isAllowed && sooner.next.failures).toBe(10);
  });

  it("counts each account once on an address, so retries on one account never hold it", () => {
    const { counter } = replay(
      Array.from({ length: 50 }, () => T0),
      ADDRESS,
      Array.from({ length: 50 }, () => "victim@example.test"),
    );
    expect(counter?.failures).toBe(1);
    expect(counter?.accounts).toEqual(["victim@example.test"]);
    expect(counter?.lockedUntil).toBeNull();
  });

  it("holds an address once 20 different accounts have failed from it", () => {
    const emails = Array.from({ length: 21 }, (_, i) => `user-${i}@example.test`);
    const { counter, refusals } = replay(
      emails.map(() => T0),
      ADDRESS,
      emails,
    );
    expect(counter?.failures).toBe(20);
    expect(refusals).toEqual([1]);
  });

  it("remembers at most 100 accounts per address", () => {
    const emails = Array.from({ length: 150 }, (_, i) => `user-${i}@example.test`);
    // Spaced out so that no hold refuses an attempt.
    const { counter } = replay(
      emails.map((_, i) => T0 + i * 61_000),
      ADDRESS,
      emails,
    );
    expect(counter?.failures).toBe(150);
    expect(counter?.accounts).toHaveLength(100);
    expect(counter?.accounts.at(-1)).toBe("user-149@example.test");
  });
});

describe("decideForgiven", () => {
  it("stops counting an account that signed in, and lifts the hold", () => {
    const emails = Array.from({ length: 20 }, (_, i) => `user-${i}@example.test`);
    const { counter } = replay(
      emails.map(() => T0),
      ADDRESS,
      emails,
    );
    const forgiven = decideForgiven(counter, "user-19@example.test");
    expect(forgiven?.failures).toBe(19);
    expect(forgiven?.accounts).not.toContain("user-19@example.test");
    expect(forgiven?.lockedUntil).toBeNull();
  });

  it("changes nothing for an account the address has not counted", () => {
    const { counter } = replay([T0], ADDRESS, ["a@example.test"]);
    expect(decideForgiven(counter, "b@example.test")).toBeNull();
    expect(decideForgiven(null, "b@example.test")).toBeNull();
  });
});
