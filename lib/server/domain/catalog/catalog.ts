import { Prisma } from "@/prisma/generated/client";
import { describeFieldSource, readFieldSources } from "@/lib/catalog/provenance";
import {
  parseRegionFilter,
  prepareRegionOptions,
  regionCodesFor,
  type RegionOptionGroup,
} from "@/lib/catalog/regions";
import type { CatalogFilters } from "@/lib/schemas/catalog";
import type { Caller } from "../caller";
import { requireRole } from "../caller";
import type { Db } from "../../ops/db-client";
import { perDatabase, stableKey } from "../../ops/versioned-cache";
import { catalogVersion } from "./catalog-version";

/**
 * Read-side catalogue queries for the Catalog pages. Aggregation happens in SQL so a page with the
 * whole LiteLLM import loaded renders from a few small result sets.
 */

/**
 * Offerings a page of the Catalog's table shows. 25: each row goes twice (its markup, and its data
 * for the table in the browser), and with the full LiteLLM catalogue 50 rows put /catalog over
 * 200 KB of HTML (bench:load); sorting, filters and the CSV cover the rest.
 */
export const OFFERINGS_PAGE_SIZE = 25;

export type SnapshotInfo = { id: string; source: string; takenAt: Date; createdAt: Date };

export type MatrixCell = {
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

export type MatrixRow = { key: string; label: string; vendor: string; openWeights: boolean };

export type OfferingRow = {
  id: string;
  modelId: string;
  modelName: string;
  vendor: string;
  platformId: string;
  platformName: string;
  nativeId: string;
  inputPrice: number | null;
  outputPrice: number | null;
  blendedPrice: number | null;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  regions: string[];
  apiStyles: string[];
  capabilities: string[];
  lifecycle: string;
  snapshotDate: Date;
  sourceUrl: string;
  /** The snapshot date a full sync of its source stopped listing it; null while listed. */
  withdrawnAt: Date | null;
};

const num = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/**
 * The WHERE clause shared by the matrix, the table and the CSV export (offering `o`, model `m`,
 * platform `p`). Withdrawn offerings are listed in the table and the export (struck through, with
 * their date) but are not coverage: the matrix leaves them out.
 */
function whereClause(
  filters: CatalogFilters,
  { includeWithdrawn }: { includeWithdrawn: boolean },
): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`o.lifecycle <> 'retired'`];
  if (!includeWithdrawn) parts.push(Prisma.sql`o."withdrawnAt" IS NULL`);
  if (filters.vendor) parts.push(Prisma.sql`m.vendor = ${filters.vendor}`);
  if (filters.openWeights !== "any")
    parts.push(Prisma.sql`m."openWeights" = ${filters.openWeights === "yes"}`);
  if (filters.capability) parts.push(Prisma.sql`${filters.capability} = ANY(o.capabilities)`);
  if (filters.region) parts.push(regionClause(filters.region));
  if (filters.apiStyle) parts.push(Prisma.sql`${filters.apiStyle} = ANY(o."apiStyles")`);
  if (filters.firstParty === "only") parts.push(Prisma.sql`lower(m.vendor) = lower(p.owner)`);
  if (filters.firstParty === "exclude") parts.push(Prisma.sql`lower(m.vendor) <> lower(p.owner)`);
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      Prisma.sql`(m.name ILIKE ${like} OR m.id ILIKE ${like} OR o."nativeId" ILIKE ${like})`,
    );
  }
  return Prisma.join(parts, " AND ");
}

/**
 * A region code matches offerings listing it (the old `?region=` format); a geography ("geo:eu")
 * matches offerings with at least one region inside it, by the region table: a region of that
 * geography or a cross-region profile confined to it. Global-only offerings never match one.
 */
function regionClause(value: string): Prisma.Sql {
  const filter = parseRegionFilter(value);
  if ("code" in filter) return Prisma.sql`${filter.code} = ANY(o.regions)`;
  const { codes, inside, outside } = regionCodesFor(filter.geography);
  return Prisma.sql`EXISTS (
    SELECT 1 FROM unnest(o.regions) AS rg(code)
    WHERE (o."platformId" || '|' || rg.code) = ANY(${inside}::text[])
      OR (rg.code = ANY(${codes}::text[])
        AND (o."platformId" || '|' || rg.code) <> ALL(${outside}::text[])))`;
}

