import type { Db } from "./db-client";

export type CatalogCoverage = {
  platforms: number;
  models: number;
  offerings: number;
  latestSnapshot: { source: string; takenAt: Date } | null;
};

/** How much of the catalogue is loaded: counted in SQL, never by loading rows. */
export async function getCatalogCoverage(db: Db): Promise<CatalogCoverage> {
  const [platforms, models, offerings, latest] = await Promise.all([
    db.platform.count(),
    db.model.count(),
    db.offering.count(),
    db.catalogSnapshot.findFirst({
      orderBy: { takenAt: "desc" },
      select: { source: true, takenAt: true },
    }),
  ]);
  return { platforms, models, offerings, latestSnapshot: latest };
}
