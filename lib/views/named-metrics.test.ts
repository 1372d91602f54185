import { describe, expect, it } from "vitest";
import {
  formatMetricWeight,
  formatNamedMetricsTable,
  groupNamedMetrics,
  namedMetricsExport,
  type TargetNamedMetrics,
} from "./named-metrics";

const TARGETS = [
  { id: "a", label: "Model A on Cloud A", isSimulated: true },
  { id: "b", label: "Model B on Cloud B", isSimulated: false },
  { id: "c", label: "Model C", isSimulated: false },
];

const NAMED: TargetNamedMetrics[] = [
  { targetId: "b", metrics: [{ name: "tone", mean: 0.5, weight: 2.5, trials: 2 }] },
  {
    targetId: "a",
    metrics: [
      { name: "facts", mean: 0.375, weight: 16, trials: 3 },
      { name: "info", mean: null, weight: 0, trials: 1 },
    ],
  },
  { targetId: "c", metrics: [] },
];

describe("groupNamedMetrics", () => {
  it("keeps the targets' order and leaves out targets without a named metric", () => {
    expect(groupNamedMetrics(TARGETS, NAMED).map((group) => group.id)).toEqual(["a", "b"]);
  });

  it("is empty when no target has one", () => {
    expect(groupNamedMetrics(TARGETS, [])).toEqual([]);
  });
});

describe("namedMetricsExport", () => {
  it("writes means in points, a weight-0 mean as null", () => {
    expect(namedMetricsExport(NAMED, "a")).toEqual([
      { name: "facts", mean: 37.5, weight: 16, trials: 3 },
      { name: "info", mean: null, weight: 0, trials: 1 },
    ]);
    expect(namedMetricsExport(NAMED, "c")).toEqual([]);
  });
});

describe("formatMetricWeight", () => {
  it("writes whole weights as counts and others to two decimals", () => {
    expect(formatMetricWeight(1200)).toBe("1,200");
    expect(formatMetricWeight(2.5)).toBe("2.5");
    expect(formatMetricWeight(1 / 3)).toBe("0.33");
  });
});

describe("formatNamedMetricsTable", () => {
  it("lists each target's names with the mean in points, the weight and the trials", () => {
    const lines = formatNamedMetricsTable(TARGETS, NAMED).split("\n");
    expect(lines[0]).toBe("Named metrics");
    expect(lines.slice(3)).toEqual([
      "target                          metric  mean (points)  weight  trials",
      "------------------------------  ------  -------------  ------  ------",
      "Model A on Cloud A (simulated)  facts   37.5           16      3",
      "Model A on Cloud A (simulated)  info    —              0       1",
      "Model B on Cloud B              tone    50.0           2.5     2",
    ]);
  });

  it("is empty when the run has no named metric", () => {
    expect(formatNamedMetricsTable(TARGETS, [{ targetId: "a", metrics: [] }])).toBe("");
  });
});
