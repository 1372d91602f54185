import type {
  Interval,
  PairSummary,
  ParityOutlook,
  Percentiles,
  TargetSummary,
} from "@/lib/eval/summary";
import { DEFAULT_PARITY_MARGIN } from "@/lib/eval/stats";
import { formatCount, formatMargin, toPoints, toUsd } from "@/lib/format";

/**
 * The view models of a run's results: what the run page, Compare, the report and the CLI show of
 * one target and of one pair of targets, built from the stored rollups' summaries by one function
 * each. Components take these types as props instead of re-declaring them; machine-readable
 * outputs (CLI JSON, report CSV/JSON) take the `*Export` forms, whose numbers are in the
 * product's units at the precision every page shows (quality in points, see lib/format).
 */

export type { Interval, PairSummary, ParityOutlook, Percentiles, TargetSummary };

/** One target of a run, as every results table shows it: its summary's figures, and costs. */
export type TargetRow = Pick<
  TargetSummary,
  | "trials"
  | "score"
  | "passRate"
  | "latencyMs"
  | "ttftMs"
  | "outputTokensPerSecond"
  | "costUsd"
  | "errorRate"
  | "errorsByKind"
> & {
  id: string;
  label: string;
  kind: string;
  isSimulated: boolean;
  /** USD per case: the mean cost of a trial that returned an output. */
  costPerCaseUsd: number | null;
  /** USD per 1,000 cases: 1,000 × the cost per case. */
  costPer1000CasesUsd: number | null;
};

/** What a target row needs from the run view's target. */
export type TargetSource = {
  id: string;
  label: string;
  kind: string;
  isSimulated: boolean;
  summary: TargetSummary;
};

export function targetRow(target: TargetSource): TargetRow {
  const { summary } = target;
  return {
    id: target.id,
    label: target.label,
    kind: target.kind,
    isSimulated: target.isSimulated,
    trials: summary.trials,
    score: summary.score,
    passRate: summary.passRate,
    latencyMs: summary.latencyMs,
    ttftMs: summary.ttftMs,
    outputTokensPerSecond: summary.outputTokensPerSecond,
    costUsd: summary.costUsd,
    costPerCaseUsd: summary.costPer1kUsd === null ? null : summary.costPer1kUsd / 1000,
    costPer1000CasesUsd: summary.costPer1kUsd,
    errorRate: summary.errorRate,
    errorsByKind: summary.errorsByKind,
  };
}

/** An interval in points, as exports write it. */
export type PointsInterval = { value: number; low: number; high: number; n: number };

function pointsInterval(interval: Interval | null): PointsInterval | null {
  if (!interval) return null;
  return {
    value: toPoints(interval.value) ?? 0,
    low: toPoints(interval.low) ?? 0,
    high: toPoints(interval.high) ?? 0,
    n: interval.n,
  };
}

/**
 * A target's figures for machine-readable outputs: quality and rates in points and percent at the
 * one decimal pages show, money with six significant digits (lib/format's toPoints and toUsd).
 */
export type TargetExport = {
  score: PointsInterval | null;
  /** Percent of scored trials that passed, with its Wilson interval. */
  passRate: PointsInterval | null;
  latencyMs: Percentiles;
  ttftMs: Percentiles;
  outputTokensPerSecond: number | null;
  costUsd: number | null;
  costPerCaseUsd: number | null;
  costPer1000CasesUsd: number | null;
  /** Percent of trials that failed, with its Wilson interval. */
  errorRate: PointsInterval | null;
};

export function targetExport(row: TargetRow): TargetExport {
  return {
    score: pointsInterval(row.score),
    passRate: pointsInterval(row.passRate),
    latencyMs: row.latencyMs,
    ttftMs: row.ttftMs,
    outputTokensPerSecond: row.outputTokensPerSecond,
    costUsd: toUsd(row.costUsd),
    costPerCaseUsd: toUsd(row.costPerCaseUsd),
    costPer1000CasesUsd: toUsd(row.costPer1000CasesUsd),
    errorRate: pointsInterval(row.errorRate),
  };
}

/** A paired comparison A − B for machine-readable outputs: the difference in points. */
export type PairExport = {
  a: string;
  b: string;
  n: number;
  difference: { value: number; low: number; high: number } | null;
  verdict: PairSummary["verdict"];
  casesNeeded: number | null;
};

export function pairExport(a: string, b: string, pair: PairSummary | null): PairExport {
  return {
    a,
    b,
    n: pair?.n ?? 0,
    difference: pair && {
      value: toPoints(pair.difference) ?? 0,
      low: toPoints(pair.low) ?? 0,
      high: toPoints(pair.high) ?? 0,
    },
    verdict: pair?.verdict ?? "inconclusive",
    casesNeeded: pair?.casesNeeded ?? null,
  };
}

/**
 * The launch form's estimate of what a parity run will settle: "84 cases: likely inconclusive at
 * ±2 points; about 310 cases needed (from the spread of paired differences in run “…”)".
 */
export function describeParityOutlook(
  outlook: ParityOutlook,
  margin: number = DEFAULT_PARITY_MARGIN,
): string {
  const cases = `${formatCount(outlook.cases)} case${outlook.cases === 1 ? "" : "s"}`;
  if (!outlook.basis || outlook.casesNeeded === null) {
    return `${cases}; no finished run of this suite with two or more targets yet, so how many cases a parity verdict needs cannot be estimated.`;
  }
  const source = `from the spread of paired differences in run “${outlook.basis.runName}”`;
  const needed = formatCount(outlook.casesNeeded);
  return outlook.cases >= outlook.casesNeeded
    ? `${cases}: likely enough for a conclusive verdict at ${formatMargin(margin)} (about ${needed} needed, ${source}).`
    : `${cases}: likely inconclusive at ${formatMargin(margin)}; about ${needed} cases needed (${source}).`;
}
