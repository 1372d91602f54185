import { describeCasesNeeded, type PairSummary, type TargetSummary } from "@/lib/eval/summary";
import {
  formatCount,
  formatDay,
  formatDifferenceCi,
  formatMargin,
  formatPointsDifference,
  formatScoreWithUnit,
  toPoints,
} from "@/lib/format";
import { RUN_STATUS_LABELS, type RunStatusName } from "@/lib/schemas/runs";

/**
 * Run against run: the view model of one run's targets against the same targets in another run
 * of the same suite, and every sentence the page writes about it. A is "this run", B "the other
 * run"; each difference is A − B, paired over the cases both runs scored for that target, by the
 * same comparison (and verdict) as two targets of one run.
 */

/** One side of the comparison: a run, as the page names it. */
export type RunSide = {
  id: string;
  name: string;
  status: RunStatusName;
  isTerminal: boolean;
  createdAt: Date;
  finishedAt: Date | null;
  isSimulated: boolean;
  storedTrials: number;
  expectedTrials: number;
  suite: { id: string; name: string; caseCount: number };
  /** The schedule that launched the run and the version it ran; null for a run launched by hand. */
  schedule: RunSchedule | null;
  catalogSnapshot: { source: string; takenAt: Date } | null;
};

export type RunSchedule = { id: string; name: string; version: number | null };

/** A target of one of the two runs, with its own figures in that run. */
export type RunSideTarget = {
  id: string;
  label: string;
  kind: string;
  isSimulated: boolean;
  summary: TargetSummary;
};

/** The same target in both runs and its paired difference, this run − the other run. */
export type RunTargetComparison = {
  a: RunSideTarget;
  b: RunSideTarget;
  /** Null when no case was scored for the target in both runs. */
  pair: PairSummary | null;
};

/** Why two runs give no paired difference at all. */
export type RunAgainstRunProblem =
  "same-run" | "different-suites" | "no-common-targets" | "no-common-cases";

export type RunAgainstRunView = {
  /** This run. */
  a: RunSide;
  /** The other run. */
  b: RunSide;
  isSameSuite: boolean;
  problem: RunAgainstRunProblem | null;
  /** The parity margin every verdict uses. */
  margin: number;
  /** Matched targets, in this run's order. */
  matched: RunTargetComparison[];
  onlyA: RunSideTarget[];
  onlyB: RunSideTarget[];
  /** Cases scored in both runs for at least one matched target. */
  commonCases: number;
};

/** A run the picker offers. */
export type ComparableRun = {
  id: string;
  name: string;
  status: RunStatusName;
  createdAt: Date;
  isSimulated: boolean;
  suiteId: string;
  suiteName: string;
  schedule: RunSchedule | null;
};

/** What the picker offers: "this run" among the latest runs, and the runs of its suite. */
export type RunAgainstRunPicker = {
  /** The latest runs, and the chosen one when it is older. */
  runs: ComparableRun[];
  /** This run: the chosen one, or a default; null when there is no run at all. */
  run: ComparableRun | null;
  /** The other runs of its suite, newest first. */
  others: ComparableRun[];
  /** The run compared with when none is chosen; null when its suite has no other run. */
  suggestedOtherId: string | null;
};

const quoted = (name: string) => `“${name}”`;

const plural = (count: number, noun: string) =>
  `${formatCount(count)} ${noun}${count === 1 ? "" : "s"}`;

/** A run's schedule in a phrase: "schedule “Nightly”, version 3". */
export function describeRunSchedule(schedule: RunSchedule): string {
  return `schedule ${quoted(schedule.name)}${schedule.version === null ? "" : `, version ${schedule.version}`}`;
}

/** A run as a picker option: "Nightly (06 Dec) · Completed · 2026-12-06 · schedule “Nightly”, version 3 · simulated". */
export function runOptionLabel(run: ComparableRun): string {
  return [
    run.name,
    RUN_STATUS_LABELS[run.status],
    formatDay(run.createdAt),
    run.schedule ? describeRunSchedule(run.schedule) : null,
    run.isSimulated ? "simulated" : null,
  ]
    .filter((part): part is string => part !== null)
    .join(" · ");
}

