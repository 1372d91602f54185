import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseSourceJson } from "@/lib/catalog/import/errors";
import { parseLiteLlm } from "@/lib/catalog/import/litellm";
import { parseModelsDev } from "@/lib/catalog/import/models-dev";
import type { CatalogBatch, ModelFact, OfferingFact, PlatformFact } from "@/lib/catalog/types";
import type { Db } from "@/lib/server/ops/db-client";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { COMMERCIAL_PLATFORM_IDS } from "@/lib/testing/platform-ids";
import { applyCatalogBatch } from "./catalog-store";

/**
 * Imports change the shared catalogue tables, so each test makes its own freshly migrated
 * database on the test server (dropped afterwards). The full-file tests read the reference data
 * beside the repository and are skipped, saying so, where it is absent.
 */

const root = path.resolve(import.meta.dirname, "..", "..", "..", "..");
const dataDir = path.resolve(root, "..", "shared", "data");
const LITELLM_FILE = path.join(dataDir, "litellm", "model_prices_and_context_window.json");
const MODELS_DEV_FILE = path.join(
  dataDir,
  "models-dev",
  "resolved_cloud_and_direct_providers.json",
);
const hasData = existsSync(dataDir);
if (!hasData) {
  console.warn(`catalog-store: ${dataDir} does not exist; skipping the full-file import tests.`);
}
const LITELLM_URL = "https://example.test/model_prices_and_context_window.json";
const MODELS_DEV_URL = "https://example.test/models-dev.json";
const TAKEN_AT = "2026-08-01";

const databases = freshDatabasePool("catalog");
afterAll(() => databases.dropAll());

const platformFacts: PlatformFact[] = COMMERCIAL_PLATFORM_IDS.map((id) => ({
  id,
  name: id,
  kind: "cloud",
  owner: id,
  homepageUrl: null,
  sourceUrl: `https://example.test/${id}`,
}));

function emptyBatch(overrides: Partial<CatalogBatch>): CatalogBatch {
  return {
    source: "seed",
    sourceUrl: "https://example.test/seed",
    takenAt: "2026-07-01",
    platforms: [],
    models: [],
    offerings: [],
    ties: [],
    skipped: [],
    ...overrides,
  };
}

/** A new, migrated database with the tracked platforms, and a client for it. */
async function freshDatabase(label: string): Promise<Db> {
  const { db } = await databases.create(label, { max: 4 });
  await applyCatalogBatch(db, emptyBatch({ platforms: platformFacts }), { dryRun: false });
  return db;
}

async function rowCounts(db: Db) {
  return {
    snapshots: await db.catalogSnapshot.count(),
    models: await db.model.count(),
    offerings: await db.offering.count(),
    prices: await db.offeringPrice.count(),
  };
}

async function offeringsPerPlatform(db: Db): Promise<Record<string, number>> {
  const groups = await db.offering.groupBy({ by: ["platformId"], _count: { _all: true } });
  return Object.fromEntries(groups.map((group) => [group.platformId, group._count._all]));
}

function countByPlatform(batch: CatalogBatch): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const offering of batch.offerings) {
    counts[offering.platformId] = (counts[offering.platformId] ?? 0) + 1;
  }
  return counts;
}

const readLiteLlm = () => readFileSync(LITELLM_FILE, "utf8");
const parseLiteLlmText = (text: string) =>
  parseLiteLlm(parseSourceJson(text, "the LiteLLM file"), {
    sourceUrl: LITELLM_URL,
    takenAt: TAKEN_AT,
  });

/** A model of no real vendor, for the batches made by hand. */
const WIDGET: ModelFact = {
  id: "acme/widget-1",
  name: "Widget 1",
  vendor: "acme",
  family: "widget",
  openWeights: false,
  releaseDate: null,
  sourceUrl: "https://example.test",
};

