import { describe, expect, it } from "vitest";
import {
  DASH,
  formatCount,
  formatDateTime,
  formatDifferenceCi,
  formatDay,
  formatEta,
  formatMargin,
  formatMs,
  formatMultiple,
  formatPercent,
  formatPerSecond,
  formatPointsDifference,
  formatPValue,
  formatRisk,
  formatScore,
  formatScoreInterval,
  formatScoreWithUnit,
  formatSignedPoints,
  formatTokens,
  formatTokensPerSecond,
  formatUsd,
  formatUsdPerCase,
  formatUsdPerMillion,
  formatUsdPerMonth,
  formatWholePercent,
  toPoints,
} from "./index";

type Case<T> = [input: T, expected: string];

function table<T>(name: string, format: (value: T) => string, cases: Case<T>[]) {
  describe(name, () => {
    it.each(cases)("%s → %s", (input, expected) => {
      expect(format(input)).toBe(expected);
    });
  });
}

const missing: Case<number | null | undefined>[] = [
  [null, DASH],
  [undefined, DASH],
  [Number.NaN, DASH],
  [Number.POSITIVE_INFINITY, DASH],
];

table("formatScore (points, no unit)", formatScore, [
  [0.842, "84.2"],
  [0.8425, "84.3"],
  [1, "100.0"],
  [0, "0.0"],
  [-0.0001, "0.0"],
  [-0.042, "−4.2"],
  ...missing,
]);

table("formatScoreWithUnit", formatScoreWithUnit, [
  [0.862, "86.2 points"],
  [null, DASH],
]);

table("formatSignedPoints", formatSignedPoints, [
  [0.042, "+4.2"],
  [-0.042, "−4.2"],
  [0.0004, "0.0"],
  [-0.0004, "0.0"],
  [0, "0.0"],
  [0.151, "+15.1"],
  ...missing,
]);

table("formatPointsDifference", formatPointsDifference, [
  [0.014, "+1.4 points"],
  [-0.003, "−0.3 points"],
  [0, "0.0 points"],
  [null, DASH],
]);

describe("intervals", () => {
  it("writes a difference CI with signs and the minus sign", () => {
    expect(formatDifferenceCi(-0.067, 0.151)).toBe("95% CI −6.7 to +15.1");
  });
  it("mirrors exactly when the bounds are negated and swapped", () => {
    expect(formatDifferenceCi(-0.151, 0.067)).toBe("95% CI −15.1 to +6.7");
  });
  it("writes a score interval without signs", () => {
    expect(formatScoreInterval(0.781, 0.86)).toBe("[78.1, 86.0]");
  });
  it("dashes a missing bound", () => {
    expect(formatScoreInterval(null, 0.5)).toBe(`[${DASH}, 50.0]`);
  });
});

table("formatMargin", formatMargin, [
  [0.02, "±2 points"],
  [0.025, "±2.5 points"],
]);

table("toPoints (the exported number)", (v: number | null) => String(toPoints(v)), [
  [0.8425, "84.3"],
  [-0.0004, "0"],
  [-0.0421, "-4.2"],
  [null, "null"],
]);

table("formatPercent", formatPercent, [
  [0.934, "93.4%"],
  [1, "100.0%"],
  [0, "0.0%"],
  [-0.0001, "0.0%"],
  ...missing,
]);

table("formatWholePercent", formatWholePercent, [
  [0.384, "38%"],
  [0.005, "1%"],
  [null, DASH],
]);

table("formatUsd", formatUsd, [
  [12.4, "$12.40"],
  [1234.5, "$1234.50"],
  [0.034, "$0.034"],
  [0.00048, "$0.00048"],
  [0.000456, "$0.00046"],
  [0.5, "$0.50"],
  [0, "$0.00"],
  [-0.25, "−$0.25"],
  [1e-12, "$0.00000000"],
  ...missing,
]);

table("formatUsdPerCase", formatUsdPerCase, [
  [0.00048, "$0.00048 per case"],
  [null, DASH],
]);

table("formatUsdPerMonth", formatUsdPerMonth, [
  [1240.4, "$1,240 per month"],
  [12.4, "$12.40 per month"],
  [0.5, "$0.50 per month"],
  [null, DASH],
]);

table("formatUsdPerMillion", formatUsdPerMillion, [
  [3, "$3.00"],
  [0.075, "$0.075"],
  [0, "$0.00"],
  [null, DASH],
]);

table("formatMs", formatMs, [
  [840, "840 ms"],
  [999.4, "999 ms"],
  [1240, "1.24 s"],
  [null, DASH],
]);

table("formatEta", formatEta, [
  [45_000, "45 s"],
  [200_000, "3 min 20 s"],
  [7_500_000, "2 h 5 min"],
  [-5, "0 s"],
  [null, DASH],
]);

table("formatTokensPerSecond", formatTokensPerSecond, [
  [84.4, "84 tok/s"],
  [7.46, "7.5 tok/s"],
  [null, DASH],
]);

table("formatCount", formatCount, [
  [1234, "1,234"],
  [672, "672"],
  [1_000_000, "1,000,000"],
  [null, DASH],
]);

table("formatTokens", formatTokens, [
  [200_000, "200K"],
  [1_000_000, "1M"],
  [1_048_576, "1.05M"],
  [512, "512"],
  [null, DASH],
]);

table("formatPValue", formatPValue, [
  [0.031, "p = 0.031"],
  [0.0004, "p < 0.001"],
  [null, DASH],
]);

describe("dates (UTC)", () => {
  const at = new Date("2026-11-25T23:21:54.123Z");
  it("formats a day", () => {
    expect(formatDay(at)).toBe("2026-11-25");
    expect(formatDay("2026-11-25T23:21:54Z")).toBe("2026-11-25");
  });
  it("formats a moment", () => {
    expect(formatDateTime(at)).toBe("2026-11-25 23:21:54 UTC");
  });
  it("writes UTC whatever the offset of the input", () => {
    expect(formatDateTime(new Date("2026-11-25T23:21:54.789+01:00"))).toBe(
      "2026-11-25 22:21:54 UTC",
    );
    expect(formatDay(new Date("2026-01-01T00:30:00+02:00"))).toBe("2025-12-31");
  });
});

table("formatRisk (lock-in, already 0–100)", formatRisk, [
  [12.345, "12.3"],
  [null, DASH],
]);

table("formatPerSecond", (v: number | null) => formatPerSecond(v, "trials"), [
  [3.42, "3.4 trials/s"],
  [120.4, "120 trials/s"],
  [null, DASH],
]);

table("formatMultiple", formatMultiple, [
  [1.94, "1.9×"],
  [1, "1.0×"],
  [null, DASH],
]);
