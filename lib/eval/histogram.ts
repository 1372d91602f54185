/**
 * Fixed log-bucket histograms for latency, time to first token and output speed. A histogram is a
 * plain array of integer counts, so rollup rows can store it as an integer array and merge rows by
 * adding arrays element-wise; quantiles (p50/p95/p99) are read back from the merged counts.
 *
 * Layout of a histogram for a spec with K regular buckets (length K + 2):
 * - index 0: underflow, values below `min` (including 0 and negatives);
 * - index k + 1 for k in 0..K−1: values in [min·ratio^k, min·ratio^(k+1)), the last one capped at
 *   `max` inclusive;
 * - index K + 1: overflow, values above `max`.
 *
 * The bucket edges of a stored spec must never change: rollups written with one layout cannot be
 * merged with another. Define a new spec with a new `id` instead.
 */

/** The bucket layout of a histogram. Create one with {@link createHistogramSpec}. */
export type HistogramSpec = {
  /** Stable identifier of this layout, stored beside rollups so mismatched layouts are detectable. */
  readonly id: string;
  /** Unit of the values, for labels. */
  readonly unit: string;
  /** Lower edge of the first regular bucket (> 0). */
  readonly min: number;
  /** Upper edge (inclusive) of the last regular bucket; larger values overflow. */
  readonly max: number;
  /** Ratio between consecutive bucket edges (> 1). */
  readonly ratio: number;
  /** Number of regular buckets, K = ceil(log(max / min) / log(ratio)). */
  readonly regularBuckets: number;
  /** Length of a histogram array: K regular buckets plus underflow and overflow. */
  readonly length: number;
};

/**
 * Builds a log-bucket layout from `min` to `max` with edges growing by `ratio`.
 *
 * With a ratio of 1.05, reporting a bucket's geometric midpoint is off from any value in that bucket
 * by at most √1.05 − 1 ≈ 2.47% (a value at the lower edge) or 1 − 1/√1.05 ≈ 2.41% (at the upper
 * edge), i.e. a relative error of at most ≈ 2.5%.
 *
 * @throws RangeError unless 0 < min < max (both finite) and ratio > 1.
 */
export function createHistogramSpec(input: {
  id: string;
  unit: string;
  min: number;
  max: number;
  ratio?: number;
}): HistogramSpec {
  const { id, unit, min, max, ratio = 1.05 } = input;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min > 0 && max > min)) {
    throw new RangeError("Histogram needs finite bounds with 0 < min < max.");
  }
  if (!(Number.isFinite(ratio) && ratio > 1)) throw new RangeError("Histogram ratio must be > 1.");
  let regularBuckets = Math.ceil(Math.log(max / min) / Math.log(ratio));
  // Guard against log rounding: the last regular bucket must start below max.
  while (regularBuckets > 1 && min * ratio ** (regularBuckets - 1) >= max) regularBuckets--;
  while (min * ratio ** regularBuckets < max) regularBuckets++;
  return { id, unit, min, max, ratio, regularBuckets, length: regularBuckets + 2 };
}

/**
 * Latency and time to first token, in milliseconds: 1 ms to 10 minutes in 5% steps
 * (273 regular buckets, arrays of 275 counts).
 */
export const LATENCY_HISTOGRAM: HistogramSpec = createHistogramSpec({
  id: "latency-ms-v1",
  unit: "ms",
  min: 1,
  max: 600_000,
});

/**
 * Output speed after the first token, in tokens per second: 0.1 to 100,000 tok/s in 5% steps
 * (284 regular buckets, arrays of 286 counts).
 */
export const SPEED_HISTOGRAM: HistogramSpec = createHistogramSpec({
  id: "speed-tps-v1",
  unit: "tokens/s",
  min: 0.1,
  max: 100_000,
});

