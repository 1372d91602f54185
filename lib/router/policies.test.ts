import { describe, expect, it } from "vitest";
import {
  blendedPrice,
  cheapestPolicy,
  createLatencyTracker,
  fastestPolicy,
  orderedFallbackPolicy,
  pinnedPolicy,
  qualityFloorPolicy,
  sameModelFirstPolicy,
  weightedPolicy,
} from "@/lib/router/policies";
import { makeTarget } from "@/lib/testing/router-targets";
import type { ChatRequest, Target } from "@/lib/router/types";

const req: ChatRequest = { messages: [{ role: "user", content: "hi" }] };
const ids = (ts: Target[]) => ts.map((t) => t.offeringId);

/** A deterministic generator in [0, 1) (LCG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("pinnedPolicy", () => {
  const a = makeTarget("a");
  const b = makeTarget("b");
  it("returns only the first candidate, pinned", () => {
    const d = pinnedPolicy().decide([a, b], req);
    expect(ids(d.order)).toEqual(["a"]);
    expect(d.pinned).toBe(true);
  });
  it("returns only the named offering", () => {
    expect(ids(pinnedPolicy("b").decide([a, b], req).order)).toEqual(["b"]);
  });
  it("returns nothing (never another model) when the named offering is absent", () => {
    const d = pinnedPolicy("zzz").decide([a, b], req);
    expect(d.order).toEqual([]);
    expect(d.reason).toMatch(/zzz/);
  });
});

describe("orderedFallbackPolicy", () => {
  it("keeps the given order and does not alias the input", () => {
    const input = [makeTarget("a"), makeTarget("b"), makeTarget("c")];
    const d = orderedFallbackPolicy().decide(input, req);
    expect(ids(d.order)).toEqual(["a", "b", "c"]);
    expect(d.order).not.toBe(input);
    expect(d.pinned).toBe(false);
  });
});

describe("cheapestPolicy", () => {
  it("orders by blended 3:1 price with unknown prices last", () => {
    const a = makeTarget("a", { prices: { input: 3, output: 3 } }); // 3
    const b = makeTarget("b", { prices: { input: 1, output: 10 } }); // 3.25, cheaper input
    const c = makeTarget("c", { prices: { input: null, output: 1 } });
    const d = makeTarget("d", { prices: { input: 0.5, output: 0.5 } }); // 0.5
    expect(blendedPrice(b)).toBe(3.25);
    const out = cheapestPolicy().decide([c, b, a, d], req);
    expect(ids(out.order)).toEqual(["d", "a", "b", "c"]);
    expect(out.reason).toMatch(/d/);
  });
  it("is stable for equal prices", () => {
    const x = makeTarget("x");
    const y = makeTarget("y");
    expect(ids(cheapestPolicy().decide([y, x], req).order)).toEqual(["y", "x"]);
  });
});

describe("fastestPolicy and the latency tracker", () => {
  it("keeps an exponential moving average", () => {
    const t = createLatencyTracker(0.5);
    expect(t.get("a")).toBeNull();
    t.record("a", 100);
    t.record("a", 200);
    expect(t.get("a")).toBe(150);
    t.record("a", Number.NaN);
    expect(t.get("a")).toBe(150);
  });
  it("orders by moving average, unobserved last", () => {
    const t = createLatencyTracker(0.5);
    t.record("a", 100);
    t.record("a", 200); // 150
    t.record("b", 120);
    const out = fastestPolicy(t).decide([makeTarget("c"), makeTarget("a"), makeTarget("b")], req);
    expect(ids(out.order)).toEqual(["b", "a", "c"]);
  });
  it("rejects a bad alpha", () => {
    expect(() => createLatencyTracker(0)).toThrow(RangeError);
  });
});

describe("qualityFloorPolicy", () => {
  const a = makeTarget("a", { prices: { input: 5, output: 5 } });
  const b = makeTarget("b", { prices: { input: 1, output: 1 } });
  const c = makeTarget("c", { prices: { input: 0.1, output: 0.1 } });
  const d = makeTarget("d", { prices: { input: 2, output: 2 } });
  const table: Record<string, number | null> = { a: 0.9, b: 0.8, c: 0.5, d: null };
  const scores = (offeringId: string, category: string) =>
    category === "code" ? (table[offeringId] ?? null) : null;

  it("keeps offerings at or above the floor, cheapest first", () => {
    const p = qualityFloorPolicy({ scores, threshold: 0.8 });
    const out = p.decide([a, b, c, d], { ...req, category: "code" });
    expect(ids(out.order)).toEqual(["b", "a"]);
  });
  it("uses the default category and reports when nothing qualifies", () => {
    const p = qualityFloorPolicy({ scores, threshold: 0.95, defaultCategory: "code" });
    const out = p.decide([a, b, c, d], req);
    expect(out.order).toEqual([]);
    expect(out.reason).toMatch(/no offering/);
  });
  it("returns nothing without a category", () => {
    expect(qualityFloorPolicy({ scores, threshold: 0 }).decide([a], req).order).toEqual([]);
  });
});

describe("sameModelFirstPolicy", () => {
  it("puts the primary model's other platforms before other models", () => {
    const p = makeTarget("p", { modelId: "m", platformId: "x", prices: { input: 9, output: 9 } });
    const q = makeTarget("q", { modelId: "n", platformId: "x", prices: { input: 1, output: 1 } });
    const r = makeTarget("r", { modelId: "m", platformId: "y", prices: { input: 2, output: 2 } });
    const s = makeTarget("s", { modelId: "n", platformId: "y", prices: { input: 3, output: 3 } });
    expect(ids(sameModelFirstPolicy().decide([p, q, r, s], req).order)).toEqual([
      "p",
      "r",
      "q",
      "s",
    ]);
    // With a cheapest inner policy the primary still leads its group.
    expect(ids(sameModelFirstPolicy(cheapestPolicy()).decide([p, q, r, s], req).order)).toEqual([
      "p",
      "r",
      "q",
      "s",
    ]);
  });
});

describe("weightedPolicy", () => {
  const a = makeTarget("a");
  const b = makeTarget("b");
  const z = makeTarget("z");
  const weights: Record<string, number> = { a: 3, b: 1, z: 0 };
  const weight = (t: Target) => weights[t.offeringId];

  it("draws by weight with the injected random, zero weights last", () => {
    // total 4: r=0.5 → 2 < 3 → a; then only b.
    expect(ids(weightedPolicy({ weight, random: () => 0.5 }).decide([z, a, b], req).order)).toEqual(
      ["a", "b", "z"],
    );
    // r=0.9 → 3.6 ≥ 3 → b first.
    expect(ids(weightedPolicy({ weight, random: () => 0.9 }).decide([z, a, b], req).order)).toEqual(
      ["b", "a", "z"],
    );
  });
  it("puts an offering first in proportion to its weight", () => {
    const p = weightedPolicy({ weight, random: lcg(42) });
    let firstA = 0;
    const n = 4000;
    for (let i = 0; i < n; i++) if (p.decide([a, b], req).order[0] === a) firstA++;
    expect(firstA / n).toBeGreaterThan(0.72);
    expect(firstA / n).toBeLessThan(0.78);
  });
  it("treats missing weights as 1", () => {
    const out = weightedPolicy({ weight: () => undefined, random: () => 0.99 }).decide([a, b], req);
    expect(ids(out.order)).toEqual(["b", "a"]);
  });
});
