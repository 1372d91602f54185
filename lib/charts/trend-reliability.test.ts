import { describe, expect, it } from "vitest";

import {
  errorKindLabel,
  prepareReliability,
  type ReliabilityPointInput,
} from "./trend-reliability";
import { TREND_COLORS } from "./trend";

const run = (
  runId: string,
  finishedAt: string,
  trials: number,
  errorsByKind: Record<string, number>,
  isSimulated = false,
): ReliabilityPointInput => ({
  runId,
  runName: `Run ${runId}`,
  finishedAt,
  isSimulated,
  trials,
  errorsByKind,
});

describe("prepareReliability", () => {
  it("stacks each run's errors by kind as shares of its trials, runs on time order", () => {
    const chart = prepareReliability([
      run("r2", "2026-03-10T10:00:00Z", 24, { timeout: 3 }),
      run("r1", "2026-03-01T10:00:00Z", 24, { rate_limit: 2, server: 1 }, true),
    ]);
    expect(chart.points.map((p) => p.runId)).toEqual(["r1", "r2"]);
    // Kinds by errors across runs, most first; each with its own colour.
    expect(chart.kinds).toEqual([
      { kind: "timeout", label: "timeout", color: TREND_COLORS[0] },
      { kind: "rate_limit", label: "rate limit", color: TREND_COLORS[1] },
      { kind: "server", label: "server", color: TREND_COLORS[2] },
    ]);
    const [first, second] = chart.points;
    expect(first).toMatchObject({
      href: "/runs/r1",
      errorRate: 3 / 24,
      errorRateText: "12.5%",
      isSimulated: true,
      dateText: "2026-03-01 10:00:00 UTC",
    });
    expect(first!.rates).toEqual({ timeout: 0, rate_limit: 2 / 24, server: 1 / 24 });
    expect(second!.rates).toEqual({ timeout: 3 / 24, rate_limit: 0, server: 0 });
    expect(chart.yDomain).toEqual([0, 0.2]);
    expect(chart.yTicks.map((t) => t.label)).toEqual(["0%", "5%", "10%", "15%", "20%"]);
    expect(chart.hasSimulated).toBe(true);
    expect(chart.isEmpty).toBe(false);
  });

  it("tables each run with its trials, error rate and every kind's share and count", () => {
    const chart = prepareReliability([
      run("r1", "2026-03-01T10:00:00Z", 24, { rate_limit: 2, server: 1 }),
      run("r2", "2026-03-10T10:00:00Z", 0, {}),
    ]);
    expect(chart.table.head).toEqual([
      "Run",
      "Finished",
      "Trials",
      "Error rate",
      "rate limit",
      "server",
    ]);
    expect(
      chart.table.rows.map((r) => [r.href, r.trialsText, r.errorRateText, ...r.cells]),
    ).toEqual([
      ["/runs/r1", "24", "12.5%", "8.3% (2)", "4.2% (1)"],
      // No trial on the platform: a gap, not a zero.
      ["/runs/r2", "0", "—", "—", "—"],
    ]);
    expect(chart.points[1]!.errorRate).toBeNull();
    expect(chart.points[1]!.rates).toEqual({ rate_limit: null, server: null });
  });

  it("shows a clean run as a measured zero, and nothing as empty", () => {
    const clean = prepareReliability([run("r1", "2026-03-01T10:00:00Z", 10, {})]);
    expect(clean.kinds).toEqual([]);
    expect(clean.points[0]!.errorRate).toBe(0);
    expect(clean.points[0]!.errorRateText).toBe("0.0%");
    expect(clean.isEmpty).toBe(false);
    expect(clean.yDomain).toEqual([0, 0.01]);

    const none = prepareReliability([]);
    expect(none.isEmpty).toBe(true);
    expect(none.emptyText).toMatch(/^No finished run has measured this platform yet/);
  });

  it("names unknown error kinds as stored", () => {
    expect(errorKindLabel("content_filter")).toBe("content filter");
    expect(errorKindLabel("quota_exhausted")).toBe("quota exhausted");
  });
});
