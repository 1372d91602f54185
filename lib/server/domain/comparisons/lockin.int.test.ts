import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSeedBatch } from "@/lib/catalog/seed";
import type { CatalogBatch } from "@/lib/catalog/types";
import { DEFAULT_WEIGHTS, FACTOR_IDS, type LockinWeights } from "@/lib/lockin";
import type { Role } from "@/lib/schemas/roles";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { testCaller } from "@/lib/testing/test-callers";
import type { Caller } from "../caller";
import { applyCatalogBatch } from "../catalog/catalog-store";
import type { Db } from "../../ops/db-client";
import { AppError } from "../errors";
import {
  getLockinView,
  lockinCacheStats,
  resetLockinWeights,
  saveLockinWeights,
  saveWorkloadProfile,
} from "./lockin";

/**
 * The lock-in page's data against real PostgreSQL and the seed catalogue: scores come from the
 * catalogue, a user's saved weights and profile change them, and only analysts may save.
 */

const pool = freshDatabasePool("lockin");
let db: Db;
const NOW = new Date("2026-07-15T12:00:00Z");

function caller(role: Role): Caller {
  const id = `lockin-${role}-${randomBytes(4).toString("hex")}`;
  return testCaller({ userId: id, email: `${id}@example.test`, name: id, role });
}

function onlyWeight(id: (typeof FACTOR_IDS)[number]): LockinWeights {
  const weights = { ...DEFAULT_WEIGHTS };
  for (const factor of FACTOR_IDS) weights[factor] = factor === id ? 1 : 0;
  return weights;
}

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy(
    (error) => error instanceof AppError && error.code === code,
  );
}

beforeAll(async () => {
  ({ db } = await pool.create("view"));
  await applyCatalogBatch(db, buildSeedBatch(), { dryRun: false, actorId: null });
});

afterAll(async () => {
  await pool.dropAll();
});

describe("getLockinView", () => {
  it("scores the example profile with the default rubric for a user with no settings", async () => {
    const view = await getLockinView(caller("viewer"), db, { now: NOW });
    expect(view.isExampleProfile).toBe(true);
    expect(view.isDefaultWeights).toBe(true);
    expect(view.snapshot?.source).toBe("seed");
    expect(view.profile.models.map((m) => m.modelId)).toContain("anthropic/claude-sonnet-4.6");
    const bedrock = view.platforms.find((p) => p.platformId === "aws-bedrock");
    expect(bedrock?.score).toBeGreaterThan(0);
    expect(bedrock?.score).toBeLessThanOrEqual(100);
    expect(bedrock?.factors).toHaveLength(10);
    // Amazon holds equity in Anthropic and OpenAI: the concentration evidence cites the ties.
    const ties = bedrock?.factors.find((f) => f.id === "concentration")?.evidence ?? [];
    expect(ties.some((e) => e.source?.includes("aboutamazon.com"))).toBe(true);
    // Cohere's API sells none of the example models: no score, not a zero.
    expect(view.platforms.find((p) => p.platformId === "cohere")?.score).toBeNull();
    // OpenRouter has no offerings in the seed at all: listed, unscored, and it says why.
    const openrouter = view.platforms.find((p) => p.platformId === "openrouter");
    expect(openrouter?.score).toBeNull();
    expect(openrouter?.factors.every((f) => f.value === null)).toBe(true);
    expect(openrouter?.factors[0]?.evidence[0]?.text).toBe(
      "OpenRouter offers none of the profile's models: not scored",
    );
  });
});

