import { describe, expect, it } from "vitest";
import {
  addToHistogram,
  bucketIndex,
  createHistogramSpec,
  emptyHistogram,
  histogramCount,
  histogramQuantile,
  LATENCY_HISTOGRAM,
  mergeHistograms,
  SPEED_HISTOGRAM,
  type HistogramSpec,
} from "@/lib/eval/histogram";
import { createSeededRandom } from "@/lib/eval/random";

function histogramOf(spec: HistogramSpec, values: readonly number[]): number[] {
  const hist = emptyHistogram(spec);
  for (const value of values) addToHistogram(hist, spec, value);
  return hist;
}

/** Nearest-rank quantile: the ⌈q·N⌉-th smallest value (at least the first). */
function exactQuantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

const QUANTILES = [0, 0.01, 0.1, 0.5, 0.9, 0.95, 0.99, 1];

describe("histogram specs", () => {
  it("covers 1 ms to 10 minutes and 0.1 to 100,000 tok/s in 5% steps", () => {
    // Latency: ln(600000) / ln(1.05) = 13.3047 / 0.048790 = 272.69 → 273 buckets, + 2 = 275.
    expect(LATENCY_HISTOGRAM.regularBuckets).toBe(273);
    expect(emptyHistogram(LATENCY_HISTOGRAM)).toHaveLength(275);
    // Speed: ln(100000 / 0.1) / ln(1.05) = 13.8155 / 0.048790 = 283.16 → 284 buckets, + 2 = 286.
    expect(SPEED_HISTOGRAM.regularBuckets).toBe(284);
    expect(emptyHistogram(SPEED_HISTOGRAM)).toHaveLength(286);
    expect(emptyHistogram(SPEED_HISTOGRAM).every((count) => count === 0)).toBe(true);
  });

  it("rejects impossible layouts", () => {
    expect(() => createHistogramSpec({ id: "x", unit: "ms", min: 0, max: 10 })).toThrow(RangeError);
    expect(() => createHistogramSpec({ id: "x", unit: "ms", min: 10, max: 1 })).toThrow(RangeError);
    expect(() => createHistogramSpec({ id: "x", unit: "ms", min: 1, max: 10, ratio: 1 })).toThrow(
      RangeError,
    );
  });
});

describe("bucketIndex", () => {
  const spec = LATENCY_HISTOGRAM;
  const overflow = spec.length - 1;

  it("sends 0, negatives and values below min to underflow", () => {
    expect(bucketIndex(spec, 0)).toBe(0);
    expect(bucketIndex(spec, -5)).toBe(0);
    expect(bucketIndex(spec, 0.999)).toBe(0);
    expect(bucketIndex(spec, -Infinity)).toBe(0);
  });

  it("sends values above max to overflow and keeps max itself", () => {
    expect(bucketIndex(spec, 600_000)).toBe(overflow - 1);
    expect(bucketIndex(spec, 600_001)).toBe(overflow);
    expect(bucketIndex(spec, Infinity)).toBe(overflow);
  });

  it("places values on and just below the edges", () => {
    // Regular bucket k sits at index k + 1 and starts at 1.05^k ms.
    expect(bucketIndex(spec, 1)).toBe(1);
    expect(bucketIndex(spec, 1.0499)).toBe(1);
    expect(bucketIndex(spec, 1.05)).toBe(2);
    // 1.05^2 = 1.1025
    expect(bucketIndex(spec, 1.1025)).toBe(3);
    expect(bucketIndex(spec, 1.1024)).toBe(2);
    for (let k = 0; k < spec.regularBuckets; k++) {
      const edge = spec.min * spec.ratio ** k;
      expect(bucketIndex(spec, edge)).toBe(k + 1);
      if (k > 0) expect(bucketIndex(spec, edge * (1 - 1e-12))).toBe(k);
    }
  });

  it("refuses NaN", () => {
    expect(() => bucketIndex(spec, Number.NaN)).toThrow(RangeError);
  });
});

