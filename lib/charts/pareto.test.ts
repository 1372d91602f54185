import { describe, expect, it } from "vitest";

import { paretoFrontier, prepareCostQuality, type CostQualityInput } from "./pareto";

describe("paretoFrontier", () => {
  it("keeps only points no other point beats on both cost and quality, cheapest first", () => {
    const ids = paretoFrontier([
      { id: "cheap-bad", cost: 1, quality: 0.5 },
      { id: "dominated", cost: 3, quality: 0.55 },
      { id: "mid", cost: 2, quality: 0.7 },
      { id: "dear-best", cost: 10, quality: 0.9 },
      { id: "dear-worse", cost: 12, quality: 0.85 },
    ]);
    expect(ids).toEqual(["cheap-bad", "mid", "dear-best"]);
  });

  it("drops a point that costs the same as a better one, and keeps exact duplicates", () => {
    expect(
      paretoFrontier([
        { id: "a", cost: 1, quality: 0.6 },
        { id: "b", cost: 1, quality: 0.8 },
        { id: "c", cost: 1, quality: 0.8 },
      ]),
    ).toEqual(["b", "c"]);
  });

  it("is empty for no points", () => {
    expect(paretoFrontier([])).toEqual([]);
  });
});

const target = (id: string, cost: number | null, score: number | null): CostQualityInput => ({
  id,
  label: `Target ${id}`,
  isSimulated: true,
  costPer1kUsd: cost,
  score: score === null ? null : { value: score, low: score - 0.05, high: score + 0.05, n: 20 },
});

describe("prepareCostQuality", () => {
  it("lists targets without a cost or a score as missing instead of drawing them at zero", () => {
    const chart = prepareCostQuality([
      target("a", 1, 0.7),
      target("b", null, 0.8),
      target("c", 2, null),
    ]);
    expect(chart.points.map((p) => p.id)).toEqual(["a"]);
    expect(chart.missing).toEqual([
      { label: "Target b", reason: "no cost" },
      { label: "Target c", reason: "no score" },
    ]);
  });

  it("flags the frontier and orders it by cost", () => {
    const chart = prepareCostQuality([
      target("dear", 8, 0.9),
      target("cheap", 1, 0.6),
      target("bad", 5, 0.5),
    ]);
    expect(chart.frontier.map((p) => p.id)).toEqual(["cheap", "dear"]);
    expect(chart.points.find((p) => p.id === "bad")?.isFrontier).toBe(false);
    expect(chart.points.find((p) => p.id === "cheap")?.error[0]).toBeCloseTo(0.05);
  });

  it("switches to a log cost axis when costs span more than 20×", () => {
    expect(prepareCostQuality([target("a", 0.1, 0.5), target("b", 5, 0.6)]).isLogCost).toBe(true);
    expect(prepareCostQuality([target("a", 1, 0.5), target("b", 5, 0.6)]).isLogCost).toBe(false);
  });

  it("is empty with no plottable target", () => {
    expect(prepareCostQuality([target("a", null, null)]).isEmpty).toBe(true);
  });
});