/**
 * The array index a value falls into: 0 for values below `min` (including 0, negatives and
 * −Infinity), `spec.length − 1` for values above `max` (including Infinity).
 *
 * @throws RangeError for NaN, which would otherwise hide a measurement bug in the underflow bucket.
 */
export function bucketIndex(spec: HistogramSpec, value: number): number {
  if (Number.isNaN(value)) throw new RangeError("Cannot bucket NaN.");
  if (value < spec.min) return 0;
  if (value > spec.max) return spec.length - 1;
  let k = Math.floor(Math.log(value / spec.min) / Math.log(spec.ratio));
  // The log estimate can land one bucket off at an edge; settle it against the edges themselves.
  if (k > 0 && value < lowerEdge(spec, k)) k--;
  if (k < spec.regularBuckets - 1 && value >= lowerEdge(spec, k + 1)) k++;
  return Math.min(Math.max(k, 0), spec.regularBuckets - 1) + 1;
}

/** A histogram with every count at zero, of the spec's length. */
export function emptyHistogram(spec: HistogramSpec): number[] {
  return new Array<number>(spec.length).fill(0);
}

/**
 * Counts one value (or `count` values) into `hist`, in place.
 *
 * @returns The same array, for chaining.
 * @throws RangeError when the array length does not match the spec, or for NaN.
 */
export function addToHistogram(
  hist: number[],
  spec: HistogramSpec,
  value: number,
  count = 1,
): number[] {
  assertLength(hist, spec.length);
  const index = bucketIndex(spec, value);
  hist[index] = (hist[index] as number) + count;
  return hist;
}

/**
 * Adds two histograms of the same layout element-wise, as a rollup merge does.
 *
 * @returns A new array; the inputs are not modified.
 * @throws RangeError when the lengths differ (different layouts cannot be merged).
 */
export function mergeHistograms(a: readonly number[], b: readonly number[]): number[] {
  assertLength(b, a.length);
  return a.map((count, i) => count + (b[i] as number));
}

/** Total number of values counted in a histogram. */
export function histogramCount(hist: readonly number[]): number {
  let total = 0;
  for (const count of hist) total += count;
  return total;
}

/**
 * Estimates the q-quantile (nearest-rank definition: the ⌈q·N⌉-th smallest value, at least the
 * first) as the geometric midpoint of the bucket holding it, within ≈ 2.5% of the exact
 * nearest-rank quantile for values inside [min, max] (see {@link createHistogramSpec}).
 *
 * Outside the range the answer is a bound, not an estimate: a quantile in the underflow bucket
 * returns `min` (the value is below it) and one in the overflow bucket returns `max` (above it).
 *
 * @param q - Quantile in [0, 1], e.g. 0.95 for p95.
 * @returns The estimate, or null when the histogram is empty.
 * @throws RangeError when q is outside [0, 1] or the array does not match the spec.
 */
export function histogramQuantile(
  spec: HistogramSpec,
  hist: readonly number[],
  q: number,
): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError("Quantile must be between 0 and 1.");
  assertLength(hist, spec.length);
  const total = histogramCount(hist);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let cumulative = 0;
  for (let index = 0; index < hist.length; index++) {
    cumulative += hist[index] as number;
    if (cumulative >= rank) return bucketMidpoint(spec, index);
  }
  return bucketMidpoint(spec, hist.length - 1);
}

function bucketMidpoint(spec: HistogramSpec, index: number): number {
  if (index === 0) return spec.min;
  if (index === spec.length - 1) return spec.max;
  const k = index - 1;
  const upper = Math.min(lowerEdge(spec, k + 1), spec.max);
  return Math.sqrt(lowerEdge(spec, k) * upper);
}

function lowerEdge(spec: HistogramSpec, k: number): number {
  return spec.min * spec.ratio ** k;
}

function assertLength(hist: readonly number[], expected: number): void {
  if (hist.length !== expected) {
    throw new RangeError(`Histogram has ${hist.length} buckets; expected ${expected}.`);
  }
}
