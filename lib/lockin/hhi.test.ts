import { describe, expect, it } from "vitest";
import { computeHhi, hhiToFactorValue } from "./hhi";

describe("computeHhi", () => {
  it("is 10,000 for a single group", () => {
    expect(computeHhi([4200])).toBe(10_000);
  });

  it("normalises amounts to shares before squaring", () => {
    // Shares 0.5, 0.3, 0.2: (0.25 + 0.09 + 0.04) × 10,000 = 3,800.
    expect(computeHhi([500, 300, 200])).toBeCloseTo(3800, 6);
    // Two equal groups: 2 × 0.5² × 10,000 = 5,000; four equal groups: 4 × 0.25² × 10,000 = 2,500.
    expect(computeHhi([1, 1])).toBeCloseTo(5000, 6);
    expect(computeHhi([7, 7, 7, 7])).toBeCloseTo(2500, 6);
  });

  it("ignores zero amounts and is null when there is nothing to share", () => {
    // Shares 0.75, 0.25: 0.5625 + 0.0625 = 0.625 → 6,250.
    expect(computeHhi([3, 0, 1])).toBeCloseTo(6250, 6);
    expect(computeHhi([])).toBeNull();
    expect(computeHhi([0, 0])).toBeNull();
  });
});

describe("hhiToFactorValue", () => {
  it("maps 0–10,000 linearly onto 0–100", () => {
    expect(hhiToFactorValue(10_000)).toBe(100);
    expect(hhiToFactorValue(3800)).toBe(38);
    expect(hhiToFactorValue(0)).toBe(0);
  });
});
