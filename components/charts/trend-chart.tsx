"use client";

import { useId, useMemo, useState } from "react";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  DefaultZIndexes,
  Line,
  ReferenceLine,
  XAxis,
  YAxis,
  ZIndexLayer,
  useChartWidth,
  useXAxisScale,
  useYAxisScale,
} from "recharts";

import {
  axisTick,
  bottomAxisTitle,
  ChartBox,
  ChartLegend,
  FOREGROUND,
  GRID,
  LegendItem,
  leftAxisTitle,
  MUTED,
  TableView,
} from "@/components/charts/chart-parts";
import { SimulatedBadge } from "@/components/runs/run-badges";
import { NativeSelect } from "@/components/ui/native-select";
import {
  formatTrendValueWithUnit,
  isTrendMetric,
  prepareTrendChart,
  type PreparedTrendChart,
  type TrendInput,
  type TrendMetric,
  type TrendPoint,
  type TrendSeries,
} from "@/lib/charts/trend";

/** What the page passes: a history as the server read it (small), prepared here per metric. */
export type TrendHistory = Omit<TrendInput, "seriesKind">;

const HEIGHT = 300;

/** A point under the pointer, with where it is drawn (px in the chart's box). */
type Hovered = { series: TrendSeries; point: TrendPoint; x: number; y: number; isLeft: boolean };

/** Points drawn: the runs of every line with a figure for the metric (gaps are not drawn). */
export function countDrawnPoints(chart: PreparedTrendChart): number {
  return chart.series.reduce(
    (sum, line) => sum + line.points.filter((point) => point.value !== null).length,
    0,
  );
}

/** The metric to open on: the one asked for when it has figures, else the first that has. */
function firstMetric(input: TrendInput, wanted: TrendMetric): TrendMetric {
  const { metrics } = prepareTrendChart(input, wanted);
  if (metrics.find((m) => m.id === wanted)?.hasData) return wanted;
  return metrics.find((m) => m.hasData)?.id ?? wanted;
}

/**
 * The runs' points as links, and a whisker for a point with an interval and no measured neighbour
 * (a band needs two points to show). Drawn inside the chart on its own axes' scales.
 */
function TrendMarks({
  chart,
  onHover,
}: {
  chart: PreparedTrendChart;
  onHover: (hovered: Hovered | null) => void;
}) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const width = useChartWidth() ?? 0;
  if (!xScale || !yScale) return null;
  return (
    <g aria-hidden>
      {chart.series.map((line) =>
        line.points.map((point, index) => {
          if (point.value === null) return null;
          const x = xScale(point.t);
          const y = yScale(point.value);
          if (x === undefined || y === undefined) return null;
          const isIsolated =
            (line.points[index - 1]?.value ?? null) === null &&
            (line.points[index + 1]?.value ?? null) === null;
          const low = point.band && isIsolated ? yScale(point.band[0]) : undefined;
          const high = point.band && isIsolated ? yScale(point.band[1]) : undefined;
          const hover = () => onHover({ series: line, point, x, y, isLeft: x > width / 2 });
          return (
            <a
              key={`${line.id}:${point.runId}`}
              href={point.href}
              tabIndex={-1}
              onMouseEnter={hover}
              onMouseLeave={() => onHover(null)}
              className="cursor-pointer"
            >
              {low !== undefined && high !== undefined ? (
                <g stroke={line.color} strokeWidth={1.5} strokeOpacity={0.7}>
                  <line x1={x} x2={x} y1={low} y2={high} />
                  <line x1={x - 4} x2={x + 4} y1={low} y2={low} />
                  <line x1={x - 4} x2={x + 4} y1={high} y2={high} />
                </g>
              ) : null}
              {/* A larger transparent target, so a 4px dot is easy to hit. */}
              <circle cx={x} cy={y} r={10} fill="transparent" />
              <circle
                cx={x}
                cy={y}
                r={4.5}
                fill={line.color}
                stroke="var(--color-card)"
                strokeWidth={1.5}
              />
            </a>
          );
        }),
      )}
    </g>
  );
}

function HoverCard({ hovered, chart }: { hovered: Hovered; chart: PreparedTrendChart }) {
  const { series, point } = hovered;
  return (
    <div
      className="pointer-events-none absolute z-10 w-max max-w-64 rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md"
      style={{
        left: hovered.x,
        top: hovered.y,
        transform: `translate(${hovered.isLeft ? "calc(-100% - 12px)" : "12px"}, -50%)`,
      }}
    >
      <p className="flex items-center gap-1.5 font-medium">
        <span
          aria-hidden
          className="inline-block size-2 rounded-sm"
          style={{ background: series.color }}
        />
        {series.label}
      </p>
      <p>
        {chart.metric.label}: {formatTrendValueWithUnit(chart.metric.id, point.value)}
      </p>
      {point.intervalText ? (
        <p>
          {point.intervalText}
          {point.n !== null ? `, n = ${point.n}` : ""}
        </p>
      ) : null}
      <p className="text-muted-foreground">
        {point.runName} · {point.dateText}
        {point.isSimulated ? " · simulated" : ""}
      </p>
      <p className="text-muted-foreground">Click the point to open the run.</p>
    </div>
  );
}

