"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

import { axisTick, bottomAxisTitle, ChartFigure, GRID } from "@/components/charts/chart-parts";
import type { PreparedPriceChart } from "@/lib/charts/price-comparison";
import { formatMultiple, formatUsdPerMillion } from "@/lib/format";

/** Draws a prepared price comparison: blended, input and output price per platform. */
export function PriceComparisonChart({
  chart,
  title,
}: {
  chart: PreparedPriceChart;
  title: string;
}) {
  const height = Math.max(160, chart.points.length * 44 + 70);
  return (
    <ChartFigure
      title={title}
      description={`USD per 1M tokens, cheapest offering per platform; n = ${chart.n} offerings${chart.spread ? `; dearest is ${formatMultiple(chart.spread)} the cheapest (blended)` : ""}.`}
      height={height}
      note={chart.unpriced.length ? `No price listed for: ${chart.unpriced.join(", ")}.` : null}
    >
      <BarChart
        data={chart.points}
        layout="vertical"
        margin={{ left: 8, right: 24, top: 8, bottom: 8 }}
      >
        <CartesianGrid horizontal={false} {...GRID} />
        <XAxis
          type="number"
          tickFormatter={(value: number) => `$${value}`}
          label={bottomAxisTitle("USD per 1M tokens", -4)}
          tick={axisTick()}
        />
        <YAxis type="category" dataKey="platform" width={180} tick={axisTick()} />
        <Tooltip
          formatter={(value) => formatUsdPerMillion(typeof value === "number" ? value : null)}
        />
        <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} />
        <Bar dataKey="blended" name="Blended 3:1" fill="var(--color-primary)" />
        <Bar dataKey="input" name="Input" fill="var(--color-chart-2)" />
        <Bar dataKey="output" name="Output" fill="var(--color-chart-3)" />
      </BarChart>
    </ChartFigure>
  );
}
