import type { ReactNode } from "react";

import { TableFrame } from "@/components/ui/table-frame";
import type { PolicyRow } from "@/lib/charts/routing";
import { formatCount, formatPercent, formatScore, formatUsd } from "@/lib/format";

const numeric = (label: ReactNode) => ({ label, className: "text-right" });
const cptTitle = (share: number) =>
  `Share of calls to the best target needed to close ${share}% of the quality gap`;

const HEAD = [
  "Policy",
  numeric("Mean score (points, 0–100)"),
  numeric("USD / case"),
  numeric("USD / 1,000 cases"),
  numeric("n (cases)"),
  numeric(<abbr title="Area under the quality-cost curve, cost normalised to 0–1">AIQ</abbr>),
  numeric(<abbr title={cptTitle(50)}>CPT(50%)</abbr>),
  numeric(<abbr title={cptTitle(80)}>CPT(80%)</abbr>),
];

/** The numbers behind the quality-cost chart: each policy at its operating point. */
export function PolicyTable({ rows }: { rows: PolicyRow[] }) {
  return (
    <TableFrame
      caption="Routing policies: mean score, cost per case and per 1,000 cases, cases simulated, AIQ and CPT"
      head={HEAD}
      tableClassName="text-left"
      headClassName="bg-muted/50 text-muted-foreground"
    >
      {rows.map((row) => (
        <tr key={row.id} className="border-t align-top">
          <th scope="row" className="px-3 py-2 font-normal">
            <span className="font-medium">{row.label}</span>
            {row.isUpperBound ? (
              <span className="ml-2 rounded-sm border border-dashed px-1.5 py-0.5 text-xs text-muted-foreground">
                upper bound: needs the grade before choosing
              </span>
            ) : null}
            {row.isOnFrontier ? (
              <span className="ml-2 rounded-sm bg-accent px-1.5 py-0.5 text-xs text-accent-foreground">
                on the frontier
              </span>
            ) : null}
            <span className="block text-xs text-muted-foreground">
              {row.kindLabel}
              {row.param ? ` · operating point: ${row.param}` : ""}
            </span>
            <span className="block max-w-prose text-xs text-muted-foreground">
              {row.description}
            </span>
          </th>
          <td className="px-3 py-2 text-right tabular-nums">{formatScore(row.quality)}</td>
          <td className="px-3 py-2 text-right tabular-nums">{formatUsd(row.costPerCase)}</td>
          <td className="px-3 py-2 text-right tabular-nums">{formatUsd(row.costPer1k)}</td>
          <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.n)}</td>
          <td className="px-3 py-2 text-right tabular-nums">{formatScore(row.aiq)}</td>
          <td className="px-3 py-2 text-right tabular-nums">
            {row.isThreshold ? formatPercent(row.cpt50) : "—"}
          </td>
          <td className="px-3 py-2 text-right tabular-nums">
            {row.isThreshold ? formatPercent(row.cpt80) : "—"}
          </td>
        </tr>
      ))}
    </TableFrame>
  );
}
