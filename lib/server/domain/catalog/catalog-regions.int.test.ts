import { afterAll, describe, expect, it } from "vitest";
import type { OfferingFact, PlatformFact } from "@/lib/catalog/types";
import { catalogFiltersSchema } from "@/lib/schemas/catalog";
import type { Db } from "@/lib/server/ops/db-client";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { getAccessMatrix, getFilterOptions, listOfferings } from "./catalog";
import { applyCatalogBatch } from "./catalog-store";
import { COMMAND_LINE_CALLER } from "./catalog-sync";

/**
 * The catalogue's region filter against real SQL: a geography keeps offerings with a region (or a
 * cross-region profile) inside it and drops global-only ones; a single code, the old URL format,
 * still works.
 */

const databases = freshDatabasePool("regions");
afterAll(() => databases.dropAll());

const PLATFORMS = ["gcp-vertex", "aws-bedrock", "anthropic", "azure-foundry"];

function offering(platformId: string, nativeId: string, regions: string[]): OfferingFact {
  return {
    platformId,
    modelId: "anthropic/claude-sonnet-4.6",
    nativeId,
    regions,
    prices: { input: 3, output: 15, cachedInput: null, batchInput: null, batchOutput: null },
    contextWindow: null,
    maxOutputTokens: null,
    capabilities: [],
    apiStyles: [],
    lifecycle: "ga",
    deprecationDate: null,
    sourceUrl: "https://example.test",
  };
}

async function catalogue(): Promise<Db> {
  const { db } = await databases.create("filter", { max: 4 });
  await applyCatalogBatch(
    db,
    {
      source: "seed",
      sourceUrl: "https://example.test/seed",
      takenAt: "2026-07-01",
      platforms: PLATFORMS.map((id): PlatformFact => ({
        id,
        name: id,
        kind: "cloud",
        owner: id,
        homepageUrl: null,
        sourceUrl: `https://example.test/${id}`,
      })),
      models: [
        {
          id: "anthropic/claude-sonnet-4.6",
          name: "Claude Sonnet 4.6",
          vendor: "anthropic",
          family: "claude-sonnet",
          openWeights: false,
          releaseDate: null,
          sourceUrl: "https://example.test",
        },
      ],
      offerings: [
        offering("gcp-vertex", "claude-sonnet-4-6@eu", ["europe-west1"]),
        offering("aws-bedrock", "anthropic.claude-sonnet-4-6", ["eu-west-1", "us-east-1"]),
        offering("aws-bedrock", "eu.anthropic.claude-sonnet-4-6", ["eu"]),
        offering("aws-bedrock", "us.anthropic.claude-sonnet-4-6", ["us"]),
        offering("anthropic", "claude-sonnet-4-6", ["global"]),
        offering("azure-foundry", "claude-sonnet-4-6", ["global-standard"]),
        offering("gcp-vertex", "claude-sonnet-4-6@uk", ["europe-west2"]),
      ],
      ties: [],
      skipped: [],
    },
    { dryRun: false },
  );
  return db;
}

async function nativeIds(db: Db, region: string): Promise<string[]> {
  const filters = catalogFiltersSchema.parse({ region });
  const { rows } = await listOfferings(COMMAND_LINE_CALLER, db, filters);
  return rows.map((row) => `${row.platformId}:${row.nativeId}`).sort();
}

describe("the catalogue's region filter", () => {
  it("filters by geography, by code, and offers geographies with global apart", async () => {
    const db = await catalogue();

    expect(await nativeIds(db, "geo:eu")).toEqual([
      "aws-bedrock:anthropic.claude-sonnet-4-6",
      "aws-bedrock:eu.anthropic.claude-sonnet-4-6",
      "gcp-vertex:claude-sonnet-4-6@eu",
    ]);
    expect(await nativeIds(db, "geo:uk")).toEqual(["gcp-vertex:claude-sonnet-4-6@uk"]);
    expect(await nativeIds(db, "geo:us")).toEqual([
      "aws-bedrock:anthropic.claude-sonnet-4-6",
      "aws-bedrock:us.anthropic.claude-sonnet-4-6",
    ]);
    // The old format: one code.
    expect(await nativeIds(db, "eu-west-1")).toEqual(["aws-bedrock:anthropic.claude-sonnet-4-6"]);
    expect(await nativeIds(db, "global")).toEqual(["anthropic:claude-sonnet-4-6"]);

    const matrix = await getAccessMatrix(
      COMMAND_LINE_CALLER,
      db,
      catalogFiltersSchema.parse({ region: "geo:eu" }),
    );
    expect(matrix.cells.map((cell) => cell.platformId).sort()).toEqual([
      "aws-bedrock",
      "gcp-vertex",
    ]);

    const { regions } = await getFilterOptions(COMMAND_LINE_CALLER, db);
    expect(regions.map((group) => group.label)).toEqual([
      "EU/EEA",
      "United Kingdom",
      "United States",
      "Global (data may leave the geography)",
    ]);
    expect(regions[0]?.geographyValue).toBe("geo:eu");
    expect(regions.at(-1)?.codes.map((code) => code.value)).toEqual(["global", "global-standard"]);
  });
});
