"use client";

import { CartesianGrid, ErrorBar, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";

import {
  axisTick,
  bottomAxisTitle,
  ChartFigure,
  ChartTooltip,
  GRID,
  type PointTooltipProps,
} from "@/components/charts/chart-parts";
import type { PreparedRunScores, RunScorePoint } from "@/lib/charts/run-scores";
import { formatScore, formatScoreTick } from "@/lib/format";

function ScoreTooltip({ active, payload }: PointTooltipProps<RunScorePoint>) {
  return (
    <ChartTooltip active={active} payload={payload}>
      {(point) => (
        <>
          <p className="font-medium">{point.label}</p>
          <p>
            Mean score {formatScore(point.mean)} [{formatScore(point.low)},{" "}
            {formatScore(point.high)}]
          </p>
          <p>
            n = {point.n} cases{point.isSimulated ? " · simulated" : ""}
          </p>
        </>
      )}
    </ChartTooltip>
  );
}

/** Draws a prepared score chart: each target's mean score as a dot with its 95% CI. */
export function RunScoresChart({
  chart,
  isSimulated,
}: {
  chart: PreparedRunScores;
  isSimulated: boolean;
}) {
  const height = Math.max(140, chart.points.length * 44 + 80);
  return (
    <ChartFigure
      title="Mean score per target"
      description={`dot = mean of per-case scores in points (0–100), bar = 95% bootstrap confidence interval over cases; n per target in the tooltip${isSimulated ? "; simulated" : ""}.`}
      height={height}
      note={
        chart.missing.length ? `No scored case yet (no dot): ${chart.missing.join("; ")}.` : null
      }
    >
      <ScatterChart
        title="Mean score per target with its 95% confidence interval"
        layout="vertical"
        margin={{ left: 8, right: 24, top: 8, bottom: 24 }}
      >
        <CartesianGrid horizontal={false} {...GRID} />
        <XAxis
          type="number"
          dataKey="mean"
          domain={[0, 1]}
          ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
          tickFormatter={formatScoreTick}
          tick={axisTick()}
          label={bottomAxisTitle("Mean score (points, 0–100), 95% CI", -16)}
        />
        <YAxis type="category" dataKey="shortLabel" width={260} tick={axisTick()} interval={0} />
        <Tooltip content={<ScoreTooltip />} cursor={false} />
        <Scatter data={chart.points} fill="var(--color-primary)" name="Mean score">
          <ErrorBar
            dataKey="error"
            direction="x"
            width={6}
            strokeWidth={2}
            stroke="var(--color-primary)"
          />
        </Scatter>
      </ScatterChart>
    </ChartFigure>
  );
}
