import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogBatch, Lifecycle, OfferingFact } from "@/lib/catalog/types";
import { emptyHistogram, LATENCY_HISTOGRAM, SPEED_HISTOGRAM } from "@/lib/eval/histogram";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { getLockinView } from "../comparisons/lockin";
import { getPlatformReliability } from "../history/history";
import { storeSuite } from "../runs/suites";
import { applyCatalogBatch } from "./catalog-store";
import {
  getPlatformLockinScores,
  listPlatformSummaries,
  type PlatformListItem,
} from "./platforms-list";

/**
 * The Platforms list against real PostgreSQL: live offerings and their models per platform
 * (retired ones left out), and the completed runs that measured each platform through a target
 * calling it alone, counted once per run however many of its targets did; running and failed runs
 * and cross-platform policies are not counted. The count is the number of runs the platform page's
 * reliability chart draws.
 */

const VIEWER = testCaller({ role: "viewer", email: "platforms@example.test", name: "viewer" });
const tag = randomBytes(4).toString("hex");
const PLATFORM = { a: `plist-${tag}-a`, b: `plist-${tag}-b`, c: `plist-${tag}-c` };
const MODELS = [1, 2, 3].map((n) => `plist-${tag}/model-${n}`);
const T1 = new Date("2026-05-01T08:00:00Z");
const T2 = new Date("2026-05-02T08:00:00Z");
const T3 = new Date("2026-05-03T08:00:00Z");

let db: Db;
let suiteId = "";
let snapshotId: string | null = null;
const runIds: string[] = [];
const offeringOf = new Map<string, string>();

function offering(platformId: string, modelId: string, lifecycle: Lifecycle = "ga"): OfferingFact {
  return {
    platformId,
    modelId,
    nativeId: `${modelId.split("/")[1]}@${platformId}`,
    regions: ["eu-west-1"],
    prices: { input: 1, output: 2, cachedInput: null, batchInput: null, batchOutput: null },
    contextWindow: 32_000,
    maxOutputTokens: 4096,
    capabilities: [],
    apiStyles: ["openai-compatible"],
    lifecycle,
    deprecationDate: null,
    sourceUrl: "https://example.test/prices",
  };
}

const batch: CatalogBatch = {
  source: "models-dev",
  sourceUrl: "https://example.test/catalogue",
  takenAt: "2026-04-30",
  platforms: Object.values(PLATFORM).map((id, index) => ({
    id,
    name: `Platforms list ${"ABC"[index]} ${tag}`,
    kind: index === 1 ? ("vendor_api" as const) : ("cloud" as const),
    owner: `Owner ${tag}`,
    homepageUrl: null,
    sourceUrl: "https://example.test/platform",
  })),
  models: MODELS.map((id) => ({
    id,
    name: id,
    vendor: `plist-${tag}`,
    family: "plist",
    openWeights: false,
    releaseDate: null,
    sourceUrl: "https://example.test/model",
  })),
  offerings: [
    offering(PLATFORM.a, MODELS[0]!),
    offering(PLATFORM.a, MODELS[1]!),
    offering(PLATFORM.a, MODELS[2]!, "retired"),
    offering(PLATFORM.b, MODELS[0]!),
  ],
  ties: [],
  skipped: [],
};

type Target =
  | { kind: "offering"; platformId: string; modelId: string }
  | { kind: "policy"; platformIds: string[] };

/** A run with `targets`, each with a stats row of ten trials (what the reliability chart reads). */
async function createRun(
  status: "completed" | "running" | "failed",
  finishedAt: Date | null,
  targets: Target[],
) {
  const { id: runId } = await db.evalRun.create({
    data: {
      name: `plist ${tag} ${runIds.length + 1}`,
      suiteId,
      status,
      temperature: 0,
      maxTokens: 64,
      repeats: 1,
      concurrency: 1,
      expectedTrials: 10 * targets.length,
      isSimulated: true,
      startedAt: T1,
      finishedAt,
    },
    select: { id: true },
  });
  runIds.push(runId);
  for (const [position, target] of targets.entries()) {
    const offeringIds =
      target.kind === "offering"
        ? [offeringOf.get(`${target.platformId}|${target.modelId}`)!]
        : target.platformIds.map((p) => offeringOf.get(`${p}|${MODELS[0]}`)!);
    const created = await db.runTarget.create({
      data: {
        runId,
        position,
        kind: target.kind,
        label: `target ${position}`,
        offeringIds,
        policy: target.kind === "policy" ? "fallback" : null,
        targets: [],
        platformIds: target.kind === "offering" ? [target.platformId] : target.platformIds,
        isSimulated: true,
      },
      select: { id: true },
    });
    await db.runTargetStats.create({
      data: {
        runId,
        targetId: created.id,
        trials: 10,
        latencyHist: emptyHistogram(LATENCY_HISTOGRAM),
        ttftHist: emptyHistogram(LATENCY_HISTOGRAM),
        speedHist: emptyHistogram(SPEED_HISTOGRAM),
      },
    });
  }
}

