import Link from "next/link";

import { RunStatusBadge } from "@/components/runs/run-badges";
import { TableFrame } from "@/components/ui/table-frame";
import { formatCount } from "@/lib/format";
import type { RunStatusName } from "@/lib/schemas/runs";

export type SchedulesTableRow = {
  id: string;
  name: string;
  when: string;
  next: string;
  isPaused: boolean;
  lastRun: { id: string; name: string; status: RunStatusName } | null;
  lastOutcome: string | null;
  spend: string;
  runs: number;
  version: number;
};

const HEAD = [
  "Schedule",
  "When",
  "Next run (UTC)",
  "Last result",
  "Spend this month",
  { label: "Runs", className: "text-right" },
];

/** Every schedule: when it fires next, what its last fire did, and what it spent this month. */
export function SchedulesTable({ rows }: { rows: SchedulesTableRow[] }) {
  return (
    <TableFrame caption="Scheduled runs" head={HEAD}>
      {rows.map((row) => (
        <tr key={row.id} className="border-t align-top">
          <td className="px-3 py-2">
            <Link
              href={`/runs/schedules/${row.id}`}
              className="font-medium underline-offset-2 hover:underline"
            >
              {row.name}
            </Link>
            <div className="text-xs text-muted-foreground">version {row.version}</div>
          </td>
          <td className="px-3 py-2">{row.when}</td>
          <td className="px-3 py-2 whitespace-nowrap">{row.next}</td>
          <td className="px-3 py-2">
            {row.lastRun ? (
              <span className="flex flex-wrap items-center gap-2">
                <Link
                  href={`/runs/${row.lastRun.id}`}
                  className="underline-offset-2 hover:underline"
                >
                  {row.lastRun.name}
                </Link>
                <RunStatusBadge status={row.lastRun.status} />
              </span>
            ) : (
              <span className="text-muted-foreground">No run yet</span>
            )}
            {row.lastOutcome && !row.lastOutcome.startsWith("Launched") ? (
              <div className="text-xs text-muted-foreground">Last fire: {row.lastOutcome}</div>
            ) : null}
          </td>
          <td className="px-3 py-2">{row.spend}</td>
          <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.runs)}</td>
        </tr>
      ))}
    </TableFrame>
  );
}
