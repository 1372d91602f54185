import { GEOGRAPHY_INFO, REGION_GEOGRAPHIES, lookupRegion } from "@/lib/catalog/regions";
import { formatDay, formatUsdPerMillion } from "@/lib/format";
import { formatMatrixCellLabel, type MatrixRowData } from "./access-matrix-rows";

/**
 * Prepares the access matrix: rows (models or families) × platform columns, with every missing
 * pair an explicit "absent" cell, so the component only draws. A cell carries only what it shows
 * and a short accessible name; its full details (offerings, regions by geography, sources) are
 * prepared on demand by `prepareMatrixCellDetail`, so the page does not send them for every cell.
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
  | { kind: "absent" }
  | {
      kind: "available" | "preview" | "deprecated";
      /** The cell button's accessible name: row, platform, status and the price shown. */
      label: string;
      /** The price shown in the cell: cheapest blended (3:1) price per 1M tokens. */
      price: string;
      /** How many offerings the cell stands for. */
      offerings: number;
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

/** Prepares the matrix from the aggregated cells (one per row × platform pair that has offerings). */
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
      if (!cell) return { kind: "absent" };
      const price = formatUsdPerMillion(cell.minBlended);
      return {
        kind: cell.status,
        label: formatMatrixCellLabel(row.label, column.name, cell.status, price, cell.offerings),
        price,
        offerings: cell.offerings,
      };
    });
    return { ...row, platforms: cells.filter((cell) => cell.kind !== "absent").length, cells };
  });
  return { columns, rows, isEmpty: rows.length === 0 };
}

/** The rows as the browser receives them (`MatrixRowData`): facts only, the labels rebuilt there. */
export function compactMatrixRows(rows: PreparedMatrix["rows"]): MatrixRowData[] {
  return rows.map((row) => ({
    key: row.key,
    label: row.label,
    vendor: row.vendor,
    openWeights: row.openWeights,
    cells: row.cells.map((cell) =>
      cell.kind === "absent" ? 0 : [cell.kind, cell.price, cell.offerings],
    ),
  }));
}

/** One offering inside a matrix cell, as the cell's details need it. */
export type CellOfferingInput = {
  modelName: string;
  nativeId: string;
  inputPrice: number | null;
  outputPrice: number | null;
  regions: string[];
  apiStyles: string[];
  lifecycle: string;
  snapshotDate: Date;
  sourceUrl: string;
};

export type PreparedCellDetail = {
  /** "Claude Sonnet 4.5 on AWS Bedrock". */
  title: string;
  /** The cell's status, by the matrix's rule: any GA offering makes it available. */
  status: "available" | "preview" | "deprecated" | "not offered";
  /** Cheapest blended first; a missing price is a dash, never a zero. */
  offerings: {
    name: string;
    nativeId: string;
    lifecycle: string;
    input: string;
    output: string;
    blended: string;
  }[];
  /** Geographies first (in the region table's order), then global, then codes the table lacks. */
  regionGroups: {
    id: string;
    label: string;
    /** True for global routing: the data may leave every geography. */
    mayLeave: boolean;
    /** `name` is the region's name from the table (null when unknown). */
    codes: { code: string; name: string | null; isCrossRegion: boolean }[];
  }[];
  apiStyles: string[];
  /** Distinct source URL × snapshot date pairs, newest first. */
  sources: { url: string; date: string }[];
  /** The same facts as plain text, for the clipboard. */
  text: string;
};

const LIFECYCLE_ORDER = ["ga", "preview", "deprecated"];

const blendedOf = (offering: CellOfferingInput): number | null =>
  offering.inputPrice === null || offering.outputPrice === null
    ? null
    : (3 * offering.inputPrice + offering.outputPrice) / 4;

