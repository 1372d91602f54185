"use client";

import {
  CartesianGrid,
  ErrorBar,
  Line,
  ComposedChart,
  LabelList,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
  Legend,
} from "recharts";

import {
  bottomAxisTitle,
  axisTick,
  ChartBox,
  ChartTooltip,
  GRID,
  leftAxisTitle,
  MUTED,
  type PointTooltipProps,
} from "@/components/charts/chart-parts";
import type { CostQualityPoint, PreparedCostQuality } from "@/lib/charts/pareto";
import { formatScore, formatScoreTick, formatUsd } from "@/lib/format";

function PointTooltip({ active, payload }: PointTooltipProps<CostQualityPoint>) {
  return (
    <ChartTooltip active={active} payload={payload}>
      {(point) => (
        <>
          <p className="font-medium">{point.label}</p>
          <p>
            Mean score {formatScore(point.score)} [{formatScore(point.low)},{" "}
            {formatScore(point.high)}], n = {point.n} cases
          </p>
          <p>{formatUsd(point.cost)} per 1,000 cases</p>
          <p>
            {point.isFrontier
              ? "On the Pareto frontier"
              : "Dominated: something is cheaper and better"}
          </p>
        </>
      )}
    </ChartTooltip>
  );
}

/** Draws a prepared cost-against-quality scatter with the Pareto frontier as a line. */
export function CostQualityChart({ chart }: { chart: PreparedCostQuality }) {
  const frontierIds = new Set(chart.frontier.map((p) => p.id));
  const others = chart.points.filter((p) => !frontierIds.has(p.id));
  return (
    <div className="flex flex-col gap-3">
      <ChartBox className="h-80">
        <ComposedChart
          title="Cost against quality per target, with the Pareto frontier"
          margin={{ left: 8, right: 24, top: 8, bottom: 28 }}
        >
          <CartesianGrid {...GRID} />
          <XAxis
            type="number"
            dataKey="cost"
            scale={chart.isLogCost ? "log" : "auto"}
            domain={chart.isLogCost ? ["auto", "auto"] : [0, "auto"]}
            tickFormatter={(value: number) => formatUsd(value)}
            tick={axisTick(MUTED)}
            label={bottomAxisTitle(
              `Cost per 1,000 cases, USD${chart.isLogCost ? " (log)" : ""}`,
              -18,
              MUTED,
            )}
          />
          <YAxis
            type="number"
            dataKey="score"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={formatScoreTick}
            tick={axisTick(MUTED)}
            label={leftAxisTitle("Mean score (points, 0–100)", MUTED)}
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
            <LabelList
              dataKey="tag"
              position="right"
              offset={8}
              fontSize={11}
              fill="currentColor"
            />
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
            <LabelList
              dataKey="tag"
              position="right"
              offset={8}
              fontSize={11}
              fill="var(--color-muted-foreground)"
            />
          </Scatter>
        </ComposedChart>
      </ChartBox>
      {/* The key: each numbered point with its target, score and cost, so it reads in print. */}
      <ol className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2" aria-label="Points on the chart">
        {chart.points.map((point) => (
          <li key={point.id} className="flex gap-2">
            <span className="w-5 shrink-0 text-right font-medium tabular-nums">{point.tag}</span>
            <span>
              {point.label}: {formatScore(point.score)} points, {formatUsd(point.cost)} per 1,000
              cases{point.isFrontier ? " (on the frontier)" : ""}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
