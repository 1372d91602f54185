import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "@/lib/eval/random";
import {
  alignPairs,
  bootstrapMeanCi,
  estimateEtaMs,
  mcnemarExact,
  mean,
  pairedComparison,
  wilsonInterval,
} from "@/lib/eval/stats";

describe("mean", () => {
  it("is null for no values, never zero", () => {
    expect(mean([])).toBeNull();
  });
  it("averages the values", () => {
    // (1 + 2 + 3 + 4) / 4 = 2.5
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });
});

describe("bootstrapMeanCi", () => {
  const random = createSeededRandom(11);
  const scores = Array.from({ length: 60 }, () => random());

  it("is null for no values", () => {
    expect(bootstrapMeanCi([])).toBeNull();
  });

  it("collapses to the value for a single case", () => {
    expect(bootstrapMeanCi([0.7])).toEqual({ mean: 0.7, low: 0.7, high: 0.7, n: 1 });
  });

  it("gives a zero-width interval for constant data", () => {
    const result = bootstrapMeanCi(new Array<number>(40).fill(0.1));
    expect(result).not.toBeNull();
    // Forty 0.1s sum to 4.000000000000001 in floating point; the mean is still reported as 0.1.
    expect(result!.mean).toBe(0.1);
    expect(result!.low).toBe(result!.mean);
    expect(result!.high).toBe(result!.mean);
    expect(result!.n).toBe(40);
  });

  it("is deterministic for a seed and moves with a different seed", () => {
    const first = bootstrapMeanCi(scores, { seed: 5 });
    expect(bootstrapMeanCi(scores, { seed: 5 })).toEqual(first);
    expect(bootstrapMeanCi(scores)).toEqual(bootstrapMeanCi(scores));
    const other = bootstrapMeanCi(scores, { seed: 6 });
    expect(other!.mean).toBe(first!.mean);
    expect([other!.low, other!.high]).not.toEqual([first!.low, first!.high]);
  });

  it("contains the mean and lies within the data's range", () => {
    const result = bootstrapMeanCi(scores)!;
    expect(result.low).toBeLessThan(result.mean);
    expect(result.high).toBeGreaterThan(result.mean);
    expect(result.low).toBeGreaterThanOrEqual(Math.min(...scores));
    expect(result.high).toBeLessThanOrEqual(Math.max(...scores));
  });

  it("matches the normal approximation for a large 0/1 sample", () => {
    // 50 passes out of 100: mean 0.5, SE = sqrt(0.5 · 0.5 / 100) = 0.05,
    // so the 95% interval is about 0.5 ± 1.96 · 0.05 = [0.402, 0.598].
    const values = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const result = bootstrapMeanCi(values)!;
    expect(result.mean).toBe(0.5);
    expect(result.low).toBeCloseTo(0.402, 1);
    expect(result.high).toBeCloseTo(0.598, 1);
    expect(Math.abs(result.low - 0.402)).toBeLessThan(0.02);
    expect(Math.abs(result.high - 0.598)).toBeLessThan(0.02);
  });

  it("keeps the mean inside the interval even with too few resamples", () => {
    // One resample of [0, 1] has mean 0, 0.5 or 1; whichever it is, the interval must hold 0.5.
    for (let seed = 0; seed < 20; seed++) {
      const result = bootstrapMeanCi([0, 1], { resamples: 1, seed })!;
      expect(result.low).toBeLessThanOrEqual(0.5);
      expect(result.high).toBeGreaterThanOrEqual(0.5);
    }
  });

  it("widens with the confidence level", () => {
    const narrow = bootstrapMeanCi(scores, { level: 0.8 })!;
    const wide = bootstrapMeanCi(scores, { level: 0.99 })!;
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
  });

  it("rejects non-finite values and invalid options", () => {
    expect(() => bootstrapMeanCi([1, Number.NaN])).toThrow(RangeError);
    expect(() => bootstrapMeanCi([1, 2], { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapMeanCi([1, 2], { level: 1 })).toThrow(RangeError);
  });

  it("always brackets the mean (property)", () => {
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.constantFrom(0, 1),
      fc.double({ min: 0, max: 1, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 300 }),
        (values, seed, resamples) => {
          const result = bootstrapMeanCi(values, { seed, resamples })!;
          expect(result.n).toBe(values.length);
          expect(result.low).toBeLessThanOrEqual(result.mean);
          expect(result.mean).toBeLessThanOrEqual(result.high);
          expect(result.low).toBeGreaterThanOrEqual(Math.min(...values));
          expect(result.high).toBeLessThanOrEqual(Math.max(...values));
          // Spread in the data shows up as width once there are enough resamples: with
          // non-constant data each side of the mean draws a sizeable share of the resamples.
          if (resamples >= 200 && new Set(values).size > 1) {
            expect(result.low).toBeLessThan(result.high);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("wilsonInterval", () => {
  // z = 1.959964, z² = 3.841459.
  it("matches the hand computation for 8/10", () => {
    // p = 0.8; z²/n = 0.3841459; denominator = 1.3841459
    // centre = (0.8 + 3.841459 / 20) / 1.3841459 = 0.9920730 / 1.3841459 = 0.716749
    // half = (1.959964 / 1.3841459) · sqrt(0.8 · 0.2 / 10 + 3.841459 / 400)
    //      = 1.416005 · sqrt(0.016 + 0.0096036) = 1.416005 · 0.160011 = 0.226576
    // low = 0.716749 − 0.226576 = 0.490173; high = 0.716749 + 0.226576 = 0.943325
    const result = wilsonInterval(8, 10)!;
    expect(result.rate).toBe(0.8);
    expect(result.n).toBe(10);
    expect(result.low).toBeCloseTo(0.4902, 4);
    expect(result.high).toBeCloseTo(0.9433, 4);
  });

  it("matches the hand computation for 0/5 and 5/5", () => {
    // 0/5: z²/n = 0.7682918; denominator = 1.7682918
    // centre = (0 + 3.841459 / 10) / 1.7682918 = 0.3841459 / 1.7682918 = 0.217241
    // half = (1.959964 / 1.7682918) · sqrt(0 + 3.841459 / 100) = 1.108393 · 0.1959964 = 0.217241
    // low = 0, high = 0.434482. 5/5 mirrors it: low = 1 − 0.434482 = 0.565518, high = 1.
    expect(wilsonInterval(0, 5)).toEqual({
      rate: 0,
      low: 0,
      high: expect.closeTo(0.434482, 5),
      n: 5,
    });
    expect(wilsonInterval(5, 5)).toEqual({
      rate: 1,
      low: expect.closeTo(0.565518, 5),
      high: 1,
      n: 5,
    });
  });

  it("is null for no trials and rejects impossible counts", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(6, 5)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 5)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 5)).toThrow(RangeError);
  });
});

describe("mcnemarExact", () => {
  it("matches the hand computation for b = 1, c = 6", () => {
    // n = 7, X ~ Bin(7, 1/2): P(X ≤ 1) = (C(7,0) + C(7,1)) / 2^7 = (1 + 7) / 128 = 0.0625
    // p = 2 · 0.0625 = 0.125
    expect(mcnemarExact(1, 6)).toBeCloseTo(0.125, 12);
    expect(mcnemarExact(6, 1)).toBeCloseTo(0.125, 12);
  });

  it("matches other hand-computed cases", () => {
    // (2, 5): P(X ≤ 2) = (1 + 7 + 21) / 128 = 29/128; p = 58/128 = 0.453125
    expect(mcnemarExact(2, 5)).toBeCloseTo(0.453125, 12);
    // (0, 10): P(X = 0) = 1/1024; p = 2/1024 = 0.001953125
    expect(mcnemarExact(0, 10)).toBeCloseTo(0.001953125, 14);
  });

  it("is 1 without discordant pairs or with a balanced split", () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(3, 3)).toBe(1);
    // (3, 4): 2 · P(X ≤ 3) = 2 · 64/128 = 1
    expect(mcnemarExact(3, 4)).toBe(1);
  });

  it("agrees with exact BigInt arithmetic for small counts", () => {
    const choose = (n: bigint, k: bigint) => {
      let result = 1n;
      for (let i = 1n; i <= k; i++) result = (result * (n - i + 1n)) / i;
      return result;
    };
    for (let b = 0; b <= 40; b += 3) {
      for (let c = 0; c <= 40; c += 5) {
        const n = BigInt(b + c);
        const smaller = BigInt(Math.min(b, c));
        let tail = 0n;
        for (let k = 0n; k <= smaller; k++) tail += choose(n, k);
        const expected = Math.min(1, (2 * Number(tail)) / Number(2n ** n));
        const actual = mcnemarExact(b, c);
        expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(expected, 1e-300));
      }
    }
  });

  it("stays accurate for 100,000 discordant pairs", () => {
    // Normal approximation with continuity correction, z = (|b − c| − 1) / sqrt(b + c).
    // (49,900, 50,100): z = 199 / 316.228 = 0.62929; Φ(0.62929) ≈ 0.73542; p ≈ 2 · 0.26458 = 0.5292
    expect(mcnemarExact(49_900, 50_100)).toBeCloseTo(0.5292, 3);
    // (49,000, 51,000): z = 1999 / 316.228 = 6.32139; tail ≈ φ(z)/z · (1 − 1/z² + 3/z⁴)
    //   φ(z) = exp(−19.980) / 2.50663 = 8.394e−10; / z = 1.3279e−10; · 0.97685 = 1.2972e−10
    //   p ≈ 2.594e−10 (2^−100000 itself underflows, so this needs log space)
    const p = mcnemarExact(49_000, 51_000);
    expect(p / 2.594e-10).toBeGreaterThan(0.98);
    expect(p / 2.594e-10).toBeLessThan(1.02);
  });

  it("rejects counts that are not non-negative integers", () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarExact(1.5, 2)).toThrow(RangeError);
  });
});

