import { formatUsdPerMillion } from "@/lib/format";

/**
 * Prepares the access matrix: rows (models or families) × platform columns, with every missing
 * pair an explicit "absent" cell, so the component only draws.
 */

export type MatrixCellInput = {
  rowKey: string;
  platformId: string;
  status: "available" | "preview" | "deprecated";
  offerings: number;
  minInput: number | null;
  minOutput: number | null;
  minBlended: number | null;
  regions: string[];
  apiStyles: string[];
};

export type PreparedCell =
  | { kind: "absent"; label: string }
  | {
      kind: "available" | "preview" | "deprecated";
      label: string;
      /** The price shown in the cell: cheapest blended (3:1) price per 1M tokens. */
      price: string;
      details: string;
    };

export type PreparedMatrix = {
  columns: { id: string; name: string; count: number }[];
  rows: {
    key: string;
    label: string;
    vendor: string;
    openWeights: boolean;
    platforms: number;
    cells: PreparedCell[];
  }[];
  isEmpty: boolean;
};

const STATUS_TEXT = {
  available: "available",
  preview: "preview",
  deprecated: "deprecated",
} as const;

export function prepareAccessMatrix(input: {
  rows: { key: string; label: string; vendor: string; openWeights: boolean }[];
  cells: MatrixCellInput[];
  platforms: { id: string; name: string }[];
}): PreparedMatrix {
  const byPair = new Map(
    input.cells.map((cell) => [`${cell.rowKey}\u0000${cell.platformId}`, cell]),
  );
  const columns = input.platforms.map((platform) => ({
    ...platform,
    count: input.cells.filter((cell) => cell.platformId === platform.id).length,
  }));
  const rows = input.rows.map((row) => {
    const cells: PreparedCell[] = columns.map((column) => {
      const cell = byPair.get(`${row.key}\u0000${column.id}`);
      if (!cell) return { kind: "absent", label: `${row.label} on ${column.name}: not offered` };
      const price = formatUsdPerMillion(cell.minBlended);
      const details = [
        `${STATUS_TEXT[cell.status]}${cell.offerings > 1 ? ` (${cell.offerings} offerings)` : ""}`,
        `from ${formatUsdPerMillion(cell.minInput)} in / ${formatUsdPerMillion(cell.minOutput)} out per 1M tokens`,
        `regions: ${cell.regions.length ? cell.regions.slice(0, 8).join(", ") + (cell.regions.length > 8 ? ` +${cell.regions.length - 8}` : "") : "not listed"}`,
        `API styles: ${cell.apiStyles.length ? cell.apiStyles.join(", ") : "not listed"}`,
      ].join("; ");
      return {
        kind: cell.status,
        label: `${row.label} on ${column.name}: ${details}`,
        price,
        details,
      };
    });
    return { ...row, platforms: cells.filter((cell) => cell.kind !== "absent").length, cells };
  });
  return { columns, rows, isEmpty: rows.length === 0 };
}
