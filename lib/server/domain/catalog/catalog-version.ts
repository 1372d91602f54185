import type { Db } from "../../ops/db-client";

/**
 * The catalogue's version: every write to platforms, models, offerings and ties goes through
 * applyCatalogBatch, which records a CatalogSnapshot in the same transaction, so the newest
 * snapshot and the number of snapshots change exactly when the catalogue does. One indexed query;
 * caches of data derived from the catalogue key on it (lib/server/ops/versioned-cache).
 */
export async function catalogVersion(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<{ id: string | null; count: number }[]>`
    SELECT (SELECT id FROM "CatalogSnapshot" ORDER BY "createdAt" DESC, id DESC LIMIT 1) AS id,
      (SELECT count(*)::int FROM "CatalogSnapshot") AS count`;
  return `${row?.id ?? "none"}:${row?.count ?? 0}`;
}
