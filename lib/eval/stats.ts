/**
 * The statistics behind every score and parity verdict: means with bootstrap intervals over cases,
 * Wilson intervals for pass rates, paired comparisons between two targets on the same cases, and the
 * exact McNemar test for pass/fail pairs. Pure and deterministic: randomness comes from a seeded
 * generator, so the same data always gives the same interval.
 */

import { createSeededRandom } from "@/lib/eval/random";

/** Resamples used by the bootstrap when the caller does not say. */
export const DEFAULT_BOOTSTRAP_RESAMPLES = 2000;
/** Confidence level used when the caller does not say. */
export const DEFAULT_CONFIDENCE_LEVEL = 0.95;
/** Seed used when the caller does not say: fixed, so intervals do not move between page loads. */
export const DEFAULT_BOOTSTRAP_SEED = 0x5eed;
/** Default equivalence margin for parity: 2 points on a 0–1 score scale. */
export const DEFAULT_PARITY_MARGIN = 0.02;
/** Two-sided 95% normal quantile, the default `z` of {@link wilsonInterval}. */
export const Z_95 = 1.959964;
/** One-sided normal quantile for 80% power. */
export const Z_POWER_80 = 0.841621;

/** A point estimate with a confidence interval and the sample size it came from. */
export type MeanInterval = { mean: number; low: number; high: number; n: number };

/** A proportion with its Wilson interval and the number of trials. */
export type RateInterval = { rate: number; low: number; high: number; n: number };

/** Options shared by the bootstrap functions. */
export type BootstrapOptions = {
  /** Number of bootstrap resamples (a positive integer; default 2000). */
  resamples?: number;
  /** Confidence level in (0, 1) (default 0.95). */
  level?: number;
  /** PRNG seed (default {@link DEFAULT_BOOTSTRAP_SEED}); the same seed and data give the same interval. */
  seed?: number;
};

/** The verdict of a parity comparison; see {@link pairedComparison} for the rule. */
export type ParityVerdict = "equivalent" | "different" | "inconclusive";

/** The result of {@link pairedComparison}. `difference`, `low` and `high` are A − B. */
export type PairedComparison = {
  n: number;
  meanA: number;
  meanB: number;
  difference: number;
  low: number;
  high: number;
  verdict: ParityVerdict;
  /**
   * For an inconclusive verdict: about how many cases would make it conclusive, at this margin
   * with 80% power (see {@link casesForConclusiveVerdict}); null when it is conclusive already or
   * cannot be estimated (fewer than 2 cases).
   */
  casesNeeded: number | null;
};

/**
 * Arithmetic mean.
 *
 * @returns The mean, or null for an empty list (a missing value, never a zero).
 */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  let smallest = Infinity;
  let largest = -Infinity;
  for (const value of values) {
    sum += value;
    smallest = Math.min(smallest, value);
    largest = Math.max(largest, value);
  }
  return clamp(sum / values.length, smallest, largest);
}

/** Rounding can put a float mean one ulp outside the data's range (forty 0.1s average 0.1 + 3e−17). */
function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/**
 * Percentile bootstrap confidence interval for the mean, resampling the values (cases) with
 * replacement. The interval bounds are the `(1 − level) / 2` and `(1 + level) / 2` quantiles of the
 * resample means, with linear interpolation between order statistics.
 *
 * The interval always contains the mean and stays within the data's range: a bound that Monte Carlo
 * noise (too few resamples) or rounding would put past either is pulled back to it. One value
 * collapses the interval to that value, and constant data gives a zero-width interval: the
 * bootstrap cannot see spread that the sample does not show, so small samples give optimistic
 * intervals. Runs in O(resamples × n) with one Float64Array allocation (2000 × 500 takes a few ms).
 *
 * @param values - Finite numbers, typically per-case scores in [0, 1].
 * @returns The mean with its interval and n, or null when there are no values.
 * @throws RangeError on a non-finite value or invalid options.
 */
export function bootstrapMeanCi(
  values: readonly number[],
  options: BootstrapOptions = {},
): MeanInterval | null {
  const { resamples, level, seed } = resolveBootstrapOptions(options);
  const n = values.length;
  if (n === 0) return null;
  const data = Float64Array.from(values);
  let sum = 0;
  let smallest = Infinity;
  let largest = -Infinity;
  for (let i = 0; i < n; i++) {
    const value = data[i] as number;
    if (!Number.isFinite(value)) throw new RangeError(`Value at index ${i} is not finite.`);
    sum += value;
    smallest = Math.min(smallest, value);
    largest = Math.max(largest, value);
  }
  const pointMean = clamp(sum / n, smallest, largest);
  if (n === 1) return { mean: pointMean, low: pointMean, high: pointMean, n };

  const random = createSeededRandom(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let resampleSum = 0;
    for (let i = 0; i < n; i++) resampleSum += data[Math.floor(random() * n)] as number;
    means[r] = resampleSum / n;
  }
  means.sort();
  const alpha = (1 - level) / 2;
  // With few resamples (or a percentile landing on a resample that differs from the mean only by
  // rounding) the raw percentile can fall just past the estimate; an interval that excludes its own
  // point estimate would be drawn wrong, so the bounds are widened to include it. Rounding can also
  // push a resample mean one ulp outside the data's range, where no mean can lie.
  return {
    mean: pointMean,
    low: clamp(sortedQuantile(means, alpha), smallest, pointMean),
    high: clamp(sortedQuantile(means, 1 - alpha), pointMean, largest),
    n,
  };
}

