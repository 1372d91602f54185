import { cache } from "react";
import type { Db } from "../../ops/db-client";

/**
 * The catalogue's version. Every sync writes through applyCatalogBatch, which records a
 * CatalogSnapshot in the same transaction; the offerings' count and latest update also catch a
 * write made any other way (a test fixture, a manual fix in SQL). Two small queries' worth of
 * work; caches of data derived from the catalogue key on it (lib/server/ops/versioned-cache).
 *
 * Read once per server render: a page asks for it before each cached read (Overview three times,
 * a model page four), and React's `cache` shares the first answer within that render. Outside a
 * render (actions, route handlers, scripts, the worker, tests) `cache` is a plain call, so a
 * change made earlier in the same action or script is always seen.
 */
export const catalogVersion = cache(async function catalogVersion(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<
    {
      id: string | null;
      snapshots: number;
      offerings: number;
      updated: Date | null;
      models: number;
    }[]
  >`
    SELECT (SELECT id FROM "CatalogSnapshot" ORDER BY "createdAt" DESC, id DESC LIMIT 1) AS id,
      (SELECT count(*)::int FROM "CatalogSnapshot") AS snapshots,
      (SELECT count(*)::int FROM "Offering") AS offerings,
      (SELECT max("updatedAt") FROM "Offering") AS updated,
      (SELECT count(*)::int FROM "Model") AS models`;
  if (!row) return "none";
  return [
    row.id ?? "none",
    row.snapshots,
    row.offerings,
    row.updated?.toISOString() ?? "-",
    row.models,
  ].join(":");
});
