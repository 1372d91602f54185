import Link from "next/link";

import { AccessMatrixBody } from "@/components/catalog/access-matrix-body";
import { MatrixCellDetails, type LoadMatrixCell } from "@/components/catalog/matrix-cell-details";
import { cn } from "@/components/ui/cn";
import { compactMatrixRows, type PreparedMatrix } from "@/lib/charts/access-matrix";
import type { CatalogFilters } from "@/lib/schemas/catalog";

/**
 * Cell padding, the row headers' look, and the dash of a pair that is not offered, are set once on the table rather than
 * on each of its (mostly empty) cells: with the full catalogue the matrix has thousands of cells,
 * and each byte of a cell's markup is sent thousands of times. The dash's alternative text ("not
 * offered") is what a screen reader reads for it.
 */
const TABLE_CELLS = [
  "[&_td]:px-1 [&_td]:py-1 [&_td]:text-center [&_td:empty]:text-muted-foreground/50 [&_td:empty]:before:content-['—'_/_'not_offered']",
  // The row headers (model or family names, then the vendor), each sticky at the left edge.
  "[&_tbody_th>span:last-child]:ml-2 [&_tbody_th>span:last-child]:text-xs [&_tbody_th>span:last-child]:text-muted-foreground",
  "[&_tbody_th]:sticky [&_tbody_th]:left-0 [&_tbody_th]:z-10 [&_tbody_th]:bg-background [&_tbody_th]:px-3 [&_tbody_th]:py-1.5 [&_tbody_th]:text-left [&_tbody_th]:font-normal [&_tbody_th]:whitespace-nowrap",
].join(" ");

/**
 * The look of a cell's button, by its status, also set once on the table (the buttons carry only
 * their data attributes): available filled, preview dashed, deprecated struck through.
 */
const TABLE_BUTTONS = [
  "[&_[data-cell]]:inline-block [&_[data-cell]]:min-w-16 [&_[data-cell]]:cursor-pointer [&_[data-cell]]:rounded-md [&_[data-cell]]:border [&_[data-cell]]:px-1.5 [&_[data-cell]]:py-0.5 [&_[data-cell]]:text-xs [&_[data-cell]]:tabular-nums",
  "[&_[data-cell]:hover]:border-primary [&_[data-cell]:focus-visible]:outline-2 [&_[data-cell]:focus-visible]:outline-offset-1 [&_[data-cell]:focus-visible]:outline-ring",
  "[&_[data-status=available]]:border-primary/40 [&_[data-status=available]]:bg-primary/15 [&_[data-status=available]]:text-foreground",
  "[&_[data-status=preview]]:border-dashed [&_[data-status=preview]]:border-primary/60 [&_[data-status=preview]]:text-foreground",
  "[&_[data-status=deprecated]]:border-border [&_[data-status=deprecated]]:bg-muted [&_[data-status=deprecated]]:text-muted-foreground [&_[data-status=deprecated]]:line-through [&_[data-status=deprecated]]:decoration-muted-foreground/60",
].join(" ");

/**
 * The access matrix: which model (or family) can be bought on which platform. A cell shows the
 * cheapest blended price; activating it (click, tap, Enter or Space) opens its details: prices per
 * offering, regions by geography, API styles and sources.
 */
export function AccessMatrix({
  matrix,
  rowHrefPrefix,
  filters,
  loadCell,
}: {
  matrix: PreparedMatrix;
  /** Rows link to `${rowHrefPrefix}${row key}` when given. */
  rowHrefPrefix?: string;
  /** The filters the matrix was drawn with: the cell details list the offerings they keep. */
  filters: CatalogFilters;
  loadCell: LoadMatrixCell;
}) {
  return (
    // Keyed by the filters: a new matrix starts with no cell open and nothing read for the old one.
    <MatrixCellDetails key={JSON.stringify(filters)} filters={filters} load={loadCell}>
      <div className="overflow-x-auto rounded-xl border">
        <table className={cn("w-full border-collapse text-sm", TABLE_CELLS, TABLE_BUTTONS)}>
          <caption className="sr-only">
            Models by platform. Each cell shows whether the model is available, in preview or
            absent, and its cheapest blended price (3 input : 1 output tokens) in USD per 1M tokens;
            a cell&apos;s button opens its details.
          </caption>
          <thead className="bg-muted/50">
            <tr>
              <th
                scope="col"
                className="sticky left-0 z-10 bg-muted px-3 py-2 text-left font-medium"
              >
                Model
              </th>
              {matrix.columns.map((column) => (
                <th
                  key={column.id}
                  scope="col"
                  data-platform={column.id}
                  className="px-2 py-2 text-center text-xs font-medium whitespace-nowrap"
                >
                  <Link href={`/catalog/platforms/${column.id}`} className="hover:underline">
                    {column.name}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <AccessMatrixBody
            rows={compactMatrixRows(matrix.rows)}
            columnNames={matrix.columns.map((column) => column.name)}
            rowHrefPrefix={rowHrefPrefix}
          />
        </table>
      </div>
    </MatrixCellDetails>
  );
}