describe("lag across catalogue syncs", () => {
  it("measures a new model's delay from its release to the sync that first listed it", async () => {
    const { db: lagDb } = await pool.create("lag");
    await applyCatalogBatch(lagDb, buildSeedBatch(), { dryRun: false, actorId: null });
    const model = {
      id: "anthropic/claude-test-9",
      name: "Claude Test 9",
      vendor: "anthropic",
      family: "claude",
      openWeights: false,
      releaseDate: "2026-07-01",
      sourceUrl: "https://example.test/models",
    };
    const batch = (takenAt: string, withOffering: boolean): CatalogBatch => ({
      source: "litellm",
      sourceUrl: "https://example.test/litellm.json",
      takenAt,
      platforms: [],
      models: [model],
      offerings: withOffering
        ? [
            {
              platformId: "aws-bedrock",
              modelId: model.id,
              nativeId: "anthropic.claude-test-9-v1:0",
              regions: ["us-east-1"],
              prices: {
                input: 3,
                output: 15,
                cachedInput: null,
                batchInput: null,
                batchOutput: null,
              },
              contextWindow: 200_000,
              maxOutputTokens: null,
              capabilities: [],
              apiStyles: ["bedrock-converse"],
              lifecycle: "ga",
              deprecationDate: null,
              sourceUrl: "https://example.test/litellm.json",
            },
          ]
        : [],
      ties: [],
      skipped: [],
    });
    // The first sync of the source does not list it on Bedrock; the one on 11 July does.
    await applyCatalogBatch(lagDb, batch("2026-07-02", false), { dryRun: false, full: true });
    await applyCatalogBatch(lagDb, batch("2026-07-11", true), { dryRun: false, full: true });

    const analyst = caller("analyst");
    await saveWorkloadProfile(analyst, lagDb, {
      models: [{ modelId: "anthropic/claude-sonnet-4.6", monthlySpendUsd: 1000 }],
      requiredRegions: [],
      services: [],
      monthlySpendUsd: 1000,
      dataStoredGb: 0,
      exitScope: "leave-platform",
    });
    const view = await getLockinView(analyst, lagDb, { now: NOW });
    const lagText = (platformId: string) =>
      view.platforms
        .find((p) => p.platformId === platformId)
        ?.factors.find((f) => f.id === "deprecation")
        ?.evidence.map((e) => e.text)
        .join("\n") ?? "";
    // Bedrock: listed by the 11 July sync, 10 days after release.
    expect(lagText("aws-bedrock")).toMatch(/Claude Test 9 within 10 days/);
    // Vertex sells Anthropic but not this model: 14 days since release by 15 July, and counting.
    expect(lagText("gcp-vertex")).toMatch(/Claude Test 9 \(14 days since release\)/);
    // Only the profile's vendor counts: no OpenAI model appears in Bedrock's lag.
    expect(lagText("aws-bedrock")).toMatch(/that anthropic released/);
  });
});

describe("computed once per version", () => {
  it("reuses scores until the catalogue, the day or the user's settings change, and never shows a stale one", async () => {
    const { db: cacheDb } = await pool.create("cache");
    await applyCatalogBatch(cacheDb, buildSeedBatch(), { dryRun: false, actorId: null });
    const viewer = caller("viewer");
    const other = caller("viewer");
    const analyst = caller("analyst");
    const bedrockScore = (view: Awaited<ReturnType<typeof getLockinView>>) =>
      view.platforms.find((p) => p.platformId === "aws-bedrock")?.score;

    const first = await getLockinView(viewer, cacheDb, { now: NOW });
    const second = await getLockinView(other, cacheDb, { now: NOW });
    // Two users on the example profile and default rubric: one computation.
    expect(lockinCacheStats(cacheDb).scores).toMatchObject({ misses: 1, hits: 1 });
    expect(bedrockScore(second)).toBe(bedrockScore(first));

    // One user's new weights are that user's: computed for them, the others' stay reused.
    await saveLockinWeights(analyst, cacheDb, onlyWeight("api-portability"));
    const weighted = await getLockinView(analyst, cacheDb, { now: NOW });
    expect(lockinCacheStats(cacheDb).scores.misses).toBe(2);
    expect(bedrockScore(weighted)).not.toBe(bedrockScore(first));
    await getLockinView(viewer, cacheDb, { now: NOW });
    expect(lockinCacheStats(cacheDb).scores).toMatchObject({ misses: 2, hits: 2 });

    // A catalogue sync that makes Bedrock's Sonnet ten times dearer: the next view is computed afresh
    // and shows the new price, not the cached one.
    const seed = buildSeedBatch();
    const dearer = {
      ...seed,
      takenAt: "2026-07-10",
      offerings: seed.offerings.map((offering) =>
        offering.platformId === "aws-bedrock" && offering.modelId === "anthropic/claude-sonnet-4.6"
          ? {
              ...offering,
              prices: {
                ...offering.prices,
                input: (offering.prices.input ?? 0) * 10,
                output: (offering.prices.output ?? 0) * 10,
              },
            }
          : offering,
      ),
    };
    const premium = (view: Awaited<ReturnType<typeof getLockinView>>) =>
      view.platforms
        .find((p) => p.platformId === "aws-bedrock")
        ?.factors.find((f) => f.id === "price-premium")?.value;
    const before = premium(await getLockinView(viewer, cacheDb, { now: NOW }));
    const misses = lockinCacheStats(cacheDb).scores.misses;
    await applyCatalogBatch(cacheDb, dearer, { dryRun: false, actorId: null });
    const after = await getLockinView(viewer, cacheDb, { now: NOW });
    expect(lockinCacheStats(cacheDb).scores.misses).toBe(misses + 1);
    expect(premium(after)).not.toBe(before);

    // The next day is a new version of the deprecation windows: computed afresh.
    await getLockinView(viewer, cacheDb, { now: new Date("2026-07-16T12:00:00Z") });
    expect(lockinCacheStats(cacheDb).scores.misses).toBe(misses + 2);
  });
});

