import { describe, expect, it } from "vitest";
import type { Target } from "@/lib/router/types";
import {
  StoredPolicyError,
  createPolicy,
  estimatePolicy,
  parseStoredPolicy,
  toStoredPolicy,
  type PolicySpec,
} from "./policy-spec";

const SPECS: PolicySpec[] = [
  { kind: "pinned" },
  { kind: "fallback" },
  { kind: "cheapest" },
  { kind: "fastest" },
  { kind: "quality-floor", threshold: 0.8, scores: { a: { "*": 0.9, math: 0.5 } } },
  { kind: "weighted", weights: { a: 3, b: 1 } },
];

const candidates = [{ offeringId: "a" }, { offeringId: "b" }, { offeringId: "c" }];

describe("policy specs", () => {
  it.each(SPECS)("round-trips through the stored form: $kind", (spec) => {
    expect(parseStoredPolicy(toStoredPolicy(spec), "run r, target 1")).toEqual(spec);
  });

  it("reads saved policies as they were stored (no kind in the config; no threshold meant 0)", () => {
    expect(
      parseStoredPolicy({ kind: "policy", policy: "quality-floor", policyConfig: {} }, "x"),
    ).toEqual({ kind: "quality-floor", threshold: 0, scores: {} });
    expect(
      parseStoredPolicy({ kind: "policy", policy: "weighted", policyConfig: null }, "x"),
    ).toEqual({ kind: "weighted", weights: {} });
  });

  it("refuses unknown policies and bad settings, naming the row, instead of a silent fallback", () => {
    const read = (stored: { kind: string; policy: string | null; policyConfig: unknown }) => () =>
      parseStoredPolicy(stored, "run r1, target 2");
    expect(read({ kind: "policy", policy: "random", policyConfig: null })).toThrow(
      new StoredPolicyError(
        'run r1, target 2: the routing policy "random" is not one Crossbench knows',
      ),
    );
    expect(read({ kind: "policy", policy: null, policyConfig: null })).toThrow(/run r1, target 2/);
    expect(read({ kind: "policy", policy: "pinned", policyConfig: null })).toThrow(/not one/);
    expect(read({ kind: "router", policy: null, policyConfig: null })()).toEqual({
      kind: "pinned",
    });
    expect(read({ kind: "bandit", policy: null, policyConfig: null })).toThrow(
      'run r1, target 2: unknown target kind "bandit"',
    );
    expect(
      read({ kind: "policy", policy: "weighted", policyConfig: { weights: { a: -1 } } }),
    ).toThrow(
      /run r1, target 2: the settings of the routing policy "weighted" are invalid \(weights\.a: /,
    );
  });

  it.each(SPECS)("builds a router policy for every kind: $kind", (spec) => {
    expect(createPolicy(spec, { random: () => 0.5 }).name).toMatch(/\w/);
  });

  it("saved quality floor: cheapest clearing the floor, else the best-scoring", () => {
    const target = (offeringId: string, input: number): Target =>
      ({ offeringId, prices: { input, output: input } }) as unknown as Target;
    const policy = createPolicy(
      {
        kind: "quality-floor",
        threshold: 0.8,
        scores: { a: { "*": 0.9 }, b: { "*": 0.85 }, c: { "*": 0.7, math: 0.95 } },
      },
      { random: Math.random },
    );
    const pool = [target("a", 3), target("b", 2), target("c", 1)];
    const request = (category: string) => ({ category }) as never;
    expect(policy.decide(pool, request("general")).order.map((t) => t.offeringId)).toEqual([
      "b",
      "a",
    ]);
    expect(policy.decide(pool, request("math")).order[0]?.offeringId).toBe("c");
  });
});

describe("estimatePolicy", () => {
  const costs = [3, 1, 2];
  it("prices order-based policies at the first offering and choice-based ones by price", () => {
    expect(estimatePolicy({ kind: "fallback" }, candidates, costs)).toEqual({
      shares: [1, 0, 0],
      maxIndex: 0,
      needsEveryPrice: false,
    });
    expect(estimatePolicy({ kind: "cheapest" }, candidates, costs).shares).toEqual([0, 1, 0]);
    expect(estimatePolicy({ kind: "fastest" }, candidates, costs).shares).toEqual([1, 0, 0]);
  });

  it("prices a saved quality floor at the cheapest offering that clears it, not as 'fastest'", () => {
    const spec: PolicySpec = {
      kind: "quality-floor",
      threshold: 0.8,
      scores: { a: { "*": 0.9 }, b: { "*": 0.5 }, c: { "*": 0.85 } },
    };
    expect(estimatePolicy(spec, candidates, costs)).toEqual({
      shares: [0, 0, 1],
      maxIndex: 0,
      needsEveryPrice: true,
    });
  });

  it("prices a weighted policy in proportion to the weights", () => {
    const spec: PolicySpec = { kind: "weighted", weights: { a: 3, b: 1, c: 0 } };
    expect(estimatePolicy(spec, candidates, costs).shares).toEqual([0.75, 0.25, 0]);
  });
});