/**
 * Wilson score interval for a proportion, which behaves well at 0% and 100% where the normal
 * approximation collapses to zero width.
 *
 * @param successes - Integer in [0, n].
 * @param n - Number of trials (a non-negative integer).
 * @param z - Normal quantile for the confidence level (default 1.959964, i.e. 95%).
 * @returns The rate with its interval (clamped to [0, 1]) and n, or null when n = 0.
 * @throws RangeError when the counts are not integers with 0 ≤ successes ≤ n, or z is not positive.
 */
export function wilsonInterval(
  successes: number,
  n: number,
  z: number = Z_95,
): RateInterval | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("n must be a non-negative integer.");
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError("successes must be an integer between 0 and n.");
  }
  if (!(Number.isFinite(z) && z > 0)) throw new RangeError("z must be a positive number.");
  if (n === 0) return null;
  const rate = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (rate + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
  return {
    rate,
    low: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: successes === n ? 1 : Math.min(1, centre + halfWidth),
    n,
  };
}

/**
 * Compares two targets on the same cases with a paired percentile bootstrap of the mean difference
 * A − B: each resample draws cases, keeping each case's A and B together, so case difficulty cancels.
 * Repeats should already be averaged per case.
 *
 * Verdict, checked in this order:
 * 1. `inconclusive` when n = 1: one case shows no spread, so its zero-width interval proves nothing.
 * 2. `equivalent` when the interval lies strictly inside (−margin, +margin). This wins over
 *    "different": a difference that is real but smaller than the margin is, by definition, one we
 *    treat as not mattering.
 * 3. `different` when the interval excludes 0 (low > 0 or high < 0).
 * 4. `inconclusive` otherwise.
 *
 * @param a - Per-case means of target A, aligned by index with `b` (see {@link alignPairs}).
 * @param b - Per-case means of target B.
 * @param options - `margin` (≥ 0, default 0.02 = 2 points on a 0–1 scale) plus bootstrap options.
 * @returns The comparison, or null when there are no cases.
 * @throws RangeError when the arrays differ in length, a value is not finite, or an option is invalid.
 */
export function pairedComparison(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions & { margin?: number } = {},
): PairedComparison | null {
  const { margin = DEFAULT_PARITY_MARGIN, ...bootstrapOptions } = options;
  if (!(Number.isFinite(margin) && margin >= 0)) {
    throw new RangeError("margin must be a non-negative number.");
  }
  if (a.length !== b.length) {
    throw new RangeError(`Paired arrays differ in length (${a.length} vs ${b.length}).`);
  }
  const differences = a.map((value, i) => value - (b[i] as number));
  const interval = bootstrapMeanCi(differences, bootstrapOptions);
  const meanA = mean(a);
  const meanB = mean(b);
  if (interval === null || meanA === null || meanB === null) return null;
  const { mean: difference, low, high, n } = interval;
  const verdict = parityVerdict(low, high, n, margin);
  const casesNeeded =
    verdict === "inconclusive"
      ? casesForConclusiveVerdict({ difference, sd: sampleSd(differences), n }, margin)
      : null;
  return { n, meanA, meanB, difference, low, high, verdict, casesNeeded };
}

