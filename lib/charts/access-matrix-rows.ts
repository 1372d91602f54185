/**
 * The access matrix's rows as the browser receives them: each offered cell as three values
 * (status, price shown, number of offerings) and each empty one as 0, rather than as markup. The
 * table body is drawn in the browser from these (and in the server's HTML from the same data), so
 * the page's component payload carries a row's facts once instead of its whole markup. No
 * imports: the table body's client bundle includes this module.
 */

export type MatrixCellStatus = "available" | "preview" | "deprecated";

/** An offered cell: status, the price shown, how many offerings it stands for; 0 when absent. */
export type MatrixCellData = [status: MatrixCellStatus, price: string, offerings: number] | 0;

export type MatrixRowData = {
  key: string;
  label: string;
  vendor: string;
  openWeights: boolean;
  /** One per column, in the columns' order. */
  cells: MatrixCellData[];
};

/**
 * A cell button's accessible name: row, platform, status and the price shown. It contains the
 * cell's visible text ("preview $2.00"), as speech input needs.
 */
export function formatMatrixCellLabel(
  rowLabel: string,
  columnName: string,
  status: MatrixCellStatus,
  price: string,
  offerings: number,
): string {
  const count = offerings > 1 ? `, ${offerings} offerings` : "";
  const shown = status === "preview" ? "preview" : `${status},`;
  return `${rowLabel} on ${columnName}: ${shown} ${price} blended per 1M tokens${count}`;
}
