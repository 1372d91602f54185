import { createPrismaClient } from "@/lib/server/db-client";
import { PLATFORMS, SEED_SNAPSHOT } from "./seed/platforms";

export type SeedResult = { platforms: number };

/**
 * Loads the curated seed. Idempotent: it upserts by stable ids, so running it at every start
 * neither duplicates rows nor overwrites facts a later catalogue sync has refreshed.
 */
export async function seedDatabase(databaseUrl: string): Promise<SeedResult> {
  const db = createPrismaClient(databaseUrl, { max: 2 });
  try {
    await db.$transaction(async (tx) => {
      await tx.catalogSnapshot.upsert({
        where: { id: SEED_SNAPSHOT.id },
        create: { ...SEED_SNAPSHOT },
        update: {},
      });
      for (const platform of PLATFORMS) {
        await tx.platform.upsert({
          where: { id: platform.id },
          create: {
            ...platform,
            snapshotDate: SEED_SNAPSHOT.takenAt,
            snapshotId: SEED_SNAPSHOT.id,
          },
          update: {},
        });
      }
    });
    return { platforms: PLATFORMS.length };
  } finally {
    await db.$disconnect();
  }
}
