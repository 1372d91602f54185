import {
  providerGroupOf,
  ownerGroupName,
  type GroupPlatform,
  type GroupTie,
} from "@/lib/lockin/groups";
import { histogramCount } from "./histogram";
import { hashSeed } from "./random";
import { matchRunTargets, compareAcrossRuns, type RunTargetIdentity } from "./run-against-run";
import { bootstrapMeanCi, DEFAULT_PARITY_MARGIN } from "./stats";
import {
  caseMeans,
  compareTargets,
  summarizeTarget,
  type CaseRollup,
  type PairSummary,
  type TargetRollup,
} from "./summary";

/**
 * Regression detection after a scheduled run (the methodology): five stated rules that compare a
 * run with the previous completed run of the same schedule, or with the thresholds the user set on
 * the schedule. Every figure is the one the run pages show: scores and verdicts come from
 * `compareTargets` / `compareAcrossRuns`, latency and error rates from `summarizeTarget` with the
 * run page's seed. Pure: no Next, React, Prisma or env.
 *
 * The rules, and what each one risks when nothing changed (its false-alarm level):
 *
 * - **score_drop** — for each target of the run matched with the same target of the previous run
 *   (`matchRunTargets`), the paired comparison over the cases both runs scored (repeats averaged
 *   per case, a 95% percentile bootstrap of the mean of this run − previous). It fires when the
 *   whole interval lies below zero (high < 0), on at least {@link MIN_PAIRED_CASES} cases. When
 *   the target did not change, the chance of that is one tail of a 95% interval: 2.5% per target
 *   per run (the unit test measures it on runs drawn from one distribution).
 *
 * - **parity_changed** — for each pair of the run's single-offering targets that serve the same
 *   canonical model on different platforms (the pairs the Overview's parity gaps list), both
 *   matched in the previous run: the parity verdict of A − B within each run, exactly as that
 *   run's page shows it, read with its direction (equivalent, A ahead, B ahead, inconclusive).
 *   It fires when the verdict changed in a way that withdraws a claim the previous run made —
 *   from equivalent to anything else, or from one conclusive verdict to another (equivalent ↔
 *   different, or the lead changing sides) — and the change in the gap is itself measured: the
 *   95% bootstrap interval of the per-case change (A − B this run) − (A − B previous), over the
 *   cases scored by both targets in both runs, excludes zero. Not counted: a change from
 *   inconclusive (the previous run claimed nothing) and from different to inconclusive (a gap no
 *   longer proven is not a regression). Verdicts alone flip on noise when the true gap sits near
 *   the margin; the second condition bounds the false-alarm level at 5% per pair per run (two
 *   tails of a 95% interval), and lower in practice since a verdict must flip as well.
 *
 * - **latency_p95** — a target's latency p95 (ms, read from its latency histogram, as the run page
 *   shows it, to the histogram's 5% bucket resolution) above the schedule's `alertLatencyP95Ms`.
 *   A threshold on the measured figure: no statistical allowance, so on few calls it can fire on
 *   noise. A target with no timed call has no p95 and never fires.
 *
 * - **error_rate** — a target's error rate (errors ÷ trials) whose Wilson 95% interval lies wholly
 *   above the schedule's `alertErrorRate` (low > threshold), so a few errors on few trials do not
 *   fire. When the true rate equals the threshold the chance of firing is 2.5% (one tail), less
 *   when it is below.
 *
 * - **router_shift** — for each provider-router target (kind "router") matched in the previous
 *   run, the share of its calls served by the platform owner's group (the owner's own models and
 *   vendors it is tied to, grouped as lib/lockin/groups does for the lock-in factor and the
 *   routers' audit; calls whose served model is not mapped are left out of both counts). It fires
 *   when a pooled two-proportion z-test of this run's share against the previous run's gives
 *   p < 0.01 (two-sided), applied only when every cell's expected count under the pooled share is
 *   at least 5 (the normal approximation's usual condition). False-alarm level: 1% per router per
 *   run.
 *
 * Each rule is applied independently; a run with many targets makes many tests, so the chance that
 * some rule fires somewhere grows with the number of targets and pairs watched.
 */

/** The rules, in the order findings are listed. */
export const REGRESSION_RULES = [
  "score_drop",
  "parity_changed",
  "latency_p95",
  "error_rate",
  "router_shift",
] as const;

export type RegressionRule = (typeof REGRESSION_RULES)[number];

/** Confidence level of every interval the rules read. */
export const REGRESSION_CONFIDENCE = 0.95;
/** Fewest paired cases a score drop (or a parity change) is judged on. */
export const MIN_PAIRED_CASES = 10;
/** Significance level of the router-share test (two-sided). */
export const ROUTER_SHIFT_ALPHA = 0.01;
/** Smallest expected count per cell for the router-share test's normal approximation. */
export const ROUTER_SHIFT_MIN_EXPECTED = 5;

