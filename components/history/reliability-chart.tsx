"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

import {
  axisTick,
  bottomAxisTitle,
  ChartBox,
  ChartLegend,
  ChartTooltip,
  GRID,
  LegendItem,
  leftAxisTitle,
  MUTED,
  type PointTooltipProps,
  TableView,
} from "@/components/charts/chart-parts";
import { SimulatedBadge } from "@/components/runs/run-badges";
import type { PreparedReliability, ReliabilityPoint } from "@/lib/charts/trend-reliability";
import { formatCount, formatPercent } from "@/lib/format";

const HEIGHT = 260;

/** "2026-03-01 10:00": the run's finish time, short enough for an axis tick. */
const shortDate = (point: ReliabilityPoint) => point.dateText.slice(0, 16);

function ReliabilityTooltip({
  active,
  payload,
  chart,
}: PointTooltipProps<ReliabilityPoint> & { chart: PreparedReliability }) {
  return (
    <ChartTooltip active={active} payload={payload} className="max-w-xs">
      {(point) => (
        <>
          <p className="font-medium">{point.runName}</p>
          <p className="text-muted-foreground">
            {point.dateText}
            {point.isSimulated ? " · simulated" : ""}
          </p>
          <p>
            Error rate {point.errorRateText} of {formatCount(point.trials)} trials
          </p>
          <table className="mt-1">
            <tbody>
              {chart.kinds.map((kind) => (
                <tr key={kind.kind}>
                  <td className="pr-2">
                    <span
                      aria-hidden
                      className="mr-1 inline-block size-2 rounded-sm"
                      style={{ background: kind.color }}
                    />
                    {kind.label}
                  </td>
                  <td className="text-right tabular-nums">
                    {formatPercent(point.rates[kind.kind])} ({formatCount(point.counts[kind.kind])})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-1 text-muted-foreground">Click the bar to open the run.</p>
        </>
      )}
    </ChartTooltip>
  );
}

/** The chart in one sentence, for screen readers. */
export function describeReliability(chart: PreparedReliability): string {
  const measured = chart.points.filter((point) => point.errorRate !== null);
  const latest = measured[measured.length - 1];
  const worst = measured.reduce<ReliabilityPoint | null>(
    (top, point) => (top === null || (point.errorRate ?? 0) > (top.errorRate ?? 0) ? point : top),
    null,
  );
  const parts = [`Error rate by kind in ${measured.length} runs`];
  if (latest) parts.push(`latest ${latest.errorRateText} (${latest.runName})`);
  if (worst && worst !== latest) parts.push(`highest ${worst.errorRateText} (${worst.runName})`);
  return `${parts.join("; ")}. Every run is listed in the table view below.`;
}

function ReliabilityTable({ chart }: { chart: PreparedReliability }) {
  return (
    <TableView
      count={`${chart.table.rows.length} runs`}
      caption={chart.table.caption}
      head={chart.table.head}
    >
      {chart.table.rows.map((row) => (
        <tr key={row.runId} className="border-b last:border-0">
          <th scope="row" className="px-2 py-1.5 font-normal">
            <span className="flex flex-wrap items-center gap-2">
              <a href={row.href} className="underline underline-offset-2">
                {row.runName}
              </a>
              {row.isSimulated ? <SimulatedBadge /> : null}
            </span>
          </th>
          <td className="px-2 py-1.5 whitespace-nowrap">{row.dateText}</td>
          <td className="px-2 py-1.5 tabular-nums">{row.trialsText}</td>
          <td className="px-2 py-1.5 tabular-nums">{row.errorRateText}</td>
          {row.cells.map((cell, index) => (
            <td key={index} className="px-2 py-1.5 whitespace-nowrap tabular-nums">
              {cell}
            </td>
          ))}
        </tr>
      ))}
    </TableView>
  );
}

/**
 * Draws a platform's prepared reliability: per finished run, its error rate stacked by error kind
 * (a run without a trial on the platform has no bar), each bar a link to its run, the legend, and
 * the table with the same links. Says so in words when no run had an error, or none measured it.
 */
export function ReliabilityChart({ chart }: { chart: PreparedReliability }) {
  const dates = new Map(chart.points.map((point) => [point.runId, shortDate(point)]));
  const measured = chart.points.filter((point) => point.errorRate !== null);
  return (
    <div
      data-testid="reliability-chart"
      data-runs={measured.length}
      className="flex flex-col gap-3"
    >
      {chart.hasSimulated ? (
        <p className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
          <SimulatedBadge />
          Some or all of these runs called the local emulator, not the real platform.
        </p>
      ) : null}
      {chart.isEmpty ? (
        <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
          {chart.emptyText}
        </p>
      ) : chart.kinds.length === 0 ? (
        <p className="rounded-lg border p-4 text-sm">
          No call on this platform ended in an error in the {formatCount(measured.length)} finished
          run{measured.length === 1 ? "" : "s"} that measured it (
          {formatCount(measured.reduce((sum, point) => sum + point.trials, 0))} trials).
        </p>
      ) : (
        <>
          <div role="img" aria-label={describeReliability(chart)} className="text-muted-foreground">
            <ChartBox height={HEIGHT}>
              <BarChart
                title="Error rate by kind in each finished run, share of the run's trials on the platform"
                data={chart.points}
                margin={{ left: 8, right: 24, top: 8, bottom: 28 }}
                barCategoryGap="20%"
                maxBarSize={36}
                accessibilityLayer={false}
              >
                <CartesianGrid vertical={false} {...GRID} />
                <XAxis
                  type="category"
                  dataKey="runId"
                  tickFormatter={(runId: string) => dates.get(runId) ?? ""}
                  tick={axisTick(MUTED)}
                  label={bottomAxisTitle("Run finished (UTC)", -18, MUTED)}
                />
                <YAxis
                  type="number"
                  domain={chart.yDomain}
                  ticks={chart.yTicks.map((tick) => tick.value)}
                  tickFormatter={(value: number) =>
                    chart.yTicks.find((tick) => tick.value === value)?.label ?? ""
                  }
                  tick={axisTick(MUTED)}
                  allowDataOverflow
                  width={64}
                  label={leftAxisTitle("Error rate (% of trials)", MUTED)}
                />
                <Tooltip
                  content={<ReliabilityTooltip chart={chart} />}
                  cursor={{ fill: "currentColor", fillOpacity: 0.06 }}
                />
                {chart.kinds.map((kind) => (
                  <Bar
                    key={kind.kind}
                    dataKey={(point: ReliabilityPoint) => point.rates[kind.kind]}
                    name={kind.label}
                    stackId="errors"
                    fill={kind.color}
                    cursor="pointer"
                    isAnimationActive={false}
                    onClick={(bar: { payload?: ReliabilityPoint }) => {
                      if (bar.payload) window.location.assign(bar.payload.href);
                    }}
                  />
                ))}
              </BarChart>
            </ChartBox>
          </div>
          <ChartLegend label="Error kinds (bar segments, bottom to top)">
            {chart.kinds.map((kind) => (
              <LegendItem key={kind.kind} color={kind.color} swatchClassName="size-3">
                {kind.label}
              </LegendItem>
            ))}
          </ChartLegend>
          <p className="text-xs text-muted-foreground">
            Each bar is one finished run: the share of its trials on this platform that ended in an
            error, by kind. Only runs with a target calling this platform alone are counted.
          </p>
        </>
      )}
      {chart.table.rows.length ? <ReliabilityTable chart={chart} /> : null}
    </div>
  );
}
