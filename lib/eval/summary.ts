import {
  emptyHistogram,
  histogramQuantile,
  LATENCY_HISTOGRAM,
  SPEED_HISTOGRAM,
  type HistogramSpec,
} from "./histogram";
import { hashSeed } from "./random";
import {
  bootstrapMeanCi,
  casesForConclusiveVerdict,
  DEFAULT_PARITY_MARGIN,
  mcnemarExact,
  pairedComparison,
  sampleSd,
  wilsonInterval,
} from "./stats";
import { formatCount, formatMargin } from "@/lib/format";

/**
 * Turns a run's rollup rows into the figures its page shows. Pure: the rows come from the store,
 * and nothing here reads raw trials.
 */

/** The per-target rollup, as stored. */
export type TargetRollup = {
  trials: number;
  errors: number;
  errorsByKind: Record<string, number>;
  scored: number;
  passed: number;
  scoreSum: number;
  costUsd: number;
  costUnknown: number;
  inputTokens: number;
  outputTokens: number;
  latencyHist: number[];
  ttftHist: number[];
  speedHist: number[];
  servedBy: Record<string, number>;
};

/** A target's rollup before its first trial: every count 0, every histogram empty. */
export function emptyTargetRollup(): TargetRollup {
  return {
    trials: 0,
    errors: 0,
    errorsByKind: {},
    scored: 0,
    passed: 0,
    scoreSum: 0,
    costUsd: 0,
    costUnknown: 0,
    inputTokens: 0,
    outputTokens: 0,
    latencyHist: emptyHistogram(LATENCY_HISTOGRAM),
    ttftHist: emptyHistogram(LATENCY_HISTOGRAM),
    speedHist: emptyHistogram(SPEED_HISTOGRAM),
    servedBy: {},
  };
}

/** A per-case rollup for one target: repeats summed. */
export type CaseRollup = {
  caseId: string;
  category: string;
  trials: number;
  scored: number;
  passed: number;
  scoreSum: number;
};

export type Interval = { value: number; low: number; high: number; n: number };
export type Percentiles = { p50: number | null; p95: number | null; p99: number | null };

export type TargetSummary = {
  trials: number;
  /** Mean of per-case mean scores, with a bootstrap 95% CI over cases; n = cases scored. */
  score: Interval | null;
  /** Share of scored trials that passed every assertion; Wilson 95% CI; n = scored trials. */
  passRate: Interval | null;
  latencyMs: Percentiles;
  ttftMs: Percentiles;
  /** Median output speed after the first token, tokens/s. */
  outputTokensPerSecond: number | null;
  costUsd: number | null;
  /**
   * Cost per 1,000 cases, USD: 1,000 × the mean cost of a trial that returned an output (a case
   * answered once; repeats do not multiply it). The one definition, in the report's methodology.
   */
  costPer1kUsd: number | null;
  errorRate: Interval | null;
  errorsByKind: Record<string, number>;
  servedBy: Record<string, number>;
  /** Per-category mean score (no interval: for the heat map and filters). */
  categories: { category: string; mean: number; n: number }[];
};

function percentiles(spec: HistogramSpec, hist: number[]): Percentiles {
  return {
    p50: histogramQuantile(spec, hist, 0.5),
    p95: histogramQuantile(spec, hist, 0.95),
    p99: histogramQuantile(spec, hist, 0.99),
  };
}

/** Per-case means over the scored repeats of each case. */
export function caseMeans(cases: readonly CaseRollup[]): Map<string, number> {
  const means = new Map<string, number>();
  for (const row of cases) if (row.scored > 0) means.set(row.caseId, row.scoreSum / row.scored);
  return means;
}

