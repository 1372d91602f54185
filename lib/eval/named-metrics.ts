/**
 * promptfoo's named metrics (an assertion's `metric`) over a run's trials. Pure: no Next, React,
 * Prisma or env.
 */
import { getPromptfooScore } from "./assertions";
import type { AssertionResult } from "./types";

/** One named metric over a set of trials. */
export type NamedMetric = {
  name: string;
  /** The weighted mean score of the assertions under this name; null when their weight is 0. */
  mean: number | null;
  /** The total weight behind `mean`. */
  weight: number;
  /** How many trials had an assertion under this name. */
  trials: number;
};

type Sums = Map<string, { sum: number; weight: number }>;

/**
 * A trial's named scores, as promptfoo's AssertionsResult.addResult and testResult
 * (src/assertions/assertionsResult.ts): each result with a metric adds score × weight (weight
 * default 1) under its name; an assert-set adds its own metric, and passes on its assertions'
 * metrics with their weight × the set's weight. Scores are promptfoo's
 * ({@link getPromptfooScore}).
 */
export function getTrialNamedScores(
  results: readonly AssertionResult[],
): Map<string, { score: number; weight: number }> {
  const sums: Sums = new Map();
  const add = (name: string, score: number, weight: number) => {
    const entry = sums.get(name) ?? { sum: 0, weight: 0 };
    entry.sum += score * weight;
    entry.weight += weight;
    sums.set(name, entry);
  };
  for (const result of results) {
    const weight = Math.max(0, result.weight ?? 1);
    if (result.metric !== undefined && result.metric !== "")
      add(result.metric, getPromptfooScore(result), weight);
    if (result.assertions === undefined) continue;
    for (const [name, inner] of getTrialNamedScores(result.assertions))
      if (name !== result.metric) add(name, inner.score, inner.weight * weight);
  }
  const scores = new Map<string, { score: number; weight: number }>();
  for (const [name, { sum, weight }] of sums)
    scores.set(name, { score: weight > 0 ? sum / weight : 0, weight });
  return scores;
}

/** Adds trials' named scores up, one trial at a time: {@link aggregateNamedMetrics} in pages. */
export type NamedMetricsAccumulator = {
  /** Adds one trial's assertion results (none, for a trial that ended in error). */
  add(results: readonly AssertionResult[]): void;
  /** The named metrics of the trials added so far, sorted by name. */
  list(): NamedMetric[];
};

/**
 * An empty {@link NamedMetricsAccumulator}. It holds one running sum per name, never the trials,
 * so a run of any size is read page by page in bounded memory.
 */
export function createNamedMetricsAccumulator(): NamedMetricsAccumulator {
  const totals = new Map<string, { sum: number; weight: number; trials: number }>();
  return {
    add(results) {
      for (const [name, { score, weight }] of getTrialNamedScores(results)) {
        const total = totals.get(name) ?? { sum: 0, weight: 0, trials: 0 };
        total.sum += score * weight;
        total.weight += weight;
        total.trials += 1;
        totals.set(name, total);
      }
    },
    list() {
      return [...totals.entries()]
        .map(([name, { sum, weight, trials }]) => ({
          name,
          mean: weight > 0 ? sum / weight : null,
          weight,
          trials,
        }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

/**
 * Named metrics over trials (each trial's assertion results), as promptfoo's prompt metrics
 * (src/util/namedMetrics.ts accumulateNamedMetric, shown as namedScores ÷ namedScoreWeights):
 * each trial's named score counts with its weight, so the mean is the weighted mean over every
 * assertion under that name in every trial. Trials without results (errors) count nowhere.
 * Sorted by name.
 */
export function aggregateNamedMetrics(
  trials: readonly (readonly AssertionResult[])[],
): NamedMetric[] {
  const accumulator = createNamedMetricsAccumulator();
  for (const results of trials) accumulator.add(results);
  return accumulator.list();
}
