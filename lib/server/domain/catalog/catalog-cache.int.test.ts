import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSeedBatch } from "@/lib/catalog/seed";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { testCaller } from "@/lib/testing/test-callers";
import type { Db } from "../../ops/db-client";
import {
  catalogCacheStats,
  getAccessMatrix,
  getMatrixCellOfferings,
  getModelDetail,
  listOfferings,
} from "./catalog";
import { applyCatalogBatch } from "./catalog-store";
import { parseCatalogFilters } from "@/lib/schemas/catalog";

/**
 * Catalogue reads are computed once per catalogue version: reused until a sync (or any offering
 * write) changes the catalogue, and then never stale.
 */

const pool = freshDatabasePool("catalogcache");
let db: Db;
const viewer = testCaller({
  userId: "cache-viewer",
  email: "v@example.test",
  name: "v",
  role: "viewer",
});
const other = testCaller({
  userId: "cache-other",
  email: "o@example.test",
  name: "o",
  role: "viewer",
});
const MODEL = "anthropic/claude-sonnet-4.6";

beforeAll(async () => {
  ({ db } = await pool.create("reads"));
  await applyCatalogBatch(db, buildSeedBatch(), { dryRun: false, actorId: null });
});

afterAll(async () => {
  await pool.dropAll();
});

describe("catalogue reads", () => {
  it("are shared between callers until the catalogue changes, then recomputed", async () => {
    const filters = parseCatalogFilters({});
    const bedrockInput = async () =>
      (await getModelDetail(viewer, db, MODEL))?.offerings.find(
        (o) => o.platformId === "aws-bedrock",
      )?.inputPrice;

    const before = await bedrockInput();
    await getModelDetail(other, db, MODEL);
    await getAccessMatrix(viewer, db, filters);
    await getAccessMatrix(other, db, filters);
    await listOfferings(viewer, db, filters);
    await listOfferings(other, db, filters);
    expect(catalogCacheStats(db)).toMatchObject({ misses: 3, hits: 3 });

    // A sync that doubles Bedrock's Sonnet price: every read is computed afresh and shows it.
    const seed = buildSeedBatch();
    await applyCatalogBatch(
      db,
      {
        ...seed,
        takenAt: "2026-07-20",
        offerings: seed.offerings.map((offering) =>
          offering.platformId === "aws-bedrock" && offering.modelId === MODEL
            ? {
                ...offering,
                prices: { ...offering.prices, input: (offering.prices.input ?? 0) * 2 },
              }
            : offering,
        ),
      },
      { dryRun: false, actorId: null },
    );
    expect(await bedrockInput()).toBe((before ?? 0) * 2);
    expect(catalogCacheStats(db).misses).toBe(4);
    const matrix = await getAccessMatrix(viewer, db, filters);
    expect(matrix.cells.length).toBeGreaterThan(0);
    expect(catalogCacheStats(db).misses).toBe(5);
  });

  it("reads one matrix cell's offerings, by model or by family", async () => {
    const byModel = await getMatrixCellOfferings(viewer, db, {
      filters: parseCatalogFilters({}),
      rowKey: MODEL,
      platformId: "aws-bedrock",
    });
    expect(byModel.offerings.length).toBeGreaterThan(0);
    expect(
      byModel.offerings.every((o) => o.platformId === "aws-bedrock" && o.modelId === MODEL),
    ).toBe(true);
    expect(byModel.platform.name).toBe("AWS Bedrock");
    const byFamily = await getMatrixCellOfferings(viewer, db, {
      filters: parseCatalogFilters({ view: "families" }),
      rowKey: "anthropic/claude",
      platformId: "aws-bedrock",
    });
    expect(byFamily.rowLabel).toBe("claude");
    expect(byFamily.offerings.length).toBeGreaterThan(byModel.offerings.length);
    expect(byFamily.offerings.every((o) => o.vendor === "anthropic")).toBe(true);
    const none = await getMatrixCellOfferings(viewer, db, {
      filters: parseCatalogFilters({}),
      rowKey: MODEL,
      platformId: "mistral",
    });
    expect(none.offerings).toEqual([]);
  });
});
