"use client";

import {
  CartesianGrid,
  ErrorBar,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import type { PreparedRunScores, RunScorePoint } from "@/lib/charts/run-scores";
import { formatScore } from "@/lib/charts/run-format";

function ScoreTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: readonly { payload?: RunScorePoint }[];
}) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{point.label}</p>
      <p>
        Mean score {formatScore(point.mean)} [{formatScore(point.low)}, {formatScore(point.high)}]
      </p>
      <p>
        n = {point.n} cases{point.isSimulated ? " · simulated" : ""}
      </p>
    </div>
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
    <figure className="flex flex-col gap-2">
      <figcaption className="text-sm">
        <span className="font-medium">Mean score per target</span>
        <span className="text-muted-foreground">
          {" "}
          — dot = mean of per-case scores (0–1), bar = 95% bootstrap confidence interval over cases;
          n per target in the tooltip{isSimulated ? "; simulated" : ""}.
        </span>
      </figcaption>
      <div style={{ height }} className="w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart
            title="Mean score per target with its 95% confidence interval"
            layout="vertical"
            margin={{ left: 8, right: 24, top: 8, bottom: 24 }}
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" className="stroke-border" />
            <XAxis
              type="number"
              dataKey="mean"
              domain={[0, 1]}
              ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
              tick={{ fontSize: 12 }}
              label={{
                value: "Mean score (0–1), 95% CI",
                position: "insideBottom",
                offset: -16,
                fontSize: 12,
              }}
            />
            <YAxis
              type="category"
              dataKey="shortLabel"
              width={260}
              tick={{ fontSize: 12 }}
              interval={0}
            />
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
        </ResponsiveContainer>
      </div>
      {chart.missing.length ? (
        <p className="text-xs text-muted-foreground">
          No scored case yet (no dot): {chart.missing.join("; ")}.
        </p>
      ) : null}
    </figure>
  );
}
