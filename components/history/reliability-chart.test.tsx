import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { describeReliability, ReliabilityChart } from "@/components/history/reliability-chart";
import { prepareReliability, type ReliabilityPointInput } from "@/lib/charts/trend-reliability";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const run = (
  id: string,
  day: number,
  trials: number,
  errorsByKind: Record<string, number>,
): ReliabilityPointInput => ({
  runId: id,
  runName: `Nightly ${id}`,
  finishedAt: new Date(Date.UTC(2026, 2, day, 6)),
  isSimulated: true,
  trials,
  errorsByKind,
});

describe("the reliability chart", () => {
  const chart = prepareReliability([
    run("r1", 1, 40, { rate_limit: 3, timeout: 1 }),
    run("r2", 2, 0, {}),
    run("r3", 3, 40, { server: 2 }),
  ]);

  it("names its kinds, tags simulated runs and lists every run with a link in its table", () => {
    const html = renderToStaticMarkup(<ReliabilityChart chart={chart} />);
    expect(html).toContain('data-testid="reliability-chart"');
    expect(html).toContain('data-runs="2"');
    const plain = text(html);
    // Most errors first.
    expect(plain).toContain("rate limit server timeout Each bar");
    expect(plain).toContain("Run Finished Trials Error rate rate limit server timeout Nightly r1");
    expect(plain).toContain(
      "Nightly r1 Simulated 2026-03-01 06:00:00 UTC 40 10.0% 7.5% (3) 0.0% (0) 2.5% (1)",
    );
    expect(plain).toContain("Nightly r2 Simulated 2026-03-02 06:00:00 UTC 0 — — — —");
    expect(html).toContain(
      '<a href="/runs/r3" class="underline underline-offset-2">Nightly r3</a>',
    );
  });

  it("describes itself in one sentence for screen readers", () => {
    expect(describeReliability(chart)).toBe(
      "Error rate by kind in 2 runs; latest 5.0% (Nightly r3); highest 10.0% (Nightly r1). Every run is listed in the table view below.",
    );
  });

  it("says so in words when no call failed, or when nothing measured the platform", () => {
    const clean = text(
      renderToStaticMarkup(
        <ReliabilityChart
          chart={prepareReliability([run("r1", 1, 40, {}), run("r2", 2, 20, {})])}
        />,
      ),
    );
    expect(clean).toContain(
      "No call on this platform ended in an error in the 2 finished runs that measured it (60 trials).",
    );
    const empty = renderToStaticMarkup(<ReliabilityChart chart={prepareReliability([])} />);
    expect(text(empty)).toContain("No finished run has measured this platform yet");
    expect(empty).not.toContain("Table view");
  });
});
