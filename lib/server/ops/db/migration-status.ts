import pg from "pg";
import { listMigrationDirNames } from "./migration-files";

/**
 * What a command needs to know before it does the slow preparation work: whether every migration
 * in the folder is recorded as applied, and whether the catalogue is seeded. One connection, two
 * queries. Anything unexpected answers "not ready", so the full path (the schema engine, the
 * seed) runs and reports the problem in its own words.
 */
export async function readDatabaseReadiness(options: {
  databaseUrl: string;
  migrationsDir: string;
  /** Platform ids the seed creates; the catalogue counts as seeded when all exist. */
  seedPlatformIds: readonly string[];
}): Promise<{ isMigrated: boolean; isSeeded: boolean }> {
  const names = await listMigrationDirNames(options.migrationsDir);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  client.on("error", () => undefined);
  try {
    await client.connect();
    // Applied: finished and not rolled back. A failed one (neither) blocks the fast path, so the
    // engine reports it.
    const { rows } = await client.query<{ name: string; isApplied: boolean }>(
      `SELECT migration_name AS name, (finished_at IS NOT NULL AND rolled_back_at IS NULL) AS "isApplied"
         FROM "_prisma_migrations"`,
    );
    const applied = new Set(rows.filter((row) => row.isApplied).map((row) => row.name));
    const hasFailed = rows.some((row) => !row.isApplied);
    const isMigrated = !hasFailed && names.every((name) => applied.has(name));
    if (!isMigrated) return { isMigrated, isSeeded: false };
    const seeded = await client.query<{ hasOffering: boolean; platforms: number }>(
      `SELECT EXISTS (SELECT 1 FROM "Offering") AS "hasOffering",
              (SELECT count(*)::int FROM "Platform" WHERE "id" = ANY($1::text[])) AS platforms`,
      [options.seedPlatformIds],
    );
    const row = seeded.rows[0];
    return {
      isMigrated,
      isSeeded: !!row && row.hasOffering && row.platforms === new Set(options.seedPlatformIds).size,
    };
  } catch {
    return { isMigrated: false, isSeeded: false };
  } finally {
    await client.end().catch(() => undefined);
  }
}
