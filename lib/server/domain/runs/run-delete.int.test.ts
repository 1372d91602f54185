import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyHistogram, LATENCY_HISTOGRAM, SPEED_HISTOGRAM } from "@/lib/eval/histogram";
import { EVAL_QUEUE, enqueueChunks } from "@/lib/queue/eval-queue";
import type { Role } from "@/lib/schemas/roles";
import type { RunStatusName } from "@/lib/schemas/runs";
import { createProbeSuite, openTestQueue, type ProbeSuite } from "@/lib/testing/eval-harness";
import { rejectionOf } from "@/lib/testing/rejection";
import { createRoleCallers, requireCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import type { Caller } from "../caller";
import { AppError } from "../errors";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { createReport, getReportView } from "../reports/reports";
import { deleteRun } from "./run-delete";

/**
 * Deleting a run against real PostgreSQL: only operators may; a run that may still store trials
 * is refused; everything of the run goes (trials, rollups, targets, limits, queue jobs) with an
 * audit entry; a report drafted from it still opens from its frozen copy.
 */

const suffix = randomBytes(4).toString("hex");
let db: Db;
let boss: PgBoss;
let probe: ProbeSuite;
let callers = new Map<Role, Caller>();

const callerFor = (role: Role) => requireCaller(callers, role);

/** A run in `status` with a target, two trials, rollups, limits, a budget hold and queued jobs. */
async function createFullRun(status: RunStatusName): Promise<string> {
  const runId = await probe.createRun(status);
  const target = await db.runTarget.create({
    data: {
      runId,
      position: 0,
      kind: "offering",
      label: "Probe model on Probe cloud",
      offeringIds: ["probe-offering"],
      targets: [],
      platformIds: ["probe-cloud"],
      isSimulated: true,
    },
  });
  const now = new Date();
  await db.trial.createMany({
    data: [0, 1].map((repeat) => ({
      runId,
      targetId: target.id,
      caseId: "c1",
      repeat,
      status: "ok",
      output: "Hi",
      startedAt: now,
      finishedAt: now,
    })),
  });
  await db.runTargetStats.create({
    data: {
      runId,
      targetId: target.id,
      trials: 2,
      latencyHist: emptyHistogram(LATENCY_HISTOGRAM),
      ttftHist: emptyHistogram(LATENCY_HISTOGRAM),
      speedHist: emptyHistogram(SPEED_HISTOGRAM),
    },
  });
  await db.runCaseStats.create({
    data: { runId, targetId: target.id, caseId: "c1", category: "general", trials: 2 },
  });
  await db.evalSlot.create({ data: { runId, platformId: "probe-cloud", slot: 0 } });
  await db.evalRateBucket.create({
    data: { runId, platformId: "probe-cloud", tokens: 1, capacity: 1, perSecond: 1 },
  });
  await db.evalBudgetHold.create({ data: { runId, workerId: "gone-worker", reservedUsd: 0 } });
  await enqueueChunks(boss, [{ runId, targetId: target.id, from: 0, to: 1 }]);
  return runId;
}

async function countsOf(runId: string) {
  const [jobs] = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE "name" = $1 AND "data"->>'runId' = $2`,
    EVAL_QUEUE,
    runId,
  );
  return {
    runs: await db.evalRun.count({ where: { id: runId } }),
    targets: await db.runTarget.count({ where: { runId } }),
    trials: await db.trial.count({ where: { runId } }),
    targetStats: await db.runTargetStats.count({ where: { runId } }),
    caseStats: await db.runCaseStats.count({ where: { runId } }),
    slots: await db.evalSlot.count({ where: { runId } }),
    rateBuckets: await db.evalRateBucket.count({ where: { runId } }),
    budgetHolds: await db.evalBudgetHold.count({ where: { runId } }),
    jobs: jobs?.n ?? 0,
  };
}

const EVERYTHING = {
  runs: 1,
  targets: 1,
  trials: 2,
  targetStats: 1,
  caseStats: 1,
  slots: 1,
  rateBuckets: 1,
  budgetHolds: 1,
  jobs: 1,
};

const auditFor = (runId: string) =>
  db.auditEvent.findMany({ where: { action: "run.deleted", targetId: runId } });

beforeAll(async () => {
  const url = requireTestDatabaseUrl();
  db = createPrismaClient(url, { max: 3 });
  boss = await openTestQueue(url);
  probe = await createProbeSuite(db, "run-delete");
  callers = await createRoleCallers(db, { label: "run-delete", suffix, adminIp: "192.0.2.31" });
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await probe?.remove();
  await db?.$disconnect();
});

describe("deleting a run", () => {
  it.each(["viewer", "analyst"] as const)("refuses a %s and keeps everything", async (role) => {
    const runId = await createFullRun("completed");
    const error = await rejectionOf(deleteRun(callerFor(role), db, runId), AppError);
    expect(error.code).toBe("FORBIDDEN");
    expect(await countsOf(runId)).toEqual(EVERYTHING);
    expect(await auditFor(runId)).toEqual([]);
  });

  it.each(["queued", "running"] as const)(
    "refuses a %s run (cancel it first) and keeps everything",
    async (status) => {
      const runId = await createFullRun(status);
      const error = await rejectionOf(deleteRun(callerFor("operator"), db, runId), AppError);
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toContain("cancel it first");
      expect(await countsOf(runId)).toEqual(EVERYTHING);
      expect(await auditFor(runId)).toEqual([]);
    },
  );

  it("waits while a live worker still holds one of its jobs, not for a worker that stopped", async () => {
    const runId = await createFullRun("cancelled");
    const workerId = `run-delete-worker-${suffix}`;
    await db.evalWorker.create({ data: { id: workerId, hostname: "test", pid: 1 } });
    await db.evalJobClaim.create({ data: { jobId: `job-${suffix}`, workerId, runId } });

    const error = await rejectionOf(deleteRun(callerFor("operator"), db, runId), AppError);
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("try again in a few seconds");
    expect((await countsOf(runId)).trials).toBe(2);

    // A worker silent for a minute is presumed stopped: its claim no longer holds the run.
    await db.evalWorker.update({
      where: { id: workerId },
      data: { heartbeatAt: new Date(Date.now() - 60_000) },
    });
    await deleteRun(callerFor("operator"), db, runId);
    expect(await db.evalJobClaim.count({ where: { runId } })).toBe(0);
    await db.evalWorker.delete({ where: { id: workerId } });
  });

  it("deletes a finished run with its trials, rollups, targets, limits and queued jobs, and audits it", async () => {
    const operator = callerFor("operator");
    const runId = await createFullRun("completed");
    const other = await createFullRun("completed");

    expect(await deleteRun(operator, db, runId)).toEqual({ name: "run-delete probe", trials: 2 });

    expect(await countsOf(runId)).toEqual({
      runs: 0,
      targets: 0,
      trials: 0,
      targetStats: 0,
      caseStats: 0,
      slots: 0,
      rateBuckets: 0,
      budgetHolds: 0,
      jobs: 0,
    });
    expect(await countsOf(other)).toEqual(EVERYTHING);
    const events = await auditFor(runId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: operator.userId,
      actorEmail: operator.email,
      targetType: "run",
      detail: { name: "run-delete probe", status: "completed", trials: 2 },
    });

    const again = await rejectionOf(deleteRun(operator, db, runId), AppError);
    expect(again.code).toBe("NOT_FOUND");
  });

  it("leaves a report drafted from the run readable from its frozen copy", async () => {
    const runId = await createFullRun("completed");
    const report = await createReport(callerFor("analyst"), db, {
      title: `Drafted before the delete ${suffix}`,
      runIds: [runId],
      modelIds: [],
      platformIds: [],
    });

    await deleteRun(callerFor("operator"), db, runId);

    const view = await getReportView(callerFor("viewer"), db, report.id);
    expect(view.data.runs.map((run) => [run.id, run.name])).toEqual([[runId, "run-delete probe"]]);
    await db.report.delete({ where: { id: report.id } });
  });
});
