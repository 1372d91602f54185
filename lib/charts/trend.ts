/**
 * Prepares the trend charts of History and trends: one metric of a run's target over time, one
 * series per platform (several platforms of one model overlaid: parity over time) or per target of
 * a schedule, one point per finished run, linked to that run. Where the metric is an estimate with
 * a 95% interval (score, pass rate, error rate) each point carries the interval as a band. A run
 * without a figure for the metric is a gap in its line, never a zero. Catalogue price changes
 * within the time range become annotations. Components only draw: positions are on the axes the
 * preparer chooses, every figure is written here with lib/format, and the numbers behind the chart
 * come as a table model whose rows link to the runs.
 */

import {
  DASH,
  formatCount,
  formatDateTime,
  formatDay,
  formatMs,
  formatPercent,
  formatScore,
  formatScoreWithUnit,
  formatScoreTick,
  formatTokensPerSecond,
  formatUsd,
  formatUsdPerMillion,
} from "@/lib/format";
import { FACTOR_COLORS } from "./lockin";

// ---------------------------------------------------------------------------------------------
// Metrics

/** The metrics a trend chart can show. */
export type TrendMetric =
  | "score"
  | "passRate"
  | "latencyP50"
  | "latencyP95"
  | "ttftP50"
  | "outputSpeed"
  | "errorRate"
  | "costPer1k";

/** What a metric is, in what unit it is shown, and how its figures and ticks are written. */
export type TrendMetricSpec = {
  id: TrendMetric;
  /** The metric's name, as the picker and the chart title write it: "Score". */
  label: string;
  /** The unit of the axis and the table column: "points", "%", "ms"… */
  unit: string;
  /** What a point is and how to read it, for the chart's caption. */
  description: string;
  /** Whether points carry a 95% interval, drawn as a band. */
  hasInterval: boolean;
  /** Whether the metric lies in [0, 1] (a score or a share), so the axis never leaves it. */
  isShare: boolean;
  /** Whether higher is better (for wording only; the axis is never flipped). */
  isHigherBetter: boolean;
};

/** The metrics in the order the picker lists them. */
export const TREND_METRICS: readonly TrendMetricSpec[] = [
  {
    id: "score",
    label: "Score",
    unit: "points",
    description:
      "mean score of a run's cases in points (0–100); band: 95% confidence interval (bootstrap over cases); n = cases scored",
    hasInterval: true,
    isShare: true,
    isHigherBetter: true,
  },
  {
    id: "passRate",
    label: "Pass rate",
    unit: "%",
    description:
      "share of scored trials that passed every assertion; band: 95% Wilson interval; n = scored trials",
    hasInterval: true,
    isShare: true,
    isHigherBetter: true,
  },
  {
    id: "latencyP50",
    label: "Latency p50",
    unit: "ms",
    description: "median total latency of a run's successful calls, in milliseconds",
    hasInterval: false,
    isShare: false,
    isHigherBetter: false,
  },
  {
    id: "latencyP95",
    label: "Latency p95",
    unit: "ms",
    description: "95th percentile of total latency of a run's successful calls, in milliseconds",
    hasInterval: false,
    isShare: false,
    isHigherBetter: false,
  },
  {
    id: "ttftP50",
    label: "Time to first token",
    unit: "ms",
    description:
      "median time to first token of a run's streamed calls, in milliseconds (runs that did not stream have none)",
    hasInterval: false,
    isShare: false,
    isHigherBetter: false,
  },
  {
    id: "outputSpeed",
    label: "Output speed",
    unit: "tok/s",
    description: "median output speed after the first token, in tokens per second",
    hasInterval: false,
    isShare: false,
    isHigherBetter: true,
  },
  {
    id: "errorRate",
    label: "Error rate",
    unit: "%",
    description:
      "share of a run's trials that ended in an error; band: 95% Wilson interval; n = trials",
    hasInterval: true,
    isShare: true,
    isHigherBetter: false,
  },
  {
    id: "costPer1k",
    label: "Cost per 1,000 cases",
    unit: "USD",
    description:
      "1,000 × the mean cost of a trial that returned an output, in USD (none when a price was unknown)",
    hasInterval: false,
    isShare: false,
    isHigherBetter: false,
  },
];