/**
 * Catalogue reads are computed once per catalogue version (a sync, or any offering write, is a
 * new version) and shared by every caller: they depend on nothing else. Authorization stays on
 * every call, before the cache. Cached values are shared: never mutated.
 */
const catalogCache = perDatabase<unknown>({ maxEntries: 500 });

/** How many catalogue reads ran and were reused (tests and benchmarks). */
export function catalogCacheStats(db: Db) {
  return catalogCache(db).stats();
}

/** The filters the matrix depends on: not the offerings table's sort and page, nor the row page. */
function matrixFilters(filters: CatalogFilters) {
  return { ...filters, page: 1, rows: 1, sort: "model", dir: "asc" } satisfies CatalogFilters;
}

async function byCatalog<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await catalogVersion(db);
  return catalogCache(db).get(key, version, compute) as Promise<T>;
}

export async function getLatestSnapshot(caller: Caller, db: Db): Promise<SnapshotInfo | null> {
  requireRole(caller, "viewer");
  return byCatalog(db, "snapshot", async () => {
    return db.catalogSnapshot.findFirst({
      orderBy: [{ createdAt: "desc" }],
      select: { id: true, source: true, takenAt: true, createdAt: true },
    });
  });
}

export type FilterOptions = {
  vendors: string[];
  /** Geographies first, each with its codes; then global codes; then codes the table lacks. */
  regions: RegionOptionGroup[];
  apiStyles: string[];
  capabilities: string[];
};

export async function getFilterOptions(caller: Caller, db: Db): Promise<FilterOptions> {
  requireRole(caller, "viewer");
  return byCatalog(db, "filter-options", async () => {
    const [row] = await db.$queryRaw<
      {
        vendors: string[] | null;
        regions: { platformId: string; region: string }[] | null;
        styles: string[] | null;
        caps: string[] | null;
      }[]
    >`
      SELECT
        (SELECT array_agg(DISTINCT vendor ORDER BY vendor) FROM "Model") AS vendors,
        (SELECT jsonb_agg(DISTINCT jsonb_build_object('platformId', "platformId", 'region', r))
          FROM "Offering", unnest(regions) r) AS regions,
        (SELECT array_agg(DISTINCT s ORDER BY s) FROM "Offering", unnest("apiStyles") s) AS styles,
        (SELECT array_agg(DISTINCT c ORDER BY c) FROM "Offering", unnest(capabilities) c) AS caps`;
    return {
      vendors: row?.vendors ?? [],
      regions: prepareRegionOptions(row?.regions ?? []),
      apiStyles: row?.styles ?? [],
      capabilities: row?.caps ?? [],
    };
  });
}