describe("saving settings", () => {
  it("changes the computed score when an analyst saves weights, and back on reset", async () => {
    const analyst = caller("analyst");
    const before = await getLockinView(analyst, db, { now: NOW });
    const bedrockBefore = before.platforms.find((p) => p.platformId === "aws-bedrock");

    await saveLockinWeights(analyst, db, onlyWeight("proprietary-services"));
    const after = await getLockinView(analyst, db, { now: NOW });
    expect(after.isDefaultWeights).toBe(false);
    const bedrockAfter = after.platforms.find((p) => p.platformId === "aws-bedrock");
    // Guardrails (50) and knowledge bases (60): 100 × (1 − 0.5 × 0.4) = 80 is now the whole score.
    expect(bedrockAfter?.score).toBeCloseTo(80, 9);
    expect(bedrockAfter?.score).not.toBeCloseTo(bedrockBefore?.score ?? 0, 3);

    await resetLockinWeights(analyst, db);
    const reset = await getLockinView(analyst, db, { now: NOW });
    expect(reset.isDefaultWeights).toBe(true);
    expect(reset.platforms.find((p) => p.platformId === "aws-bedrock")?.score).toBeCloseTo(
      bedrockBefore?.score ?? -1,
      9,
    );
  });

  it("keeps one user's weights away from another's", async () => {
    const a = caller("analyst");
    const b = caller("analyst");
    await saveLockinWeights(a, db, onlyWeight("concentration"));
    expect((await getLockinView(b, db, { now: NOW })).isDefaultWeights).toBe(true);
  });

  it("saves a profile and scores it", async () => {
    const analyst = caller("analyst");
    await saveWorkloadProfile(analyst, db, {
      models: [{ modelId: "amazon/nova-pro", monthlySpendUsd: 1000 }],
      requiredRegions: [],
      services: [],
      monthlySpendUsd: 1000,
      dataStoredGb: 0,
      exitScope: "leave-platform",
    });
    const view = await getLockinView(analyst, db, { now: NOW });
    expect(view.isExampleProfile).toBe(false);
    const bedrock = view.platforms.find((p) => p.platformId === "aws-bedrock");
    // Nova Pro is on Bedrock only among clouds: substitutability is 100 unless Amazon's own API
    // sells it; either way Bedrock is scored and Azure (no Nova) is not.
    expect(bedrock?.modelsCounted).toEqual(["amazon/nova-pro"]);
    expect(view.platforms.find((p) => p.platformId === "azure-foundry")?.score).toBeNull();
  });

  it("refuses a profile naming a model the catalogue does not have", async () => {
    const analyst = caller("analyst");
    const attempt = saveWorkloadProfile(analyst, db, {
      models: [{ modelId: "nobody/nothing-1", monthlySpendUsd: 10 }],
      requiredRegions: [],
      services: [],
      monthlySpendUsd: 10,
      dataStoredGb: 0,
      exitScope: "leave-platform",
    });
    await expect(attempt).rejects.toSatisfy(
      (error) =>
        error instanceof AppError &&
        error.code === "INVALID_INPUT" &&
        !!error.fieldErrors?.models?.[0]?.includes("nobody/nothing-1") &&
        !!error.fieldErrors["models.0.modelId"],
    );
  });

  it("refuses a viewer, and stores nothing", async () => {
    const viewer = caller("viewer");
    await expectCode(saveLockinWeights(viewer, db, onlyWeight("residency")), "FORBIDDEN");
    await expectCode(resetLockinWeights(viewer, db), "FORBIDDEN");
    await expectCode(
      saveWorkloadProfile(viewer, db, {
        models: [{ modelId: "amazon/nova-pro", monthlySpendUsd: 1 }],
        requiredRegions: [],
        services: [],
        monthlySpendUsd: 1,
        dataStoredGb: 0,
        exitScope: "leave-platform",
      }),
      "FORBIDDEN",
    );
    expect(await db.lockinSettings.findUnique({ where: { userId: viewer.userId } })).toBeNull();
  });
});
