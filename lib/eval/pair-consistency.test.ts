import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { casesForConclusiveVerdict, pairedComparison } from "./stats";
import { compareTargets, describeCasesNeeded, type CaseRollup } from "./summary";

/**
 * One paired comparison everywhere: B vs A is exactly the mirror of A vs B (bounds included), the
 * same pair of the same run always gives the same interval, and an inconclusive verdict says about
 * how many cases would settle it.
 */

const rollup = fc
  .record({
    trials: fc.integer({ min: 1, max: 3 }),
    score: fc.double({ min: 0, max: 1, noNaN: true }),
    passes: fc.boolean(),
  })
  .map(({ trials, score, passes }) => ({
    category: "general",
    trials,
    scored: trials,
    passed: passes ? trials : 0,
    scoreSum: score * trials,
  }));

const casesOf = (rows: Omit<CaseRollup, "caseId">[]): CaseRollup[] =>
  rows.map((row, index) => ({ ...row, caseId: `c${String(index).padStart(3, "0")}` }));

describe("compareTargets", () => {
  it("is exactly antisymmetric: B vs A mirrors A vs B, bounds and McNemar counts included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(rollup, rollup), { minLength: 1, maxLength: 60 }),
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.string({ minLength: 1, maxLength: 12 }),
        (rows, idA, idB) => {
          fc.pre(idA !== idB);
          const a = { targetId: idA, cases: casesOf(rows.map(([x]) => x)) };
          const b = { targetId: idB, cases: casesOf(rows.map(([, y]) => y)) };
          const ab = compareTargets("run-1", a, b);
          const ba = compareTargets("run-1", b, a);
          expect(ab).not.toBeNull();
          expect(ba).not.toBeNull();
          if (!ab || !ba) return;
          expect(ba.difference).toBe(-ab.difference);
          expect(ba.low).toBe(-ab.high);
          expect(ba.high).toBe(-ab.low);
          expect([ba.meanA, ba.meanB]).toEqual([ab.meanB, ab.meanA]);
          expect(ba.verdict).toBe(ab.verdict);
          expect(ba.casesNeeded).toBe(ab.casesNeeded);
          expect(ba.mcnemar?.aOnly).toBe(ab.mcnemar?.bOnly);
          expect(ba.mcnemar?.pValue).toBe(ab.mcnemar?.pValue);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("gives the same interval for the same pair of the same run, and another for another run", () => {
    const scores = Array.from({ length: 40 }, (_, i) => ((i * 37) % 11) / 10);
    const a = {
      targetId: "t-a",
      cases: casesOf(
        scores.map((s) => ({
          category: "g",
          trials: 1,
          scored: 1,
          passed: s > 0.5 ? 1 : 0,
          scoreSum: s,
        })),
      ),
    };
    const b = {
      targetId: "t-b",
      cases: casesOf(
        scores.map((s, i) => ({
          category: "g",
          trials: 1,
          scored: 1,
          passed: 1,
          scoreSum: i % 3 === 0 ? 1 : s,
        })),
      ),
    };
    expect(compareTargets("run-1", a, b)).toEqual(compareTargets("run-1", a, b));
    const other = compareTargets("run-2", a, b);
    expect(other?.difference).toBe(compareTargets("run-1", a, b)?.difference);
    expect(other?.low).not.toBe(compareTargets("run-1", a, b)?.low);
  });
});

describe("casesForConclusiveVerdict", () => {
  // z = 1.959964 + 0.841621 = 2.801585 (95% interval, 80% power); worked by hand.
  it.each([
    // d, s, margin, cases: equivalence only, (2.801585 · 0.3 / 0.02)² = 1765.998
    [0, 0.3, 0.02, 1766],
    // |d| ≥ margin: "different" only, (2.801585 · 0.2 / 0.05)² = 125.58
    [0.05, 0.2, 0.02, 126],
    [-0.05, 0.2, 0.02, 126],
    // both reachable and equal: (2.801585 · 0.1 / 0.01)² = 784.89
    [0.01, 0.1, 0.02, 785],
    // both reachable: equivalence 3139.6, different 348.8; the smaller
    [0.015, 0.1, 0.02, 349],
    // a clear difference settles with very few cases, never fewer than 2
    [0.5, 0.01, 0.02, 2],
  ])("d = %s, s = %s, margin %s: about %s cases", (difference, sd, margin, cases) => {
    expect(casesForConclusiveVerdict({ difference, sd, n: 84 }, margin)).toBe(cases);
  });

  it("cannot estimate below 2 cases, or when no verdict is reachable", () => {
    expect(casesForConclusiveVerdict({ difference: 0.01, sd: null, n: 1 })).toBeNull();
    expect(casesForConclusiveVerdict({ difference: 0, sd: 0.2, n: 30 }, 0)).toBeNull();
  });

  it("is what an inconclusive paired comparison reports, and conclusive ones report none", () => {
    const a = Array.from({ length: 84 }, (_, i) => (i % 5 === 0 ? 0 : 1));
    const b = Array.from({ length: 84 }, (_, i) => (i % 6 === 0 ? 0 : 1));
    const inconclusive = pairedComparison(a, b);
    expect(inconclusive?.verdict).toBe("inconclusive");
    expect(inconclusive?.casesNeeded).toBeGreaterThan(84);
    const same = pairedComparison(a, a);
    expect(same?.verdict).toBe("equivalent");
    expect(same?.casesNeeded).toBeNull();
  });
});

describe("describeCasesNeeded", () => {
  it("is the one wording every surface uses, and says nothing for a conclusive verdict", () => {
    const pair = { verdict: "inconclusive" as const, n: 84, casesNeeded: 1766, margin: 0.02 };
    expect(describeCasesNeeded(pair)).toBe(
      "about 1,766 cases would settle it (84 now; margin ±2 points, 80% power)",
    );
    expect(describeCasesNeeded({ ...pair, verdict: "equivalent", casesNeeded: null })).toBeNull();
    expect(describeCasesNeeded({ ...pair, casesNeeded: null })).toBeNull();
  });
});
