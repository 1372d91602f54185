import type {
  ParityReading,
  RegressionDetail,
  RegressionFinding,
  RegressionRule,
} from "@/lib/eval/regressions";
import {
  formatCount,
  formatDateTime,
  formatDifferenceCi,
  formatMs,
  formatPercent,
  formatPointsDifference,
  formatPValue,
  formatScore,
  formatScoreWithUnit,
  formatSignedPoints,
} from "@/lib/format";

/**
 * Regressions as the Overview, the schedule page and alert messages show them: every sentence is
 * written here, once, from the finding's numbers (lib/eval/regressions states the rules), so a
 * stored regression reads the same in the app and in a webhook.
 */

export type { RegressionRule };

/** Each rule in words. */
export const REGRESSION_RULE_LABELS: Record<RegressionRule, string> = {
  score_drop: "Score drop",
  parity_changed: "Parity verdict changed",
  latency_p95: "Latency p95 over threshold",
  error_rate: "Error rate over threshold",
  router_shift: "Router's calls shifted",
};

/** What is watched, for an empty list: one line. */
export const REGRESSIONS_WATCHED =
  "After each scheduled run, Crossbench compares it with the schedule's previous run: a score drop whose paired 95% interval lies below zero, a parity verdict that changes, a cloud router whose share of calls to its owner's models shifts (p < 0.01), and latency p95 or error rate over the thresholds set on the schedule.";

/** The empty state's title. */
export const REGRESSIONS_EMPTY = "No regressions detected";

/** The Overview card's title and what it lists. */
export const REGRESSIONS_TITLE = "Latest regressions";
export const REGRESSIONS_DESCRIPTION =
  "What the regression rules found after scheduled runs, newest first, each with the run it was found in.";

/** A regression as a list shows it. */
export type RegressionView = {
  id: string;
  rule: RegressionRule;
  /** The rule in words. */
  ruleLabel: string;
  /** One sentence, true of the regression's numbers. */
  summary: string;
  targetLabel: string;
  createdAt: Date;
  run: { id: string; name: string; isSimulated: boolean };
  /** The run it was compared with; null for a threshold rule on a schedule's first run. */
  previousRun: { id: string; name: string } | null;
  /** Null when the schedule has been deleted since. */
  schedule: { id: string; name: string } | null;
};

/** Where and when a regression was found: "Nightly parity · 2026-12-06 10:00:00 UTC". */
export function describeRegressionSource(
  view: Pick<RegressionView, "schedule" | "createdAt">,
): string {
  return `${view.schedule?.name ?? "A deleted schedule"} · ${formatDateTime(view.createdAt)}`;
}

/** The link to the run a regression was found in. */
export function regressionRunLinkText(view: Pick<RegressionView, "run">): string {
  return `Open ${view.run.name}`;
}

/** The link comparing the run with the one it was compared with. */
export function regressionCompareLinkText(previous: { name: string }): string {
  return `Compare with ${previous.name}`;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/** "n = 120 cases", with ", simulated" when the run ran against the emulator. */
function sampleClause(n: number, noun: string, isSimulated: boolean): string {
  return `n = ${plural(n, noun)}${isSimulated ? ", simulated" : ""}`;
}

/** A parity reading in words, naming the side ahead. */
export function describeParityReading(reading: ParityReading, a: string, b: string): string {
  switch (reading) {
    case "equivalent":
      return "equivalent";
    case "inconclusive":
      return "inconclusive";
    case "a_ahead":
      return `${a} ahead`;
    case "b_ahead":
      return `${b} ahead`;
  }
}

/** The one sentence a regression is stored and sent with. */
export function describeRegression(
  finding: Pick<RegressionFinding, "targetLabel"> & { detail: RegressionDetail },
  options: { isSimulated: boolean },
): string {
  const { detail, targetLabel } = finding;
  const { isSimulated } = options;
  switch (detail.rule) {
    case "score_drop":
      return `${targetLabel} scored ${formatPointsDifference(detail.difference)} against the schedule's previous run (${formatScore(detail.after)} against ${formatScoreWithUnit(detail.before)} on the same cases; ${formatDifferenceCi(detail.interval.low, detail.interval.high)}; ${sampleClause(detail.n, "case", isSimulated)}).`;
    case "parity_changed": {
      const { a, b } = detail;
      return `Parity of ${a.label} and ${b.label} changed from ${describeParityReading(detail.before.reading, a.label, b.label)} to ${describeParityReading(detail.after.reading, a.label, b.label)}: ${a.label} − ${b.label} went from ${formatSignedPoints(detail.before.difference)} to ${formatPointsDifference(detail.after.difference)} (change ${formatPointsDifference(detail.shift.difference)}, ${formatDifferenceCi(detail.shift.interval.low, detail.shift.interval.high)}; ${sampleClause(detail.shift.n, "case", isSimulated)}).`;
    }
    case "latency_p95":
      return `${targetLabel} had a latency p95 of ${formatMs(detail.after)}, over the schedule's ${formatMs(detail.threshold)} threshold (${sampleClause(detail.n, "call", isSimulated)}${detail.before === null ? "" : `; ${formatMs(detail.before)} in the previous run`}).`;
    case "error_rate":
      return `${targetLabel} had an error rate of ${formatPercent(detail.after)} (95% CI ${formatPercent(detail.interval.low)} to ${formatPercent(detail.interval.high)}; ${formatCount(detail.errors)} errors, ${sampleClause(detail.n, "trial", isSimulated)}), over the schedule's ${formatPercent(detail.threshold)} threshold even at the interval's low end${detail.before === null ? "" : `; ${formatPercent(detail.before)} in the previous run`}.`;
    case "router_shift":
      return `${targetLabel} sent ${formatPercent(detail.after.share)} of its calls to the ${detail.ownerGroup}, against ${formatPercent(detail.before.share)} in the schedule's previous run (${formatCount(detail.after.ownerCalls)} of ${plural(detail.after.calls, "call")} against ${formatCount(detail.before.ownerCalls)} of ${formatCount(detail.before.calls)}${isSimulated ? ", simulated" : ""}; two-proportion test ${formatPValue(detail.pValue)}).`;
  }
}
