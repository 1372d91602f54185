import { buildSeedBatch, SEED_PLATFORMS, SEED_SNAPSHOT_DATE } from "@/lib/catalog/seed";
import { applyCatalogBatch } from "@/lib/server/domain/catalog/catalog-store";
import { createPrismaClient } from "@/lib/server/ops/db-client";

/** Advisory lock key for seeding (any constant distinct from the other locks). */
const SEED_LOCK = 73_012;

export type SeedResult = {
  /** Whether this run loaded the curated catalogue (only into a database without offerings). */
  loaded: boolean;
  platforms: number;
  models: number;
  offerings: number;
};

/**
 * Loads the curated seed catalogue (lib/catalog/seed) into a database that has no offerings yet.
 * Runs at every start, so it is idempotent: once a catalogue is present, whether from this seed
 * or a later LiteLLM / models.dev sync, it only adds the registry's platforms the database lacks
 * and leaves everything else to the syncs.
 */
export async function seedDatabase(databaseUrl: string): Promise<SeedResult> {
  // One connection, so the session lock below covers every query, including the seed's transaction.
  const db = createPrismaClient(databaseUrl, { max: 1 });
  try {
    // Two processes starting against the same empty database must not both seed it.
    await db.$executeRaw`SELECT pg_advisory_lock(${SEED_LOCK})`;
    const isEmpty = (await db.offering.count()) === 0;
    if (isEmpty) await applyCatalogBatch(db, buildSeedBatch(), { dryRun: false, actorId: null });
    else {
      // A platform added to the registry since this database was seeded (OpenRouter, say) gets
      // its row, so credentials can be stored for it and pages list it; existing rows, which the
      // syncs own, are left as they are.
      await db.platform.createMany({
        data: SEED_PLATFORMS.map((platform) => ({
          ...platform,
          snapshotDate: new Date(SEED_SNAPSHOT_DATE),
        })),
        skipDuplicates: true,
      });
    }
    const [platforms, models, offerings] = await Promise.all([
      db.platform.count(),
      db.model.count(),
      db.offering.count(),
    ]);
    return { loaded: isEmpty, platforms, models, offerings };
  } finally {
    await db.$executeRaw`SELECT pg_advisory_unlock(${SEED_LOCK})`.catch(() => undefined);
    await db.$disconnect();
  }
}