beforeAll(async () => {
  db = createPrismaClient(requireTestDatabaseUrl(), { max: 2 });
  const report = await applyCatalogBatch(db, batch, { dryRun: false });
  snapshotId = report.snapshotId ?? null;
  const rows = await db.offering.findMany({
    where: { platformId: { in: Object.values(PLATFORM) } },
    select: { id: true, platformId: true, modelId: true },
  });
  for (const row of rows) offeringOf.set(`${row.platformId}|${row.modelId}`, row.id);
  ({ id: suiteId } = await storeSuite(
    db,
    {
      slug: `plist-${tag}`,
      name: "platforms list probe",
      description: "One case.",
      cases: [
        {
          id: "c1",
          category: "general" as const,
          tags: [],
          messages: [{ role: "user" as const, content: "Hello?" }],
          reference: "Hello.",
          assertions: [],
        },
      ],
    },
    { source: "import" },
  ));
  const on = (platformId: string, modelId = MODELS[0]!): Target => ({
    kind: "offering",
    platformId,
    modelId,
  });
  await createRun("completed", T1, [on(PLATFORM.a), on(PLATFORM.b)]);
  // Two targets on A in one run: one run.
  await createRun("completed", T2, [on(PLATFORM.a), on(PLATFORM.a, MODELS[1])]);
  await createRun("running", null, [on(PLATFORM.a)]);
  await createRun("failed", T3, [on(PLATFORM.a)]);
  await createRun("completed", T3, [{ kind: "policy", platformIds: [PLATFORM.a, PLATFORM.b] }]);
});

afterAll(async () => {
  if (db) {
    for (const runId of runIds) {
      await db.runTargetStats.deleteMany({ where: { runId } });
      await db.evalRun.deleteMany({ where: { id: runId } });
    }
    if (suiteId) {
      await db.suiteCase.deleteMany({ where: { suiteId } });
      await db.suite.deleteMany({ where: { id: suiteId } });
    }
    await db.offering.deleteMany({ where: { platformId: { in: Object.values(PLATFORM) } } });
    await db.model.deleteMany({ where: { id: { in: MODELS } } });
    await db.platform.deleteMany({ where: { id: { in: Object.values(PLATFORM) } } });
    if (snapshotId) await db.catalogSnapshot.deleteMany({ where: { id: snapshotId } });
  }
  await db?.$disconnect();
});

describe("listPlatformSummaries", () => {
  let items: Map<string, PlatformListItem>;

  beforeAll(async () => {
    const all = await listPlatformSummaries(VIEWER, db);
    const mine = all.filter((item) => item.id.startsWith(`plist-${tag}`));
    items = new Map(mine.map((item) => [item.id, item]));
    // By name: A, B, C.
    expect(mine.map((item) => item.id)).toEqual([PLATFORM.a, PLATFORM.b, PLATFORM.c]);
  });

  it("counts live offerings and their models, leaving retired ones out", () => {
    expect(items.get(PLATFORM.a)).toMatchObject({ kind: "cloud", offerings: 2, models: 2 });
    expect(items.get(PLATFORM.b)).toMatchObject({ kind: "vendor_api", offerings: 1, models: 1 });
    expect(items.get(PLATFORM.c)).toMatchObject({ offerings: 0, models: 0 });
  });

  it("counts each completed run that called the platform alone once, with the latest finish", () => {
    expect(items.get(PLATFORM.a)).toMatchObject({ measuredRuns: 2, lastMeasuredAt: T2 });
    expect(items.get(PLATFORM.b)).toMatchObject({ measuredRuns: 1, lastMeasuredAt: T1 });
    expect(items.get(PLATFORM.c)).toMatchObject({ measuredRuns: 0, lastMeasuredAt: null });
  });

  it("counts the runs the platform page's reliability chart draws", async () => {
    for (const id of Object.values(PLATFORM)) {
      const { points } = await getPlatformReliability(VIEWER, db, { platformId: id });
      expect(items.get(id)?.measuredRuns).toBe(points.length);
    }
  });
});

describe("getPlatformLockinScores", () => {
  it("gives each platform the Lock-in page's score and band, and why one has none", async () => {
    const [scores, view] = await Promise.all([
      getPlatformLockinScores(VIEWER, db),
      getLockinView(VIEWER, db),
    ]);
    expect(scores).not.toBeNull();
    expect(Object.keys(scores!.byPlatform).sort()).toEqual(
      view.platforms.map((p) => p.platformId).sort(),
    );
    for (const platform of view.platforms) {
      const mine = scores!.byPlatform[platform.platformId]!;
      expect(mine.score).toBe(platform.score);
      expect(mine.band).toBe(platform.band);
      expect(mine.unscoredReason === null).toBe(platform.score !== null);
    }
    expect(scores!.isExampleProfile).toBe(view.isExampleProfile);
  });
});