/** The chart in one sentence, for screen readers: each line's latest figure. */
export function describeChart(chart: PreparedTrendChart): string {
  const lines = chart.series.map((line) =>
    line.latest
      ? `${line.label}: latest ${formatTrendValueWithUnit(chart.metric.id, line.latest.value)} (${line.latest.runName}, ${line.latest.dateText}), ${line.measured} run${line.measured === 1 ? "" : "s"} with a figure`
      : `${line.label}: no run with a figure`,
  );
  return `${chart.metric.label} over time. ${lines.join("; ")}. Every point is listed in the table view below.`;
}

function TrendPlot({ chart }: { chart: PreparedTrendChart }) {
  const [hovered, setHovered] = useState<Hovered | null>(null);
  const xLabels = new Map(chart.xTicks.map((tick) => [tick.value, tick.label]));
  const yLabels = new Map(chart.yTicks.map((tick) => [tick.value, tick.label]));
  const drawnLines = chart.series.filter((line) => line.points.length > 1);
  return (
    <div className="relative text-muted-foreground">
      <div role="img" aria-label={describeChart(chart)}>
        <ChartBox height={HEIGHT}>
          <ComposedChart
            title={`${chart.metric.label} of each finished run over time, ${chart.yLabel}`}
            margin={{ left: 8, right: 24, top: 24, bottom: 28 }}
            accessibilityLayer={false}
          >
            <CartesianGrid {...GRID} />
            <XAxis
              type="number"
              dataKey="t"
              domain={chart.xDomain}
              ticks={chart.xTicks.map((tick) => tick.value)}
              tickFormatter={(value: number) => xLabels.get(value) ?? ""}
              tick={axisTick(MUTED)}
              allowDataOverflow
              label={bottomAxisTitle("Run finished (UTC)", -18, MUTED)}
            />
            <YAxis
              type="number"
              domain={chart.yDomain}
              ticks={chart.yTicks.map((tick) => tick.value)}
              tickFormatter={(value: number) => yLabels.get(value) ?? ""}
              tick={axisTick(MUTED)}
              allowDataOverflow
              width={64}
              label={leftAxisTitle(chart.yLabel, MUTED)}
            />
            {/* recharts draws a lone point's own dot; TrendMarks draws every point instead. */}
            {drawnLines.map((line) => (
              <Area
                key={`band:${line.id}`}
                data={line.points}
                dataKey="band"
                type="linear"
                stroke="none"
                fill={line.color}
                fillOpacity={0.16}
                connectNulls={false}
                dot={false}
                activeDot={false}
                legendType="none"
                isAnimationActive={false}
              />
            ))}
            {chart.annotations.map((annotation) => (
              <ReferenceLine
                key={`${annotation.offeringId}:${annotation.t}`}
                x={annotation.t}
                stroke={FOREGROUND}
                strokeOpacity={0.55}
                strokeDasharray="4 3"
                label={{
                  value: annotation.label,
                  position: "insideTopLeft",
                  fontSize: 11,
                  fill: FOREGROUND,
                }}
              />
            ))}
            {drawnLines.map((line) => (
              <Line
                key={`line:${line.id}`}
                data={line.points}
                dataKey="value"
                name={line.label}
                type="linear"
                stroke={line.color}
                strokeWidth={2}
                connectNulls={false}
                dot={false}
                activeDot={false}
                isAnimationActive={false}
              />
            ))}
            <ZIndexLayer zIndex={DefaultZIndexes.scatter}>
              <TrendMarks chart={chart} onHover={setHovered} />
            </ZIndexLayer>
          </ComposedChart>
        </ChartBox>
      </div>
      {hovered ? <HoverCard hovered={hovered} chart={chart} /> : null}
    </div>
  );
}

