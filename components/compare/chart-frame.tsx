import type { ReactNode } from "react";

import { TableViewDetails } from "@/components/charts/chart-parts";
import { SimulatedBadge } from "@/components/runs/run-badges";

/**
 * The frame every compare chart sits in: a title saying what it shows, units and n, the run and
 * catalogue snapshot it comes from, a simulated badge, and the numbers behind it as a table.
 */
export function ChartFrame({
  id,
  title,
  description,
  source,
  isSimulated,
  table,
  children,
}: {
  id: string;
  title: string;
  /** Units, n and how to read the chart. */
  description: ReactNode;
  /** The run and catalogue snapshot the figures come from. */
  source: string;
  isSimulated: boolean;
  /** The numbers behind the chart. */
  table?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-xl border bg-card p-4">
      <header className="flex flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id={id} className="text-lg font-semibold">
            {title}
          </h2>
          {isSimulated ? <SimulatedBadge /> : null}
        </div>
        <p className="text-sm text-muted-foreground">{description}</p>
        <p className="text-xs text-muted-foreground">{source}</p>
      </header>
      {children}
      {table ? <TableViewDetails>{table}</TableViewDetails> : null}
    </section>
  );
}

/** A plain data table in the frame's table view. */
export function DataTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b">
          {head.map((cell, index) => (
            <th key={index} scope="col" className="px-2 py-1.5 font-medium text-muted-foreground">
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index} className="border-b last:border-0">
            {row.map((cell, c) =>
              c === 0 ? (
                <th key={c} scope="row" className="px-2 py-1.5 font-normal">
                  {cell}
                </th>
              ) : (
                <td key={c} className="px-2 py-1.5 tabular-nums">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