/** An offering of {@link WIDGET} on `platformId` at `prices` (per million tokens). */
function widgetOffering(platformId: string, prices: { input: number; output: number }) {
  const offering: OfferingFact = {
    platformId,
    modelId: WIDGET.id,
    nativeId: "widget-1",
    regions: [],
    prices: { ...prices, cachedInput: null, batchInput: null, batchOutput: null },
    contextWindow: null,
    maxOutputTokens: null,
    capabilities: [],
    apiStyles: [],
    lifecycle: "ga",
    deprecationDate: null,
    sourceUrl: "https://example.test",
  };
  return offering;
}

describe("applyCatalogBatch", () => {
  it("rolls the whole batch back when one row fails", async () => {
    const db = await freshDatabase("rollback");
    const before = await rowCounts(db);
    // Too large for Decimal(14,6): PostgreSQL refuses it after the snapshot and model are written.
    const offering = widgetOffering("openai", { input: 1e12, output: 1 });
    await expect(
      applyCatalogBatch(db, emptyBatch({ models: [WIDGET], offerings: [offering] }), {
        dryRun: false,
      }),
    ).rejects.toThrow();
    expect(await rowCounts(db)).toEqual(before);
  });

  it("skips offerings whose platform is unknown, with the reason", async () => {
    const db = await freshDatabase("unknown");
    const report = await applyCatalogBatch(
      db,
      emptyBatch({
        models: [WIDGET],
        offerings: [widgetOffering("nowhere", { input: 1, output: 2 })],
      }),
      { dryRun: false },
    );
    expect(report.created.offerings).toBe(0);
    expect(report.skipped).toEqual([
      { key: "nowhere:widget-1", reason: "unknown platform nowhere" },
    ]);
  });
});

