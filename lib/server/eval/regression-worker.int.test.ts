import type PgBoss from "pg-boss";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestQueue } from "@/lib/testing/eval-harness";
import {
  createScheduledRunFactory,
  type ScheduledRunFactory,
  type ScheduledTargetSpec,
} from "@/lib/testing/scheduled-runs";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { createPrismaClient, type Db } from "../ops/db-client";
import {
  createRunFinishedNotifier,
  RUN_FINISHED_QUEUE,
  startRegressionWorker,
} from "./regression-worker";

/**
 * The hand-over from the job runner to regression detection, on real PostgreSQL and pg-boss: only a
 * completed scheduled run is handed on, several chunks reporting the same run queue one detection,
 * and a worker taking the job stores the run's regressions, once however often it is handed on.
 */

const CASES = 30;

let db: Db;
let pool: pg.Pool;
let boss: PgBoss;
let runs: ScheduledRunFactory;

const target = (score: (n: number) => number): ScheduledTargetSpec => ({
  kind: "offering",
  label: "Worker probe model on a platform",
  offeringIds: ["worker-probe-offering"],
  platformIds: [],
  outcome: (n) => ({ score: score(n) }),
});

const jobsFor = async (runId: string) =>
  (
    await pool.query<{ state: string }>(
      `SELECT "state" FROM pgboss.job WHERE "name" = $1 AND "data"->>'runId' = $2`,
      [RUN_FINISHED_QUEUE, runId],
    )
  ).rows.map((row) => row.state);

beforeAll(async () => {
  const url = requireTestDatabaseUrl();
  db = createPrismaClient(url, { max: 2 });
  pool = new pg.Pool({ connectionString: url, max: 2 });
  boss = await openTestQueue(url);
  runs = await createScheduledRunFactory(db, pool, { label: "regression-worker", cases: CASES });
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await runs?.remove();
  await db?.$disconnect();
  await pool?.end();
});

describe("the run-finished queue", () => {
  it("hands on a completed scheduled run once, and a worker stores its regressions", async () => {
    const scheduleId = await runs.createSchedule("Hourly");
    await runs.createRun(scheduleId, new Date("2026-12-06T01:00:00Z"), [target(() => 1)]);
    const run = await runs.createRun(scheduleId, new Date("2026-12-06T02:00:00Z"), [
      target((n) => (n % 2 === 0 ? 0 : 1)),
    ]);
    const unscheduled = await runs.createRun(null, new Date("2026-12-06T02:00:00Z"), [
      target(() => 0),
    ]);
    const notify = createRunFinishedNotifier(pool, boss);
    // Every chunk of the run reports it; the unscheduled run has nothing to detect.
    await Promise.all([notify(run), notify(run), notify(run), notify(unscheduled)]);
    expect(await jobsFor(run)).toEqual(["created"]);
    expect(await jobsFor(unscheduled)).toEqual([]);

    await startRegressionWorker({
      boss,
      db,
      log: () => undefined,
      // Alert deliveries (to whatever channels the database holds) are not sent from this test.
      send: async () => undefined,
      pollingIntervalSeconds: 0.5,
    });
    let states: string[] = [];
    for (let tries = 0; tries < 200; tries += 1) {
      states = await jobsFor(run);
      if (states.every((state) => state === "completed")) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(states).toEqual(["completed"]);
    const stored = await db.regression.findMany({ where: { runId: run } });
    expect(stored.map((row) => [row.rule, row.targetLabel])).toEqual([
      ["score_drop", "Worker probe model on a platform"],
    ]);
    // A run handed on again later (a chunk retried after a crash) finds its regression stored.
    await notify(run);
    for (let tries = 0; tries < 200; tries += 1) {
      states = await jobsFor(run);
      if (states.length === 2 && states.every((state) => state === "completed")) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(states).toEqual(["completed", "completed"]);
    expect(await db.regression.count({ where: { runId: run } })).toBe(1);
  }, 60_000);
});
