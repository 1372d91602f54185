/**
 * Prepares the latency range chart: per target, time to first token and total latency as p50–p95
 * bars with a whisker to p99, on a shared logarithmic millisecond axis. Positions are fractions of
 * the axis width (0–1), so the component only draws. A target with no measurement (not streamed,
 * or no successful call) has no bar for that metric: a gap, never a zero.
 */

/** Percentiles as the run summary stores them, in milliseconds. */
export type LatencyPercentiles = { p50: number | null; p95: number | null; p99: number | null };

export type LatencyRangeInput = {
  id: string;
  label: string;
  isSimulated: boolean;
  ttftMs: LatencyPercentiles;
  latencyMs: LatencyPercentiles;
  /** Trials behind the figures (successful calls). */
  n: number;
};

/** One metric of one target, with positions on the axis. */
export type LatencyRange = {
  p50: number;
  p95: number;
  p99: number;
  /** Positions (0–1) of p50, p95 and p99 on the log axis. */
  at: { p50: number; p95: number; p99: number };
};

export type LatencyRangeRow = {
  id: string;
  label: string;
  isSimulated: boolean;
  n: number;
  ttft: LatencyRange | null;
  latency: LatencyRange | null;
};

export type LatencyTick = { value: number; at: number; label: string };

export type PreparedLatencyRanges = {
  rows: LatencyRangeRow[];
  /** Axis bounds in ms (powers of ten around the data). */
  domain: [number, number];
  ticks: LatencyTick[];
  isEmpty: boolean;
};

function complete(p: LatencyPercentiles): { p50: number; p95: number; p99: number } | null {
  if (p.p50 === null || p.p95 === null || p.p99 === null) return null;
  if (![p.p50, p.p95, p.p99].every((v) => Number.isFinite(v) && v > 0)) return null;
  // Quantiles read from a histogram are monotone; guard anyway so a bar never runs backwards.
  const p95 = Math.max(p.p95, p.p50);
  return { p50: p.p50, p95, p99: Math.max(p.p99, p95) };
}

function tickLabel(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return `${ms / 1000} s`;
}

/** Rows in the given order on one log axis shared by both metrics. */
export function prepareLatencyRanges(targets: readonly LatencyRangeInput[]): PreparedLatencyRanges {
  const values = targets.flatMap((t) => {
    const out: number[] = [];
    for (const p of [complete(t.ttftMs), complete(t.latencyMs)]) if (p) out.push(p.p50, p.p99);
    return out;
  });
  if (values.length === 0) {
    return {
      rows: targets.map((t) => ({
        id: t.id,
        label: t.label,
        isSimulated: t.isSimulated,
        n: t.n,
        ttft: null,
        latency: null,
      })),
      domain: [1, 10],
      ticks: [],
      isEmpty: true,
    };
  }
  let lowExp = Math.floor(Math.log10(Math.min(...values)));
  let highExp = Math.ceil(Math.log10(Math.max(...values)));
  if (highExp <= lowExp) highExp = lowExp + 1;
  lowExp = Math.max(lowExp, 0);
  if (highExp <= lowExp) highExp = lowExp + 1;
  const low = 10 ** lowExp;
  const high = 10 ** highExp;
  const span = Math.log10(high) - Math.log10(low);
  const at = (ms: number) =>
    Math.min(1, Math.max(0, (Math.log10(Math.max(ms, low)) - Math.log10(low)) / span));
  const place = (p: LatencyPercentiles): LatencyRange | null => {
    const c = complete(p);
    return c ? { ...c, at: { p50: at(c.p50), p95: at(c.p95), p99: at(c.p99) } } : null;
  };
  const ticks: LatencyTick[] = [];
  for (let e = lowExp; e <= highExp; e++) {
    const value = 10 ** e;
    ticks.push({ value, at: at(value), label: tickLabel(value) });
  }
  return {
    rows: targets.map((t) => ({
      id: t.id,
      label: t.label,
      isSimulated: t.isSimulated,
      n: t.n,
      ttft: place(t.ttftMs),
      latency: place(t.latencyMs),
    })),
    domain: [low, high],
    ticks,
    isEmpty: false,
  };
}
