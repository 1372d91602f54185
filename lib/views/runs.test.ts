import { describe, expect, it } from "vitest";
import {
  mirrorPair,
  pairedSpread,
  parityOutlook,
  type CaseRollup,
  type PairSummary,
  type TargetSummary,
} from "@/lib/eval/summary";
import { describeParityOutlook, pairExport, targetExport, targetRow } from "./runs";

const summary: TargetSummary = {
  trials: 168,
  score: { value: 0.84249, low: 0.78051, high: 0.9, n: 84 },
  passRate: { value: 0.9345, low: 0.88, high: 0.96, n: 168 },
  latencyMs: { p50: 840, p95: 1240, p99: 2000 },
  ttftMs: { p50: 200, p95: 400, p99: 500 },
  outputTokensPerSecond: 84,
  costUsd: 0.0806,
  costPer1kUsd: 0.48,
  errorRate: { value: 0, low: 0, high: 0.02, n: 168 },
  errorsByKind: {},
  servedBy: {},
  categories: [],
};

describe("targetRow and targetExport", () => {
  const row = targetRow({
    id: "t1",
    label: "A on B",
    kind: "offering",
    isSimulated: true,
    summary,
  });

  it("derives cost per case and per 1,000 cases from one figure", () => {
    expect(row.costPer1000CasesUsd).toBe(0.48);
    expect(row.costPerCaseUsd).toBeCloseTo(0.00048, 12);
  });

  it("exports quality in points at the precision every page shows", () => {
    const figures = targetExport(row);
    expect(figures.score).toEqual({ value: 84.2, low: 78.1, high: 90, n: 84 });
    expect(figures.passRate).toEqual({ value: 93.5, low: 88, high: 96, n: 168 });
  });
});

describe("pairExport", () => {
  const pair: PairSummary = {
    n: 84,
    meanA: 0.86,
    meanB: 0.82,
    difference: 0.04249,
    low: -0.06651,
    high: 0.15149,
    verdict: "inconclusive",
    margin: 0.02,
    casesNeeded: 310,
    mcnemar: null,
  };

  it("writes the difference in points", () => {
    expect(pairExport("a", "b", pair)).toEqual({
      a: "a",
      b: "b",
      n: 84,
      difference: { value: 4.2, low: -6.7, high: 15.1 },
      verdict: "inconclusive",
      casesNeeded: 310,
    });
  });

  it("is the exact mirror for the other order", () => {
    const forward = pairExport("a", "b", pair);
    const reverse = pairExport("b", "a", mirrorPair(pair));
    expect(reverse.difference).toEqual({
      value: -forward.difference!.value,
      low: -forward.difference!.high,
      high: -forward.difference!.low,
    });
  });

  it("says inconclusive with n = 0 when nothing was paired", () => {
    expect(pairExport("a", "b", null)).toEqual({
      a: "a",
      b: "b",
      n: 0,
      difference: null,
      verdict: "inconclusive",
      casesNeeded: null,
    });
  });
});

const rollup = (caseId: string, scoreSum: number, scored = 1): CaseRollup => ({
  caseId,
  category: "c",
  trials: scored,
  scored,
  passed: 0,
  scoreSum,
});

describe("pairedSpread", () => {
  it("is the sample SD of per-case differences over the cases both scored", () => {
    // Differences 1 − 0 = 1, 0 − 0 = 0, (1 + 0)/2 − 0 = 0.5; case d is A's only.
    const a = [rollup("a", 1), rollup("b", 0), rollup("c", 1, 2), rollup("d", 1)];
    const b = [rollup("a", 0), rollup("b", 0), rollup("c", 0)];
    expect(pairedSpread(a, b)).toEqual({ sd: 0.5, n: 3 });
  });
});

describe("parityOutlook", () => {
  const basis = { runId: "r", runName: "Earlier run", spreads: [0.3, 0.1, 0.2] };

  it("uses the median spread: n = (2.80 · s / margin)² at a true difference of 0", () => {
    // z = 1.959964 + 0.841621 = 2.801585; (2.801585 × 0.2 / 0.02)² = 784.89 → 785.
    const outlook = parityOutlook(84, basis);
    expect(outlook).toEqual({
      cases: 84,
      casesNeeded: 785,
      basis: { runId: "r", runName: "Earlier run", sd: 0.2 },
    });
    expect(describeParityOutlook(outlook)).toBe(
      "84 cases: likely inconclusive at ±2 points; about 785 cases needed (from the spread of paired differences in run “Earlier run”).",
    );
  });

  it("says a suite is likely enough when it has the cases", () => {
    const outlook = parityOutlook(1000, basis);
    expect(describeParityOutlook(outlook)).toBe(
      "1,000 cases: likely enough for a conclusive verdict at ±2 points (about 785 needed, from the spread of paired differences in run “Earlier run”).",
    );
  });

  it("says what it cannot estimate without an earlier run", () => {
    const outlook = parityOutlook(84, null);
    expect(outlook).toEqual({ cases: 84, casesNeeded: null, basis: null });
    expect(describeParityOutlook(outlook)).toMatch(/^84 cases; no finished run of this suite/);
  });
});