/** Summarises one target from its rollups. `seed` makes the bootstrap reproducible. */
export function summarizeTarget(
  rollup: TargetRollup,
  cases: readonly CaseRollup[],
  seed: number,
): TargetSummary {
  const means = [...caseMeans(cases).values()];
  const ci = bootstrapMeanCi(means, { seed });
  const pass = wilsonInterval(rollup.passed, rollup.scored);
  const errors = wilsonInterval(rollup.errors, rollup.trials);
  const succeeded = rollup.trials - rollup.errors;
  const costKnown = rollup.costUnknown === 0;
  const byCategory = new Map<string, { sum: number; n: number }>();
  for (const row of cases) {
    if (row.scored === 0) continue;
    const entry = byCategory.get(row.category) ?? { sum: 0, n: 0 };
    entry.sum += row.scoreSum / row.scored;
    entry.n += 1;
    byCategory.set(row.category, entry);
  }
  return {
    trials: rollup.trials,
    score: ci ? { value: ci.mean, low: ci.low, high: ci.high, n: ci.n } : null,
    passRate: pass ? { value: pass.rate, low: pass.low, high: pass.high, n: pass.n } : null,
    latencyMs: percentiles(LATENCY_HISTOGRAM, rollup.latencyHist),
    ttftMs: percentiles(LATENCY_HISTOGRAM, rollup.ttftHist),
    outputTokensPerSecond: histogramQuantile(SPEED_HISTOGRAM, rollup.speedHist, 0.5),
    costUsd: costKnown ? rollup.costUsd : null,
    costPer1kUsd: costKnown && succeeded > 0 ? (rollup.costUsd / succeeded) * 1000 : null,
    errorRate: errors
      ? { value: errors.rate, low: errors.low, high: errors.high, n: errors.n }
      : null,
    errorsByKind: rollup.errorsByKind,
    servedBy: rollup.servedBy,
    categories: [...byCategory]
      .map(([category, { sum, n }]) => ({ category, mean: sum / n, n }))
      .sort((a, b) => a.category.localeCompare(b.category)),
  };
}

export type PairSummary = {
  n: number;
  meanA: number;
  meanB: number;
  difference: number;
  low: number;
  high: number;
  verdict: "equivalent" | "different" | "inconclusive";
  margin: number;
  /** For an inconclusive verdict, about how many cases would settle it (null otherwise). */
  casesNeeded: number | null;
  /** Exact McNemar test on pass/fail, when every case ran once on both targets. */
  mcnemar: { aOnly: number; bOnly: number; pValue: number } | null;
};

/**
 * What an inconclusive verdict needs, in the product's one wording: "about 242 cases would settle
 * it (84 now; margin ±2 points, 80% power)". Null when the verdict is conclusive or the number
 * cannot be estimated.
 */
export function describeCasesNeeded(
  pair: Pick<PairSummary, "verdict" | "n" | "casesNeeded" | "margin">,
): string | null {
  if (pair.verdict !== "inconclusive" || pair.casesNeeded === null) return null;
  return `about ${formatCount(pair.casesNeeded)} cases would settle it (${formatCount(pair.n)} now; margin ${formatMargin(pair.margin)}, 80% power)`;
}

/** One side of a paired comparison: a run's target and its per-case rollups. */
export type PairSide = { targetId: string; cases: readonly CaseRollup[] };

/**
 * The paired comparison of two of a run's targets, as every surface shows it (run page, Compare,
 * Overview, reports, the CLI). Deterministic per (run, pair): the bootstrap's seed comes from the
 * run and the two target ids. Exactly antisymmetric: it is computed in the order of the target
 * ids and mirrored for the other order, so B vs A is A vs B with signs and bounds swapped.
 */
export function compareTargets(
  runId: string,
  a: PairSide,
  b: PairSide,
  margin: number = DEFAULT_PARITY_MARGIN,
): PairSummary | null {
  if (a.targetId > b.targetId) {
    const forward = compareTargets(runId, b, a, margin);
    return forward && mirrorPair(forward);
  }
  return comparePair(a.cases, b.cases, { margin, seed: hashSeed(runId, a.targetId, b.targetId) });
}

/** B vs A from A vs B. */
export function mirrorPair(pair: PairSummary): PairSummary {
  return {
    ...pair,
    meanA: pair.meanB,
    meanB: pair.meanA,
    difference: -pair.difference,
    low: -pair.high,
    high: -pair.low,
    mcnemar: pair.mcnemar && {
      ...pair.mcnemar,
      aOnly: pair.mcnemar.bOnly,
      bOnly: pair.mcnemar.aOnly,
    },
  };
}

