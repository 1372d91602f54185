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
import { getCompareView, listParityGaps } from "./compare";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { chooseApiStyle, getRunPair } from "../runs/runs";

let world: EvalWorld;
let db: Db;

const VIEWER: Caller = { ...TEST_OPERATOR, email: "test viewer", role: "viewer" };
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

beforeAll(async () => {
  world = await startEvalWorld("compare");
  db = world.db;
});

afterAll(() => world?.close());

describe("the compare view", () => {
  it("compares the same model across platforms from rollups alone, agreeing with the run page", async () => {
    const empty = await getCompareView(VIEWER, db);
    expect(empty.run).toBeNull();

    const same = await pickSameModel();
    const other = await db.offering.findFirstOrThrow({
      where: {
        modelId: { not: same.modelId },
        platformId: "openai",
        lifecycle: { not: "retired" },
      },
      orderBy: { nativeId: "asc" },
    });
    const { runId } = await launchTestRun(db, world.boss, world.emulator.url, {
      suiteId: await suiteId(db, "factual-qa"),
      targets: [...same.offeringIds, other.id].map((offeringId) => ({
        kind: "offering" as const,
        offeringId,
      })),
      repeats: 2,
    });
    const run = await waitForRunToFinish(db, runId);
    expect(run.status).toBe("completed");

    // The default: the latest finished run, the model on the most platforms, the first as reference.
    const view = await getCompareView(VIEWER, db);
    expect(view.run?.id).toBe(runId);
    expect(view.mode).toBe("model");
    expect(view.modelId).toBe(same.modelId);
    expect(view.selected).toHaveLength(same.offeringIds.length);
    const otherTarget = view.targets.find((t) => t.modelId === other.modelId);
    expect(otherTarget).toBeDefined();
    expect(view.selected).not.toContain(otherTarget?.id);
    const referenceId = view.referenceId as string;
    expect(referenceId).toBe(view.selected[0]);
    expect(view.pairs[referenceId]).toBeUndefined();

    const cases = run.expectedTrials / 2 / view.targets.length;
    for (const id of view.selected.filter((x) => x !== referenceId)) {
      const pair = view.pairs[id];
      const fromRunPage = await getRunPair(VIEWER, db, runId, id, referenceId);
      expect(pair).toEqual(fromRunPage);
      expect(pair?.n).toBe(cases);
      expect(pair!.low).toBeLessThanOrEqual(pair!.difference);
      expect(pair!.high).toBeGreaterThanOrEqual(pair!.difference);
      // The heat map's cells cover exactly the paired cases, and average to the overall difference.
      const cells = view.categoryDifferences.filter((c) => c.targetId === id && c.n > 0);
      expect(cells.reduce((sum, c) => sum + c.n, 0)).toBe(pair?.n);
      const weighted = cells.reduce((sum, c) => sum + (c.difference ?? 0) * c.n, 0) / cases;
      expect(weighted).toBeCloseTo(pair!.difference, 9);
    }
    // Against itself every category difference is exactly zero.
    for (const cell of view.categoryDifferences.filter((c) => c.targetId === referenceId)) {
      if (cell.n > 0) expect(cell.difference).toBe(0);
    }

    // Any set of targets, with a chosen reference.
    const picked = await getCompareView(VIEWER, db, {
      runId,
      targetIds: [otherTarget!.id, referenceId],
      referenceId: otherTarget!.id,
    });
    expect(picked.mode).toBe("targets");
    expect(picked.selected).toEqual([referenceId, otherTarget!.id]);
    expect(picked.pairs[referenceId]).toEqual(
      await getRunPair(VIEWER, db, runId, referenceId, otherTarget!.id),
    );
    // An unknown reference falls back to the first selected target.
    const fallback = await getCompareView(VIEWER, db, { runId, referenceId: "nope" });
    expect(fallback.referenceId).toBe(referenceId);

    const gaps = await listParityGaps(VIEWER, db);
    const pairsOfModel = (same.offeringIds.length * (same.offeringIds.length - 1)) / 2;
    expect(gaps).toHaveLength(Math.min(5, pairsOfModel));
    expect(gaps.every((gap) => gap.modelId === same.modelId && gap.pair.n === cases)).toBe(true);
    const sizes = gaps.map((gap) => Math.abs(gap.pair.difference));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));

    // Pages read rollups only: with the run's trials gone, every figure is the same (read through
    // a second client, whose caches start empty, so the figures are computed again).
    const deleted = await db.trial.deleteMany({ where: { runId } });
    expect(deleted.count).toBe(run.expectedTrials);
    const uncached = createPrismaClient(world.url, { max: 2 });
    try {
      expect(await getCompareView(VIEWER, uncached)).toEqual(view);
      expect(await listParityGaps(VIEWER, uncached)).toEqual(gaps);
    } finally {
      await uncached.$disconnect();
    }
  });
});
