"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import {
  BAND_AREAS,
  formatPoints,
  type LockinBar,
  type PreparedLockinChart,
} from "@/lib/charts/lockin";

function LockinTooltip({
  active,
  payload,
  chart,
}: {
  active?: boolean;
  payload?: readonly { payload?: LockinBar }[];
  chart: PreparedLockinChart;
}) {
  const bar = payload?.[0]?.payload;
  if (!active || !bar) return null;
  return (
    <div className="max-w-xs rounded-md border bg-card px-3 py-2 text-xs text-card-foreground shadow-md">
      <p className="font-medium">{bar.label}</p>
      <p>
        Score {formatPoints(bar.score)} of 100 · {bar.bandLabel} risk · {bar.modelsCounted} model
        {bar.modelsCounted === 1 ? "" : "s"}
      </p>
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
                {formatPoints(bar.contributions[series.id])}
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
    </div>
  );
}

/** Draws the prepared lock-in chart: one stacked bar of factor contributions per platform. */
export function LockinChart({ chart }: { chart: PreparedLockinChart }) {
  const height = Math.max(200, chart.bars.length * 40 + 110);
  const data = chart.bars.map((bar) => ({
    ...bar,
    axisLabel: `${bar.shortLabel} · ${formatPoints(bar.score)} ${bar.bandLabel}`,
  }));
  return (
    <div className="flex flex-col gap-2">
      <div style={{ height }} className="w-full text-muted-foreground">
        <ResponsiveContainer width="100%" height="100%">
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
            <CartesianGrid horizontal={false} strokeDasharray="3 3" className="stroke-border" />
            <XAxis
              type="number"
              domain={[0, 100]}
              ticks={[0, 25, 50, 75, 100]}
              tick={{ fontSize: 12, fill: "currentColor" }}
              label={{
                value: "Lock-in risk score (0 = free to leave, 100 = locked in), points",
                position: "insideBottom",
                offset: -14,
                fontSize: 12,
                fill: "currentColor",
              }}
            />
            <YAxis
              type="category"
              dataKey="axisLabel"
              width={330}
              interval={0}
              tick={{ fontSize: 12, fill: "currentColor" }}
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
        </ResponsiveContainer>
      </div>
      <ul
        aria-label="Factors (bar segments, left to right)"
        className="flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs"
      >
        {chart.series.map((series) => (
          <li key={series.id} className="flex items-center gap-1.5">
            <span
              aria-hidden
              className="inline-block size-3 rounded-sm"
              style={{ background: series.color }}
            />
            {series.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
