import { describe, expect, it } from "vitest";
import { preparePriceComparison } from "./price-comparison";

const offering = (
  platformId: string,
  nativeId: string,
  input: number | null,
  output: number | null,
  lifecycle = "ga",
) => ({
  platformId,
  platformName: platformId.toUpperCase(),
  nativeId,
  inputPrice: input,
  outputPrice: output,
  blendedPrice: input === null || output === null ? null : (3 * input + output) / 4,
  lifecycle,
});

describe("preparePriceComparison", () => {
  it("keeps each platform's cheapest offering, sorted by blended price, with the spread", () => {
    const chart = preparePriceComparison([
      offering("azure", "eu/model", 1.1, 4.4),
      offering("azure", "model", 1, 4),
      offering("deepseek", "model", 0.25, 1),
      offering("old", "model", 0.01, 0.01, "retired"),
      offering("mystery", "model", null, null),
    ]);
    expect(chart.points.map((point) => point.nativeId)).toEqual(["model", "model"]);
    expect(chart.points.map((point) => point.platformId)).toEqual(["deepseek", "azure"]);
    expect(chart.spread).toBeCloseTo(1.75 / 0.4375);
    expect(chart.unpriced).toEqual(["MYSTERY"]);
    expect(chart.n).toBe(4);
  });
});
