import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { ScheduleTrends } from "@/components/history/schedule-trends";
import type { TrendPointInput } from "@/lib/charts/trend";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const point = (runId: string, day: number): TrendPointInput => ({
  runId,
  runName: `Every minute ${runId}`,
  finishedAt: new Date(Date.UTC(2026, 2, day, 6)),
  isSimulated: true,
  score: { value: 0.9, low: 0.85, high: 0.94, n: 10 },
  passRate: { value: 0.9, low: 0.8, high: 0.95, n: 10 },
  latencyMs: { p50: 400, p95: 900 },
  ttftMs: { p50: 120 },
  outputTokensPerSecond: 80,
  errorRate: { value: 0, low: 0, high: 0.1, n: 10 },
  costPer1kUsd: 0.4,
});

describe("a schedule's trends", () => {
  it("is a Trends section with one line per target and a point per run", () => {
    const html = renderToStaticMarkup(
      <ScheduleTrends
        history={{
          series: [
            { id: "t1", label: "Llama on Bedrock", points: [point("r1", 1), point("r2", 2)] },
            { id: "t2", label: "Fallback Bedrock then Azure", points: [point("r2", 2)] },
          ],
          priceChanges: [],
        }}
      />,
    );
    expect(html).toMatch(
      /<section aria-labelledby="schedule-trends"[^>]*><h2 id="schedule-trends"[^>]*>Trends<\/h2>/,
    );
    expect(html).toContain('data-points="3"');
    const plain = text(html);
    expect(plain).toContain("Score over time, by target");
    expect(plain).toContain("Target Run Finished Score (points) 95% CI n");
    expect(plain).toContain("Fallback Bedrock then Azure Every minute r2 Simulated");
  });

  it("says a point appears with each finished run when there is none yet", () => {
    const html = renderToStaticMarkup(
      <ScheduleTrends history={{ series: [], priceChanges: [] }} />,
    );
    expect(html).toContain('data-points="0"');
    expect(text(html)).toContain("each run that finishes adds a point");
  });
});
