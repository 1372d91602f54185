import { describe, expect, it } from "vitest";
import { prepareRunScores } from "./run-scores";

describe("prepareRunScores", () => {
  it("keeps target order, turns the interval into error distances, and lists unscored targets", () => {
    const chart = prepareRunScores([
      {
        id: "a",
        label: "A",
        isSimulated: true,
        score: { value: 0.8, low: 0.7, high: 0.85, n: 40 },
      },
      { id: "b", label: "B", isSimulated: true, score: null },
      {
        id: "c",
        label: "C",
        isSimulated: false,
        score: { value: 0.5, low: 0.4, high: 0.6, n: 12 },
      },
    ]);
    expect(chart.points.map((point) => point.id)).toEqual(["a", "c"]);
    expect(chart.points[0]?.error[0]).toBeCloseTo(0.1);
    expect(chart.points[0]?.error[1]).toBeCloseTo(0.05);
    expect(chart.points[1]?.n).toBe(12);
    expect(chart.missing).toEqual(["B"]);
    expect(chart.isEmpty).toBe(false);
  });

  it("is empty (not a row of zeros) when nothing has been scored", () => {
    const chart = prepareRunScores([
      { id: "a", label: "A", isSimulated: false, score: null },
      { id: "b", label: "B", isSimulated: false, score: { value: 0, low: 0, high: 0, n: 0 } },
    ]);
    expect(chart.points).toEqual([]);
    expect(chart.isEmpty).toBe(true);
    expect(chart.missing).toEqual(["A", "B"]);
  });

  it("clamps intervals to [0, 1] and shortens long labels", () => {
    const label = "Fallback in order: Claude Sonnet on Bedrock, Claude Sonnet on Vertex";
    const chart = prepareRunScores([
      { id: "p", label, isSimulated: false, score: { value: 0.98, low: 0.95, high: 1.02, n: 5 } },
    ]);
    const point = chart.points[0];
    expect(point?.high).toBe(1);
    expect(point?.error[1]).toBeCloseTo(0.02);
    expect(point?.shortLabel.length).toBeLessThan(label.length);
    expect(point?.label).toBe(label);
  });
});
