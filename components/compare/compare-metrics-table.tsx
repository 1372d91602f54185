import { TableFrame } from "@/components/ui/table-frame";
import {
  formatCount,
  formatMs,
  formatPercent,
  formatTokensPerSecond,
  formatUsd,
} from "@/lib/format";
import type { TargetRow } from "@/lib/views/runs";

export type CompareMetricsRow = TargetRow & { isReference: boolean };

/** Speed, cost per 1,000 cases and error rate (with kinds) per compared target. */
export function CompareMetricsTable({ rows }: { rows: CompareMetricsRow[] }) {
  return (
    <TableFrame
      caption="Speed, cost and errors per target"
      head={[
        "Target",
        "Trials",
        "Output speed (median, tok/s)",
        "TTFT p50",
        "Latency p50",
        "Cost per 1,000 cases (USD)",
        "Error rate (95% CI)",
        "Errors by kind",
      ]}
      tableClassName="text-left"
      headClassName="bg-muted/50"
      headCellClassName="px-3 py-2 text-xs text-muted-foreground"
    >
      {rows.map((row) => {
        const kinds = Object.entries(row.errorsByKind).filter(([, count]) => count > 0);
        return (
          <tr key={row.id} className="border-t">
            <th scope="row" className="px-3 py-2 font-normal">
              {row.label}
              {row.isReference ? (
                <span className="ml-1 text-xs text-muted-foreground">(reference)</span>
              ) : null}
            </th>
            <td className="px-3 py-2 tabular-nums">{formatCount(row.trials)}</td>
            <td className="px-3 py-2 tabular-nums">
              {formatTokensPerSecond(row.outputTokensPerSecond)}
            </td>
            <td className="px-3 py-2 tabular-nums">{formatMs(row.ttftMs.p50)}</td>
            <td className="px-3 py-2 tabular-nums">{formatMs(row.latencyMs.p50)}</td>
            <td className="px-3 py-2 tabular-nums">{formatUsd(row.costPer1000CasesUsd)}</td>
            <td className="px-3 py-2 tabular-nums">
              {row.errorRate
                ? `${formatPercent(row.errorRate.value)} (${formatPercent(row.errorRate.low)}–${formatPercent(row.errorRate.high)}; n = ${row.errorRate.n})`
                : "—"}
            </td>
            <td className="px-3 py-2 text-xs">
              {kinds.length
                ? kinds
                    .sort((a, b) => b[1] - a[1])
                    .map(([kind, count]) => `${kind.replace(/_/g, " ")} ${count}`)
                    .join(", ")
                : "none"}
            </td>
          </tr>
        );
      })}
    </TableFrame>
  );
}
