import Link from "next/link";

import { RunStatusBadge, SimulatedBadge } from "@/components/runs/run-badges";
import { TableFrame } from "@/components/ui/table-frame";
import { formatDateTime, formatUsd } from "@/lib/format";
import type { RunStatusName } from "@/lib/schemas/runs";

export type ScheduleRunRow = {
  id: string;
  name: string;
  status: RunStatusName;
  createdAt: Date;
  version: number | null;
  spentUsd: number;
  isSimulated: boolean;
  /** The run before it in this schedule, for "compare with previous run". */
  previousId: string | null;
};

const HEAD = [
  "Run",
  "Status",
  { label: "Version", className: "text-right" },
  { label: "Cost", className: "text-right" },
  "Launched (UTC)",
  "Compare",
];

/** A schedule's runs, newest first, each with the version it ran and a link to compare it. */
export function ScheduleRunsTable({ rows }: { rows: ScheduleRunRow[] }) {
  return (
    <TableFrame caption="Runs of this schedule, newest first" head={HEAD}>
      {rows.map((row) => (
        <tr key={row.id} className="border-t align-top">
          <td className="px-3 py-2">
            <span className="flex flex-wrap items-center gap-2">
              <Link href={`/runs/${row.id}`} className="underline-offset-2 hover:underline">
                {row.name}
              </Link>
              {row.isSimulated ? <SimulatedBadge /> : null}
            </span>
          </td>
          <td className="px-3 py-2">
            <RunStatusBadge status={row.status} />
          </td>
          <td className="px-3 py-2 text-right tabular-nums">{row.version ?? "—"}</td>
          <td className="px-3 py-2 text-right tabular-nums">{formatUsd(row.spentUsd)}</td>
          <td className="px-3 py-2 whitespace-nowrap">
            {formatDateTime(row.createdAt).replace(" UTC", "")}
          </td>
          <td className="px-3 py-2">
            {row.previousId ? (
              <Link
                href={`/compare/runs?a=${encodeURIComponent(row.id)}&b=${encodeURIComponent(row.previousId)}`}
                className="underline underline-offset-2"
              >
                With previous run
              </Link>
            ) : (
              <span className="text-muted-foreground">First run</span>
            )}
          </td>
        </tr>
      ))}
    </TableFrame>
  );
}
