import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchSuiteRun,
  startEvalWorld,
  waitForRunToFinish,
  TEST_OPERATOR,
  type EvalWorld,
} from "@/lib/testing/eval-harness";
import type { Db } from "../ops/db-client";
import { getRunPair, getRunView } from "../domain/runs/runs";

let world: EvalWorld;
let db: Db;

beforeAll(async () => {
  world = await startEvalWorld("evalrun");
  db = world.db;
});

afterAll(() => world?.close());

describe("a full run", () => {
  it("stores exactly one trial per case, target and repeat, with rollups that match them", async () => {
    const { runId, expectedTrials } = await launchSuiteRun(world, {
      suite: "factual-qa",
      platforms: ["aws-bedrock", "openai"],
      repeats: 2,
    });
    const run = await waitForRunToFinish(db, runId);
    expect(run.status).toBe("completed");
    expect(run.storedTrials).toBe(expectedTrials);
    expect(await db.trial.count({ where: { runId } })).toBe(expectedTrials);
    const stats = await db.runTargetStats.findMany({ where: { runId } });
    expect(stats.reduce((sum, row) => sum + row.trials, 0)).toBe(expectedTrials);
    for (const row of stats) {
      const agg = await db.trial.aggregate({
        where: { runId, targetId: row.targetId, status: "ok" },
        _sum: { score: true },
        _count: true,
      });
      expect(row.scoreSum).toBeCloseTo(agg._sum.score ?? 0, 6);
      expect(row.scored).toBe(agg._count);
    }
    const view = await getRunView(TEST_OPERATOR, db, runId);
    expect(view.isSimulated).toBe(true);
    for (const target of view.targets) {
      expect(target.summary.score?.n).toBe(run.expectedTrials / 2 / 2);
      expect(target.summary.score!.low).toBeLessThanOrEqual(target.summary.score!.value);
      expect(target.summary.latencyMs.p50).not.toBeNull();
    }
    const pair = await getRunPair(
      TEST_OPERATOR,
      db,
      runId,
      view.targets[0]!.id,
      view.targets[1]!.id,
    );
    expect(pair?.n).toBe(run.expectedTrials / 4);
  });
});
