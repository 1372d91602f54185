import { describe, expect, it } from "vitest";

import { prepareLatencyRanges, type LatencyRangeInput } from "./latency";

const none = { p50: null, p95: null, p99: null };

const row = (
  id: string,
  ttft: LatencyRangeInput["ttftMs"],
  latency: LatencyRangeInput["latencyMs"],
) => ({
  id,
  label: id,
  isSimulated: false,
  n: 10,
  ttftMs: ttft,
  latencyMs: latency,
});

describe("prepareLatencyRanges", () => {
  it("places p50, p95 and p99 on a shared log axis spanning whole powers of ten", () => {
    const chart = prepareLatencyRanges([
      row("a", { p50: 200, p95: 400, p99: 800 }, { p50: 1000, p95: 2000, p99: 5000 }),
    ]);
    expect(chart.domain).toEqual([100, 10_000]);
    expect(chart.ticks.map((t) => t.label)).toEqual(["100 ms", "1 s", "10 s"]);
    const latency = chart.rows[0]?.latency;
    expect(latency?.at.p50).toBeCloseTo(0.5);
    expect(latency?.at.p99).toBeGreaterThan(latency?.at.p95 ?? 1);
    expect(chart.isEmpty).toBe(false);
  });

  it("leaves a gap for a metric that was not measured, not a zero-length bar", () => {
    const chart = prepareLatencyRanges([
      row("streamed", { p50: 100, p95: 150, p99: 200 }, { p50: 900, p95: 1200, p99: 1500 }),
      row("plain", none, { p50: 800, p95: 1000, p99: 1100 }),
    ]);
    expect(chart.rows[1]?.ttft).toBeNull();
    expect(chart.rows[1]?.latency?.p50).toBe(800);
  });

  it("is empty when nothing was measured", () => {
    const chart = prepareLatencyRanges([row("a", none, none)]);
    expect(chart.isEmpty).toBe(true);
    expect(chart.rows).toHaveLength(1);
  });

  it("never lets p95 fall below p50", () => {
    const chart = prepareLatencyRanges([row("a", none, { p50: 500, p95: 400, p99: 450 })]);
    const latency = chart.rows[0]?.latency;
    expect(latency?.p95).toBe(500);
    expect(latency?.p99).toBe(500);
  });
});