const SPECS = new Map(TREND_METRICS.map((spec) => [spec.id, spec]));

/** A metric's figure with its unit, for sentences: "84.2 points", "93.4%", "840 ms". */
export function formatTrendValueWithUnit(
  metric: TrendMetric,
  value: number | null | undefined,
): string {
  return metric === "score" ? formatScoreWithUnit(value) : formatTrendValue(metric, value);
}

/** The spec of a metric. */
export function trendMetricSpec(metric: TrendMetric): TrendMetricSpec {
  return SPECS.get(metric) ?? (TREND_METRICS[0] as TrendMetricSpec);
}

/** Whether a string names a metric (for a picker's value or a search parameter). */
export function isTrendMetric(value: unknown): value is TrendMetric {
  return typeof value === "string" && SPECS.has(value as TrendMetric);
}

/** A metric's figure as every surface writes it ("84.2", "93.4%", "840 ms", "$0.41"); "—" when missing. */
export function formatTrendValue(metric: TrendMetric, value: number | null | undefined): string {
  switch (metric) {
    case "score":
      return formatScore(value);
    case "passRate":
    case "errorRate":
      return formatPercent(value);
    case "latencyP50":
    case "latencyP95":
    case "ttftP50":
      return formatMs(value);
    case "outputSpeed":
      return formatTokensPerSecond(value);
    case "costPer1k":
      return formatUsd(value);
  }
}

// ---------------------------------------------------------------------------------------------
// Input

/** An estimate with its 95% interval, as the run summary stores it. */
export type TrendInterval = { value: number; low: number; high: number; n: number };

/**
 * One finished run's figures for one target, as its run page shows them (the run summary's
 * fields, so a history point can be passed as it is).
 */
export type TrendPointInput = {
  runId: string;
  runName: string;
  finishedAt: Date | string;
  isSimulated: boolean;
  score: TrendInterval | null;
  passRate: TrendInterval | null;
  latencyMs: { p50: number | null; p95: number | null };
  ttftMs: { p50: number | null };
  outputTokensPerSecond: number | null;
  errorRate: TrendInterval | null;
  costPer1kUsd: number | null;
};

/** One line: a platform of a model, or a target of a schedule, with its runs in any order. */
export type TrendSeriesInput = {
  id: string;
  label: string;
  points: readonly TrendPointInput[];
};

/** A catalogue price per 1M tokens, USD; null when the catalogue had none. */
export type TrendPrice = { inputPrice: number | null; outputPrice: number | null };

/** A change of an offering's catalogue price between two catalogue snapshots. */
export type TrendPriceChangeInput = {
  at: Date | string;
  offeringId: string;
  /** The platform's display name. */
  platform: string;
  from: TrendPrice;
  to: TrendPrice;
};

export type TrendInput = {
  series: readonly TrendSeriesInput[];
  priceChanges?: readonly TrendPriceChangeInput[];
  /** What a series is, for the table's first column: a platform (of one model) or a target. */
  seriesKind: "platform" | "target";
};

// ---------------------------------------------------------------------------------------------
// Output

/** One run on one line: `value` null is a gap. */
export type TrendPoint = {
  runId: string;
  runName: string;
  /** The run's page. */
  href: string;
  /** When the run finished, ms since the epoch: the x position. */
  t: number;
  dateText: string;
  value: number | null;
  /** [low, high] of the 95% interval, for the band; null without one (or without a value). */
  band: [number, number] | null;
  n: number | null;
  valueText: string;
  /** "95% CI 78.1 to 86.0", or null when the metric has no interval or the point no value. */
  intervalText: string | null;
  isSimulated: boolean;
};

