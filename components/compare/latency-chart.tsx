import { pct, TickLabels, TickLines } from "@/components/charts/scale-track";
import { formatMs } from "@/lib/format";
import type { LatencyRange, PreparedLatencyRanges } from "@/lib/charts/latency";

function RangeBar({ range, tone, label }: { range: LatencyRange; tone: string; label: string }) {
  const text = `${label}: p50 ${formatMs(range.p50)}, p95 ${formatMs(range.p95)}, p99 ${formatMs(range.p99)}`;
  return (
    <div role="img" aria-label={text} title={text} className="relative h-3">
      <span
        aria-hidden
        className={`absolute top-1/2 h-px -translate-y-1/2 ${tone}`}
        style={{ left: pct(range.at.p95), width: pct(range.at.p99 - range.at.p95) }}
      />
      <span
        aria-hidden
        className={`absolute top-0 h-3 w-px ${tone}`}
        style={{ left: pct(range.at.p99) }}
      />
      <span
        aria-hidden
        className={`absolute top-0 h-3 min-w-1 rounded-sm opacity-80 ${tone}`}
        style={{ left: pct(range.at.p50), width: pct(range.at.p95 - range.at.p50) }}
      />
      <span
        aria-hidden
        className="absolute top-0 h-3 w-0.5 -translate-x-1/2 bg-foreground"
        style={{ left: pct(range.at.p50) }}
      />
    </div>
  );
}

/**
 * Draws prepared latency ranges: per target, time to first token and total latency as a bar from
 * p50 to p95 with a whisker to p99, on a log millisecond axis.
 */
export function LatencyChart({ chart }: { chart: PreparedLatencyRanges }) {
  return (
    <div className="overflow-x-auto">
      <div className="flex min-w-[640px] flex-col gap-2 text-sm">
        <div className="flex flex-wrap gap-4 text-xs text-muted-foreground">
          <span className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block h-3 w-5 rounded-sm bg-chart-2" /> Time to
            first token
          </span>
          <span className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block h-3 w-5 rounded-sm bg-chart-3" /> Total
            latency
          </span>
          <span>Bar: p50 (dark tick) to p95; whisker to p99. Log scale.</span>
        </div>
        {chart.rows.map((row) => (
          <div key={row.id} className="grid grid-cols-[minmax(10rem,14rem)_1fr] items-center gap-4">
            <span className="truncate" title={row.label}>
              {row.label}
            </span>
            <div className="relative flex flex-col gap-1 rounded bg-muted/40 py-1">
              <TickLines ticks={chart.ticks} />
              {row.ttft ? (
                <RangeBar
                  range={row.ttft}
                  tone="bg-chart-2"
                  label={`${row.label}, time to first token`}
                />
              ) : (
                <span className="h-3 text-[11px] leading-3 text-muted-foreground">
                  time to first token not measured
                </span>
              )}
              {row.latency ? (
                <RangeBar
                  range={row.latency}
                  tone="bg-chart-3"
                  label={`${row.label}, total latency`}
                />
              ) : (
                <span className="h-3 text-[11px] leading-3 text-muted-foreground">
                  no successful call
                </span>
              )}
            </div>
          </div>
        ))}
        <div className="grid grid-cols-[minmax(10rem,14rem)_1fr] gap-4">
          <span className="text-xs text-muted-foreground">milliseconds (log)</span>
          <TickLabels ticks={chart.ticks} format={(tick) => tick.label} />
        </div>
      </div>
    </div>
  );
}
