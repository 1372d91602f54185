import { cn } from "@/components/ui/cn";
import type { PreparedSparkline } from "@/lib/charts/trend";

const PAD = 3;

/**
 * A prepared sparkline as a small inline SVG: the line of a metric over a series' runs (broken
 * where a run has no figure) and a dot on the latest. Its text alternative is the preparer's
 * sentence, which also shows as a tooltip; without a figure it says so in words.
 */
export function Sparkline({
  sparkline,
  width = 96,
  height = 24,
  className,
}: {
  sparkline: PreparedSparkline;
  width?: number;
  height?: number;
  className?: string;
}) {
  if (sparkline.isEmpty) {
    return <span className={cn("text-xs text-muted-foreground", className)}>no figure yet</span>;
  }
  const x = (at: number) => PAD + at * (width - 2 * PAD);
  const y = (at: number) => height - PAD - at * (height - 2 * PAD);
  const dots = sparkline.segments.flat();
  const last = dots[dots.length - 1];
  return (
    <svg
      role="img"
      aria-label={sparkline.label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className={cn("inline-block overflow-visible align-middle text-primary", className)}
    >
      <title>{sparkline.label}</title>
      {sparkline.segments.map((segment, index) =>
        segment.length > 1 ? (
          <polyline
            key={index}
            points={segment.map((dot) => `${x(dot.x)},${y(dot.y)}`).join(" ")}
            fill="none"
            stroke="currentColor"
            strokeWidth={1.5}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        ) : (
          // A lone run between gaps: a dot, so it is not lost.
          <circle
            key={index}
            cx={x(segment[0]?.x ?? 0)}
            cy={y(segment[0]?.y ?? 0)}
            r={1.5}
            fill="currentColor"
          />
        ),
      )}
      {last ? <circle cx={x(last.x)} cy={y(last.y)} r={2.5} fill="currentColor" /> : null}
    </svg>
  );
}