/** A run's target with its stored rollups, as the rules need it. */
export type RegressionTarget = RunTargetIdentity & {
  /** For a single-offering target: the canonical model it serves and the platform; else null. */
  model: { modelId: string; platformId: string } | null;
  rollup: TargetRollup;
  cases: readonly CaseRollup[];
  /** For a provider's router: its platform and calls by served model (catalogue id or raw id). */
  router: { platform: GroupPlatform; servedModels: Readonly<Record<string, number>> } | null;
};

export type RegressionRun = { id: string; targets: readonly RegressionTarget[] };

/** The schedule's thresholds; null turns a rule off. */
export type AlertThresholds = {
  /** Milliseconds. */
  latencyP95Ms: number | null;
  /** A fraction in [0, 1]. */
  errorRate: number | null;
};

export type RegressionInput = {
  run: RegressionRun;
  /** The schedule's previous completed run; null for its first. */
  previous: RegressionRun | null;
  thresholds: AlertThresholds;
  ties: readonly GroupTie[];
  /** The vendor slug of a served model (a router's `servedModels` key); null when unmapped. */
  vendorOf: (servedModel: string) => string | null;
  /** Equivalence margin on the 0–1 scale (default 0.02, two points). */
  margin?: number;
};

/** An interval's bounds. */
export type Bounds = { low: number; high: number };

/** This run − previous, on the cases both scored. Scores on the 0–1 scale. */
export type ScoreDropDetail = {
  rule: "score_drop";
  before: number;
  after: number;
  difference: number;
  interval: Bounds;
  /** Cases paired. */
  n: number;
  /** The interval's upper bound had to be below this. */
  threshold: 0;
  confidence: number;
};

/** A parity verdict with the direction of a conclusive difference. */
export type ParityReading = "equivalent" | "a_ahead" | "b_ahead" | "inconclusive";

/** One run's A − B within the run, as its page shows it. */
export type ParitySide = {
  reading: ParityReading;
  difference: number;
  interval: Bounds;
  n: number;
};

export type ParityChangedDetail = {
  rule: "parity_changed";
  a: { label: string; platformId: string };
  b: { label: string; platformId: string };
  modelId: string;
  margin: number;
  before: ParitySide;
  after: ParitySide;
  /** (A − B this run) − (A − B previous), per case over the cases all four scored. */
  shift: { difference: number; interval: Bounds; n: number };
  confidence: number;
};

export type LatencyDetail = {
  rule: "latency_p95";
  /** The same target's p95 in the previous run (ms), when it was matched and timed. */
  before: number | null;
  after: number;
  /** Calls timed (the latency histogram's count). */
  n: number;
  threshold: number;
};

export type ErrorRateDetail = {
  rule: "error_rate";
  /** The same target's error rate in the previous run, when matched. */
  before: number | null;
  after: number;
  interval: Bounds;
  /** Trials. */
  n: number;
  errors: number;
  threshold: number;
  confidence: number;
};

/** The owner group's calls among the calls whose served model is mapped. */
export type OwnerShare = { share: number; ownerCalls: number; calls: number };

export type RouterShiftDetail = {
  rule: "router_shift";
  ownerGroup: string;
  before: OwnerShare;
  after: OwnerShare;
  difference: number;
  z: number;
  pValue: number;
  alpha: number;
};

export type RegressionDetail =
  ScoreDropDetail | ParityChangedDetail | LatencyDetail | ErrorRateDetail | RouterShiftDetail;

/**
 * What a rule found. `targetLabel` names the target (for a parity change, the pair, as
 * `parityPairLabel` writes it) and with the run and rule identifies the finding.
 */
export type RegressionFinding = {
  rule: RegressionRule;
  targetLabel: string;
  detail: RegressionDetail;
};

/** The label a parity finding is stored under: "A vs B". */
export function parityPairLabel(a: string, b: string): string {
  return `${a} vs ${b}`;
}

/** The direction-aware reading of a within-run pair. */
export function parityReading(pair: Pick<PairSummary, "verdict" | "difference">): ParityReading {
  if (pair.verdict === "equivalent") return "equivalent";
  if (pair.verdict === "inconclusive") return "inconclusive";
  return pair.difference > 0 ? "a_ahead" : "b_ahead";
}

/**
 * Whether a change of parity reading withdraws a claim the previous run made: from equivalent to
 * anything else, or between two conclusive readings. Never from inconclusive, never from a
 * difference to inconclusive.
 */
export function isParityChangeCounted(before: ParityReading, after: ParityReading): boolean {
  if (before === after || before === "inconclusive") return false;
  if (before === "equivalent") return true;
  return after !== "inconclusive";
}

