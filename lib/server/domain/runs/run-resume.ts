import type { Prisma } from "@/prisma/generated/client";
import { planChunks, type ChunkJobData } from "@/lib/queue/eval-queue";
import { AppError } from "../errors";
import { actorOf, recordAudit } from "../audit";
import { requireRole, notFound, type Caller } from "../caller";
import { reopenRun } from "./run-status";
import type { Db } from "../../ops/db-client";

/**
 * Another go at a run that did not finish (`resume`), or at the trials of a run that ended in
 * error (`retryErrors`). Both keep every stored trial: the engine skips a stored (case, repeat)
 * and only the chunks that still miss trials are queued again.
 *
 * A run's end states are final for the lifecycle's events (lib/eval/run-lifecycle.ts); reopening
 * one is the lifecycle's one exception (RUN_REOPEN, written by run-status.ts's reopenRun): only
 * from an end state, back to queued, with the rollups made to match what is stored.
 */

type Tx = Prisma.TransactionClient;

export type RelaunchOptions = { enqueue: (jobs: ChunkJobData[]) => Promise<void> };

export type Relaunch = {
  runId: string;
  /** Trials the run still has to store. */
  missingTrials: number;
  /** Jobs queued. */
  jobs: number;
  /** Error trials removed for another attempt (retryErrors only). */
  removedErrors: number;
};

type RunRow = { id: string; status: string; repeats: number; suiteId: string };

async function lockRun(tx: Tx, runId: string): Promise<RunRow> {
  const rows = await tx.$queryRawUnsafe<RunRow[]>(
    `SELECT "id", "status"::text AS "status", "repeats", "suiteId" FROM "EvalRun" WHERE "id" = $1 FOR UPDATE`,
    runId,
  );
  const run = rows[0];
  if (!run) notFound("That run");
  return run;
}

/** Reopens an ended run through the one writer of run status (queued/running: left as they are). */
async function reopen(tx: Tx, run: RunRow, message: string): Promise<void> {
  await reopenRun(
    {
      query: async (text, values) => ({ rowCount: await tx.$executeRawUnsafe(text, ...values) }),
    },
    run.id,
    message,
  );
}

/**
 * The chunks of the run that miss at least one trial: planned as at launch, so a job covers the
 * same cases it did then, and the trials already stored in it are skipped by the engine.
 */