export type TrendSeries = {
  id: string;
  label: string;
  color: string;
  /** Every run on time order, gaps included. */
  points: TrendPoint[];
  /** The latest run with a value for the metric, or null. */
  latest: TrendPoint | null;
  /** Runs with a value for the metric. */
  measured: number;
  /** Whether every run of the line ran against the emulator. */
  isSimulated: boolean;
  /** Whether some (not necessarily all) of its runs ran against the emulator. */
  hasSimulated: boolean;
};

/** A catalogue price change, drawn as a vertical line at `t`. */
export type TrendAnnotation = {
  t: number;
  dateText: string;
  offeringId: string;
  platform: string;
  /** Short, for the line's label: "Price: Amazon Bedrock". */
  label: string;
  /** The whole change, for the tooltip and the list under the chart. */
  description: string;
};

export type TrendTick = { value: number; label: string };

/** One row of the table behind the chart: one run of one series. */
export type TrendTableRow = {
  key: string;
  seriesId: string;
  seriesLabel: string;
  runId: string;
  runName: string;
  href: string;
  dateText: string;
  valueText: string;
  /** "78.1 to 86.0" or "—". */
  intervalText: string;
  nText: string;
  isSimulated: boolean;
};

export type TrendTable = {
  caption: string;
  /** Column headers: series, run, finished, value, (interval, n when the metric has them). */
  head: string[];
  rows: TrendTableRow[];
  /** Whether the interval and n columns are present. */
  hasInterval: boolean;
};

export type PreparedTrendChart = {
  metric: TrendMetricSpec;
  /** The picker's choices: every metric, and whether any run has a figure for it. */
  metrics: { id: TrendMetric; label: string; hasData: boolean }[];
  series: TrendSeries[];
  annotations: TrendAnnotation[];
  /** Time axis, ms since the epoch. */
  xDomain: [number, number];
  xTicks: TrendTick[];
  /** Value axis, in the metric's stored unit (scores and shares in [0, 1]). */
  yDomain: [number, number];
  yTicks: TrendTick[];
  /** The value axis title with its unit: "Score (points)". */
  yLabel: string;
  table: TrendTable;
  /** Whether any series has a point with a value for the metric. */
  isEmpty: boolean;
  /** What to say instead of the chart when it is empty; null otherwise. */
  emptyText: string | null;
  /** Whether any point ran against the emulator. */
  hasSimulated: boolean;
};

// ---------------------------------------------------------------------------------------------
// Helpers

/** The series palette: the same ten colours as the Lock-in chart's factors. */
export const TREND_COLORS: readonly string[] = FACTOR_COLORS;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function toTime(value: Date | string): number {
  return (typeof value === "string" ? new Date(value) : value).getTime();
}

const isFiniteNumber = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && Number.isFinite(value);

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

type Reading = { value: number | null; interval: TrendInterval | null };

/** The point's figure for a metric, and its interval when the metric has one. */
function read(point: TrendPointInput, metric: TrendMetric): Reading {
  const plain = (value: number | null | undefined): Reading => ({
    value: isFiniteNumber(value) ? value : null,
    interval: null,
  });
  const estimate = (interval: TrendInterval | null): Reading =>
    interval && interval.n > 0 && Number.isFinite(interval.value)
      ? { value: interval.value, interval }
      : { value: null, interval: null };
  switch (metric) {
    case "score":
      return estimate(point.score);
    case "passRate":
      return estimate(point.passRate);
    case "errorRate":
      return estimate(point.errorRate);
    case "latencyP50":
      return plain(point.latencyMs.p50);
    case "latencyP95":
      return plain(point.latencyMs.p95);
    case "ttftP50":
      return plain(point.ttftMs.p50);
    case "outputSpeed":
      return plain(point.outputTokensPerSecond);
    case "costPer1k":
      return plain(point.costPer1kUsd);
  }
}

/** A round step of about `raw`: 1, 2, 2.5 or 5 times a power of ten. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw - 1e-12) return m * power;
  return 10 * power;
}

/** Strips floating-point noise from a tick value built by repeated addition. */
const tidy = (value: number) => Number(value.toPrecision(12));

