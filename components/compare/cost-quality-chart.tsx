"use client";

import {
  CartesianGrid,
  ErrorBar,
  Line,
  ComposedChart,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
  Legend,
} from "recharts";

import type { CostQualityPoint, PreparedCostQuality } from "@/lib/charts/pareto";
import { formatScore, formatUsd } from "@/lib/charts/run-format";

function PointTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: readonly { payload?: CostQualityPoint }[];
}) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{point.label}</p>
      <p>
        Mean score {formatScore(point.score)} [{formatScore(point.low)}, {formatScore(point.high)}],
        n = {point.n} cases
      </p>
      <p>{formatUsd(point.cost)} per 1,000 cases</p>
      <p>
        {point.isFrontier ? "On the Pareto frontier" : "Dominated: something is cheaper and better"}
      </p>
    </div>
  );
}

/** Draws a prepared cost-against-quality scatter with the Pareto frontier as a line. */
export function CostQualityChart({ chart }: { chart: PreparedCostQuality }) {
  const frontierIds = new Set(chart.frontier.map((p) => p.id));
  const others = chart.points.filter((p) => !frontierIds.has(p.id));
  return (
    <div className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          title="Cost against quality per target, with the Pareto frontier"
          margin={{ left: 8, right: 24, top: 8, bottom: 28 }}
        >
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
          <XAxis
            type="number"
            dataKey="cost"
            scale={chart.isLogCost ? "log" : "auto"}
            domain={chart.isLogCost ? ["auto", "auto"] : [0, "auto"]}
            tickFormatter={(value: number) => formatUsd(value)}
            tick={{ fontSize: 12, fill: "var(--color-muted-foreground)" }}
            label={{
              value: `Cost per 1,000 cases, USD${chart.isLogCost ? " (log)" : ""}`,
              position: "insideBottom",
              offset: -18,
              fontSize: 12,
              fill: "var(--color-muted-foreground)",
            }}
          />
          <YAxis
            type="number"
            dataKey="score"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tick={{ fontSize: 12, fill: "var(--color-muted-foreground)" }}
            label={{
              value: "Mean score (0–1)",
              angle: -90,
              position: "insideLeft",
              fontSize: 12,
              fill: "var(--color-muted-foreground)",
            }}
          />
          <Tooltip content={<PointTooltip />} cursor={false} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} />
          <Line
            data={chart.frontier}
            dataKey="score"
            name="Pareto frontier"
            stroke="var(--color-primary)"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            type="linear"
          />
          <Scatter
            data={chart.frontier}
            name="On the frontier"
            fill="var(--color-primary)"
            isAnimationActive={false}
          >
            <ErrorBar dataKey="error" direction="y" width={4} stroke="var(--color-primary)" />
          </Scatter>
          <Scatter
            data={others}
            name="Dominated"
            fill="var(--color-muted-foreground)"
            isAnimationActive={false}
          >
            <ErrorBar
              dataKey="error"
              direction="y"
              width={4}
              stroke="var(--color-muted-foreground)"
            />
          </Scatter>
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
