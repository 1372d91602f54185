import type { CatalogBatch } from "../types";
import { SEED_MODELS } from "./models";
import { SEED_OFFERINGS } from "./offerings";
import { SEED_PLATFORMS } from "./platforms";
import { SEED_TIES } from "./ties";

export { SEED_MODELS } from "./models";
export { SEED_OFFERINGS } from "./offerings";
export { SEED_PLATFORMS } from "./platforms";
export { SEED_TIES } from "./ties";

/** The date the curated seed's facts are as of: every seeded row carries it. */
export const SEED_SNAPSHOT_DATE = "2026-07-01";

/** Where the seed lives; each row also cites its own public source. */
export const SEED_SOURCE_URL = "crossbench-seed:lib/catalog/seed";

/** The curated catalogue shipped with Crossbench, as one batch for the catalogue store. */
export function buildSeedBatch(): CatalogBatch {
  return {
    source: "seed",
    sourceUrl: SEED_SOURCE_URL,
    takenAt: SEED_SNAPSHOT_DATE,
    platforms: SEED_PLATFORMS.map((platform) => ({ ...platform })),
    models: SEED_MODELS.map((model) => ({ ...model })),
    offerings: SEED_OFFERINGS.map((offering) => ({
      ...offering,
      regions: [...offering.regions],
      prices: { ...offering.prices },
      capabilities: [...offering.capabilities],
      apiStyles: [...offering.apiStyles],
    })),
    ties: SEED_TIES.map((tie) => ({ ...tie })),
    skipped: [],
  };
}