/** A tick in the metric's display unit, with no more decimals than the step needs. */
function yTickLabel(spec: TrendMetricSpec, value: number): string {
  if (spec.id === "score") return formatScoreTick(value);
  const shown = spec.isShare ? value * 100 : value;
  return String(tidy(shown));
}

/** A value axis on round numbers around the data (and its bands), inside [0, 1] for shares. */
function valueAxis(
  spec: TrendMetricSpec,
  values: readonly number[],
): { domain: [number, number]; ticks: TrendTick[] } {
  if (values.length === 0) {
    const domain: [number, number] = [0, 1];
    return { domain, ticks: [0, 0.5, 1].map((v) => ({ value: v, label: yTickLabel(spec, v) })) };
  }
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (high - low < 1e-9) {
    // One value (or several equal ones): open the axis around it.
    const pad = spec.isShare ? 0.05 : Math.max(Math.abs(high) * 0.1, 1e-6);
    low -= pad;
    high += pad;
  }
  const step = niceStep((high - low) / 4);
  let from = Math.floor(low / step + 1e-9) * step;
  let to = Math.ceil(high / step - 1e-9) * step;
  if (spec.isShare) {
    from = Math.max(0, from);
    to = Math.min(1, to);
  } else {
    from = Math.max(0, from);
  }
  const ticks: TrendTick[] = [];
  for (let v = from; v <= to + step / 1000; v += step) {
    const value = tidy(v);
    ticks.push({ value, label: yTickLabel(spec, value) });
  }
  return { domain: [tidy(from), tidy(to)], ticks };
}

const MINUTE = 60 * 1000;

/** Round steps for the time axis, from a minute (one-minute schedules) to a year. */
const TIME_STEPS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  91 * DAY,
  365 * DAY,
];

/**
 * The time axis: the runs' range with a little room either side (an hour for a single run), and
 * at most six ticks on round UTC times, labelled by day, or by day and time when a step is
 * shorter than a day.
 */
function timeAxis(times: readonly number[]): { domain: [number, number]; ticks: TrendTick[] } {
  if (times.length === 0) return { domain: [0, DAY], ticks: [] };
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = last === first ? HOUR : Math.max((last - first) * 0.04, MINUTE / 2);
  const from = first - pad;
  const to = last + pad;
  const span = to - from;
  const step = TIME_STEPS.find((candidate) => span / candidate <= 6) ?? 365 * DAY;
  const label = (t: number) =>
    step < DAY ? formatDateTime(new Date(t)).slice(5, 16) : formatDay(new Date(t));
  const ticks: TrendTick[] = [];
  for (let value = Math.ceil(from / step) * step; value <= to; value += step) {
    ticks.push({ value, label: label(value) });
  }
  return { domain: [from, to], ticks };
}

function describePrice(price: TrendPrice): { input: string; output: string } {
  return {
    input: formatUsdPerMillion(price.inputPrice),
    output: formatUsdPerMillion(price.outputPrice),
  };
}

/**
 * A price change in one line: "Amazon Bedrock's price changed: input $3.00 → $2.50, output $15.00
 * → $12.00 per 1M tokens". Only the sides that changed are named.
 */
export function describePriceChange(change: TrendPriceChangeInput): string {
  const from = describePrice(change.from);
  const to = describePrice(change.to);
  const parts: string[] = [];
  if (from.input !== to.input) parts.push(`input ${from.input} → ${to.input}`);
  if (from.output !== to.output) parts.push(`output ${from.output} → ${to.output}`);
  const what = parts.length > 0 ? `: ${parts.join(", ")} per 1M tokens` : "";
  return `${change.platform}'s catalogue price changed${what}`;
}

/** The sentence shown instead of an empty chart. */
export function describeEmptyTrend(metric: TrendMetricSpec): string {
  return `No finished run has a ${metric.label.toLowerCase()} figure here yet: each run that finishes adds a point.`;
}

// ---------------------------------------------------------------------------------------------
// The chart

