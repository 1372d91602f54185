"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import type { PreparedPriceChart } from "@/lib/charts/price-comparison";
import { formatUsdPerMillion } from "@/lib/charts/format";

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
    <figure className="flex flex-col gap-2">
      <figcaption className="text-sm">
        <span className="font-medium">{title}</span>
        <span className="text-muted-foreground">
          {" "}
          — USD per 1M tokens, cheapest offering per platform; n = {chart.n} offerings
          {chart.spread ? `; dearest is ${chart.spread.toFixed(1)}× the cheapest (blended)` : ""}.
        </span>
      </figcaption>
      <div style={{ height }} className="w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={chart.points}
            layout="vertical"
            margin={{ left: 8, right: 24, top: 8, bottom: 8 }}
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" className="stroke-border" />
            <XAxis
              type="number"
              tickFormatter={(value: number) => `$${value}`}
              label={{
                value: "USD per 1M tokens",
                position: "insideBottom",
                offset: -4,
                fontSize: 12,
              }}
              tick={{ fontSize: 12 }}
            />
            <YAxis type="category" dataKey="platform" width={180} tick={{ fontSize: 12 }} />
            <Tooltip
              formatter={(value) => formatUsdPerMillion(typeof value === "number" ? value : null)}
            />
            <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} />
            <Bar dataKey="blended" name="Blended 3:1" fill="var(--color-primary)" />
            <Bar dataKey="input" name="Input" fill="var(--color-chart-2)" />
            <Bar dataKey="output" name="Output" fill="var(--color-chart-3)" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {chart.unpriced.length ? (
        <p className="text-xs text-muted-foreground">
          No price listed for: {chart.unpriced.join(", ")}.
        </p>
      ) : null}
    </figure>
  );
}
