import { describe, expect, it } from "vitest";

import {
  describePriceChange,
  formatTrendValue,
  isTrendMetric,
  prepareSparkline,
  prepareTrendChart,
  TREND_COLORS,
  TREND_METRICS,
  type TrendInput,
  type TrendPointInput,
} from "./trend";

const interval = (value: number, low: number, high: number, n: number) => ({
  value,
  low,
  high,
  n,
});

function point(
  runId: string,
  finishedAt: string,
  fields: Partial<TrendPointInput> = {},
): TrendPointInput {
  return {
    runId,
    runName: `Run ${runId}`,
    finishedAt,
    isSimulated: false,
    score: interval(0.8, 0.74, 0.86, 40),
    passRate: interval(0.75, 0.6, 0.86, 40),
    latencyMs: { p50: 800, p95: 1900 },
    ttftMs: { p50: 210 },
    outputTokensPerSecond: 84,
    errorRate: interval(0.02, 0.005, 0.07, 50),
    costPer1kUsd: 0.41,
    ...fields,
  };
}

const twoPlatforms: TrendInput = {
  seriesKind: "platform",
  series: [
    {
      id: "aws-bedrock",
      label: "Amazon Bedrock",
      points: [
        point("b2", "2026-12-02T10:00:00Z", { score: interval(0.9, 0.85, 0.95, 40) }),
        point("b1", "2026-12-01T10:00:00Z"),
      ],
    },
    {
      id: "gcp-vertex",
      label: "Vertex AI",
      points: [point("v1", "2026-12-01T12:00:00Z", { isSimulated: true })],
    },
  ],
};

