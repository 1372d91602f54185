import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchTestRun,
  startEvalWorld,
  suiteId,
  waitForRunToFinish,
  TEST_OPERATOR,
  type EvalWorld,
} from "@/lib/testing/eval-harness";
import type { Caller } from "../caller";
import type { Db } from "../../ops/db-client";
import { createPrismaClient } from "../../ops/db-client";
import { applyCatalogBatch } from "../catalog/catalog-store";
import { chooseApiStyle } from "../runs/runs";
import { compareCacheStats, getCompareView, listParityGaps, parityGapsCacheStats } from "./compare";
import { coverageCacheStats, getCatalogCoverage, getOverview } from "./overview";
import { getRoutingView, routingCacheStats } from "./routing";

/**
 * The Overview, Compare and Routing caches against a real database and real runs: a value is
 * computed once per version of what it reads (finished runs, the catalogue) and shared by every
 * caller; a new finished run or a catalogue sync shows on the next view; a change to anything
 * else (another user's settings) recomputes nothing. Each assertion on a cached value is checked
 * against the same function on a second client, whose caches start empty.
 */

let world: EvalWorld;
let db: Db;
let fresh: Db;
let same: { modelId: string; offeringIds: string[] };
let firstRunId: string;

const VIEWER: Caller = { ...TEST_OPERATOR, email: "cache viewer", role: "viewer" };
const OTHER_VIEWER: Caller = {
  ...TEST_OPERATOR,
  userId: "other-user",
  email: "other viewer",
  role: "viewer",
};
const PLATFORMS = ["anthropic", "aws-bedrock", "gcp-vertex", "openai", "azure-foundry"];

/** A model the emulator serves on at least two platforms: one runnable offering per platform. */
async function pickSameModel(): Promise<{ modelId: string; offeringIds: string[] }> {
  const offerings = await db.offering.findMany({
    where: {
      platformId: { in: PLATFORMS },
      lifecycle: { not: "retired" },
      inputPrice: { not: null },
    },
    orderBy: [{ modelId: "asc" }, { platformId: "asc" }],
  });
  const byModel = new Map<string, Map<string, string>>();
  for (const o of offerings) {
    if (chooseApiStyle(o.platformId, o.apiStyles, true) === null) continue;
    const platforms = byModel.get(o.modelId) ?? new Map<string, string>();
    if (!platforms.has(o.platformId)) platforms.set(o.platformId, o.id);
    byModel.set(o.modelId, platforms);
  }
  const best = [...byModel].sort((a, b) => b[1].size - a[1].size)[0];
  if (!best || best[1].size < 2) throw new Error("no model runnable on two platforms");
  return { modelId: best[0], offeringIds: [...best[1].values()].slice(0, 3) };
}

async function finishedRun(name: string): Promise<string> {
  const { runId } = await launchTestRun(db, world.boss, world.emulator.url, {
    name,
    suiteId: await suiteId(db, "factual-qa"),
    targets: same.offeringIds.map((offeringId) => ({ kind: "offering" as const, offeringId })),
  });
  const run = await waitForRunToFinish(db, runId);
  expect(run.status).toBe("completed");
  return runId;
}

/** A catalogue sync adding one model: the catalogue's version moves. */
async function syncOneModel(id: string): Promise<void> {
  await applyCatalogBatch(
    db,
    {
      source: "models-dev",
      sourceUrl: "https://example.test/models.json",
      takenAt: "2026-12-01",
      platforms: [],
      models: [
        {
          id,
          name: `Cache probe ${id}`,
          vendor: "cacheprobe",
          family: "probe",
          openWeights: false,
          releaseDate: null,
          sourceUrl: "https://example.test/models.json",
        },
      ],
      offerings: [],
      ties: [],
      skipped: [],
    },
    { dryRun: false, actorId: null },
  );
}

/** What one more call did to a cache: computed (miss) or reused (hit). */
async function delta<T>(
  stats: () => { hits: number; misses: number },
  call: () => Promise<T>,
): Promise<{ value: T; hits: number; misses: number }> {
  const before = stats();
  const value = await call();
  const after = stats();
  return { value, hits: after.hits - before.hits, misses: after.misses - before.misses };
}

beforeAll(async () => {
  world = await startEvalWorld("pagecache");
  db = world.db;
  fresh = createPrismaClient(world.url, { max: 2 });
  same = await pickSameModel();
  firstRunId = await finishedRun("cache run one");
}, 120_000);

afterAll(async () => {
  await fresh?.$disconnect();
  await world?.close();
});

