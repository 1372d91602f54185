import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { CompareViewTabs, RunAgainstRunLinks } from "@/components/compare/run-vs-run-links";
import { RunVsRunPicker } from "@/components/compare/run-vs-run-picker";
import {
  RunVsRunMetricsTable,
  RunVsRunScoreTable,
  RunVsRunSentences,
  RunVsRunUnmatched,
} from "@/components/compare/run-vs-run-table";
import type { TargetSummary } from "@/lib/views/runs";
import type { ComparableRun, RunSideTarget, RunTargetComparison } from "@/lib/views/run-vs-run";

const summary = (score: number, p50: number): TargetSummary => ({
  trials: 84,
  score: { value: score, low: score - 0.03, high: score + 0.03, n: 84 },
  passRate: { value: 0.9, low: 0.82, high: 0.95, n: 84 },
  latencyMs: { p50, p95: p50 * 2, p99: p50 * 3 },
  ttftMs: { p50: null, p95: null, p99: null },
  outputTokensPerSecond: null,
  costUsd: null,
  costPer1kUsd: null,
  errorRate: null,
  errorsByKind: {},
  servedBy: {},
  categories: [],
});

const target = (id: string, label: string, score: number, p50: number): RunSideTarget => ({
  id,
  label,
  kind: "offering",
  isSimulated: true,
  summary: summary(score, p50),
});

const dropped: RunTargetComparison = {
  a: target("a1", "Claude Sonnet 4.6 on Bedrock", 0.8, 840),
  b: target("b1", "Claude Sonnet 4.6 on Bedrock (old label)", 0.831, 1240),
  pair: {
    n: 84,
    meanA: 0.8,
    meanB: 0.831,
    difference: -0.031,
    low: -0.05,
    high: -0.012,
    verdict: "different",
    margin: 0.02,
    casesNeeded: null,
    mcnemar: null,
  },
};
const unpaired: RunTargetComparison = {
  a: target("a2", "GPT on Azure", 0.7, 500),
  b: target("b2", "GPT on Azure", 0.7, 500),
  pair: null,
};

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("the run against run tables", () => {
  it("shows both scores, the signed difference with its CI, n common cases and the verdict", () => {
    const html = text(
      renderToStaticMarkup(<RunVsRunScoreTable comparisons={[dropped, unpaired]} />),
    );
    expect(html).toContain("Difference, this − other (points)");
    expect(html).toContain("80.0 [77.0, 83.0] n=84 cases");
    expect(html).toContain("83.1 [80.1, 86.1] n=84 cases");
    expect(html).toContain("−3.1 [−5.0, −1.2]");
    expect(html).toContain("in the other run: Claude Sonnet 4.6 on Bedrock (old label)");
    expect(html).toContain("Different");
    expect(html).toContain("no common case");
    expect(html).toContain("Simulated");
  });

  it("writes each difference as the sentence lib/views builds", () => {
    const html = renderToStaticMarkup(
      <RunVsRunSentences comparisons={[dropped]} otherRunName="Nightly (06 Dec)" />,
    );
    expect(html).toContain(
      "Claude Sonnet 4.6 on Bedrock scored 3.1 points lower than in “Nightly (06 Dec)” (95% CI −5.0 to −1.2, 84 common cases, simulated): different.",
    );
  });

  it("puts pass rate and latency p50 of both runs side by side, and lists unmatched targets", () => {
    const html = text(renderToStaticMarkup(<RunVsRunMetricsTable comparisons={[dropped]} />));
    expect(html).toContain("90.0% [82.0%, 95.0%] n=84 trials");
    expect(html).toMatch(/840 ms 1\.24 s/);
    const unmatched = text(
      renderToStaticMarkup(<RunVsRunUnmatched onlyA={[dropped.a]} onlyB={[]} />),
    );
    expect(unmatched).toContain(
      "Only in this run Claude Sonnet 4.6 on Bedrock (score 80.0 points, 95% CI 77.0 to 83.0, n = 84 cases)",
    );
    expect(unmatched).toContain("Only in the other run None.");
  });
});

describe("the picker and the links", () => {
  const run = (id: string, name: string): ComparableRun => ({
    id,
    name,
    status: "completed",
    createdAt: new Date("2026-12-06T06:00:00Z"),
    isSimulated: false,
    suiteId: "s",
    suiteName: "Factual questions",
    schedule: null,
  });

  it("is two labelled GET forms; the second keeps this run and offers runs of its suite", () => {
    const html = renderToStaticMarkup(
      <RunVsRunPicker
        action="/compare/runs"
        runs={[run("r1", "New"), run("r2", "Old")]}
        runId="r1"
        others={[run("r2", "Old")]}
        otherId="r2"
      />,
    );
    expect(html).toContain('aria-label="Choose this run"');
    expect(html).toContain('aria-label="Choose the run to compare with"');
    expect(html).toContain('<input type="hidden" name="a" value="r1"/>');
    expect(html).toMatch(/<label[^>]*for="run-vs-run-b"[^>]*>Compared with/);
    expect(html).toContain("Old · Completed · 2026-12-06 · suite Factual questions");
    const alone = renderToStaticMarkup(
      <RunVsRunPicker
        action="/compare/runs"
        runs={[run("r1", "New")]}
        runId="r1"
        others={[]}
        otherId={null}
      />,
    );
    expect(alone).not.toContain("Choose the run to compare with");
  });

  it("links a scheduled run to its previous run, and any run to another", () => {
    const html = renderToStaticMarkup(<RunAgainstRunLinks runId="r 1" previousRunId="r0" />);
    expect(html).toContain('href="/compare/runs?a=r+1&amp;b=r0"');
    expect(html).toContain("Compare with previous run of this schedule");
    expect(html).toContain('href="/compare/runs?a=r+1"');
    const byHand = renderToStaticMarkup(<RunAgainstRunLinks runId="r1" previousRunId={null} />);
    expect(byHand).not.toContain("previous run");
    expect(byHand).toContain("Compare with another run");
    const tabs = renderToStaticMarkup(<CompareViewTabs current="runs" />);
    expect(tabs).toMatch(/<a aria-current="page"[^>]*href="\/compare\/runs">Run against run/);
    expect(tabs).not.toMatch(/aria-current="page"[^>]*href="\/compare"/);
  });
});