describe("prepareTrendChart", () => {
  it("puts one point per run on time order, each linked to its run, with its interval as a band", () => {
    const chart = prepareTrendChart(twoPlatforms, "score");
    const bedrock = chart.series[0]!;
    expect(bedrock.points.map((p) => p.runId)).toEqual(["b1", "b2"]);
    expect(bedrock.points.map((p) => p.href)).toEqual(["/runs/b1", "/runs/b2"]);
    expect(bedrock.points[1]).toMatchObject({
      value: 0.9,
      band: [0.85, 0.95],
      n: 40,
      valueText: "90.0",
      intervalText: "95% CI 85.0 to 95.0",
      dateText: "2026-12-02 10:00:00 UTC",
      t: Date.parse("2026-12-02T10:00:00Z"),
    });
    expect(bedrock.latest?.runId).toBe("b2");
    expect(bedrock.measured).toBe(2);
    expect(chart.isEmpty).toBe(false);
    expect(chart.emptyText).toBeNull();
    expect(chart.yLabel).toBe("Score (points)");
  });

  it("gives each series its own colour in the given order, kept whatever the metric", () => {
    const score = prepareTrendChart(twoPlatforms, "score");
    const latency = prepareTrendChart(twoPlatforms, "latencyP95");
    expect(score.series.map((s) => s.color)).toEqual([TREND_COLORS[0], TREND_COLORS[1]]);
    expect(latency.series.map((s) => s.color)).toEqual(score.series.map((s) => s.color));
    expect(new Set(TREND_COLORS).size).toBe(TREND_COLORS.length);
  });

  it("leaves a gap for a run without a figure, never a zero", () => {
    const chart = prepareTrendChart(
      {
        seriesKind: "target",
        series: [
          {
            id: "t",
            label: "target",
            points: [
              point("r1", "2026-12-01T00:00:00Z"),
              point("r2", "2026-12-02T00:00:00Z", {
                ttftMs: { p50: null },
                score: null,
                costPer1kUsd: null,
              }),
              point("r3", "2026-12-03T00:00:00Z"),
            ],
          },
        ],
      },
      "ttftP50",
    );
    const [first, gap, last] = chart.series[0]!.points;
    expect(first?.value).toBe(210);
    expect(gap).toMatchObject({ runId: "r2", value: null, band: null, valueText: "—" });
    expect(last?.value).toBe(210);
    expect(chart.series[0]!.measured).toBe(2);
    expect(chart.table.rows.find((r) => r.runId === "r2")?.valueText).toBe("—");
    // The axis is built from the values only: the gap does not drag it to zero.
    expect(chart.yDomain[0]).toBeGreaterThan(0);

    const score = prepareTrendChart(
      {
        seriesKind: "target",
        series: [
          {
            id: "t",
            label: "t",
            points: [point("r", "2026-12-01T00:00:00Z", { score: interval(0.5, 0.4, 0.6, 0) })],
          },
        ],
      },
      "score",
    );
    // An estimate over no cases is no estimate.
    expect(score.series[0]!.points[0]!.value).toBeNull();
  });

  it("bands only the metrics that are estimates, and clamps score bands to 0–100 points", () => {
    const input: TrendInput = {
      seriesKind: "target",
      series: [
        {
          id: "t",
          label: "t",
          points: [point("r", "2026-12-01T00:00:00Z", { score: interval(0.98, 0.93, 1.03, 12) })],
        },
      ],
    };
    const score = prepareTrendChart(input, "score");
    expect(score.series[0]!.points[0]!.band).toEqual([0.93, 1]);
    expect(score.yDomain[1]).toBeLessThanOrEqual(1);
    for (const metric of [
      "latencyP50",
      "latencyP95",
      "ttftP50",
      "outputSpeed",
      "costPer1k",
    ] as const) {
      const chart = prepareTrendChart(input, metric);
      expect(chart.series[0]!.points[0]!.band).toBeNull();
      expect(chart.table.head).toHaveLength(4);
    }
    for (const metric of ["score", "passRate", "errorRate"] as const) {
      const chart = prepareTrendChart(input, metric);
      expect(chart.series[0]!.points[0]!.band).not.toBeNull();
      expect(chart.table.head.slice(-2)).toEqual(["95% CI", "n"]);
    }
  });

  it("writes every figure with the product's formatters", () => {
    const p = point("r", "2026-12-01T00:00:00Z");
    const chartOf = (metric: (typeof TREND_METRICS)[number]["id"]) =>
      prepareTrendChart(
        { seriesKind: "target", series: [{ id: "t", label: "t", points: [p] }] },
        metric,
      ).series[0]!.points[0]!.valueText;
    expect(chartOf("score")).toBe("80.0");
    expect(chartOf("passRate")).toBe("75.0%");
    expect(chartOf("latencyP50")).toBe("800 ms");
    expect(chartOf("latencyP95")).toBe("1.90 s");
    expect(chartOf("ttftP50")).toBe("210 ms");
    expect(chartOf("outputSpeed")).toBe("84 tok/s");
    expect(chartOf("errorRate")).toBe("2.0%");
    expect(chartOf("costPer1k")).toBe("$0.41");
    expect(formatTrendValue("costPer1k", null)).toBe("—");
  });

  it("puts the value axis on round ticks around the data and its bands", () => {
    const chart = prepareTrendChart(twoPlatforms, "score");
    // Values and bands span 0.74–0.95: ticks every 10 points from 70 to 100.
    expect(chart.yDomain).toEqual([0.7, 1]);
    expect(chart.yTicks.map((t) => t.label)).toEqual(["70", "80", "90", "100"]);
    const latency = prepareTrendChart(twoPlatforms, "latencyP95");
    expect(latency.yLabel).toBe("Latency p95 (ms)");
    const [low, high] = latency.yDomain;
    expect(low).toBeLessThanOrEqual(1900);
    expect(high).toBeGreaterThanOrEqual(1900);
    expect(latency.yTicks.every((t) => t.value >= 0)).toBe(true);
    const errors = prepareTrendChart(twoPlatforms, "errorRate");
    expect(errors.yDomain[0]).toBe(0);
    expect(errors.yTicks.at(-1)?.label).toMatch(/^\d+(\.\d+)?$/);
  });

  it("puts time ticks on round UTC times: days over weeks, day and time within a day", () => {
    const series = (...times: string[]): TrendInput => ({
      seriesKind: "target",
      series: [{ id: "t", label: "t", points: times.map((t, i) => point(`r${i}`, t)) }],
    });
    const labels = (input: TrendInput) =>
      prepareTrendChart(input, "score").xTicks.map((t) => t.label);

    const day = prepareTrendChart(twoPlatforms, "score");
    expect(day.xDomain[0]).toBeLessThan(Date.parse("2026-12-01T10:00:00Z"));
    expect(day.xDomain[1]).toBeGreaterThan(Date.parse("2026-12-02T10:00:00Z"));
    expect(day.xTicks.map((t) => t.label)).toEqual([
      "12-01 12:00",
      "12-01 18:00",
      "12-02 00:00",
      "12-02 06:00",
    ]);
    for (const tick of day.xTicks) {
      expect(tick.value).toBeGreaterThanOrEqual(day.xDomain[0]);
      expect(tick.value).toBeLessThanOrEqual(day.xDomain[1]);
    }

    const month = labels(series("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"));
    expect(month.length).toBeGreaterThanOrEqual(3);
    expect(month.length).toBeLessThanOrEqual(6);
    expect(month.every((label) => /^2026-1[12]-\d\d$/.test(label))).toBe(true);

    // Two runs of a one-minute schedule: a tick on each minute.
    expect(labels(series("2026-12-01T10:00:00Z", "2026-12-01T10:01:00Z"))).toEqual([
      "12-01 10:00",
      "12-01 10:01",
    ]);
    // One run: an hour either side.
    const one = prepareTrendChart(series("2026-12-01T10:00:00Z"), "score");
    expect(one.xDomain).toEqual([
      Date.parse("2026-12-01T09:00:00Z"),
      Date.parse("2026-12-01T11:00:00Z"),
    ]);
  });

  it("annotates the price changes inside the time range, and only those", () => {
    const chart = prepareTrendChart(
      {
        ...twoPlatforms,
        priceChanges: [
          {
            at: "2026-12-01T18:00:00Z",
            offeringId: "o-bedrock",
            platform: "Amazon Bedrock",
            from: { inputPrice: 3, outputPrice: 15 },
            to: { inputPrice: 2.5, outputPrice: 15 },
          },
          {
            at: "2026-11-20T00:00:00Z",
            offeringId: "o-bedrock",
            platform: "Amazon Bedrock",
            from: { inputPrice: 4, outputPrice: 15 },
            to: { inputPrice: 3, outputPrice: 15 },
          },
        ],
      },
      "costPer1k",
    );
    expect(chart.annotations).toEqual([
      {
        t: Date.parse("2026-12-01T18:00:00Z"),
        dateText: "2026-12-01 18:00:00 UTC",
        offeringId: "o-bedrock",
        platform: "Amazon Bedrock",
        label: "Price: Amazon Bedrock",
        description: "Amazon Bedrock's catalogue price changed: input $3.00 → $2.50 per 1M tokens",
      },
    ]);
    expect(
      describePriceChange({
        at: "2026-12-01T00:00:00Z",
        offeringId: "o",
        platform: "OpenAI",
        from: { inputPrice: null, outputPrice: 0.6 },
        to: { inputPrice: 0.15, outputPrice: 0.075 },
      }),
    ).toBe(
      "OpenAI's catalogue price changed: input — → $0.15, output $0.60 → $0.075 per 1M tokens",
    );
  });

  it("marks simulated runs on the point, the series and the chart", () => {
    const chart = prepareTrendChart(twoPlatforms, "score");
    expect(chart.series.map((s) => [s.isSimulated, s.hasSimulated])).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(chart.series[1]!.points[0]!.isSimulated).toBe(true);
    expect(chart.table.rows.find((r) => r.runId === "v1")?.isSimulated).toBe(true);
    expect(chart.hasSimulated).toBe(true);
    expect(
      prepareTrendChart({ ...twoPlatforms, series: [twoPlatforms.series[0]!] }, "score")
        .hasSimulated,
    ).toBe(false);
  });

  it("tables every run of every series on time order, each row linked to its run", () => {
    const chart = prepareTrendChart(twoPlatforms, "score");
    expect(chart.table.head).toEqual([
      "Platform",
      "Run",
      "Finished",
      "Score (points)",
      "95% CI",
      "n",
    ]);
    expect(
      chart.table.rows.map((r) => [
        r.seriesLabel,
        r.runId,
        r.href,
        r.valueText,
        r.intervalText,
        r.nText,
      ]),
    ).toEqual([
      ["Amazon Bedrock", "b1", "/runs/b1", "80.0", "74.0 to 86.0", "40"],
      ["Vertex AI", "v1", "/runs/v1", "80.0", "74.0 to 86.0", "40"],
      ["Amazon Bedrock", "b2", "/runs/b2", "90.0", "85.0 to 95.0", "40"],
    ]);
    expect(
      prepareTrendChart({ ...twoPlatforms, seriesKind: "target" }, "score").table.head[0],
    ).toBe("Target");
  });

  it("says so when no run has a figure for the metric, and the picker knows which have data", () => {
    const chart = prepareTrendChart(
      {
        seriesKind: "platform",
        series: [
          {
            id: "p",
            label: "p",
            points: [point("r", "2026-12-01T00:00:00Z", { ttftMs: { p50: null } })],
          },
        ],
      },
      "ttftP50",
    );
    expect(chart.isEmpty).toBe(true);
    expect(chart.emptyText).toBe(
      "No finished run has a time to first token figure here yet: each run that finishes adds a point.",
    );
    expect(chart.metrics.find((m) => m.id === "ttftP50")?.hasData).toBe(false);
    expect(chart.metrics.find((m) => m.id === "score")?.hasData).toBe(true);
    expect(chart.metrics.map((m) => m.id)).toEqual(TREND_METRICS.map((m) => m.id));

    const nothing = prepareTrendChart({ seriesKind: "platform", series: [] }, "score");
    expect(nothing.isEmpty).toBe(true);
    expect(nothing.annotations).toEqual([]);
    expect(nothing.table.rows).toEqual([]);
  });

  it("recognises metric names", () => {
    expect(isTrendMetric("latencyP95")).toBe(true);
    expect(isTrendMetric("latency")).toBe(false);
    expect(isTrendMetric(undefined)).toBe(false);
  });
});