/** Coefficients of Numerical Recipes' erfcc, lowest power first. */
const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/** Complementary error function (Numerical Recipes' erfcc; fractional error below 1.2e−7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const polynomial = ERFC_COEFFICIENTS.reduceRight((sum, coefficient) => coefficient + t * sum, 0);
  const r = t * Math.exp(-z * z + polynomial);
  return x >= 0 ? r : 2 - r;
}

/**
 * Pooled two-proportion z-test, two-sided: x1 of n1 against x2 of n2. Null when a count is zero,
 * the pooled share is 0 or 1 (no spread to test), or an expected cell count is below `minExpected`.
 */
export function twoProportionTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  minExpected = ROUTER_SHIFT_MIN_EXPECTED,
): { z: number; pValue: number } | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled <= 0 || pooled >= 1) return null;
  const expected = [n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled)];
  if (expected.some((count) => count < minExpected)) return null;
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}

/** The owner group's share of a router's mapped calls; null without a mapped call. */
export function ownerShareOf(
  router: NonNullable<RegressionTarget["router"]>,
  ties: readonly GroupTie[],
  vendorOf: (servedModel: string) => string | null,
): OwnerShare | null {
  let calls = 0;
  let ownerCalls = 0;
  for (const [served, count] of Object.entries(router.servedModels)) {
    const vendor = vendorOf(served);
    if (vendor === null || count <= 0) continue;
    calls += count;
    if (providerGroupOf(router.platform, ties, vendor).isOwnerGroup) ownerCalls += count;
  }
  return calls > 0 ? { share: ownerCalls / calls, ownerCalls, calls } : null;
}

const side = (target: RegressionTarget) => ({ targetId: target.id, cases: target.cases });

function scoreDrop(
  run: RegressionRun,
  previous: RegressionRun,
  now: RegressionTarget,
  before: RegressionTarget,
  margin: number,
): RegressionFinding | null {
  const pair = compareAcrossRuns(run.id, side(now), previous.id, side(before), margin);
  if (!pair || pair.n < MIN_PAIRED_CASES || !(pair.high < 0)) return null;
  return {
    rule: "score_drop",
    targetLabel: now.label,
    detail: {
      rule: "score_drop",
      before: pair.meanB,
      after: pair.meanA,
      difference: pair.difference,
      interval: { low: pair.low, high: pair.high },
      n: pair.n,
      threshold: 0,
      confidence: REGRESSION_CONFIDENCE,
    },
  };
}

function paritySide(pair: PairSummary): ParitySide {
  return {
    reading: parityReading(pair),
    difference: pair.difference,
    interval: { low: pair.low, high: pair.high },
    n: pair.n,
  };
}

/** Per-case change of A − B between two runs, over the cases all four targets scored. */
function parityShift(
  seed: number,
  now: { a: RegressionTarget; b: RegressionTarget },
  before: { a: RegressionTarget; b: RegressionTarget },
) {
  const [nowA, nowB, beforeA, beforeB] = [now.a, now.b, before.a, before.b].map((t) =>
    caseMeans(t.cases),
  ) as [Map<string, number>, Map<string, number>, Map<string, number>, Map<string, number>];
  const caseIds = [...nowA.keys()]
    .filter((id) => nowB.has(id) && beforeA.has(id) && beforeB.has(id))
    .sort();
  const changes = caseIds.map(
    (id) => nowA.get(id)! - nowB.get(id)! - (beforeA.get(id)! - beforeB.get(id)!),
  );
  return bootstrapMeanCi(changes, { seed, level: REGRESSION_CONFIDENCE });
}

function parityChanges(
  run: RegressionRun,
  previous: RegressionRun,
  matchOf: ReadonlyMap<string, RegressionTarget>,
  margin: number,
): RegressionFinding[] {
  const singles = run.targets.filter((t) => t.kind === "offering" && t.model !== null);
  const findings: RegressionFinding[] = [];
  singles.forEach((a, i) => {
    for (const b of singles.slice(i + 1)) {
      if (a.model!.modelId !== b.model!.modelId || a.model!.platformId === b.model!.platformId) {
        continue;
      }
      const beforeA = matchOf.get(a.id);
      const beforeB = matchOf.get(b.id);
      if (!beforeA || !beforeB) continue;
      const now = compareTargets(run.id, side(a), side(b), margin);
      const then = compareTargets(previous.id, side(beforeA), side(beforeB), margin);
      if (!now || !then) continue;
      const after = paritySide(now);
      const prior = paritySide(then);
      if (!isParityChangeCounted(prior.reading, after.reading)) continue;
      const shift = parityShift(
        hashSeed("parity-shift", ...[run.id, previous.id].sort(), a.id, b.id),
        { a, b },
        { a: beforeA, b: beforeB },
      );
      if (!shift || shift.n < MIN_PAIRED_CASES || (shift.low <= 0 && shift.high >= 0)) continue;
      findings.push({
        rule: "parity_changed",
        targetLabel: parityPairLabel(a.label, b.label),
        detail: {
          rule: "parity_changed",
          a: { label: a.label, platformId: a.model!.platformId },
          b: { label: b.label, platformId: b.model!.platformId },
          modelId: a.model!.modelId,
          margin,
          before: prior,
          after,
          shift: {
            difference: shift.mean,
            interval: { low: shift.low, high: shift.high },
            n: shift.n,
          },
          confidence: REGRESSION_CONFIDENCE,
        },
      });
    }
  });
  return findings;
}

