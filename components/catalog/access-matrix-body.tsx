"use client";

import Link from "next/link";

import { formatMatrixCellLabel, type MatrixRowData } from "@/lib/charts/access-matrix-rows";

/**
 * The access matrix's rows, drawn from their facts (`MatrixRowData`) rather than received as
 * markup: the server's HTML is the same, and the page's component payload carries each row once
 * as data instead of a second copy of its markup. Cell buttons are opened by `MatrixCellDetails`
 * around the table.
 */
export function AccessMatrixBody({
  rows,
  columnNames,
  rowHrefPrefix,
}: {
  rows: MatrixRowData[];
  /** The platform columns' names, in order: a cell's accessible name includes its platform. */
  columnNames: string[];
  /** Rows link to `${rowHrefPrefix}${row.key}` when given (models, not families). */
  rowHrefPrefix?: string;
}) {
  return (
    <tbody>
      {rows.map((row) => (
        <tr key={row.key} data-row={row.key} className="border-t">
          {/* Styled by the table (AccessMatrix's TABLE_CELLS), as every row header is alike. */}
          <th scope="row">
            {rowHrefPrefix !== undefined ? (
              <Link href={`${rowHrefPrefix}${row.key}`} className="font-medium hover:underline">
                {row.label}
              </Link>
            ) : (
              <span className="font-medium">{row.label}</span>
            )}
            <span>
              {row.vendor}
              {row.openWeights ? " · open weights" : ""}
            </span>
          </th>
          {row.cells.map((cell, index) =>
            cell === 0 ? (
              // The index is the column: the list is fixed for the life of the page.
              <td key={index} />
            ) : (
              <td key={index}>
                <button
                  type="button"
                  data-cell
                  data-status={cell[0]}
                  aria-label={formatMatrixCellLabel(
                    row.label,
                    columnNames[index] ?? "",
                    cell[0],
                    cell[1],
                    cell[2],
                  )}
                  aria-haspopup="dialog"
                  aria-expanded="false"
                >
                  {cell[0] === "preview" ? "preview " : ""}
                  {cell[1]}
                </button>
              </td>
            ),
          )}
        </tr>
      ))}
    </tbody>
  );
}