describe("prepareSparkline", () => {
  it("draws runs equally spaced from lowest to highest, breaking at a run without a value", () => {
    const spark = prepareSparkline([
      point("c", "2026-12-03T00:00:00Z", { score: interval(0.9, 0.8, 0.95, 10) }),
      point("a", "2026-12-01T00:00:00Z", { score: interval(0.7, 0.6, 0.8, 10) }),
      point("b", "2026-12-02T00:00:00Z", { score: null }),
      point("d", "2026-12-04T00:00:00Z", { score: interval(0.8, 0.7, 0.9, 10) }),
    ]);
    expect(spark.segments.map((segment) => segment.map((dot) => dot.runId))).toEqual([
      ["a"],
      ["c", "d"],
    ]);
    expect(spark.segments[0]![0]).toMatchObject({ x: 0, y: 0 });
    expect(spark.segments[1]![0]!.x).toBeCloseTo(2 / 3);
    expect(spark.segments[1]![0]!.y).toBeCloseTo(1);
    expect(spark.segments[1]![1]!.y).toBeCloseTo(0.5);
    expect(spark.latest).toEqual({
      runId: "d",
      href: "/runs/d",
      valueText: "80.0",
      isSimulated: false,
    });
    expect(spark.label).toBe("Score over 3 runs: from 70.0 to 80.0 points");
  });

  it("is empty without a value, and centred with one", () => {
    const empty = prepareSparkline([point("a", "2026-12-01T00:00:00Z", { score: null })]);
    expect(empty.isEmpty).toBe(true);
    expect(empty.latest).toBeNull();
    const one = prepareSparkline([point("a", "2026-12-01T00:00:00Z")], "outputSpeed");
    expect(one.segments).toEqual([
      [{ x: 0.5, y: 0.5, runId: "a", valueText: "84 tok/s", isSimulated: false }],
    ]);
    expect(one.label).toBe("Output speed over 1 run: 84 tok/s");
  });
});
