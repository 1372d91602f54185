import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { TableFrame } from "@/components/ui/table-frame";

export type SuitesTableRow = {
  id: string;
  name: string;
  description: string;
  source: string;
  format: string | null;
  caseCount: number;
  categories: string[];
  hasJudge: boolean;
  createdAt: string;
};

const FORMAT_LABELS: Record<string, string> = {
  jsonl: "JSONL",
  csv: "CSV",
  promptfoo: "promptfoo YAML",
};

/** Built-in and imported suites, each with its size and categories. */
export function SuitesTable({ rows, canLaunch }: { rows: SuitesTableRow[]; canLaunch: boolean }) {
  return (
    <TableFrame
      caption="Suites"
      head={[
        "Suite",
        "Source",
        { label: "Cases", className: "text-right" },
        "Categories",
        "Added (UTC)",
        ...(canLaunch ? [{ label: <span className="sr-only">Actions</span> }] : []),
      ]}
    >
      {rows.map((row) => (
        <tr key={row.id} className="border-t align-top">
          <td className="px-3 py-2">
            <Link href={`/runs/suites/${row.id}`} className="font-medium hover:underline">
              {row.name}
            </Link>
            {row.hasJudge ? (
              <Badge variant="outline" className="ml-2">
                Needs a judge
              </Badge>
            ) : null}
            {row.description ? (
              <p className="mt-0.5 max-w-prose text-xs text-muted-foreground">{row.description}</p>
            ) : null}
          </td>
          <td className="px-3 py-2 whitespace-nowrap">
            {row.source === "builtin"
              ? "Built-in"
              : `Imported (${FORMAT_LABELS[row.format ?? ""] ?? row.format ?? "file"})`}
          </td>
          <td className="px-3 py-2 text-right tabular-nums">{row.caseCount}</td>
          <td className="px-3 py-2">{row.categories.join(", ") || "—"}</td>
          <td className="px-3 py-2 whitespace-nowrap tabular-nums">{row.createdAt}</td>
          {canLaunch ? (
            <td className="px-3 py-2 whitespace-nowrap">
              <Link
                href={`/runs/new?suite=${encodeURIComponent(row.id)}`}
                className="underline underline-offset-2"
              >
                Run<span className="sr-only"> {row.name}</span>
              </Link>
            </td>
          ) : null}
        </tr>
      ))}
    </TableFrame>
  );
}