/** Models (or families) × platforms: one aggregated cell per pair that has an offering. */
export async function getAccessMatrix(
  caller: Caller,
  db: Db,
  filters: CatalogFilters,
): Promise<{ rows: MatrixRow[]; cells: MatrixCell[]; platforms: { id: string; name: string }[] }> {
  requireRole(caller, "viewer");
  return byCatalog(db, `matrix:${stableKey(matrixFilters(filters))}`, async () => {
    const rowKey =
      filters.view === "families" ? Prisma.sql`m.vendor || '/' || m.family` : Prisma.sql`m.id`;
    const rowLabel = filters.view === "families" ? Prisma.sql`m.family` : Prisma.sql`m.name`;
    const where = whereClause(filters, { includeWithdrawn: false });
    const [cells, rows, platforms] = await Promise.all([
      db.$queryRaw<
        {
          row_key: string;
          platform_id: string;
          has_ga: boolean;
          has_preview: boolean;
          offerings: number;
          min_input: Prisma.Decimal | null;
          min_output: Prisma.Decimal | null;
          min_blended: Prisma.Decimal | null;
          regions: string[] | null;
          styles: string[] | null;
        }[]
      >`
        SELECT ${rowKey} AS row_key, o."platformId" AS platform_id,
          bool_or(o.lifecycle = 'ga') AS has_ga,
          bool_or(o.lifecycle = 'preview') AS has_preview,
          count(*)::int AS offerings,
          min(o."inputPrice") AS min_input,
          min(o."outputPrice") AS min_output,
          min((3 * o."inputPrice" + o."outputPrice") / 4) AS min_blended,
          array_remove(array_agg(DISTINCT r.region), NULL) AS regions,
          array_remove(array_agg(DISTINCT s.style), NULL) AS styles
        FROM "Offering" o
        JOIN "Model" m ON m.id = o."modelId"
        JOIN "Platform" p ON p.id = o."platformId"
        LEFT JOIN LATERAL unnest(o.regions) AS r(region) ON true
        LEFT JOIN LATERAL unnest(o."apiStyles") AS s(style) ON true
        WHERE ${where}
        GROUP BY 1, 2`,
      db.$queryRaw<
        { key: string; label: string; vendor: string; open_weights: boolean; platforms: number }[]
      >`
        SELECT ${rowKey} AS key, min(${rowLabel}) AS label, min(m.vendor) AS vendor,
          bool_or(m."openWeights") AS open_weights, count(DISTINCT o."platformId")::int AS platforms
        FROM "Offering" o
        JOIN "Model" m ON m.id = o."modelId"
        JOIN "Platform" p ON p.id = o."platformId"
        WHERE ${where}
        GROUP BY 1
        ORDER BY platforms DESC, label ASC`,
      db.platform.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    ]);
    return {
      platforms,
      rows: rows.map((row) => ({
        key: row.key,
        label: row.label,
        vendor: row.vendor,
        openWeights: row.open_weights,
      })),
      cells: cells.map((cell) => ({
        rowKey: cell.row_key,
        platformId: cell.platform_id,
        status: cell.has_ga ? "available" : cell.has_preview ? "preview" : "deprecated",
        offerings: cell.offerings,
        minInput: num(cell.min_input),
        minOutput: num(cell.min_output),
        minBlended: num(cell.min_blended),
        regions: cell.regions ?? [],
        apiStyles: cell.styles ?? [],
      })),
    };
  });
}

const SORT_SQL: Record<CatalogFilters["sort"], Prisma.Sql> = {
  model: Prisma.sql`m.name`,
  vendor: Prisma.sql`m.vendor`,
  platform: Prisma.sql`p.name`,
  input: Prisma.sql`o."inputPrice"`,
  output: Prisma.sql`o."outputPrice"`,
  blended: Prisma.sql`(3 * o."inputPrice" + o."outputPrice") / 4`,
  context: Prisma.sql`o."contextWindow"`,
  updated: Prisma.sql`o."snapshotDate"`,
};

type OfferingSqlRow = {
  id: string;
  model_id: string;
  model_name: string;
  vendor: string;
  platform_id: string;
  platform_name: string;
  native_id: string;
  input_price: Prisma.Decimal | null;
  output_price: Prisma.Decimal | null;
  context_window: number | null;
  max_output_tokens: number | null;
  regions: string[];
  api_styles: string[];
  capabilities: string[];
  lifecycle: string;
  snapshot_date: Date;
  source_url: string;
  withdrawn_at: Date | null;
};

function toOfferingRow(row: OfferingSqlRow): OfferingRow {
  const input = num(row.input_price);
  const output = num(row.output_price);
  return {
    id: row.id,
    modelId: row.model_id,
    modelName: row.model_name,
    vendor: row.vendor,
    platformId: row.platform_id,
    platformName: row.platform_name,
    nativeId: row.native_id,
    inputPrice: input,
    outputPrice: output,
    blendedPrice: input === null || output === null ? null : (3 * input + output) / 4,
    contextWindow: row.context_window,
    maxOutputTokens: row.max_output_tokens,
    regions: row.regions,
    apiStyles: row.api_styles,
    capabilities: row.capabilities,
    lifecycle: row.lifecycle,
    snapshotDate: row.snapshot_date,
    sourceUrl: row.source_url,
    withdrawnAt: row.withdrawn_at,
  };
}