/** Sample standard deviation (n − 1); null below 2 values. */
export function sampleSd(values: readonly number[]): number | null {
  const average = mean(values);
  if (average === null || values.length < 2) return null;
  let squares = 0;
  for (const value of values) squares += (value - average) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/**
 * About how many cases a paired comparison needs for a conclusive verdict, from what was observed:
 * the mean paired difference d and its standard deviation s, at margin δ, for a 95% interval
 * with 80% power (z = 1.96 + 0.84 = 2.80):
 *
 * - "equivalent" needs the interval inside ±δ: n = (z · s / (δ − |d|))², when |d| < δ;
 * - "different" needs the interval clear of 0: n = (z · s / |d|)², when d ≠ 0;
 *
 * and the answer is the smaller, rounded up (never below 2). It assumes the true difference and
 * spread are the observed ones, so it is an estimate ("about N cases"), not a promise.
 *
 * @returns The number of cases, or null when it cannot be estimated (fewer than 2 cases, or no
 *   verdict is reachable: d = 0 with δ = 0).
 */
export function casesForConclusiveVerdict(
  observed: { difference: number; sd: number | null; n: number },
  margin: number = DEFAULT_PARITY_MARGIN,
): number | null {
  const { difference, sd, n } = observed;
  if (n < 2 || sd === null || !Number.isFinite(sd)) return null;
  const z = Z_95 + Z_POWER_80;
  const gap = Math.abs(difference);
  const candidates: number[] = [];
  if (gap < margin) candidates.push(((z * sd) / (margin - gap)) ** 2);
  if (gap > 0) candidates.push(((z * sd) / gap) ** 2);
  if (candidates.length === 0) return null;
  return Math.max(2, Math.ceil(Math.min(...candidates)));
}

function parityVerdict(low: number, high: number, n: number, margin: number): ParityVerdict {
  if (n < 2) return "inconclusive";
  if (low > -margin && high < margin) return "equivalent";
  if (low > 0 || high < 0) return "different";
  return "inconclusive";
}

/**
 * Exact two-sided McNemar test for paired pass/fail results: under the null hypothesis each
 * discordant pair is equally likely to favour A or B, so min(b, c) ~ Binomial(b + c, 1/2) and
 * p = min(1, 2 · P(X ≤ min(b, c))).
 *
 * Computed in log space, summing terms relative to the largest one, so it stays accurate for
 * b + c up to well beyond 100,000 (where 2^−(b+c) itself underflows). O(min(b, c)).
 *
 * @param b - Cases where A passed and B failed (non-negative integer).
 * @param c - Cases where A failed and B passed (non-negative integer).
 * @returns The p-value in (0, 1]; 1 when there are no discordant pairs. It may underflow to 0 for
 *   extremely lopsided counts (p below ~1e−308).
 * @throws RangeError when a count is not a non-negative integer.
 */
export function mcnemarExact(b: number, c: number): number {
  for (const count of [b, c]) {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError("McNemar counts must be non-negative integers.");
    }
  }
  const total = b + c;
  const smaller = Math.min(b, c);
  // With min(b, c) ≥ (b + c − 1) / 2 the tail holds at least half the mass, so p is exactly 1.
  if (2 * smaller + 1 >= total) return 1;
  // log C(total, k) built up term by term; terms grow with k while k < total / 2, so the last is
  // the largest and the sum is taken relative to it.
  const logChoose = new Float64Array(smaller + 1);
  for (let k = 1; k <= smaller; k++) {
    logChoose[k] = (logChoose[k - 1] as number) + Math.log((total - k + 1) / k);
  }
  const logLargest = logChoose[smaller] as number;
  let relativeSum = 0;
  for (let k = smaller; k >= 0; k--) {
    const term = Math.exp((logChoose[k] as number) - logLargest);
    relativeSum += term;
    if (term < 1e-17 * relativeSum) break;
  }
  const logTail = logLargest + Math.log(relativeSum) - total * Math.LN2;
  return Math.min(1, 2 * Math.exp(logTail));
}

/** Two per-case series aligned over the cases both sides have. */
export type AlignedPairs = { caseIds: string[]; a: number[]; b: number[] };

/**
 * Aligns two per-case maps over their common case ids, sorted by id (UTF-16 code-unit order, which
 * does not depend on locale) so the same data always pairs, and bootstraps, the same way. Cases
 * present on only one side are dropped.
 */
export function alignPairs(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): AlignedPairs {
  const caseIds = [...a.keys()].filter((id) => b.has(id)).sort();
  return {
    caseIds,
    a: caseIds.map((id) => a.get(id) as number),
    b: caseIds.map((id) => b.get(id) as number),
  };
}

/**
 * Estimates the time left in a run by extrapolating the average time per completed item.
 *
 * @returns Whole milliseconds remaining, or null when nothing has completed yet (no rate to
 *   extrapolate) or the run is done.
 */
export function estimateEtaMs(progress: {
  completed: number;
  expected: number;
  elapsedMs: number;
}): number | null {
  const { completed, expected, elapsedMs } = progress;
  if (completed <= 0 || completed >= expected) return null;
  return Math.round((elapsedMs / completed) * (expected - completed));
}

function resolveBootstrapOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const {
    resamples = DEFAULT_BOOTSTRAP_RESAMPLES,
    level = DEFAULT_CONFIDENCE_LEVEL,
    seed = DEFAULT_BOOTSTRAP_SEED,
  } = options;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError("resamples must be a positive integer.");
  }
  if (!(level > 0 && level < 1)) throw new RangeError("level must be between 0 and 1.");
  if (!Number.isFinite(seed)) throw new RangeError("seed must be a finite number.");
  return { resamples, level, seed };
}

/** Quantile of ascending data with linear interpolation between order statistics (R type 7). */
function sortedQuantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (position - below);
}
