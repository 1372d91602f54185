import { Table2 } from "lucide-react";
import type { CSSProperties, ReactNode } from "react";
import { ResponsiveContainer } from "recharts";

import { cn } from "@/components/ui/cn";

/**
 * The parts the recharts charts share: the box a chart fills, axis text, the tooltip card and the
 * legend drawn under a chart. They only draw; what is shown is decided by the chart's preparer.
 */

export const MUTED = "var(--color-muted-foreground)";
export const FOREGROUND = "var(--color-foreground)";

/** The dashed grid behind every cartesian chart. */
export const GRID = { strokeDasharray: "3 3", className: "stroke-border" } as const;

/** Axis tick text: 12px, in `fill` when given (else recharts' own grey). */
export function axisTick(fill?: string) {
  return fill ? { fontSize: 12, fill } : { fontSize: 12 };
}

/** The title inside the bottom of a horizontal axis, moved `offset` pixels (negative: down). */
export function bottomAxisTitle(value: string, offset: number, fill?: string) {
  return { value, position: "insideBottom" as const, offset, ...axisTick(fill) };
}

/** The title of a vertical axis, turned to read upwards along its left side. */
export function leftAxisTitle(value: string, fill: string) {
  return { value, angle: -90, position: "insideLeft" as const, fontSize: 12, fill };
}

/** A chart that fills the width, with a fixed height (`height` px or a height class). */
export function ChartBox({
  height,
  className,
  children,
}: {
  height?: number;
  className?: string;
  /** One recharts chart. */
  children: ReactNode;
}) {
  const style: CSSProperties | undefined = height === undefined ? undefined : { height };
  return (
    <div style={style} className={cn("w-full", className)}>
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}

/**
 * A chart under its caption (the title, then what it shows: units, n, how to read it), with a note
 * under it when there is one, such as what has no mark.
 */
export function ChartFigure({
  title,
  description,
  height,
  note,
  children,
}: {
  title: string;
  description: ReactNode;
  height: number;
  note?: ReactNode;
  /** One recharts chart. */
  children: ReactNode;
}) {
  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="text-sm">
        <span className="font-medium">{title}</span>
        <span className="text-muted-foreground"> — {description}</span>
      </figcaption>
      <ChartBox height={height}>{children}</ChartBox>
      {note ? <p className="text-xs text-muted-foreground">{note}</p> : null}
    </figure>
  );
}

/** The props recharts gives a tooltip's content: whether it is shown, and the hovered point. */
export interface PointTooltipProps<P> {
  active?: boolean;
  payload?: readonly { payload?: P }[];
}

/** The card a tooltip draws the hovered point in; nothing while no point is hovered. */
export function ChartTooltip<P>({
  active,
  payload,
  className,
  children,
}: PointTooltipProps<P> & { className?: string; children: (point: P) => ReactNode }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div
      className={cn(
        "rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md",
        className,
      )}
    >
      {children(point)}
    </div>
  );
}

/** The legend under a chart: a list named by `label`. */
export function ChartLegend({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <ul aria-label={label} className={cn("flex flex-wrap gap-x-4 gap-y-1 text-xs", className)}>
      {children}
    </ul>
  );
}

/** One legend entry: a swatch of `color` (sized by `swatchClassName`) and its name. */
export function LegendItem({
  color,
  swatchClassName,
  children,
}: {
  color: string | undefined;
  swatchClassName: string;
  children: ReactNode;
}) {
  return (
    <li className="flex items-center gap-1.5">
      <span
        aria-hidden
        className={cn("inline-block rounded-sm", swatchClassName)}
        style={{ background: color }}
      />
      {children}
    </li>
  );
}

/** The numbers behind a chart, folded under it ("Table view: …"); `children` is the table. */
export function TableViewDetails({ count, children }: { count?: string; children: ReactNode }) {
  return (
    <details className="group rounded-lg border">
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm font-medium">
        <Table2 aria-hidden className="size-4" />
        Table view: the numbers behind this chart{count ? ` (${count})` : ""}
      </summary>
      <div className="overflow-x-auto border-t p-2">{children}</div>
    </details>
  );
}

/** A chart's table view with its caption (for screen readers) and header row; `children` are the rows. */
export function TableView({
  count,
  caption,
  head,
  children,
}: {
  count?: string;
  caption: string;
  head: readonly string[];
  children: ReactNode;
}) {
  return (
    <TableViewDetails count={count}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b">
            {head.map((cell) => (
              <th
                key={cell}
                scope="col"
                className="px-2 py-1.5 font-medium whitespace-nowrap text-muted-foreground"
              >
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableViewDetails>
  );
}
