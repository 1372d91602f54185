"use client";

import { Bar, BarChart, CartesianGrid, ReferenceArea, Tooltip, XAxis, YAxis } from "recharts";

import {
  axisTick,
  bottomAxisTitle,
  ChartBox,
  ChartLegend,
  ChartTooltip,
  GRID,
  LegendItem,
  type PointTooltipProps,
} from "@/components/charts/chart-parts";
import { BAND_AREAS, type LockinBar, type PreparedLockinChart } from "@/lib/charts/lockin";
import { formatRisk } from "@/lib/format";

function LockinTooltip({
  active,
  payload,
  chart,
}: PointTooltipProps<LockinBar> & { chart: PreparedLockinChart }) {
  return (
    <ChartTooltip
      active={active}
      payload={payload}
      className="max-w-xs bg-card text-card-foreground"
    >
      {(bar) => <LockinTooltipBody bar={bar} chart={chart} />}
    </ChartTooltip>
  );
}

function LockinTooltipBody({ bar, chart }: { bar: LockinBar; chart: PreparedLockinChart }) {
  return (
    <>
      <p className="font-medium">{bar.label}</p>
      <p>
        Score {formatRisk(bar.score)} of 100 · {bar.bandLabel} risk · {bar.modelsCounted} model
        {bar.modelsCounted === 1 ? "" : "s"}
      </p>
      {bar.coverageGap ? (
        <p className="text-muted-foreground">Partial, not ranked: {bar.coverageGap}</p>
      ) : null}
      <table className="mt-1">
        <tbody>
          {chart.series.map((series) => (
            <tr key={series.id}>
              <td className="pr-2">
                <span
                  aria-hidden
                  className="mr-1 inline-block size-2 rounded-sm"
                  style={{ background: series.color }}
                />
                {series.label}
              </td>
              <td className="text-right tabular-nums">
                {formatRisk(bar.contributions[series.id])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {bar.coverage < 1 ? (
        <p className="mt-1">
          {Math.round(bar.coverage * 100)}% of the weight had data; &quot;—&quot; = no data.
        </p>
      ) : null}
    </>
  );
}

/** Draws the prepared lock-in chart: one stacked bar of factor contributions per platform. */
export function LockinChart({ chart }: { chart: PreparedLockinChart }) {
  const height = Math.max(200, chart.bars.length * 40 + 110);
  const data = chart.bars.map((bar) => ({
    ...bar,
    axisLabel: `${bar.shortLabel} · ${formatRisk(bar.score)} ${bar.bandLabel}${bar.coverageGap ? " (partial)" : ""}`,
  }));
  return (
    <div className="flex flex-col gap-2">
      <ChartBox height={height} className="text-muted-foreground">
        <BarChart
          title="Lock-in risk per platform: stacked factor contributions, 0 to 100"
          data={data}
          layout="vertical"
          margin={{ left: 8, right: 24, top: 20, bottom: 28 }}
          barCategoryGap={8}
        >
          {BAND_AREAS.map((area) => (
            <ReferenceArea
              key={area.band}
              x1={area.from}
              x2={area.to}
              fill={area.color}
              fillOpacity={0.1}
              strokeOpacity={0}
              ifOverflow="extendDomain"
              label={{
                value: `${area.label} ${area.band === "critical" ? ">75" : `${area.from}–${area.to}`}`,
                position: "insideTop",
                offset: -16,
                fontSize: 11,
                fill: "currentColor",
              }}
            />
          ))}
          <CartesianGrid horizontal={false} {...GRID} />
          <XAxis
            type="number"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tick={axisTick("currentColor")}
            label={bottomAxisTitle(
              "Lock-in risk score (0 = free to leave, 100 = locked in), points",
              -14,
              "currentColor",
            )}
          />
          <YAxis
            type="category"
            dataKey="axisLabel"
            width={330}
            interval={0}
            tick={axisTick("currentColor")}
          />
          <Tooltip
            content={<LockinTooltip chart={chart} />}
            cursor={{ fill: "currentColor", fillOpacity: 0.06 }}
          />
          {chart.series.map((series) => (
            <Bar
              key={series.id}
              dataKey={(bar: LockinBar) => bar.contributions[series.id]}
              name={series.label}
              stackId="score"
              fill={series.color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ChartBox>
      <ChartLegend label="Factors (bar segments, left to right)" className="justify-center">
        {chart.series.map((series) => (
          <LegendItem key={series.id} color={series.color} swatchClassName="size-3">
            {series.label}
          </LegendItem>
        ))}
      </ChartLegend>
    </div>
  );
}
