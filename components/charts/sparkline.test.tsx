import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { Sparkline } from "@/components/charts/sparkline";
import { prepareSparkline, type TrendPointInput } from "@/lib/charts/trend";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

function point(runId: string, day: number, score: number | null): TrendPointInput {
  return {
    runId,
    runName: `Nightly ${runId}`,
    finishedAt: new Date(Date.UTC(2026, 2, day, 6)),
    isSimulated: false,
    score: score === null ? null : { value: score, low: score - 0.05, high: score + 0.04, n: 24 },
    passRate: null,
    latencyMs: { p50: 800, p95: 1500 },
    ttftMs: { p50: null },
    outputTokensPerSecond: 60,
    errorRate: null,
    costPer1kUsd: null,
  };
}

describe("the sparkline", () => {
  it("is an image named by the preparer's sentence, broken where a run has no figure", () => {
    const points = [
      point("r1", 1, 0.8),
      point("r2", 2, 0.81),
      point("r3", 3, null),
      point("r4", 4, 0.84),
    ];
    const sparkline = prepareSparkline(points, "score");
    const html = renderToStaticMarkup(<Sparkline sparkline={sparkline} />);
    expect(html).toContain(`role="img" aria-label="${sparkline.label}"`);
    expect(html).toContain(`<title>${sparkline.label}</title>`);
    expect(sparkline.label).toBe("Score over 3 runs: from 80.0 to 84.0 points");
    // One line for r1–r2, a lone dot for r4, and the latest dot.
    expect(html.match(/<polyline/g)?.length).toBe(1);
    expect(html.match(/<circle/g)?.length).toBe(2);
  });

  it("says so in words when no run has a figure", () => {
    const html = renderToStaticMarkup(
      <Sparkline sparkline={prepareSparkline([point("r1", 1, null)], "score")} />,
    );
    expect(html).not.toContain("<svg");
    expect(text(html)).toContain("no figure yet");
  });
});
