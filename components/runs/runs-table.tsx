import Link from "next/link";

import { RunStatusBadge, SimulatedBadge } from "@/components/runs/run-badges";
import { TableFrame } from "@/components/ui/table-frame";
import { formatCount, formatUsd } from "@/lib/format";
import type { RunStatusName } from "@/lib/schemas/runs";

export type RunsTableRow = {
  id: string;
  name: string;
  suiteName: string;
  status: RunStatusName;
  expectedTrials: number;
  storedTrials: number;
  targets: number;
  spentUsd: number;
  isSimulated: boolean;
  createdAt: string;
  launchedBy: string | null;
};

const NUMBER = "text-right whitespace-nowrap";
const HEAD = [
  "Run",
  "Suite",
  "Status",
  { label: "Trials done", className: NUMBER },
  { label: "Targets", className: NUMBER },
  { label: "Cost so far", className: NUMBER },
  "Launched by",
  "Created (UTC)",
];

/** The runs, newest first: what ran, how far it got, what it cost and who launched it. */
export function RunsTable({ rows }: { rows: RunsTableRow[] }) {
  return (
    <TableFrame caption="Evaluation runs, newest first" head={HEAD}>
      {rows.map((row) => (
        <tr key={row.id} className="border-t align-top">
          <td className="px-3 py-2">
            <span className="flex flex-wrap items-center gap-2">
              <Link href={`/runs/${row.id}`} className="font-medium hover:underline">
                {row.name}
              </Link>
              {row.isSimulated ? <SimulatedBadge /> : null}
            </span>
          </td>
          <td className="px-3 py-2">{row.suiteName}</td>
          <td className="px-3 py-2">
            <RunStatusBadge status={row.status} />
          </td>
          <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
            {formatCount(row.storedTrials)} / {formatCount(row.expectedTrials)}
          </td>
          <td className="px-3 py-2 text-right tabular-nums">{row.targets}</td>
          <td className="px-3 py-2 text-right tabular-nums">{formatUsd(row.spentUsd)}</td>
          <td className="px-3 py-2">{row.launchedBy ?? "—"}</td>
          <td className="px-3 py-2 whitespace-nowrap tabular-nums">{row.createdAt}</td>
        </tr>
      ))}
    </TableFrame>
  );
}
