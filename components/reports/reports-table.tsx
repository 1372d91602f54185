import Link from "next/link";

import { SimulatedBadge } from "@/components/runs/run-badges";

export type ReportRow = {
  id: string;
  title: string;
  isSimulated: boolean;
  runs: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  activeShareLinks: number;
};

/** Saved reports, newest first, each opening its page. */
export function ReportsTable({ rows }: { rows: ReportRow[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Saved reports</caption>
        <thead>
          <tr className="border-b bg-muted/40">
            {["Report", "Runs", "Drafted", "Last edited", "By", "Active share links"].map(
              (head) => (
                <th key={head} scope="col" className="px-3 py-2 font-medium text-muted-foreground">
                  {head}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b last:border-0">
              <td className="px-3 py-2">
                <span className="flex flex-wrap items-center gap-2">
                  <Link
                    href={`/reports/${encodeURIComponent(row.id)}`}
                    className="font-medium underline underline-offset-2"
                  >
                    {row.title}
                  </Link>
                  {row.isSimulated ? <SimulatedBadge /> : null}
                </span>
              </td>
              <td className="px-3 py-2 tabular-nums">{row.runs}</td>
              <td className="px-3 py-2">{row.createdAt}</td>
              <td className="px-3 py-2">{row.updatedAt}</td>
              <td className="px-3 py-2">{row.createdBy ?? "—"}</td>
              <td className="px-3 py-2 tabular-nums">{row.activeShareLinks}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