describe("histogramQuantile", () => {
  it("is null for an empty histogram", () => {
    expect(histogramQuantile(LATENCY_HISTOGRAM, emptyHistogram(LATENCY_HISTOGRAM), 0.5)).toBeNull();
  });

  it("is within 2.5% of exact quantiles for 1..10,000 ms", () => {
    // Nearest-rank p50 = 5000, p95 = 9500, p99 = 9900 exactly.
    const values = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const hist = histogramOf(LATENCY_HISTOGRAM, values);
    expect(exactQuantile(values, 0.95)).toBe(9500);
    for (const q of QUANTILES) {
      const estimate = histogramQuantile(LATENCY_HISTOGRAM, hist, q)!;
      const exact = exactQuantile(values, q);
      expect(Math.abs(estimate / exact - 1)).toBeLessThanOrEqual(0.025);
    }
  });

  it("is within 2.5% of exact quantiles for skewed random latencies and speeds", () => {
    const random = createSeededRandom(21);
    // Log-uniform from 20 ms to 2 minutes, and from 1 to 5,000 tok/s.
    const latencies = Array.from({ length: 5000 }, () => 20 * 6000 ** random());
    const speeds = Array.from({ length: 5000 }, () => 5000 ** random());
    for (const [spec, values] of [
      [LATENCY_HISTOGRAM, latencies],
      [SPEED_HISTOGRAM, speeds],
    ] as const) {
      const hist = histogramOf(spec, values);
      expect(histogramCount(hist)).toBe(values.length);
      for (const q of QUANTILES) {
        const estimate = histogramQuantile(spec, hist, q)!;
        expect(Math.abs(estimate / exactQuantile(values, q) - 1)).toBeLessThanOrEqual(0.025);
      }
    }
  });

  it("uses the nearest rank", () => {
    // Three values: p50 is the ⌈1.5⌉ = 2nd smallest (100 ms), p34 the ⌈1.02⌉ = 2nd too,
    // p33 the ⌈0.99⌉ = 1st (10 ms).
    const hist = histogramOf(LATENCY_HISTOGRAM, [10, 100, 1000]);
    expect(histogramQuantile(LATENCY_HISTOGRAM, hist, 0.5)! / 100).toBeCloseTo(1, 1);
    expect(histogramQuantile(LATENCY_HISTOGRAM, hist, 0.34)! / 100).toBeCloseTo(1, 1);
    expect(histogramQuantile(LATENCY_HISTOGRAM, hist, 0.33)! / 10).toBeCloseTo(1, 1);
  });

  it("reports the range bound for quantiles outside it", () => {
    const hist = histogramOf(LATENCY_HISTOGRAM, [0, 0, 5, 700_000, 800_000]);
    expect(histogramQuantile(LATENCY_HISTOGRAM, hist, 0)).toBe(1);
    expect(histogramQuantile(LATENCY_HISTOGRAM, hist, 1)).toBe(600_000);
  });

  it("rejects quantiles outside [0, 1] and histograms of another layout", () => {
    const hist = histogramOf(LATENCY_HISTOGRAM, [10]);
    expect(() => histogramQuantile(LATENCY_HISTOGRAM, hist, 1.5)).toThrow(RangeError);
    expect(() => histogramQuantile(SPEED_HISTOGRAM, hist, 0.5)).toThrow(RangeError);
  });
});

describe("mergeHistograms", () => {
  it("adds counts element-wise, giving the histogram of the combined data", () => {
    const random = createSeededRandom(4);
    const first = Array.from({ length: 300 }, () => 50 + 2000 * random());
    const second = Array.from({ length: 700 }, () => 500 + 20_000 * random());
    const a = histogramOf(LATENCY_HISTOGRAM, first);
    const b = histogramOf(LATENCY_HISTOGRAM, second);
    const merged = mergeHistograms(a, b);
    expect(merged).toEqual(histogramOf(LATENCY_HISTOGRAM, [...first, ...second]));
    expect(merged.every((count, i) => count === a[i]! + b[i]!)).toBe(true);
    expect(histogramCount(merged)).toBe(1000);
    expect(histogramQuantile(LATENCY_HISTOGRAM, merged, 0.95)).toBe(
      histogramQuantile(
        LATENCY_HISTOGRAM,
        histogramOf(LATENCY_HISTOGRAM, [...first, ...second]),
        0.95,
      ),
    );
  });

  it("leaves its inputs alone and refuses different layouts", () => {
    const a = histogramOf(LATENCY_HISTOGRAM, [10]);
    const before = [...a];
    mergeHistograms(a, a);
    expect(a).toEqual(before);
    expect(() => mergeHistograms(a, emptyHistogram(SPEED_HISTOGRAM))).toThrow(RangeError);
  });
});

describe("addToHistogram", () => {
  it("counts in place, optionally several at once", () => {
    const hist = emptyHistogram(SPEED_HISTOGRAM);
    expect(addToHistogram(hist, SPEED_HISTOGRAM, 42)).toBe(hist);
    addToHistogram(hist, SPEED_HISTOGRAM, 42, 3);
    expect(hist[bucketIndex(SPEED_HISTOGRAM, 42)]).toBe(4);
    expect(histogramCount(hist)).toBe(4);
  });

  it("refuses an array of the wrong length", () => {
    expect(() => addToHistogram([0, 0], SPEED_HISTOGRAM, 1)).toThrow(RangeError);
  });
});
