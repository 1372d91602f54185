"use client";

import { CartesianGrid, LabelList, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";

import {
  axisTick,
  bottomAxisTitle,
  ChartBox,
  ChartLegend,
  ChartTooltip,
  FOREGROUND,
  GRID,
  LegendItem,
  leftAxisTitle,
  MUTED,
  type PointTooltipProps,
} from "@/components/charts/chart-parts";
import type { PreparedRoutingChart, RoutingChartPoint } from "@/lib/charts/routing";
import { formatScore, formatScoreTick, formatUsd } from "@/lib/format";

function PointTooltip({ active, payload }: PointTooltipProps<RoutingChartPoint>) {
  return (
    <ChartTooltip active={active} payload={payload}>
      {(point) => (
        <>
          <p className="font-medium">{point.policy}</p>
          {point.param ? <p className="text-muted-foreground">{point.param}</p> : null}
          <p>Mean score {formatScore(point.y)}</p>
          <p>{formatUsd(point.x)} per 1,000 cases</p>
          {point.isOperating ? <p className="text-muted-foreground">operating point</p> : null}
        </>
      )}
    </ChartTooltip>
  );
}

type ShapeProps = { cx?: number; cy?: number; payload?: unknown };

/** The marker of a series: a star for the oracle, a diamond for the cascade, dots otherwise. */
function markerFor(kind: string, color: string, size: number) {
  function Marker({ cx, cy, payload }: ShapeProps) {
    if (cx === undefined || cy === undefined) return <g />;
    const stroke = { stroke: "var(--color-background)", strokeWidth: 1 };
    if (kind === "oracle") {
      const points = Array.from({ length: 10 }, (_, i) => {
        const r = i % 2 === 0 ? 8 : 3.5;
        const a = (Math.PI / 5) * i - Math.PI / 2;
        return `${cx + r * Math.cos(a)},${cy + r * Math.sin(a)}`;
      }).join(" ");
      return <polygon points={points} fill={color} {...stroke} />;
    }
    if (kind === "cascade") {
      return (
        <polygon
          points={`${cx},${cy - 6} ${cx + 6},${cy} ${cx},${cy + 6} ${cx - 6},${cy}`}
          fill={color}
          {...stroke}
        />
      );
    }
    const isOperating = (payload as RoutingChartPoint | undefined)?.isOperating ?? false;
    return <circle cx={cx} cy={cy} r={isOperating ? size + 2 : size} fill={color} {...stroke} />;
  }
  return Marker;
}

/** Draws the prepared quality-cost chart: every policy's point or curve and the Pareto frontier. */
export function RoutingChart({ chart }: { chart: PreparedRoutingChart }) {
  return (
    <div className="flex flex-col gap-3">
      <ChartBox className="h-[420px]">
        <ScatterChart
          title="Quality against cost per routing policy, with the Pareto frontier"
          margin={{ left: 12, right: 96, top: 12, bottom: 32 }}
        >
          <CartesianGrid {...GRID} />
          <XAxis
            type="number"
            dataKey="x"
            scale={chart.scale}
            domain={chart.xDomain}
            ticks={chart.xTicks ?? undefined}
            allowDataOverflow
            tickFormatter={(value: number) => formatUsd(value)}
            tick={axisTick(MUTED)}
            label={bottomAxisTitle(
              `Cost, USD per 1,000 cases (${chart.scale} scale)`,
              -20,
              FOREGROUND,
            )}
          />
          <YAxis
            type="number"
            dataKey="y"
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            tickFormatter={formatScoreTick}
            tick={axisTick(MUTED)}
            label={{
              ...leftAxisTitle("Mean score (points, 0–100)", FOREGROUND),
              offset: 4,
              style: { textAnchor: "middle" },
            }}
          />
          <Tooltip content={<PointTooltip />} cursor={{ strokeDasharray: "3 3" }} />
          <Scatter
            name="Pareto frontier"
            data={chart.frontier}
            line={{ stroke: "var(--color-foreground)", strokeDasharray: "6 4", strokeWidth: 1.5 }}
            shape={() => <g />}
            isAnimationActive={false}
          />
          {chart.series.map((series) => (
            <Scatter
              key={series.id}
              name={series.label}
              data={series.points}
              fill={series.color}
              line={
                series.isCurve
                  ? {
                      stroke: series.color,
                      strokeWidth: 2,
                      strokeDasharray: series.isDashed ? "4 4" : undefined,
                    }
                  : false
              }
              shape={markerFor(series.kind, series.color, series.isCurve ? 2.5 : 5)}
              isAnimationActive={false}
            >
              {series.kind === "single" ? (
                <LabelList
                  dataKey="tag"
                  position="right"
                  offset={8}
                  fontSize={11}
                  fill="var(--color-muted-foreground)"
                />
              ) : null}
            </Scatter>
          ))}
        </ScatterChart>
      </ChartBox>
      {chart.keys.length ? (
        <ol aria-label="Numbered targets" className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
          {chart.keys.map((key) => (
            <li key={key.tag}>
              <span className="font-semibold tabular-nums">{key.tag}</span> {key.label}
            </li>
          ))}
        </ol>
      ) : null}
      <ChartLegend label="Legend">
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="w-5 border-t-2 border-dashed border-foreground" />
          Pareto frontier
        </li>
        {chart.series
          .filter((s) => s.kind !== "single")
          .map((series) => (
            <LegendItem key={series.id} color={series.color} swatchClassName="h-2.5 w-5">
              {series.label}
              {series.totalPoints > series.points.length
                ? ` (${series.points.length} of ${series.totalPoints} points drawn)`
                : ""}
            </LegendItem>
          ))}
        <LegendItem
          color={chart.series.find((s) => s.kind === "single")?.color}
          swatchClassName="size-2.5 rounded-full"
        >
          Single targets
        </LegendItem>
      </ChartLegend>
    </div>
  );
}