/**
 * The chart of one metric: series in the given order (colours by that order, so a platform keeps
 * its colour as the metric changes), each run's point at its finish time, gaps for runs without a
 * figure, bands for intervals (clamped to [0, 1] for scores and shares), price changes inside the
 * time range as annotations, and the table of every run of every series.
 */
export function prepareTrendChart(input: TrendInput, metric: TrendMetric): PreparedTrendChart {
  const spec = trendMetricSpec(metric);
  const series: TrendSeries[] = input.series.map((line, index) => {
    const points = [...line.points]
      .map((point): TrendPoint => {
        const reading = read(point, metric);
        let value = reading.value;
        let band: [number, number] | null = null;
        if (value !== null && spec.isShare) value = clamp01(value);
        if (value !== null && reading.interval) {
          const low = Math.min(reading.interval.low, value);
          const high = Math.max(reading.interval.high, value);
          band = spec.isShare ? [clamp01(low), clamp01(high)] : [low, high];
        }
        const t = toTime(point.finishedAt);
        return {
          runId: point.runId,
          runName: point.runName,
          href: `/runs/${point.runId}`,
          t,
          dateText: formatDateTime(new Date(t)),
          value,
          band,
          n: reading.interval?.n ?? null,
          valueText: formatTrendValue(metric, value),
          intervalText: band
            ? `95% CI ${formatTrendValue(metric, band[0])} to ${formatTrendValue(metric, band[1])}`
            : null,
          isSimulated: point.isSimulated,
        };
      })
      .sort((a, b) => a.t - b.t || a.runId.localeCompare(b.runId));
    const measured = points.filter((p) => p.value !== null);
    return {
      id: line.id,
      label: line.label,
      color: TREND_COLORS[index % TREND_COLORS.length] ?? "#888888",
      points,
      latest: measured[measured.length - 1] ?? null,
      measured: measured.length,
      isSimulated: points.length > 0 && points.every((p) => p.isSimulated),
      hasSimulated: points.some((p) => p.isSimulated),
    };
  });

  const allPoints = series.flatMap((line) => line.points);
  const x = timeAxis(allPoints.map((p) => p.t));
  const values = allPoints.flatMap((p) =>
    p.value === null ? [] : p.band ? [p.value, p.band[0], p.band[1]] : [p.value],
  );
  const y = valueAxis(spec, values);
  const isEmpty = values.length === 0;

  const [first, last] = [
    Math.min(...allPoints.map((p) => p.t)),
    Math.max(...allPoints.map((p) => p.t)),
  ];
  const annotations: TrendAnnotation[] = allPoints.length
    ? (input.priceChanges ?? [])
        .map((change) => ({ change, t: toTime(change.at) }))
        .filter(({ t }) => Number.isFinite(t) && t >= first && t <= last)
        .sort((a, b) => a.t - b.t)
        .map(({ change, t }) => ({
          t,
          dateText: formatDateTime(new Date(t)),
          offeringId: change.offeringId,
          platform: change.platform,
          label: `Price: ${change.platform}`,
          description: describePriceChange(change),
        }))
    : [];

  const order = new Map(series.map((line, index) => [line.id, index]));
  const timeOf = new Map(allPoints.map((p) => [p.runId, p.t]));
  const rows: TrendTableRow[] = series
    .flatMap((line) =>
      line.points.map((point) => ({
        key: `${line.id}:${point.runId}`,
        seriesId: line.id,
        seriesLabel: line.label,
        runId: point.runId,
        runName: point.runName,
        href: point.href,
        dateText: point.dateText,
        valueText: point.valueText,
        intervalText: point.band
          ? `${formatTrendValue(metric, point.band[0])} to ${formatTrendValue(metric, point.band[1])}`
          : DASH,
        nText: formatCount(point.value === null ? null : point.n),
        isSimulated: point.isSimulated,
      })),
    )
    .sort(
      (a, b) =>
        (timeOf.get(a.runId) ?? 0) - (timeOf.get(b.runId) ?? 0) ||
        (order.get(a.seriesId) ?? 0) - (order.get(b.seriesId) ?? 0),
    );
  const yLabel = `${spec.label} (${spec.unit})`;
  const head = [
    input.seriesKind === "platform" ? "Platform" : "Target",
    "Run",
    "Finished",
    yLabel,
    ...(spec.hasInterval ? ["95% CI", "n"] : []),
  ];

  return {
    metric: spec,
    metrics: TREND_METRICS.map((candidate) => ({
      id: candidate.id,
      label: candidate.label,
      hasData: input.series.some((line) =>
        line.points.some((point) => read(point, candidate.id).value !== null),
      ),
    })),
    series,
    annotations,
    xDomain: x.domain,
    xTicks: x.ticks,
    yDomain: y.domain,
    yTicks: y.ticks,
    yLabel,
    table: {
      caption: `${spec.label} of each finished run, by ${input.seriesKind}`,
      head,
      rows,
      hasInterval: spec.hasInterval,
    },
    isEmpty,
    emptyText: isEmpty ? describeEmptyTrend(spec) : null,
    hasSimulated: allPoints.some((p) => p.isSimulated),
  };
}