/** The heading of the empty state for each reason there is nothing to pair. */
export const RUN_AGAINST_RUN_PROBLEM_TITLES: Record<RunAgainstRunProblem, string> = {
  "same-run": "The same run twice",
  "different-suites": "Different suites",
  "no-common-targets": "No target in common",
  "no-common-cases": "No case in common yet",
};

/**
 * A run in a source line: "“Nightly (07 Dec)” (Completed, 2026-12-07; catalogue snapshot seed,
 * 2026-12-01)".
 */
function describeRunSource(run: RunSide): string {
  return `${quoted(run.name)} (${RUN_STATUS_LABELS[run.status]}, ${formatDay(run.createdAt)}; catalogue snapshot ${
    run.catalogSnapshot
      ? `${run.catalogSnapshot.source}, ${formatDay(run.catalogSnapshot.takenAt)}`
      : "not recorded"
  })`;
}

/** Where the page's figures come from: both runs, their suite and catalogue snapshots. */
export function describeRunAgainstRunSource(view: Pick<RunAgainstRunView, "a" | "b">): string {
  return `This run ${describeRunSource(view.a)} against ${describeRunSource(view.b)}, suite ${quoted(view.a.suite.name)}.`;
}

/** Where the other run stands in time against this one. */
function relation(a: Pick<RunSide, "createdAt">, b: Pick<RunSide, "createdAt">): string {
  const delta = b.createdAt.getTime() - a.createdAt.getTime();
  if (delta < 0) return "an earlier run";
  if (delta > 0) return "a later run";
  return "a run launched at the same time";
}

/**
 * The direction every difference on the page is read in: "Each difference is this run −
 * the other run: “A” − “B” (an earlier run), in points, …".
 */
export function describeRunDirection(view: Pick<RunAgainstRunView, "a" | "b" | "margin">): string {
  return `Each difference is this run − the other run: ${quoted(view.a.name)} − ${quoted(view.b.name)} (${relation(view.a, view.b)}), in points, paired over the cases both runs scored for that target, with its 95% CI and a verdict at a margin of ${formatMargin(view.margin)}.`;
}

/**
 * What the two runs have in common: "84 cases scored in both runs; 3 targets in both, 1 only in
 * this run, none only in the other run."
 */
export function describeRunOverlap(
  view: Pick<RunAgainstRunView, "matched" | "onlyA" | "onlyB" | "commonCases">,
): string {
  const only = (count: number) => (count === 0 ? "none" : formatCount(count));
  return `${plural(view.commonCases, "case")} scored in both runs; ${plural(view.matched.length, "target")} in both, ${only(view.onlyA.length)} only in this run, ${only(view.onlyB.length)} only in the other run.`;
}

/**
 * One target's paired difference in a sentence, true of the figures beside it: "Claude Sonnet 4.6
 * on Bedrock scored 3.1 points lower than in “Nightly (06 Dec)” (95% CI −5.0 to −1.2, 84 common
 * cases): different."
 */
export function describeRunDifference(
  comparison: Pick<RunTargetComparison, "pair"> & {
    a: Pick<RunSideTarget, "label" | "isSimulated">;
    b: Pick<RunSideTarget, "isSimulated">;
  },
  otherRunName: string,
): string {
  const { pair } = comparison;
  const label = comparison.a.label;
  const other = quoted(otherRunName);
  if (!pair) {
    return `${label} has no case scored in both runs, so it has no paired difference with ${other}.`;
  }
  const isSimulated = comparison.a.isSimulated || comparison.b.isSimulated;
  const ci = `${formatDifferenceCi(pair.low, pair.high)}, ${plural(pair.n, "common case")}${isSimulated ? ", simulated" : ""}`;
  const points = toPoints(pair.difference) ?? 0;
  const needed = describeCasesNeeded(pair);
  const verdict = `${pair.verdict}${needed ? `; ${needed}` : ""}.`;
  if (pair.verdict === "equivalent") {
    return `${label} scored the same as in ${other} within ${formatMargin(pair.margin)} (${formatPointsDifference(pair.difference)}, ${ci}): ${verdict}`;
  }
  if (points === 0) {
    return `${label} scored the same as in ${other} (${formatPointsDifference(pair.difference)}, ${ci}): ${verdict}`;
  }
  const size = formatScoreWithUnit(Math.abs(pair.difference));
  return `${label} scored ${size} ${points > 0 ? "higher" : "lower"} than in ${other} (${ci}): ${verdict}`;
}