describe.skipIf(!hasData)("importing the full LiteLLM file", () => {
  it("creates one offering per parsed entry, and a second import changes nothing", async () => {
    const db = await freshDatabase("litellm");
    const batch = parseLiteLlmText(readLiteLlm());
    const expected = countByPlatform(batch);
    for (const platform of ["aws-bedrock", "azure-foundry", "gcp-vertex", "openai", "anthropic"]) {
      expect(expected[platform]).toBeGreaterThan(20);
    }
    const skippedKeys = new Map(batch.skipped.map((entry) => [entry.key, entry.reason]));
    expect(skippedKeys.get("sample_spec")).toMatch(/sample_spec/);
    expect(skippedKeys.get("wandb/openai/gpt-oss-120b")).toBe("implausible price");
    expect(
      skippedKeys.get("bedrock/us-east-1/1-month-commitment/anthropic.claude-instant-v1"),
    ).toBe("provisioned throughput (not per-token)");

    const first = await applyCatalogBatch(db, batch, { dryRun: false });
    expect(first.created.offerings).toBe(batch.offerings.length);
    expect(first.priceChanges).toBe(batch.offerings.length);
    expect(await offeringsPerPlatform(db)).toEqual(expected);
    const afterFirst = await rowCounts(db);
    expect(afterFirst.prices).toBe(batch.offerings.length);
    const nativeIds = await db.offering.findMany({ select: { nativeId: true } });
    expect(nativeIds.some((row) => row.nativeId.startsWith("wandb"))).toBe(false);
    expect(nativeIds.some((row) => row.nativeId.includes("commitment"))).toBe(false);

    const second = await applyCatalogBatch(db, parseLiteLlmText(readLiteLlm()), {
      dryRun: false,
    });
    expect(second.created.offerings).toBe(0);
    expect(second.updated.offerings).toBe(0);
    expect(second.unchanged.offerings).toBe(batch.offerings.length);
    expect(second.priceChanges).toBe(0);
    expect(await rowCounts(db)).toEqual({ ...afterFirst, snapshots: afterFirst.snapshots + 1 });
    const snapshot = await db.catalogSnapshot.findUniqueOrThrow({
      where: { id: second.snapshotId ?? "" },
    });
    expect(snapshot.source).toBe("litellm");
    expect(snapshot.report).toMatchObject({ unchanged: { offerings: batch.offerings.length } });
  });

  it("refuses a truncated file and changes nothing", async () => {
    const db = await freshDatabase("truncated");
    await applyCatalogBatch(db, parseLiteLlmText(readLiteLlm()), { dryRun: false });
    const before = await rowCounts(db);
    const text = readLiteLlm();
    expect(() => parseLiteLlmText(text.slice(0, Math.floor(text.length / 2)))).toThrow(
      /not valid JSON at line \d+, column \d+/,
    );
    expect(await rowCounts(db)).toEqual(before);
  });

  it("writes nothing in a dry run, but reports what it would do", async () => {
    const db = await freshDatabase("dryrun");
    const before = await rowCounts(db);
    const batch = parseLiteLlmText(readLiteLlm());
    const report = await applyCatalogBatch(db, batch, { dryRun: true });
    expect(report.snapshotId).toBeNull();
    expect(report.created.offerings).toBe(batch.offerings.length);
    expect(report.changes.length).toBeGreaterThan(0);
    expect(await rowCounts(db)).toEqual(before);
  });

  it("adds exactly one price row for the one offering whose price changed", async () => {
    const db = await freshDatabase("pricechange");
    const text = readLiteLlm();
    await applyCatalogBatch(db, parseLiteLlmText(text), { dryRun: false });
    const before = await rowCounts(db);

    const json = JSON.parse(text) as Record<string, Record<string, unknown>>;
    const entry = json["anthropic.claude-sonnet-4-5-20250929-v1:0"];
    if (!entry) throw new Error("the reference file lacks the Bedrock Claude Sonnet 4.5 key");
    entry.input_cost_per_token = 0.0000025;
    const report = await applyCatalogBatch(
      db,
      parseLiteLlm(json, { sourceUrl: LITELLM_URL, takenAt: "2026-08-02" }),
      { dryRun: false },
    );
    expect(report.updated.offerings).toBe(1);
    expect(report.priceChanges).toBe(1);
    expect(report.changes).toEqual([
      {
        platformId: "aws-bedrock",
        nativeId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
        fields: ["inputPrice"],
      },
    ]);
    expect(await rowCounts(db)).toEqual({
      ...before,
      snapshots: before.snapshots + 1,
      prices: before.prices + 1,
    });
    const offering = await db.offering.findUniqueOrThrow({
      where: {
        platformId_nativeId: {
          platformId: "aws-bedrock",
          nativeId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
        },
      },
      include: { prices: { orderBy: { effectiveDate: "asc" } } },
    });
    expect(offering.modelId).toBe("anthropic/claude-sonnet-4.5");
    expect(offering.prices.map((row) => Number(row.inputPrice))).toEqual([3, 2.5]);
    expect(offering.snapshotId).toBe(report.snapshotId);
  });
});

describe.skipIf(!hasData)("importing the models.dev file", () => {
  it("creates one offering per parsed entry, and a second import changes nothing", async () => {
    const db = await freshDatabase("modelsdev");
    const parse = () =>
      parseModelsDev(parseSourceJson(readFileSync(MODELS_DEV_FILE, "utf8"), "models.dev"), {
        sourceUrl: MODELS_DEV_URL,
        takenAt: "2026-07-02",
      });
    const batch = parse();
    const first = await applyCatalogBatch(db, batch, { dryRun: false });
    expect(first.created.offerings).toBe(batch.offerings.length);
    expect(await offeringsPerPlatform(db)).toEqual(countByPlatform(batch));
    const afterFirst = await rowCounts(db);

    const second = await applyCatalogBatch(db, parse(), { dryRun: false });
    expect(second.unchanged.offerings).toBe(batch.offerings.length);
    expect(second.created.offerings + second.updated.offerings).toBe(0);
    expect(await rowCounts(db)).toEqual({ ...afterFirst, snapshots: afterFirst.snapshots + 1 });
  });
});
