import Link from "next/link";

import type { PreparedMatrix } from "@/lib/charts/access-matrix";
import { cn } from "@/components/ui/cn";

const CELL_STYLE = {
  available: "bg-primary/15 text-foreground border-primary/40",
  preview: "border-dashed border-primary/60 text-foreground",
  deprecated:
    "bg-muted text-muted-foreground border-border line-through decoration-muted-foreground/60",
} as const;

/**
 * The access matrix: which model (or family) can be bought on which platform. A cell shows the
 * cheapest blended price; hovering (or a screen reader) gives status, prices, regions and API styles.
 */
export function AccessMatrix({
  matrix,
  rowHref,
}: {
  matrix: PreparedMatrix;
  rowHref?: (key: string) => string;
}) {
  return (
    <div className="overflow-x-auto rounded-xl border">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">
          Models by platform. Each cell shows whether the model is available, in preview or absent,
          and its cheapest blended price (3 input : 1 output tokens) in USD per 1M tokens.
        </caption>
        <thead className="bg-muted/50">
          <tr>
            <th scope="col" className="sticky left-0 z-10 bg-muted px-3 py-2 text-left font-medium">
              Model
            </th>
            {matrix.columns.map((column) => (
              <th
                key={column.id}
                scope="col"
                className="px-2 py-2 text-center text-xs font-medium whitespace-nowrap"
              >
                <Link href={`/catalog/platforms/${column.id}`} className="hover:underline">
                  {column.name}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.key} className="border-t">
              <th
                scope="row"
                className="sticky left-0 z-10 bg-background px-3 py-1.5 text-left font-normal whitespace-nowrap"
              >
                {rowHref ? (
                  <Link href={rowHref(row.key)} className="font-medium hover:underline">
                    {row.label}
                  </Link>
                ) : (
                  <span className="font-medium">{row.label}</span>
                )}
                <span className="ml-2 text-xs text-muted-foreground">
                  {row.vendor}
                  {row.openWeights ? " · open weights" : ""}
                </span>
              </th>
              {row.cells.map((cell, index) => (
                <td key={matrix.columns[index]?.id ?? index} className="px-1 py-1 text-center">
                  {cell.kind === "absent" ? (
                    <span
                      aria-label={cell.label}
                      title="Not offered"
                      className="text-muted-foreground/50"
                    >
                      —
                    </span>
                  ) : (
                    <span
                      aria-label={cell.label}
                      title={cell.details}
                      data-status={cell.kind}
                      className={cn(
                        "inline-block min-w-16 rounded-md border px-1.5 py-0.5 text-xs tabular-nums",
                        CELL_STYLE[cell.kind],
                      )}
                    >
                      {cell.kind === "preview" ? "preview " : ""}
                      {cell.price}
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
