import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProbeSuite, type ProbeSuite } from "@/lib/testing/eval-harness";
import { Semaphore } from "@/lib/router/resilience";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { moveRun } from "../domain/runs/run-status";
import { createPrismaClient, type Db } from "../ops/db-client";
import { createDatabaseLink } from "./db-link";
import type { RunContext } from "./run-context";
import { createRunRegistry, type RunRegistry } from "./run-registry";

/**
 * The worker's open runs against real PostgreSQL: the status watch stops a run's calls when it is
 * cancelled, fails or spends its budget, drops the run once no job of it is running here, and
 * leaves running runs alone; a context that failed to load is loaded again next time.
 */

let db: Db;
let pool: pg.Pool;
let probe: ProbeSuite;

beforeAll(async () => {
  db = createPrismaClient(requireTestDatabaseUrl(), { max: 2 });
  pool = new pg.Pool({ connectionString: requireTestDatabaseUrl(), max: 2 });
  probe = await createProbeSuite(db, "registry");
});

afterAll(async () => {
  await probe.remove();
  await db.$disconnect();
  await pool.end();
});

const runningRun = (budgetUsd: number | null = null) => probe.createRun("running", { budgetUsd });

/** A context with nothing to call: the registry only reads its status, signal and job count. */
function bareContext(runId: string, budgetUsd: number | null): RunContext {
  return {
    runId,
    status: "running",
    suiteId: probe.suiteId,
    cases: [],
    temperature: 0,
    maxTokens: 64,
    stream: false,
    repeats: 1,
    concurrency: 1,
    platformConcurrency: null,
    requestsPerMinute: null,
    budgetUsd,
    judgeTarget: null,
    judgeModel: null,
    targets: new Map(),
    judgeRouter: null,
    slots: new Map(),
    lanes: new Semaphore(1),
    controller: new AbortController(),
    stopReason: null,
    activeJobs: 0,
  };
}

function registry(loads: string[], failFirstLoadOf?: string): RunRegistry {
  const link = createDatabaseLink({ probe: async () => undefined, log: () => undefined });
  return createRunRegistry({
    pool,
    link,
    load: async (runId) => {
      loads.push(runId);
      if (runId === failFirstLoadOf && loads.filter((id) => id === runId).length === 1) {
        throw new Error("the first load fails");
      }
      const row = await db.evalRun.findUniqueOrThrow({ where: { id: runId } });
      return bareContext(runId, row.budgetUsd === null ? null : Number(row.budgetUsd));
    },
  });
}

describe("the run registry", () => {
  it("loads a run once, and knows its budget cap", async () => {
    const runId = await runningRun(2.5);
    const loads: string[] = [];
    const runs = registry(loads);
    const [first, second] = await Promise.all([runs.get(runId), runs.get(runId)]);
    expect(first).toBe(second);
    expect(loads).toEqual([runId]);
    expect(runs.budgetLimit(runId)).toBe(2.5);
    expect(runs.budgetLimit("no-such-run")).toBeNull();
  });

  it("stops a cancelled run's calls and drops it, leaving a running run alone", async () => {
    const cancelled = await runningRun();
    const running = await runningRun();
    const loads: string[] = [];
    const runs = registry(loads);
    const stopped = await runs.get(cancelled);
    const untouched = await runs.get(running);
    expect(await moveRun(pool, cancelled, "cancel")).toBe(true);

    await runs.checkStatuses();
    expect(stopped.controller.signal.aborted).toBe(true);
    expect(stopped.stopReason).toBe("cancelled");
    expect(untouched.controller.signal.aborted).toBe(false);
    // Dropped: asking again loads it afresh; the running run is still held.
    await runs.get(cancelled);
    await runs.get(running);
    expect(loads).toEqual([cancelled, running, cancelled]);
  });

  it("stops a run over its budget as a budget stop, and keeps it while a job is still running", async () => {
    const runId = await runningRun(1);
    const loads: string[] = [];
    const runs = registry(loads);
    const context = await runs.get(runId);
    context.activeJobs = 1;
    expect(await moveRun(pool, runId, "exceedBudget")).toBe(true);

    await runs.checkStatuses();
    expect(context.stopReason).toBe("budget");
    expect(context.status).toBe("budget_exceeded");
    expect(runs.budgetLimit(runId)).toBe(1);

    context.activeJobs = 0;
    await runs.checkStatuses();
    expect(runs.budgetLimit(runId)).toBeNull();
  });

  it("forgets a context that failed to load, so the next job loads it again", async () => {
    const runId = await runningRun();
    const loads: string[] = [];
    const runs = registry(loads, runId);
    await expect(runs.get(runId)).rejects.toThrow("the first load fails");
    await runs.checkStatuses();
    const context = await runs.get(runId);
    expect(context.runId).toBe(runId);
    expect(loads).toEqual([runId, runId]);
  });
});
