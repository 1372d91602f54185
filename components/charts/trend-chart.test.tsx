import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import {
  countDrawnPoints,
  describeChart,
  TrendChart,
  type TrendHistory,
} from "@/components/charts/trend-chart";
import { prepareTrendChart, type TrendPointInput } from "@/lib/charts/trend";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

function point(
  runId: string,
  day: number,
  score: number | null,
  isSimulated = true,
): TrendPointInput {
  return {
    runId,
    runName: `Nightly ${runId}`,
    finishedAt: new Date(Date.UTC(2026, 2, day, 6)),
    isSimulated,
    score: score === null ? null : { value: score, low: score - 0.05, high: score + 0.04, n: 24 },
    passRate: null,
    latencyMs: { p50: 800 + day, p95: 1500 },
    ttftMs: { p50: null },
    outputTokensPerSecond: 60,
    errorRate: null,
    costPer1kUsd: null,
  };
}

const history: TrendHistory = {
  series: [
    {
      id: "aws-bedrock",
      label: "Amazon Bedrock",
      points: [point("r1", 1, 0.8), point("r2", 2, null), point("r3", 3, 0.82)],
    },
    { id: "azure", label: "Azure AI Foundry", points: [point("r1", 1, 0.7, false)] },
  ],
  priceChanges: [
    {
      at: new Date(Date.UTC(2026, 2, 2)),
      offeringId: "o1",
      platform: "Amazon Bedrock",
      from: { inputPrice: 3, outputPrice: 15 },
      to: { inputPrice: 2.5, outputPrice: 15 },
    },
  ],
};

describe("the trend chart", () => {
  it("counts the points it draws across lines, leaving gaps out, on a stable test id", () => {
    const html = renderToStaticMarkup(<TrendChart history={history} seriesKind="platform" />);
    expect(html).toContain('data-testid="trend-chart"');
    // Bedrock has two scored runs and one without a score; Azure one.
    expect(html).toContain('data-points="3"');
    expect(html).toContain('data-metric="score"');
    const chart = prepareTrendChart({ ...history, seriesKind: "platform" }, "latencyP50");
    expect(countDrawnPoints(chart)).toBe(4);
  });

  it("offers every metric, saying which have no figures, and opens on one that has", () => {
    const html = renderToStaticMarkup(<TrendChart history={history} seriesKind="platform" />);
    expect(html).toMatch(/<label[^>]*>Metric<\/label>/);
    expect(html).toContain('<option value="score" selected="">Score</option>');
    expect(html).toContain("Pass rate (no figures yet)");
    expect(html).toContain('<option value="latencyP50">Latency p50</option>');
    const noScore: TrendHistory = {
      series: [{ id: "a", label: "A", points: [{ ...point("r1", 1, null) }] }],
    };
    const fallback = renderToStaticMarkup(<TrendChart history={noScore} seriesKind="platform" />);
    expect(fallback).toContain('data-metric="latencyP50"');
    expect(fallback).toContain('data-points="1"');
  });

  it("lists every run in a table with links to the runs, the interval and the simulated tag", () => {
    const html = renderToStaticMarkup(<TrendChart history={history} seriesKind="platform" />);
    const plain = text(html);
    expect(plain).toContain("Table view: the numbers behind this chart (4 rows)");
    expect(plain).toContain("Platform Run Finished Score (points) 95% CI n");
    expect(html).toContain(
      '<a href="/runs/r3" class="underline underline-offset-2">Nightly r3</a>',
    );
    expect(plain).toContain(
      "Amazon Bedrock Nightly r3 Simulated 2026-03-03 06:00:00 UTC 82.0 77.0 to 86.0 24",
    );
    expect(plain).toContain("Amazon Bedrock Nightly r2 Simulated 2026-03-02 06:00:00 UTC — —");
    expect(html.match(/>Simulated</g)?.length).toBe(1 + 3);
  });

  it("names the lines, marks simulated ones and describes the price change under the chart", () => {
    const plain = text(
      renderToStaticMarkup(<TrendChart history={history} seriesKind="platform" />),
    );
    expect(plain).toContain("Amazon Bedrock · simulated");
    expect(plain).not.toContain("Azure AI Foundry · simulated");
    expect(plain).toContain(
      "2026-03-02 00:00:00 UTC : Amazon Bedrock&#x27;s catalogue price changed: input $3.00 → $2.50 per 1M tokens.",
    );
  });

  it("says in one sentence what each line's latest figure is", () => {
    const chart = prepareTrendChart({ ...history, seriesKind: "platform" }, "score");
    expect(describeChart(chart)).toBe(
      "Score over time. Amazon Bedrock: latest 82.0 points (Nightly r3, 2026-03-03 06:00:00 UTC), 2 runs with a figure; Azure AI Foundry: latest 70.0 points (Nightly r1, 2026-03-01 06:00:00 UTC), 1 run with a figure. Every point is listed in the table view below.",
    );
  });

  it("shows the empty text, no picker and no table when no run has finished", () => {
    const html = renderToStaticMarkup(
      <TrendChart history={{ series: [], priceChanges: [] }} seriesKind="target" />,
    );
    expect(html).toContain('data-points="0"');
    expect(text(html)).toContain("No finished run has a score figure here yet");
    expect(html).not.toContain("<select");
    expect(html).not.toContain("Table view");
  });
});