describe("pairedComparison", () => {
  const random = createSeededRandom(3);
  const base = Array.from({ length: 50 }, () => 0.2 + 0.5 * random());

  it("calls identical targets equivalent", () => {
    const result = pairedComparison(base, base)!;
    expect(result).toMatchObject({ n: 50, difference: 0, low: 0, high: 0, verdict: "equivalent" });
    expect(result.meanA).toBe(result.meanB);
  });

  it("calls a consistent +0.3 lead different", () => {
    const better = base.map((x) => x + 0.3);
    const result = pairedComparison(better, base)!;
    expect(result.verdict).toBe("different");
    expect(result.difference).toBeCloseTo(0.3, 10);
    expect(result.low).toBeCloseTo(0.3, 10);
    expect(result.high).toBeCloseTo(0.3, 10);
    expect(result.meanA - result.meanB).toBeCloseTo(0.3, 10);
  });

  it("calls a noisy small sample inconclusive", () => {
    // Differences +0.5, −0.4, +0.3, −0.2, +0.1: mean 0.06, spread far wider than the margin.
    const a = [0.9, 0.1, 0.8, 0.3, 0.6];
    const b = [0.4, 0.5, 0.5, 0.5, 0.5];
    const result = pairedComparison(a, b)!;
    expect(result.difference).toBeCloseTo(0.06, 12);
    expect(result.low).toBeLessThan(0);
    expect(result.high).toBeGreaterThan(0);
    expect(result.verdict).toBe("inconclusive");
  });

  it("calls small noise around zero equivalent on a large sample", () => {
    const noise = createSeededRandom(9);
    const b = base.map((x) => x + (noise() - 0.5) * 0.02);
    expect(pairedComparison(base, b)!.verdict).toBe("equivalent");
  });

  it("prefers equivalent when the interval is inside the margin and excludes 0", () => {
    const b = base.map((x) => x - 0.01);
    expect(pairedComparison(base, b)!.verdict).toBe("equivalent");
    expect(pairedComparison(base, b, { margin: 0.005 })!.verdict).toBe("different");
  });

  it("is inconclusive for a single case and null for none", () => {
    expect(pairedComparison([0.9], [0.1])!.verdict).toBe("inconclusive");
    expect(pairedComparison([], [])).toBeNull();
  });

  it("rejects misaligned inputs and bad margins", () => {
    expect(() => pairedComparison([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedComparison([1], [1], { margin: -0.1 })).toThrow(RangeError);
  });
});

describe("alignPairs", () => {
  it("keeps common cases, sorted by id", () => {
    const a = new Map([
      ["c", 0.3],
      ["a", 0.1],
      ["only-a", 0.9],
      ["b", 0.2],
    ]);
    const b = new Map([
      ["b", 0.25],
      ["only-b", 0.5],
      ["a", 0.15],
      ["c", 0.35],
    ]);
    expect(alignPairs(a, b)).toEqual({
      caseIds: ["a", "b", "c"],
      a: [0.1, 0.2, 0.3],
      b: [0.15, 0.25, 0.35],
    });
  });

  it("is empty when nothing overlaps", () => {
    expect(alignPairs(new Map([["x", 1]]), new Map([["y", 1]]))).toEqual({
      caseIds: [],
      a: [],
      b: [],
    });
  });
});

describe("estimateEtaMs", () => {
  it("extrapolates the average time per item", () => {
    // 1000 ms for 2 items = 500 ms each; 8 left → 4000 ms
    expect(estimateEtaMs({ completed: 2, expected: 10, elapsedMs: 1000 })).toBe(4000);
  });
  it("is null before the first item and once done", () => {
    expect(estimateEtaMs({ completed: 0, expected: 10, elapsedMs: 500 })).toBeNull();
    expect(estimateEtaMs({ completed: 10, expected: 10, elapsedMs: 500 })).toBeNull();
  });
});