// ---------------------------------------------------------------------------------------------
// The sparkline

export type SparklineDot = {
  /** Positions in the box, 0–1: x from the first run to the last, y from the bottom. */
  x: number;
  y: number;
  runId: string;
  valueText: string;
  isSimulated: boolean;
};

export type PreparedSparkline = {
  /** Runs of consecutive values; a run without a value breaks the line. */
  segments: SparklineDot[][];
  latest: { runId: string; href: string; valueText: string; isSimulated: boolean } | null;
  /** The sparkline's text alternative: "Score over 4 runs: from 80.1 to 84.2 points, latest 84.2". */
  label: string;
  isEmpty: boolean;
};

/**
 * A small line of one metric over a series' runs, equally spaced by run (a sparkline shows the
 * direction, not the dates), on an axis from the lowest value to the highest. A run without a
 * value breaks the line.
 */
export function prepareSparkline(
  points: readonly TrendPointInput[],
  metric: TrendMetric = "score",
): PreparedSparkline {
  const spec = trendMetricSpec(metric);
  const ordered = [...points]
    .map((point) => ({ point, t: toTime(point.finishedAt), value: read(point, metric).value }))
    .sort((a, b) => a.t - b.t || a.point.runId.localeCompare(b.point.runId));
  const values = ordered.flatMap((entry) => (entry.value === null ? [] : [entry.value]));
  if (values.length === 0) {
    return {
      segments: [],
      latest: null,
      label: `${spec.label}: no run has a figure yet`,
      isEmpty: true,
    };
  }
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low;
  const segments: SparklineDot[][] = [];
  let current: SparklineDot[] = [];
  ordered.forEach((entry, index) => {
    if (entry.value === null) {
      if (current.length > 0) segments.push(current);
      current = [];
      return;
    }
    current.push({
      x: ordered.length === 1 ? 0.5 : index / (ordered.length - 1),
      y: span === 0 ? 0.5 : (entry.value - low) / span,
      runId: entry.point.runId,
      valueText: formatTrendValue(metric, entry.value),
      isSimulated: entry.point.isSimulated,
    });
  });
  if (current.length > 0) segments.push(current);
  const measured = ordered.filter((entry) => entry.value !== null);
  const last = measured[measured.length - 1];
  const firstMeasured = measured[0];
  const latest = last
    ? {
        runId: last.point.runId,
        href: `/runs/${last.point.runId}`,
        valueText: formatTrendValue(metric, last.value),
        isSimulated: last.point.isSimulated,
      }
    : null;
  const runs = `${formatCount(measured.length)} ${measured.length === 1 ? "run" : "runs"}`;
  const range =
    measured.length > 1 && firstMeasured
      ? `from ${formatTrendValue(metric, firstMeasured.value)} to ${formatTrendValueWithUnit(metric, last?.value)}`
      : formatTrendValueWithUnit(metric, last?.value);
  return {
    segments,
    latest,
    label: `${spec.label} over ${runs}: ${range}`,
    isEmpty: false,
  };
}