function offeringsQuery(filters: CatalogFilters, limit: number | null, offset: number): Prisma.Sql {
  const direction =
    filters.dir === "desc" ? Prisma.sql`DESC NULLS LAST` : Prisma.sql`ASC NULLS LAST`;
  return Prisma.sql`
    SELECT o.id, o."modelId" AS model_id, m.name AS model_name, m.vendor, o."platformId" AS platform_id,
      p.name AS platform_name, o."nativeId" AS native_id, o."inputPrice" AS input_price,
      o."outputPrice" AS output_price, o."contextWindow" AS context_window,
      o."maxOutputTokens" AS max_output_tokens, o.regions, o."apiStyles" AS api_styles, o.capabilities,
      o.lifecycle::text AS lifecycle, o."snapshotDate" AS snapshot_date, o."sourceUrl" AS source_url,
      o."withdrawnAt" AS withdrawn_at
    FROM "Offering" o
    JOIN "Model" m ON m.id = o."modelId"
    JOIN "Platform" p ON p.id = o."platformId"
    WHERE ${whereClause(filters, { includeWithdrawn: true })}
    ORDER BY ${SORT_SQL[filters.sort]} ${direction}, o.id
    ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit} OFFSET ${offset}`}`;
}

/** The offerings one access-matrix cell counts, for its details popover. */
export type MatrixCellOfferings = {
  rowLabel: string;
  platform: { id: string; name: string };
  offerings: OfferingRow[];
};

/**
 * The current offerings behind one access-matrix cell: the row's model (or, in the families view,
 * "vendor/family") on the platform, under the page's filters, as the matrix counted them
 * (withdrawn offerings left out). One query; computed once per catalogue version.
 */
export async function getMatrixCellOfferings(
  caller: Caller,
  db: Db,
  input: { filters: CatalogFilters; rowKey: string; platformId: string },
): Promise<MatrixCellOfferings> {
  requireRole(caller, "viewer");
  return byCatalog(
    db,
    `cell:${stableKey({ ...input, filters: matrixFilters(input.filters) })}`,
    async () => {
      const { filters, rowKey, platformId } = input;
      const rowMatch =
        filters.view === "families"
          ? Prisma.sql`m.vendor || '/' || m.family = ${rowKey}`
          : Prisma.sql`m.id = ${rowKey}`;
      const rows = await db.$queryRaw<(OfferingSqlRow & { family: string })[]>`
      SELECT o.id, o."modelId" AS model_id, m.name AS model_name, m.vendor, m.family,
        o."platformId" AS platform_id, p.name AS platform_name, o."nativeId" AS native_id,
        o."inputPrice" AS input_price, o."outputPrice" AS output_price,
        o."contextWindow" AS context_window, o."maxOutputTokens" AS max_output_tokens, o.regions,
        o."apiStyles" AS api_styles, o.capabilities, o.lifecycle::text AS lifecycle,
        o."snapshotDate" AS snapshot_date, o."sourceUrl" AS source_url, o."withdrawnAt" AS withdrawn_at
      FROM "Offering" o
      JOIN "Model" m ON m.id = o."modelId"
      JOIN "Platform" p ON p.id = o."platformId"
      WHERE ${whereClause(filters, { includeWithdrawn: false })}
        AND o."platformId" = ${platformId} AND ${rowMatch}
      ORDER BY o."nativeId"`;
      const platform =
        rows[0] !== undefined
          ? { id: platformId, name: rows[0].platform_name }
          : ((await db.platform.findUnique({
              where: { id: platformId },
              select: { id: true, name: true },
            })) ?? { id: platformId, name: platformId });
      const first = rows[0];
      return {
        rowLabel: first ? (filters.view === "families" ? first.family : first.model_name) : rowKey,
        platform,
        offerings: rows.map(toOfferingRow),
      };
    },
  );
}

/** One page of offerings, sorted and filtered in SQL, with the total for the pager. */
export async function listOfferings(
  caller: Caller,
  db: Db,
  filters: CatalogFilters,
): Promise<{ rows: OfferingRow[]; total: number; pageSize: number }> {
  requireRole(caller, "viewer");
  return byCatalog(db, `offerings:${stableKey(filters)}`, async () => {
    const offset = (filters.page - 1) * OFFERINGS_PAGE_SIZE;
    const [rows, count] = await Promise.all([
      db.$queryRaw<OfferingSqlRow[]>(offeringsQuery(filters, OFFERINGS_PAGE_SIZE, offset)),
      db.$queryRaw<{ total: number }[]>`
        SELECT count(*)::int AS total FROM "Offering" o
        JOIN "Model" m ON m.id = o."modelId" JOIN "Platform" p ON p.id = o."platformId"
        WHERE ${whereClause(filters, { includeWithdrawn: true })}`,
    ]);
    return {
      rows: rows.map(toOfferingRow),
      total: count[0]?.total ?? 0,
      pageSize: OFFERINGS_PAGE_SIZE,
    };
  });
}

/** Every matching offering, in pages of `batchSize`, for the streamed CSV export. */
export async function* iterateOfferings(
  caller: Caller,
  db: Db,
  filters: CatalogFilters,
  batchSize = 1000,
): AsyncGenerator<OfferingRow[]> {
  requireRole(caller, "viewer");
  for (let offset = 0; ; offset += batchSize) {
    const rows = await db.$queryRaw<OfferingSqlRow[]>(offeringsQuery(filters, batchSize, offset));
    if (rows.length === 0) return;
    yield rows.map(toOfferingRow);
    if (rows.length < batchSize) return;
  }
}

export type ModelDetail = {
  model: {
    id: string;
    name: string;
    vendor: string;
    family: string;
    openWeights: boolean;
    releaseDate: Date | null;
    sourceUrl: string;
  };
  /** With the source of each price: which catalogue source and snapshot set it. */
  offerings: (OfferingRow & { priceSources: { input: string; output: string } })[];
};

/** One canonical model on every platform that sells it. */
export async function getModelDetail(
  caller: Caller,
  db: Db,
  modelId: string,
): Promise<ModelDetail | null> {
  requireRole(caller, "viewer");
  return byCatalog(db, `model:${modelId}`, async () => {
    const model = await db.model.findUnique({
      where: { id: modelId },
      select: {
        id: true,
        name: true,
        vendor: true,
        family: true,
        openWeights: true,
        releaseDate: true,
        sourceUrl: true,
      },
    });
    if (!model) return null;
    const rows = await db.$queryRaw<
      (OfferingSqlRow & {
        deprecation_date: Date | null;
        field_sources: unknown;
        origin_source: string | null;
      })[]
    >`
      SELECT o.id, o."modelId" AS model_id, m.name AS model_name, m.vendor, o."platformId" AS platform_id,
        p.name AS platform_name, o."nativeId" AS native_id, o."inputPrice" AS input_price,
        o."outputPrice" AS output_price, o."contextWindow" AS context_window,
        o."maxOutputTokens" AS max_output_tokens, o.regions, o."apiStyles" AS api_styles, o.capabilities,
        o.lifecycle::text AS lifecycle, o."snapshotDate" AS snapshot_date, o."sourceUrl" AS source_url,
        o."deprecationDate" AS deprecation_date, o."withdrawnAt" AS withdrawn_at,
        o."fieldSources" AS field_sources, o."originSource" AS origin_source
      FROM "Offering" o
      JOIN "Model" m ON m.id = o."modelId"
      JOIN "Platform" p ON p.id = o."platformId"
      WHERE o."modelId" = ${modelId}
      ORDER BY p.name, o."nativeId"`;
    return {
      model,
      offerings: rows.map((row) => {
        const sources = readFieldSources(row.field_sources);
        return {
          ...toOfferingRow(row),
          priceSources: {
            input: describeFieldSource(sources.inputPrice, row.origin_source),
            output: describeFieldSource(sources.outputPrice, row.origin_source),
          },
        };
      }),
    };
  });
}

export type PlatformDetail = {
  platform: {
    id: string;
    name: string;
    kind: string;
    owner: string;
    homepageUrl: string | null;
    sourceUrl: string;
    snapshotDate: Date;
  };
  offerings: number;
  models: number;
  exclusiveModels: { id: string; name: string; vendor: string }[];
  firstPartyModels: number;
  investedInModels: number;
  investedVendors: string[];
  apiStyles: { style: string; offerings: number }[];
  regions: string[];
};

/** A platform's catalogue: size, what only it sells, and how much of it is its own or its investees'. */
export async function getPlatformDetail(
  caller: Caller,
  db: Db,
  platformId: string,
): Promise<PlatformDetail | null> {
  requireRole(caller, "viewer");
  return byCatalog(db, `platform:${platformId}`, async () => {
    const platform = await db.platform.findUnique({
      where: { id: platformId },
      select: {
        id: true,
        name: true,
        kind: true,
        owner: true,
        homepageUrl: true,
        sourceUrl: true,
        snapshotDate: true,
      },
    });
    if (!platform) return null;
    const ties = await db.vendorTie.findMany({
      where: { platformOwner: platform.owner, kind: { in: ["equity", "exclusive_hosting"] } },
      select: { vendor: true },
    });
    const investedVendors = [...new Set(ties.map((tie) => tie.vendor))].sort();
    const [summary] = await db.$queryRaw<
      {
        offerings: number;
        models: number;
        first_party: number;
        invested: number;
        regions: string[] | null;
      }[]
    >`
      SELECT count(*)::int AS offerings,
        count(DISTINCT o."modelId")::int AS models,
        count(DISTINCT o."modelId") FILTER (WHERE lower(m.vendor) = lower(${platform.owner}))::int AS first_party,
        count(DISTINCT o."modelId") FILTER (WHERE m.vendor = ANY(${investedVendors}::text[]))::int AS invested,
        (SELECT array_agg(DISTINCT r ORDER BY r) FROM "Offering" o2, unnest(o2.regions) r
          WHERE o2."platformId" = ${platformId} AND o2.lifecycle <> 'retired' AND o2."withdrawnAt" IS NULL) AS regions
      FROM "Offering" o JOIN "Model" m ON m.id = o."modelId"
      WHERE o."platformId" = ${platformId} AND o.lifecycle <> 'retired' AND o."withdrawnAt" IS NULL`;
    const [exclusiveModels, apiStyles] = await Promise.all([
      db.$queryRaw<{ id: string; name: string; vendor: string }[]>`
        SELECT m.id, m.name, m.vendor FROM "Model" m
        WHERE EXISTS (SELECT 1 FROM "Offering" o WHERE o."modelId" = m.id AND o."platformId" = ${platformId} AND o.lifecycle <> 'retired' AND o."withdrawnAt" IS NULL)
          AND NOT EXISTS (SELECT 1 FROM "Offering" o WHERE o."modelId" = m.id AND o."platformId" <> ${platformId} AND o.lifecycle <> 'retired' AND o."withdrawnAt" IS NULL)
        ORDER BY m.name`,
      db.$queryRaw<{ style: string; offerings: number }[]>`
        SELECT s AS style, count(*)::int AS offerings FROM "Offering" o, unnest(o."apiStyles") s
        WHERE o."platformId" = ${platformId} AND o.lifecycle <> 'retired' AND o."withdrawnAt" IS NULL
        GROUP BY s ORDER BY offerings DESC, s`,
    ]);
    return {
      platform,
      offerings: summary?.offerings ?? 0,
      models: summary?.models ?? 0,
      exclusiveModels,
      firstPartyModels: summary?.first_party ?? 0,
      investedInModels: summary?.invested ?? 0,
      investedVendors,
      apiStyles,
      regions: summary?.regions ?? [],
    };
  });
}