/**
 * Paired comparison over the cases both scored: repeats averaged per case first, then a paired
 * bootstrap of the mean difference (A − B) and the parity verdict.
 */
function comparePair(
  a: readonly CaseRollup[],
  b: readonly CaseRollup[],
  options: { margin: number; seed: number },
): PairSummary | null {
  const { margin } = options;
  const meansA = caseMeans(a);
  const meansB = caseMeans(b);
  const keys = [...meansA.keys()].filter((key) => meansB.has(key)).sort();
  const xs = keys.map((key) => meansA.get(key) ?? 0);
  const ys = keys.map((key) => meansB.get(key) ?? 0);
  const paired = pairedComparison(xs, ys, { margin, seed: options.seed });
  if (!paired) return null;
  const byIdA = new Map(a.map((row) => [row.caseId, row]));
  const byIdB = new Map(b.map((row) => [row.caseId, row]));
  let aOnly = 0;
  let bOnly = 0;
  let isSingle = true;
  for (const key of keys) {
    const rowA = byIdA.get(key);
    const rowB = byIdB.get(key);
    if (!rowA || !rowB || rowA.scored !== 1 || rowB.scored !== 1) {
      isSingle = false;
      break;
    }
    if (rowA.passed === 1 && rowB.passed === 0) aOnly += 1;
    if (rowA.passed === 0 && rowB.passed === 1) bOnly += 1;
  }
  return {
    n: paired.n,
    meanA: paired.meanA,
    meanB: paired.meanB,
    difference: paired.difference,
    low: paired.low,
    high: paired.high,
    verdict: paired.verdict,
    margin,
    casesNeeded: paired.casesNeeded,
    mcnemar: isSingle ? { aOnly, bOnly, pValue: mcnemarExact(aOnly, bOnly) } : null,
  };
}

/**
 * The spread of one pair's per-case differences (repeats averaged per case first), over the cases
 * both scored: what the number of cases a parity verdict needs depends on.
 */
export function pairedSpread(
  a: readonly CaseRollup[],
  b: readonly CaseRollup[],
): { sd: number | null; n: number } {
  const meansA = caseMeans(a);
  const meansB = caseMeans(b);
  const differences = [...meansA].flatMap(([key, value]) => {
    const other = meansB.get(key);
    return other === undefined ? [] : [value - other];
  });
  return { sd: sampleSd(differences), n: differences.length };
}

/** What a launch can expect of its parity verdicts, from the spread an earlier run saw. */
export type ParityOutlook = {
  /** Cases each pair will be compared on. */
  cases: number;
  /** About how many cases a conclusive verdict needs when the targets are truly at parity. */
  casesNeeded: number | null;
  /** The finished run whose paired spread the estimate uses; null when there is none. */
  basis: { runId: string; runName: string; sd: number } | null;
};

/**
 * The number of cases a parity verdict needs when two targets really are equivalent (true
 * difference 0), with the median spread of the paired differences an earlier run of the same suite
 * saw: n = (2.80 · s / margin)², as {@link casesForConclusiveVerdict}.
 */
export function parityOutlook(
  cases: number,
  basis: { runId: string; runName: string; spreads: readonly number[] } | null,
  margin: number = DEFAULT_PARITY_MARGIN,
): ParityOutlook {
  const spreads = [...(basis?.spreads ?? [])].sort((x, y) => x - y);
  if (!basis || spreads.length === 0) return { cases, casesNeeded: null, basis: null };
  const middle = spreads.length / 2;
  const sd = Number.isInteger(middle)
    ? ((spreads[middle - 1] ?? 0) + (spreads[middle] ?? 0)) / 2
    : (spreads[Math.floor(middle)] ?? 0);
  return {
    cases,
    casesNeeded: casesForConclusiveVerdict({ difference: 0, sd, n: Math.max(cases, 2) }, margin),
    basis: { runId: basis.runId, runName: basis.runName, sd },
  };
}
