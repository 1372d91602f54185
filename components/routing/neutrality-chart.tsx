"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";

import {
  axisTick,
  bottomAxisTitle,
  ChartBox,
  ChartLegend,
  FOREGROUND,
  GRID,
  LegendItem,
  MUTED,
} from "@/components/charts/chart-parts";
import { HeadCells } from "@/components/ui/table-frame";
import type { PreparedNeutrality } from "@/lib/charts/routing";
import { formatPercent, formatScore, formatUsd, formatWholePercent } from "@/lib/format";

const MAX_LABEL = 44;
/** A segment narrower than this share (percent) is left unlabelled: its number would not fit. */
const LABEL_MIN_PERCENT = 12;
const shorten = (label: string) =>
  label.length <= MAX_LABEL ? label : `${label.slice(0, MAX_LABEL - 1)}…`;

/** Draws the neutrality audit: one stacked bar per policy, its calls split by vendor group. */
export function NeutralityChart({ chart }: { chart: PreparedNeutrality }) {
  const data = chart.rows.map((row) => ({
    label: shorten(row.label),
    ...Object.fromEntries(chart.groups.map((g) => [g.name, (row.shares[g.name] ?? 0) * 100])),
  }));
  const height = Math.max(160, chart.rows.length * 38 + 70);
  return (
    <div className="flex flex-col gap-3">
      <ChartBox height={height}>
        <BarChart
          title="Share of calls by vendor group per routing policy"
          data={data}
          layout="vertical"
          margin={{ left: 8, right: 24, top: 8, bottom: 24 }}
        >
          <CartesianGrid horizontal={false} {...GRID} />
          <XAxis
            type="number"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v: number) => `${v}%`}
            tick={axisTick(MUTED)}
            label={bottomAxisTitle("Share of calls (%)", -14, FOREGROUND)}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={300}
            interval={0}
            tick={axisTick(FOREGROUND)}
          />
          <Tooltip
            formatter={(value) => formatPercent(Number(value) / 100)}
            contentStyle={{
              background: "var(--color-card)",
              border: "1px solid var(--color-border)",
              color: "var(--color-foreground)",
              fontSize: 12,
            }}
            cursor={{ fill: "var(--color-muted)" }}
          />
          {chart.groups.map((group) => (
            <Bar
              key={group.name}
              dataKey={group.name}
              stackId="share"
              fill={group.color}
              isAnimationActive={false}
            >
              {/* The share inside its segment where it fits (12% of the width or more). */}
              <LabelList
                dataKey={group.name}
                position="center"
                fontSize={11}
                fontWeight={600}
                fill="white"
                formatter={(value) =>
                  Number(value) >= LABEL_MIN_PERCENT ? formatWholePercent(Number(value) / 100) : ""
                }
              />
            </Bar>
          ))}
        </BarChart>
      </ChartBox>
      <ChartLegend label="Vendor groups">
        {chart.groups.map((group) => (
          <LegendItem key={group.name} color={group.color} swatchClassName="size-2.5">
            {group.name}
          </LegendItem>
        ))}
      </ChartLegend>
      <details className="text-sm">
        <summary className="cursor-pointer text-muted-foreground">Table view</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Share of calls by vendor group per routing policy</caption>
            <thead className="text-muted-foreground">
              <tr className="border-b">
                <HeadCells
                  className="py-1.5 pr-3 font-medium"
                  cells={[
                    "Policy",
                    ...["Mean score", "USD / 1,000 cases", ...chart.groups.map((g) => g.name)].map(
                      (label) => ({ label, className: "text-right" }),
                    ),
                  ]}
                />
              </tr>
            </thead>
            <tbody>
              {chart.rows.map((row) => (
                <tr key={row.id} className="border-b last:border-0">
                  <td className="py-1.5 pr-3">
                    {row.label}
                    {row.param ? (
                      <span className="text-muted-foreground"> · {row.param}</span>
                    ) : null}
                  </td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">
                    {formatScore(row.quality)}
                  </td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">
                    {formatUsd(row.costPer1k)}
                  </td>
                  {chart.groups.map((g) => (
                    <td key={g.name} className="py-1.5 pr-3 text-right tabular-nums">
                      {row.shares[g.name] === undefined ? "0%" : formatPercent(row.shares[g.name])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