function groupRegions(
  platformId: string,
  offerings: readonly CellOfferingInput[],
): PreparedCellDetail["regionGroups"] {
  type Code = PreparedCellDetail["regionGroups"][number]["codes"][number];
  const codes = [...new Set(offerings.flatMap((offering) => offering.regions))].sort();
  const byGeography = new Map<string, Code[]>();
  const global: Code[] = [];
  const unknown: Code[] = [];
  for (const code of codes) {
    const entry = lookupRegion(code, platformId);
    if (!entry) {
      unknown.push({ code, name: null, isCrossRegion: false });
      continue;
    }
    const item = { code, name: entry.name, isCrossRegion: entry.kind === "cross-region" };
    if (entry.geography === null) global.push(item);
    else byGeography.set(entry.geography, [...(byGeography.get(entry.geography) ?? []), item]);
  }
  const groups: PreparedCellDetail["regionGroups"] = REGION_GEOGRAPHIES.filter((id) =>
    byGeography.has(id),
  ).map((id) => ({
    id,
    label: `${GEOGRAPHY_INFO[id].label} (${GEOGRAPHY_INFO[id].jurisdiction})`,
    mayLeave: false,
    codes: byGeography.get(id) ?? [],
  }));
  if (global.length)
    groups.push({
      id: "global",
      label: "Global: data may leave the geography",
      mayLeave: true,
      codes: global,
    });
  if (unknown.length)
    groups.push({ id: "other", label: "Not in the region table", mayLeave: false, codes: unknown });
  return groups;
}

function toText(detail: Omit<PreparedCellDetail, "text">): string {
  const lines = [`${detail.title} (${detail.status})`, "Prices, USD per 1M tokens:"];
  for (const offering of detail.offerings)
    lines.push(
      `- ${offering.name} (${offering.nativeId}, ${offering.lifecycle}): input ${offering.input}, output ${offering.output}, blended 3:1 ${offering.blended}`,
    );
  lines.push("Regions:");
  if (detail.regionGroups.length === 0) lines.push("- not listed");
  for (const group of detail.regionGroups)
    lines.push(
      `- ${group.label}: ${group.codes
        .map((code) => (code.isCrossRegion ? `${code.code} (cross-region)` : code.code))
        .join(", ")}`,
    );
  lines.push(`API styles: ${detail.apiStyles.length ? detail.apiStyles.join(", ") : "not listed"}`);
  lines.push("Sources:");
  for (const source of detail.sources) lines.push(`- ${source.url} (snapshot ${source.date})`);
  return lines.join("\n");
}

/**
 * The details of one matrix cell, from the offerings it aggregates: each offering's prices, the
 * regions grouped by residency geography (global routing marked as possibly leaving it), the API
 * styles, the status and the sources with their snapshot dates, plus the same as plain text.
 */
export function prepareMatrixCellDetail(input: {
  rowLabel: string;
  platform: { id: string; name: string };
  offerings: readonly CellOfferingInput[];
}): PreparedCellDetail {
  const { offerings } = input;
  const lifecycles = new Set(offerings.map((offering) => offering.lifecycle));
  const status = lifecycles.has("ga")
    ? "available"
    : lifecycles.has("preview")
      ? "preview"
      : offerings.length
        ? "deprecated"
        : "not offered";
  const sorted = [...offerings].sort((a, b) => {
    const left = blendedOf(a);
    const right = blendedOf(b);
    if (left !== right) {
      if (left === null) return 1;
      if (right === null) return -1;
      return left - right;
    }
    const byLifecycle = LIFECYCLE_ORDER.indexOf(a.lifecycle) - LIFECYCLE_ORDER.indexOf(b.lifecycle);
    return byLifecycle || a.nativeId.localeCompare(b.nativeId);
  });
  const sources = new Map<string, { url: string; date: string; time: number }>();
  for (const offering of offerings) {
    const date = formatDay(offering.snapshotDate);
    sources.set(`${offering.sourceUrl}\u0000${date}`, {
      url: offering.sourceUrl,
      date,
      time: offering.snapshotDate.getTime(),
    });
  }
  const detail = {
    title: `${input.rowLabel} on ${input.platform.name}`,
    status,
    offerings: sorted.map((offering) => ({
      name: offering.modelName,
      nativeId: offering.nativeId,
      lifecycle: offering.lifecycle,
      input: formatUsdPerMillion(offering.inputPrice),
      output: formatUsdPerMillion(offering.outputPrice),
      blended: formatUsdPerMillion(blendedOf(offering)),
    })),
    regionGroups: groupRegions(input.platform.id, offerings),
    apiStyles: [...new Set(offerings.flatMap((offering) => offering.apiStyles))].sort(),
    sources: [...sources.values()]
      .sort((a, b) => b.time - a.time || a.url.localeCompare(b.url))
      .map(({ url, date }) => ({ url, date })),
  } satisfies Omit<PreparedCellDetail, "text">;
  return { ...detail, text: toText(detail) };
}
