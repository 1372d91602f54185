"use client";

import { SimulatedBadge } from "@/components/runs/run-badges";
import { TableFrame } from "@/components/ui/table-frame";
import {
  formatCount,
  formatMs,
  formatPercent,
  formatScore,
  formatTokensPerSecond,
  formatUsd,
} from "@/lib/format";
import type { Interval, Percentiles, TargetRow } from "@/lib/views/runs";

export type RunResultRow = TargetRow & {
  /** Offering label → calls it served, for a routing target. */
  servedBy: { label: string; calls: number }[];
};

const ERROR_KIND_LABELS: Record<string, string> = {
  rate_limit: "rate limit",
  timeout: "timeout",
  server: "server",
  auth: "auth",
  bad_request: "bad request",
  content_filter: "content filter",
};

function IntervalCell({
  interval,
  format,
  unit,
}: {
  interval: Interval | null;
  format: (value: number) => string;
  unit: string;
}) {
  if (!interval) return <span aria-label="no data">—</span>;
  return (
    <span className="flex flex-col">
      <span className="font-medium tabular-nums">{format(interval.value)}</span>
      <span className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">
        [{format(interval.low)}, {format(interval.high)}] n={formatCount(interval.n)} {unit}
      </span>
    </span>
  );
}

function PercentileCell({ values, keys }: { values: Percentiles; keys: (keyof Percentiles)[] }) {
  return (
    <span className="flex flex-col text-xs whitespace-nowrap tabular-nums">
      {keys.map((key) => (
        <span key={key}>
          <span className="text-muted-foreground">{key} </span>
          {formatMs(values[key])}
        </span>
      ))}
    </span>
  );
}

/** A heading with what its figures are, in small type under it. */
function withNote(label: string, note: string, className?: string) {
  return {
    label: (
      <>
        {label}
        <span className="block text-xs font-normal text-muted-foreground">{note}</span>
      </>
    ),
    className,
  };
}

const HEAD = [
  "Target",
  withNote("Score (points, 0–100)", "mean, [95% CI] n cases"),
  withNote("Pass rate", "[95% CI] n trials"),
  "Latency",
  "Time to first token",
  withNote("Output speed", "median", "text-right"),
  { label: "Cost", className: "text-right" },
  { label: "Cost per 1,000 cases", className: "text-right" },
  withNote("Error rate", "[95% CI] n trials, by kind"),
];

/** One row per target: quality with its interval and n, latency, speed, cost and errors. */
export function RunResultsTable({
  rows,
  hasSharedSimulatedIcon = false,
}: {
  rows: RunResultRow[];
  /** The page renders SimulatedBadgeIcon: the rows' simulated badges use it. */
  hasSharedSimulatedIcon?: boolean;
}) {
  return (
    <TableFrame
      caption="Results per target. Score: mean of per-case scores with a 95% bootstrap CI, n = cases. Pass rate: Wilson 95% CI, n = scored trials."
      head={HEAD}
      headClassName="bg-muted/50 text-left align-bottom"
    >
      {rows.map((row) => {
        const kinds = Object.entries(row.errorsByKind).filter(([, count]) => count > 0);
        return (
          <tr key={row.id} className="border-t align-top">
            <th scope="row" className="max-w-xs px-3 py-2 text-left font-medium">
              <span className="flex flex-wrap items-center gap-1.5">
                {row.label}
                {row.isSimulated ? <SimulatedBadge hasSharedIcon={hasSharedSimulatedIcon} /> : null}
              </span>
              <span className="block text-xs font-normal text-muted-foreground">
                {formatCount(row.trials)} trials stored
              </span>
              {row.servedBy.length ? (
                <span className="mt-1 block text-xs font-normal text-muted-foreground">
                  Served by:{" "}
                  {row.servedBy
                    .map((entry) => `${entry.label} (${formatCount(entry.calls)})`)
                    .join(", ")}
                </span>
              ) : null}
            </th>
            <td className="px-3 py-2">
              <IntervalCell interval={row.score} format={formatScore} unit="cases" />
            </td>
            <td className="px-3 py-2">
              <IntervalCell interval={row.passRate} format={formatPercent} unit="trials" />
            </td>
            <td className="px-3 py-2">
              <PercentileCell values={row.latencyMs} keys={["p50", "p95", "p99"]} />
            </td>
            <td className="px-3 py-2">
              <PercentileCell values={row.ttftMs} keys={["p50", "p95"]} />
            </td>
            <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
              {formatTokensPerSecond(row.outputTokensPerSecond)}
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{formatUsd(row.costUsd)}</td>
            <td className="px-3 py-2 text-right tabular-nums">
              {formatUsd(row.costPer1000CasesUsd)}
            </td>
            <td className="px-3 py-2">
              <IntervalCell interval={row.errorRate} format={formatPercent} unit="trials" />
              {kinds.length ? (
                <span className="mt-1 block text-xs text-muted-foreground">
                  {kinds
                    .map(([kind, count]) => `${ERROR_KIND_LABELS[kind] ?? kind}: ${count}`)
                    .join(", ")}
                </span>
              ) : null}
            </td>
          </tr>
        );
      })}
    </TableFrame>
  );
}