function thresholdFindings(
  run: RegressionRun,
  matchOf: ReadonlyMap<string, RegressionTarget>,
  previousId: string | null,
  thresholds: AlertThresholds,
): RegressionFinding[] {
  const findings: RegressionFinding[] = [];
  if (thresholds.latencyP95Ms === null && thresholds.errorRate === null) return findings;
  // The run page's seed, so every figure here is the one it shows.
  const summaryOf = (runId: string, target: RegressionTarget) =>
    summarizeTarget(target.rollup, target.cases, hashSeed(runId, target.id));
  for (const target of run.targets) {
    const summary = summaryOf(run.id, target);
    const before = matchOf.get(target.id);
    const prior = before && previousId !== null ? summaryOf(previousId, before) : null;
    const p95 = summary.latencyMs.p95;
    if (thresholds.latencyP95Ms !== null && p95 !== null && p95 > thresholds.latencyP95Ms) {
      findings.push({
        rule: "latency_p95",
        targetLabel: target.label,
        detail: {
          rule: "latency_p95",
          before: prior?.latencyMs.p95 ?? null,
          after: p95,
          n: histogramCount(target.rollup.latencyHist),
          threshold: thresholds.latencyP95Ms,
        },
      });
    }
    const errors = summary.errorRate;
    if (thresholds.errorRate !== null && errors !== null && errors.low > thresholds.errorRate) {
      findings.push({
        rule: "error_rate",
        targetLabel: target.label,
        detail: {
          rule: "error_rate",
          before: prior?.errorRate?.value ?? null,
          after: errors.value,
          interval: { low: errors.low, high: errors.high },
          n: errors.n,
          errors: target.rollup.errors,
          threshold: thresholds.errorRate,
          confidence: REGRESSION_CONFIDENCE,
        },
      });
    }
  }
  return findings;
}

function routerShift(
  now: RegressionTarget,
  before: RegressionTarget,
  ties: readonly GroupTie[],
  vendorOf: (servedModel: string) => string | null,
): RegressionFinding | null {
  if (now.kind !== "router" || !now.router || !before.router) return null;
  const after = ownerShareOf(now.router, ties, vendorOf);
  const prior = ownerShareOf(before.router, ties, vendorOf);
  if (!after || !prior) return null;
  const test = twoProportionTest(after.ownerCalls, after.calls, prior.ownerCalls, prior.calls);
  if (!test || !(test.pValue < ROUTER_SHIFT_ALPHA)) return null;
  return {
    rule: "router_shift",
    targetLabel: now.label,
    detail: {
      rule: "router_shift",
      ownerGroup: ownerGroupName(now.router.platform),
      before: prior,
      after,
      difference: after.share - prior.share,
      z: test.z,
      pValue: test.pValue,
      alpha: ROUTER_SHIFT_ALPHA,
    },
  };
}

/**
 * Applies every rule to a run (see the module comment for each rule's statement and false-alarm
 * level). Findings are listed by rule, then in the run's target order. Deterministic: the same
 * runs give the same findings.
 */
export function detectRegressionFindings(input: RegressionInput): RegressionFinding[] {
  const { run, previous, thresholds, ties, vendorOf } = input;
  const margin = input.margin ?? DEFAULT_PARITY_MARGIN;
  const matched = previous ? matchRunTargets(run.targets, previous.targets).matched : [];
  const matchOf = new Map(matched.map(({ a, b }) => [a.id, b]));
  const findings: RegressionFinding[] = [];
  if (previous) {
    for (const { a, b } of matched) {
      const drop = scoreDrop(run, previous, a, b, margin);
      if (drop) findings.push(drop);
    }
    findings.push(...parityChanges(run, previous, matchOf, margin));
  }
  findings.push(...thresholdFindings(run, matchOf, previous?.id ?? null, thresholds));
  if (previous) {
    for (const { a, b } of matched) {
      const shift = routerShift(a, b, ties, vendorOf);
      if (shift) findings.push(shift);
    }
  }
  const order = (rule: RegressionRule) => REGRESSION_RULES.indexOf(rule);
  // A stable sort: within a rule, the order the rule produced (the run's target order).
  return findings.sort((x, y) => order(x.rule) - order(y.rule));
}