async function missingChunks(tx: Tx, run: RunRow): Promise<ChunkJobData[]> {
  const targets = await tx.runTarget.findMany({
    where: { runId: run.id },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  const caseCount = await tx.suiteCase.count({ where: { suiteId: run.suiteId } });
  const complete = await tx.$queryRawUnsafe<{ targetId: string; position: number }[]>(
    `SELECT t."targetId", c."position"
       FROM "Trial" t JOIN "SuiteCase" c ON c."suiteId" = $2 AND c."id" = t."caseId"
      WHERE t."runId" = $1
      GROUP BY t."targetId", c."position"
     HAVING count(*) >= $3`,
    run.id,
    run.suiteId,
    run.repeats,
  );
  const done = new Set(complete.map((row) => `${row.targetId}\u0000${row.position}`));
  return planChunks(
    run.id,
    targets.map((target) => target.id),
    caseCount,
    run.repeats,
  ).filter((job) => {
    for (let position = job.from; position < job.to; position++)
      if (!done.has(`${job.targetId}\u0000${position}`)) return true;
    return false;
  });
}

async function missingTrials(tx: Tx, runId: string): Promise<number> {
  const run = await tx.evalRun.findUniqueOrThrow({
    where: { id: runId },
    select: { expectedTrials: true, storedTrials: true },
  });
  return Math.max(0, run.expectedTrials - run.storedTrials);
}

async function queue(
  db: Db,
  caller: Caller,
  runId: string,
  jobs: ChunkJobData[],
  options: RelaunchOptions,
  detail: Prisma.InputJsonValue,
): Promise<void> {
  await options.enqueue(jobs);
  await recordAudit(db, {
    action: "run.launched",
    actor: caller.userId ? actorOf(caller) : { id: null, email: caller.email },
    targetType: "run",
    targetId: runId,
    detail,
    ipAddress: caller.ipAddress,
  });
}

/**
 * Continues a run that was interrupted, cancelled, failed or stopped at its budget: its stored
 * trials stay, and the chunks that still miss trials are queued again. Operators.
 */
export async function resumeRun(
  caller: Caller,
  db: Db,
  runId: string,
  options: RelaunchOptions,
): Promise<Relaunch> {
  requireRole(caller, "operator");
  const { jobs, missing } = await db.$transaction(async (tx: Tx) => {
    const run = await lockRun(tx, runId);
    const missing = await missingTrials(tx, runId);
    if (missing === 0) {
      throw new AppError("CONFLICT", `Run ${runId} has every trial stored: nothing to resume.`);
    }
    await reopen(tx, run, "Resumed from the command line; stored trials are kept.");
    return { jobs: await missingChunks(tx, run), missing };
  });
  await queue(db, caller, runId, jobs, options, { resumed: true, jobs: jobs.length });
  return { runId, missingTrials: missing, jobs: jobs.length, removedErrors: 0 };
}

type RemovedTrial = {
  targetId: string;
  caseId: string;
  errorKind: string | null;
  servedBy: string | null;
  servedModel: string | null;
};

function countBy(rows: readonly RemovedTrial[], key: (row: RemovedTrial) => string | null) {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const value = key(row);
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/** Subtracts counts from a { key: count } rollup, dropping keys that reach zero. */
function subtractCounts(current: unknown, remove: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...((current ?? {}) as Record<string, number>) };
  for (const [key, count] of remove) {
    const left = (out[key] ?? 0) - count;
    if (left > 0) out[key] = left;
    else delete out[key];
  }
  return out;
}

/**
 * A new attempt at the trials of a finished run that ended in error: in one transaction they are
 * deleted and the run's rollups (per target, per case) and stored count are reduced to match, as
 * if those trials had never been stored; the run is reopened and the chunks holding them queued.
 * Error trials add nothing to scores, costs, tokens or latency histograms, so only counts change.
 * The run's spend is kept: whatever the failed calls cost was spent. Operators.
 */
export async function retryRunErrors(
  caller: Caller,
  db: Db,
  runId: string,
  options: RelaunchOptions,
): Promise<Relaunch> {
  requireRole(caller, "operator");
  const result = await db.$transaction(async (tx: Tx) => {
    const run = await lockRun(tx, runId);
    if (run.status === "queued" || run.status === "running") {
      throw new AppError(
        "CONFLICT",
        `Run ${runId} is still ${run.status}: retry its errors once it has ended (or cancel it).`,
      );
    }
    const removed = await tx.$queryRawUnsafe<RemovedTrial[]>(
      `DELETE FROM "Trial" WHERE "runId" = $1 AND "status" = 'error'
       RETURNING "targetId", "caseId", "errorKind", "servedBy",
                 coalesce("servedModelId", "servedModelRaw") AS "servedModel"`,
      runId,
    );
    if (removed.length === 0) {
      throw new AppError("CONFLICT", `Run ${runId} has no trial that ended in error.`);
    }
    const byTarget = new Map<string, RemovedTrial[]>();
    for (const row of removed)
      byTarget.set(row.targetId, [...(byTarget.get(row.targetId) ?? []), row]);
    // Lock order as the trial store's: target rollups by id, case rollups by key, then the run.
    for (const targetId of [...byTarget.keys()].sort()) {
      const rows = byTarget.get(targetId) ?? [];
      const current = await tx.$queryRawUnsafe<
        { errorsByKind: unknown; servedBy: unknown; servedModels: unknown }[]
      >(
        `SELECT "errorsByKind", "servedBy", "servedModels" FROM "RunTargetStats"
          WHERE "runId" = $1 AND "targetId" = $2 FOR UPDATE`,
        runId,
        targetId,
      );
      const stats = current[0];
      if (!stats) continue;
      await tx.$executeRawUnsafe(
        `UPDATE "RunTargetStats" SET "trials" = "trials" - $3, "errors" = "errors" - $3,
           "errorsByKind" = $4::jsonb, "servedBy" = $5::jsonb, "servedModels" = $6::jsonb,
           "updatedAt" = now()
         WHERE "runId" = $1 AND "targetId" = $2`,
        runId,
        targetId,
        rows.length,
        JSON.stringify(
          subtractCounts(
            stats.errorsByKind,
            countBy(rows, (r) => r.errorKind ?? "unknown"),
          ),
        ),
        JSON.stringify(
          subtractCounts(
            stats.servedBy,
            countBy(rows, (r) => r.servedBy),
          ),
        ),
        JSON.stringify(
          subtractCounts(
            stats.servedModels,
            countBy(rows, (r) => r.servedModel),
          ),
        ),
      );
    }
    const byCase = countBy(removed, (row) => `${row.targetId}\u0000${row.caseId}`);
    const caseKeys = [...byCase.keys()].sort();
    await tx.$executeRawUnsafe(
      `UPDATE "RunCaseStats" s SET "trials" = s."trials" - d.n, "errors" = s."errors" - d.n
         FROM unnest($2::text[], $3::text[], $4::int[]) AS d("targetId", "caseId", n)
        WHERE s."runId" = $1 AND s."targetId" = d."targetId" AND s."caseId" = d."caseId"`,
      runId,
      caseKeys.map((key) => key.split("\u0000")[0] ?? ""),
      caseKeys.map((key) => key.split("\u0000")[1] ?? ""),
      caseKeys.map((key) => byCase.get(key) ?? 0),
    );
    await tx.$executeRawUnsafe(
      `UPDATE "EvalRun" SET "storedTrials" = "storedTrials" - $2 WHERE "id" = $1`,
      runId,
      removed.length,
    );
    await reopen(
      tx,
      run,
      `Retrying ${removed.length} trial${removed.length === 1 ? "" : "s"} that ended in error; the others are kept.`,
    );
    return { jobs: await missingChunks(tx, run), removed: removed.length };
  });
  await queue(db, caller, runId, result.jobs, options, {
    retriedErrors: result.removed,
    jobs: result.jobs.length,
  });
  return {
    runId,
    missingTrials: result.removed,
    jobs: result.jobs.length,
    removedErrors: result.removed,
  };
}
