/**
 * Prepares the category × platform heat map of score differences against a reference target.
 * Diverging colours: blue when the column scores above the reference, orange below, fading to the
 * card background near zero, so the map reads in light and dark themes (the colour is mixed with
 * the theme's own card colour). A cell with no paired case is a gap with a marker, never a zero.
 */

/** A paired difference (column − reference) for one category and one column. */
export type HeatmapCellInput = {
  row: string;
  column: string;
  /** Mean paired difference in score (0–1 scale), or null when no case was paired. */
  difference: number | null;
  /** Cases paired in this category. */
  n: number;
};

export type HeatmapColumn = { id: string; label: string; isReference: boolean };

export type HeatmapCell = {
  row: string;
  column: string;
  difference: number | null;
  n: number;
  isGap: boolean;
  /** A CSS background, or null for a gap (drawn hatched). */
  background: string | null;
  /** −1 (full orange) to +1 (full blue); 0 for a gap. */
  intensity: number;
};

export type HeatmapLegendStep = { difference: number; background: string };

export type PreparedHeatmap = {
  rows: string[];
  columns: HeatmapColumn[];
  /** cells[r][c] follows rows and columns. */
  cells: HeatmapCell[][];
  /** Colour saturates at ±this difference (at least the parity margin's double). */
  scale: number;
  legend: HeatmapLegendStep[];
  gaps: number;
  isEmpty: boolean;
};

/** Colours chosen to stay distinguishable with red-green colour blindness. */
export const HEATMAP_POSITIVE = "oklch(0.6 0.16 250)";
export const HEATMAP_NEGATIVE = "oklch(0.68 0.18 45)";
/** The strongest mix with the card colour: enough colour to read, light enough for text on it. */
const MAX_MIX = 60;

/** The CSS background for a difference on a scale saturating at ±scale. */
export function heatmapColor(difference: number, scale: number): string {
  const intensity = Math.min(1, Math.abs(difference) / scale);
  const mix = Math.round(intensity * MAX_MIX);
  const hue = difference >= 0 ? HEATMAP_POSITIVE : HEATMAP_NEGATIVE;
  return `color-mix(in oklab, ${hue} ${mix}%, var(--color-card))`;
}

/**
 * The grid for these rows and columns: every (row, column) gets a cell, taken from `cells` when
 * present with a difference and n > 0, a gap otherwise.
 */
export function prepareHeatmap(input: {
  rows: readonly string[];
  columns: readonly HeatmapColumn[];
  cells: readonly HeatmapCellInput[];
  /** Minimum saturation point, e.g. 0.05 (5 points). */
  minScale?: number;
}): PreparedHeatmap {
  const byKey = new Map(input.cells.map((cell) => [`${cell.row}\u0000${cell.column}`, cell]));
  const known = input.cells
    .filter((c) => c.difference !== null && c.n > 0 && Number.isFinite(c.difference))
    .map((c) => Math.abs(c.difference as number));
  const scale = Math.max(input.minScale ?? 0.05, ...known);
  let gaps = 0;
  const cells = input.rows.map((row) =>
    input.columns.map((column): HeatmapCell => {
      const cell = byKey.get(`${row}\u0000${column.id}`);
      const difference =
        cell && cell.n > 0 && cell.difference !== null && Number.isFinite(cell.difference)
          ? cell.difference
          : null;
      if (difference === null) {
        gaps += 1;
        return {
          row,
          column: column.id,
          difference: null,
          n: cell?.n ?? 0,
          isGap: true,
          background: null,
          intensity: 0,
        };
      }
      return {
        row,
        column: column.id,
        difference,
        n: cell?.n ?? 0,
        isGap: false,
        background: heatmapColor(difference, scale),
        intensity: Math.max(-1, Math.min(1, difference / scale)),
      };
    }),
  );
  const legend = [-1, -0.5, 0, 0.5, 1].map((f) => ({
    difference: f * scale,
    background: heatmapColor(f * scale, scale),
  }));
  return {
    rows: [...input.rows],
    columns: [...input.columns],
    cells,
    scale,
    legend,
    gaps,
    isEmpty: input.rows.length === 0 || input.columns.length === 0 || gaps === cells.flat().length,
  };
}