/** The numbers behind the chart, one row per run of each line, each linking to its run. */
export function TrendTable({ chart }: { chart: PreparedTrendChart }) {
  return (
    <TableView
      count={`${chart.table.rows.length} rows`}
      caption={chart.table.caption}
      head={chart.table.head}
    >
      {chart.table.rows.map((row) => (
        <tr key={row.key} className="border-b last:border-0">
          <th scope="row" className="px-2 py-1.5 font-normal">
            {row.seriesLabel}
          </th>
          <td className="px-2 py-1.5">
            <span className="flex flex-wrap items-center gap-2">
              <a href={row.href} className="underline underline-offset-2">
                {row.runName}
              </a>
              {row.isSimulated ? <SimulatedBadge /> : null}
            </span>
          </td>
          <td className="px-2 py-1.5 whitespace-nowrap">{row.dateText}</td>
          <td className="px-2 py-1.5 tabular-nums">{row.valueText}</td>
          {chart.table.hasInterval ? (
            <>
              <td className="px-2 py-1.5 whitespace-nowrap tabular-nums">{row.intervalText}</td>
              <td className="px-2 py-1.5 tabular-nums">{row.nText}</td>
            </>
          ) : null}
        </tr>
      ))}
    </TableView>
  );
}

/**
 * A history over time: one line per platform or target, the 95% interval as a band where the
 * metric has one, a break where a run has no figure, each point a link to its run (the table
 * under it has the same links for the keyboard), catalogue price changes as dashed lines, and a
 * picker for the metric. The history arrives raw and is prepared here for the metric picked, so
 * the page sends each run's figures once rather than one chart per metric.
 */
export function TrendChart({
  history,
  seriesKind,
  initialMetric = "score",
}: {
  history: TrendHistory;
  seriesKind: TrendInput["seriesKind"];
  initialMetric?: TrendMetric;
}) {
  const pickerId = useId();
  const input = useMemo<TrendInput>(() => ({ ...history, seriesKind }), [history, seriesKind]);
  const [metric, setMetric] = useState<TrendMetric>(() => firstMetric(input, initialMetric));
  const chart = useMemo(() => prepareTrendChart(input, metric), [input, metric]);
  const drawn = chart.isEmpty ? 0 : countDrawnPoints(chart);
  const runs = new Set(chart.series.flatMap((line) => line.points.map((p) => p.runId))).size;
  const hasAnyData = chart.metrics.some((m) => m.hasData);
  const noun = seriesKind === "platform" ? "platform" : "target";

  return (
    <div
      data-testid="trend-chart"
      data-points={drawn}
      data-metric={metric}
      className="flex flex-col gap-3"
    >
      <div className="flex flex-wrap items-end justify-between gap-3">
        <p className="max-w-prose text-sm">
          <span className="font-medium">
            {chart.metric.label} over time, by {noun}
          </span>
          <span className="text-muted-foreground">
            {" "}
            — one point per finished run: {chart.metric.description}. n = {runs} run
            {runs === 1 ? "" : "s"}, {chart.series.length} {noun}
            {chart.series.length === 1 ? "" : "s"}.
          </span>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          {chart.hasSimulated ? <SimulatedBadge /> : null}
          {hasAnyData ? (
            <div className="flex items-center gap-2 text-sm">
              <label htmlFor={pickerId} className="font-medium whitespace-nowrap">
                Metric
              </label>
              <NativeSelect
                id={pickerId}
                value={metric}
                onChange={(event) => {
                  if (isTrendMetric(event.target.value)) setMetric(event.target.value);
                }}
                className="w-56"
              >
                {chart.metrics.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                    {option.hasData ? "" : " (no figures yet)"}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ) : null}
        </div>
      </div>

      {chart.isEmpty ? (
        <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
          {chart.emptyText}
        </p>
      ) : (
        <>
          <TrendPlot key={metric} chart={chart} />
          <ChartLegend label={`Lines (one per ${noun})`}>
            {chart.series.map((line) => (
              <LegendItem key={line.id} color={line.color} swatchClassName="h-1 w-5">
                {line.label}
                {line.measured === 0 ? (
                  <span className="text-muted-foreground"> (no figure for this metric)</span>
                ) : null}
                {line.hasSimulated ? (
                  <span className="text-muted-foreground">
                    {line.isSimulated ? " · simulated" : " · partly simulated"}
                  </span>
                ) : null}
              </LegendItem>
            ))}
          </ChartLegend>
          <p className="text-xs text-muted-foreground">
            {chart.metric.hasInterval
              ? "Shaded band (or whisker on a lone point): 95% interval. "
              : ""}
            A break in a line is a run without a figure for this metric, not a zero.
            {chart.annotations.length ? " Dashed vertical line: a catalogue price change." : ""}
          </p>
          {chart.annotations.length ? (
            <ul aria-label="Catalogue price changes" className="flex flex-col gap-1 text-xs">
              {chart.annotations.map((annotation) => (
                <li key={`${annotation.offeringId}:${annotation.t}`}>
                  <span className="tabular-nums">{annotation.dateText}</span>:{" "}
                  {annotation.description}.
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
      {chart.table.rows.length ? <TrendTable chart={chart} /> : null}
    </div>
  );
}