describe("compare, parity gap and routing caches", () => {
  it("computes a finished run's compare view once for every caller, and recomputes on a new run or a sync", async () => {
    const first = await delta(
      () => compareCacheStats(db),
      () => getCompareView(VIEWER, db),
    );
    expect(first.misses).toBe(1);
    expect(first.value.run?.id).toBe(firstRunId);
    expect(first.value).toEqual(await getCompareView(VIEWER, fresh));

    // Another user, and a change to another user's settings: the same value, not recomputed.
    await db.lockinSettings.create({
      data: { userId: OTHER_VIEWER.userId, weights: { governance: 3 } },
    });
    const other = await delta(
      () => compareCacheStats(db),
      () => getCompareView(OTHER_VIEWER, db),
    );
    expect(other).toMatchObject({ hits: 1, misses: 0 });
    expect(other.value).toEqual(first.value);

    // The role check still runs on every call, cached or not.
    await expect(
      getCompareView({ ...VIEWER, role: "none" as Caller["role"] }, db),
    ).rejects.toThrow();

    // A new finished run: the default view is that run, computed now.
    const secondRunId = await finishedRun("cache run two");
    const afterRun = await delta(
      () => compareCacheStats(db),
      () => getCompareView(VIEWER, db),
    );
    expect(afterRun.misses).toBe(1);
    expect(afterRun.value.run?.id).toBe(secondRunId);
    expect(afterRun.value.runs.map((run) => run.id)).toContain(secondRunId);
    expect(afterRun.value).toEqual(await getCompareView(VIEWER, fresh));
    // The first run, asked for by id, is still the value computed when it was the default.
    const byId = await delta(
      () => compareCacheStats(db),
      () => getCompareView(VIEWER, db, { runId: firstRunId }),
    );
    expect(byId).toMatchObject({ hits: 1, misses: 0 });
    expect(byId.value.run?.id).toBe(firstRunId);
    expect({ ...byId.value, runs: [] }).toEqual({ ...first.value, runs: [] });

    // A catalogue sync moves the catalogue's version: recomputed once, then reused.
    await syncOneModel("cacheprobe/compare");
    const afterSync = await delta(
      () => compareCacheStats(db),
      () => getCompareView(VIEWER, db),
    );
    expect(afterSync.misses).toBe(1);
    expect(afterSync.value).toEqual(await getCompareView(VIEWER, fresh));
    const again = await delta(
      () => compareCacheStats(db),
      () => getCompareView(VIEWER, db),
    );
    expect(again).toMatchObject({ hits: 1, misses: 0 });
  });

  it("lists parity gaps once per version of the recent finished runs, and shows a new run's gaps", async () => {
    const first = await delta(
      () => parityGapsCacheStats(db),
      () => listParityGaps(VIEWER, db, { runs: 10, limit: 50 }),
    );
    expect(first.misses).toBe(1);
    expect(first.value).toEqual(await listParityGaps(VIEWER, fresh, { runs: 10, limit: 50 }));
    const runIds = new Set(first.value.map((gap) => gap.runId));

    const reused = await delta(
      () => parityGapsCacheStats(db),
      () => listParityGaps(OTHER_VIEWER, db, { runs: 10, limit: 50 }),
    );
    expect(reused).toMatchObject({ hits: 1, misses: 0 });
    expect(reused.value).toEqual(first.value);

    const thirdRunId = await finishedRun("cache run three");
    const afterRun = await delta(
      () => parityGapsCacheStats(db),
      () => listParityGaps(VIEWER, db, { runs: 10, limit: 50 }),
    );
    expect(afterRun.misses).toBe(1);
    expect(runIds.has(thirdRunId)).toBe(false);
    expect(afterRun.value.some((gap) => gap.runId === thirdRunId)).toBe(true);
    expect(afterRun.value).toEqual(await listParityGaps(VIEWER, fresh, { runs: 10, limit: 50 }));

    // The Overview shows the new run among its latest runs and reads the same cached gaps.
    const overview = await getOverview(VIEWER, db);
    expect(overview.latestRuns[0]?.id).toBe(thirdRunId);
    expect(overview).toEqual(await getOverview(VIEWER, fresh));
  });

  it("counts catalogue coverage once per catalogue version", async () => {
    const first = await delta(
      () => coverageCacheStats(db),
      () => getCatalogCoverage(db),
    );
    const reused = await delta(
      () => coverageCacheStats(db),
      () => getCatalogCoverage(db),
    );
    expect(reused).toMatchObject({ hits: 1, misses: 0 });
    expect(reused.value).toEqual(first.value);

    await syncOneModel("cacheprobe/coverage");
    const afterSync = await delta(
      () => coverageCacheStats(db),
      () => getCatalogCoverage(db),
    );
    expect(afterSync.misses).toBe(1);
    expect(afterSync.value.models).toBe(first.value.models + 1);
    expect(afterSync.value).toEqual(await getCatalogCoverage(fresh));
  });

  it("replays a finished run's routing once per run and catalogue version, for every caller", async () => {
    const first = await delta(
      () => routingCacheStats(db),
      () => getRoutingView(VIEWER, db, firstRunId),
    );
    expect(first.misses).toBe(1);
    expect(first.value).toEqual(await getRoutingView(VIEWER, fresh, firstRunId));

    const other = await delta(
      () => routingCacheStats(db),
      () => getRoutingView(OTHER_VIEWER, db, firstRunId),
    );
    expect(other).toMatchObject({ hits: 1, misses: 0 });

    // A run that is not finished is never cached: each view reads it afresh.
    const running = await launchTestRun(db, world.boss, world.emulator.url, {
      suiteId: await suiteId(db, "factual-qa"),
      targets: same.offeringIds.map((offeringId) => ({ kind: "offering" as const, offeringId })),
    });
    const state = await db.evalRun.findUniqueOrThrow({ where: { id: running.runId } });
    if (state.status === "queued" || state.status === "running") {
      const live = await delta(
        () => routingCacheStats(db),
        () => getRoutingView(VIEWER, db, running.runId),
      );
      expect(live).toMatchObject({ hits: 0, misses: 0 });
    }
    await waitForRunToFinish(db, running.runId);

    await syncOneModel("cacheprobe/routing");
    const afterSync = await delta(
      () => routingCacheStats(db),
      () => getRoutingView(VIEWER, db, firstRunId),
    );
    expect(afterSync.misses).toBe(1);
    expect(afterSync.value).toEqual(await getRoutingView(VIEWER, fresh, firstRunId));
  });
});
