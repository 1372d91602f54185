import type { ReactNode } from "react";

import { cn } from "@/components/ui/cn";

const MUTED_HEAD = "border-b bg-muted/50 text-left text-muted-foreground";

/** A column heading: its text, or its content with classes such as `text-right` for numbers. */
export type HeadCell = string | { label: ReactNode; className?: string };

/** The column headings of a table's head row, each with `className` and its own classes. */
export function HeadCells({ cells, className }: { cells: readonly HeadCell[]; className: string }) {
  return cells.map((cell, index) => {
    const { label, className: own } = typeof cell === "string" ? { label: cell } : cell;
    return (
      <th key={index} scope="col" className={cn(className, own)}>
        {label}
      </th>
    );
  });
}

/**
 * The looks of a list table: `plain` on a page, `ruled` with a muted head and a rule between rows,
 * `card` the ruled look on a card of its own.
 */
const VARIANTS = {
  plain: { frame: undefined, head: "bg-muted/50 text-left", cell: "px-3 py-2", body: undefined },
  ruled: { frame: undefined, head: MUTED_HEAD, cell: "px-3 py-2", body: "divide-y" },
  card: { frame: "bg-card shadow-xs", head: MUTED_HEAD, cell: "px-3 py-3", body: "divide-y" },
} as const;

/**
 * A list table: scrolls sideways inside a bordered frame when it is too wide, says what it holds to
 * screen readers (`caption`), and heads its columns with `head`. `children` are the body's rows.
 */
export function TableFrame({
  caption,
  head,
  variant = "plain",
  className,
  tableClassName,
  headClassName,
  headCellClassName,
  children,
}: {
  caption: ReactNode;
  head: readonly HeadCell[];
  variant?: keyof typeof VARIANTS;
  className?: string;
  tableClassName?: string;
  /** Replaces the variant's classes of the head. */
  headClassName?: string;
  /** Replaces the variant's padding (and any text style) of the column headings. */
  headCellClassName?: string;
  children: ReactNode;
}) {
  const look = VARIANTS[variant];
  return (
    <div className={cn("overflow-x-auto rounded-xl border", look.frame, className)}>
      <table className={cn("w-full text-sm", tableClassName)}>
        <caption className="sr-only">{caption}</caption>
        <thead className={headClassName ?? look.head}>
          <tr>
            <HeadCells cells={head} className={cn(headCellClassName ?? look.cell, "font-medium")} />
          </tr>
        </thead>
        <tbody className={look.body}>{children}</tbody>
      </table>
    </div>
  );
}
