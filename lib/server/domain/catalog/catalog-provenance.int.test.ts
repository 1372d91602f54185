import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFieldSources } from "@/lib/catalog/provenance";
import { buildSeedBatch } from "@/lib/catalog/seed";
import type { CatalogBatch, OfferingFact } from "@/lib/catalog/types";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import type { Db } from "../../ops/db-client";
import { applyCatalogBatch } from "./catalog-store";

/**
 * Field-level provenance against real PostgreSQL: LiteLLM and models.dev both list one offering;
 * precedence decides each field, records which source set it, and reports the disagreements
 * instead of overwriting silently. The curated seed outranks both.
 */

const pool = freshDatabasePool("provenance");
let db: Db;
const seed = buildSeedBatch();
const seedOffering = seed.offerings.find(
  (o) => o.platformId === "aws-bedrock" && o.prices.input !== null,
);

function offering(overrides: Partial<OfferingFact>): OfferingFact {
  return {
    platformId: "aws-bedrock",
    modelId: "anthropic/claude-sonnet-4.6",
    nativeId: "test.shared-offering-v1:0",
    regions: [],
    prices: { input: null, output: null, cachedInput: null, batchInput: null, batchOutput: null },
    contextWindow: null,
    maxOutputTokens: null,
    capabilities: [],
    apiStyles: ["bedrock-converse"],
    lifecycle: "ga",
    deprecationDate: null,
    sourceUrl: "https://example.test/source",
    ...overrides,
  };
}

function batch(source: CatalogBatch["source"], takenAt: string, offerings: OfferingFact[]) {
  return {
    source,
    sourceUrl: `https://example.test/${source}`,
    takenAt,
    platforms: [],
    models: [],
    offerings,
    ties: [],
    skipped: [],
  } satisfies CatalogBatch;
}

async function stored(nativeId: string) {
  return db.offering.findFirstOrThrow({
    where: { platformId: "aws-bedrock", nativeId },
    include: { prices: true },
  });
}

beforeAll(async () => {
  ({ db } = await pool.create("sync"));
  await applyCatalogBatch(db, seed, { dryRun: false, actorId: null });
});

afterAll(async () => {
  await pool.dropAll();
});

describe("two aggregators on one offering", () => {
  it("keeps LiteLLM's price over models.dev's, fills what LiteLLM lacks, and reports the conflict", async () => {
    await applyCatalogBatch(
      db,
      batch("litellm", "2026-08-01", [
        offering({
          regions: ["us-east-1"],
          prices: { input: 3, output: 15, cachedInput: null, batchInput: null, batchOutput: null },
          contextWindow: 200_000,
        }),
      ]),
      { dryRun: false },
    );
    const report = await applyCatalogBatch(
      db,
      batch("models-dev", "2026-08-02", [
        offering({
          prices: {
            input: 3.3,
            output: 15.05,
            cachedInput: 0.3,
            batchInput: null,
            batchOutput: null,
          },
          contextWindow: 200_000,
          maxOutputTokens: 64_000,
        }),
      ]),
      { dryRun: false },
    );
    // 3 against 3.3 is a 9% disagreement: reported; 15 against 15.05 is within 1%: not.
    expect(report.conflictsTotal).toBe(1);
    expect(report.conflicts).toEqual([
      {
        platformId: "aws-bedrock",
        nativeId: "test.shared-offering-v1:0",
        field: "inputPrice",
        kept: { source: "litellm", value: 3 },
        other: { source: "models-dev", value: 3.3 },
      },
    ]);
    const row = await stored("test.shared-offering-v1:0");
    expect(Number(row.inputPrice)).toBe(3);
    expect(Number(row.outputPrice)).toBe(15);
    expect(Number(row.cachedInputPrice)).toBe(0.3);
    expect(row.maxOutputTokens).toBe(64_000);
    expect(row.regions).toEqual(["us-east-1"]);
    const sources = readFieldSources(row.fieldSources);
    expect(sources.inputPrice).toMatchObject({ source: "litellm", date: "2026-08-01" });
    expect(sources.cachedInputPrice).toMatchObject({ source: "models-dev", date: "2026-08-02" });
    expect(sources.maxOutputTokens?.source).toBe("models-dev");
    expect(sources.regions?.source).toBe("litellm");
    // The kept prices did not change, so the price history has one row; the cached price made a
    // second.
    expect(row.prices).toHaveLength(2);
    // The report stored with the snapshot lists the conflict too.
    const snapshot = await db.catalogSnapshot.findUniqueOrThrow({
      where: { id: report.snapshotId ?? "" },
    });
    expect((snapshot.report as { conflictsTotal: number }).conflictsTotal).toBe(1);
  });

  it("lets the curated seed's price stand against an aggregator", async () => {
    if (!seedOffering) throw new Error("the seed has no priced Bedrock offering");
    const input = seedOffering.prices.input ?? 0;
    const report = await applyCatalogBatch(
      db,
      batch("litellm", "2026-08-03", [
        { ...seedOffering, prices: { ...seedOffering.prices, input: input * 2 } },
      ]),
      { dryRun: false },
    );
    expect(report.conflicts).toContainEqual({
      platformId: "aws-bedrock",
      nativeId: seedOffering.nativeId,
      field: "inputPrice",
      kept: { source: "seed", value: input },
      other: { source: "litellm", value: input * 2 },
    });
    const row = await stored(seedOffering.nativeId);
    expect(Number(row.inputPrice)).toBe(input);
    expect(readFieldSources(row.fieldSources).inputPrice?.source).toBe("seed");
  });
});