/** When a target of one run is the same as a target of the other (matchRunTargets). */
export const RUN_TARGET_MATCH_RULE =
  "A target matches when it calls the same thing in both runs: the same offering, the same routing policy over the same offerings in the same order, or the same cloud router.";

/** Under the list of targets only one run has. */
export const RUN_UNMATCHED_NOTE = `${RUN_TARGET_MATCH_RULE} These have no counterpart in the other run, so they are not compared.`;

/** Why there is nothing to pair, and what to do about it. */
export function describeRunAgainstRunProblem(
  problem: RunAgainstRunProblem,
  view: Pick<RunAgainstRunView, "a" | "b" | "matched">,
): string {
  const a = quoted(view.a.name);
  const b = quoted(view.b.name);
  switch (problem) {
    case "same-run":
      return `Both sides are ${a}: a run against itself differs by nothing. Choose another run of the suite ${quoted(view.a.suite.name)} to compare with.`;
    case "different-suites":
      return `${a} ran the suite ${quoted(view.a.suite.name)} and ${b} ran ${quoted(view.b.suite.name)}: runs are compared case by case, so both must have run the same suite. Choose a run of ${quoted(view.a.suite.name)}.`;
    case "no-common-targets":
      return `${a} and ${b} share no target, so nothing can be paired. ${RUN_TARGET_MATCH_RULE}`;
    case "no-common-cases": {
      const waiting =
        view.a.isTerminal && view.b.isTerminal
          ? ""
          : " One of the runs has not finished: differences appear once a case is scored in both.";
      return `${a} and ${b} share ${plural(view.matched.length, "target")}, but no case was scored for the same target in both runs.${waiting}`;
    }
  }
}

/** The empty state of a run with no other run of its suite to compare with. */
export function describeNoOtherRun(run: Pick<ComparableRun, "name" | "suiteName">): string {
  return `${quoted(run.name)} is the only run of the suite ${quoted(run.suiteName)}: another run of the same suite, with the same targets, is needed to compare with.`;
}

/** What the difference chart draws, with units and n. */
export function describeRunAgainstRunChart(
  view: Pick<RunAgainstRunView, "margin" | "commonCases">,
): string {
  return `Left: this run's mean score per target in points (0–100) with its 95% bootstrap CI, n = cases scored. Right: the paired difference this run − the other run in points over the cases both runs scored (up to ${formatCount(view.commonCases)}), its 95% CI and the verdict at a margin of ${formatMargin(view.margin)}.`;
}

/** How the side-by-side figures are measured. */
export const RUN_AGAINST_RUN_METRICS_NOTE =
  "Pass rate: share of scored trials that passed every assertion, with its Wilson 95% CI, n = scored trials. Latency p50: the median of successful calls, read from each run's latency histogram (±2.5%). Each run's own figures, over every case it scored.";

/** A run that has not finished: its figures will still change. Null when both have finished. */
export function describeUnfinishedRuns(view: Pick<RunAgainstRunView, "a" | "b">): string | null {
  const unfinished = (view.a.id === view.b.id ? [view.a] : [view.a, view.b]).filter(
    (run) => !run.isTerminal,
  );
  if (unfinished.length === 0) return null;
  return `${unfinished
    .map(
      (run) =>
        `${quoted(run.name)} is still ${run.status === "queued" ? "queued" : "running"} (${formatCount(run.storedTrials)} of ${formatCount(run.expectedTrials)} trials)`,
    )
    .join(
      " and ",
    )}: the figures below will change until ${unfinished.length === 1 ? "it finishes" : "they finish"}.`;
}

/** A run asked for in the URL that does not exist (or was deleted). */
export function describeMissingRun(side: "this" | "other"): string {
  return side === "this"
    ? "The run asked for was not found: it may have been deleted. Another run is shown instead; choose one below."
    : "The run to compare with was not found: it may have been deleted. Choose another below.";
}
