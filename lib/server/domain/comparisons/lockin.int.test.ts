import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSeedBatch } from "@/lib/catalog/seed";
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
      }),
      "FORBIDDEN",
    );
    expect(await db.lockinSettings.findUnique({ where: { userId: viewer.userId } })).toBeNull();
  });
});
