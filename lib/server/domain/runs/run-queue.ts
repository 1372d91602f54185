import { EVAL_QUEUE, EVAL_QUEUE_SCHEMA } from "@/lib/queue/eval-queue";
import type { QueueStanding, RunStatusName } from "@/lib/schemas/runs";
import type { Prisma } from "@/prisma/generated/client";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import { WORKER_STALE_AFTER_MS } from "../../eval/liveness";
import type { Db } from "../../ops/db-client";

/**
 * Where a queued run stands in the evaluation queue. Workers take jobs one at a time from pg-boss
 * in its own order (priority, then the time the job was queued, then its id), across every run,
 * so a run starts once the jobs queued before its first one have been taken. This reads that queue
 * and the worker registry; it does not guess at what it cannot see.
 */

const JOB_TABLE = `"${EVAL_QUEUE_SCHEMA}"."job"`;

type Sql = Pick<Prisma.TransactionClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** pg-boss makes its tables the first time a queue opens: a fresh database may not have them. */
async function hasJobTable(db: Sql): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<{ present: boolean }[]>(
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    JOB_TABLE,
  );
  return rows[0]?.present ?? false;
}

/** Removes every job of the run from the queue, so no worker picks up a run that is gone. */
export async function deleteRunJobs(db: Sql, runId: string): Promise<number> {
  if (!(await hasJobTable(db))) return 0;
  return db.$executeRawUnsafe(
    `DELETE FROM ${JOB_TABLE} WHERE "name" = $1 AND "data"->>'runId' = $2`,
    EVAL_QUEUE,
    runId,
  );
}

type AheadRow = {
  id: string;
  name: string;
  status: RunStatusName;
  trials_left: number;
  jobs_waiting: number;
  jobs_running: number;
};

/** The run's job a worker will take first, or null when none of its jobs waits. */
async function findFirstWaitingJob(db: Sql, runId: string): Promise<string | null> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id"::text AS id FROM ${JOB_TABLE}
     WHERE "name" = $1 AND "data"->>'runId' = $2 AND "state" < 'active'
     ORDER BY "priority" DESC, "created_on", "id"
     LIMIT 1`,
    EVAL_QUEUE,
    runId,
  );
  return rows[0]?.id ?? null;
}

/**
 * Runs with jobs that come before job `firstJobId` of run `runId` in the order workers take them,
 * or that a worker is running now, in queue order. Only queued and running runs count: a worker
 * drops the jobs of a run that ended as soon as it takes them.
 */
async function listRunsAhead(db: Sql, runId: string, firstJobId: string): Promise<AheadRow[]> {
  return db.$queryRawUnsafe<AheadRow[]>(
    `WITH first_job AS (
       SELECT "priority", "created_on", "id" FROM ${JOB_TABLE} WHERE "name" = $1 AND "id" = $2::uuid
     )
     SELECT r."id", r."name", r."status"::text AS status,
            greatest(r."expectedTrials" - r."storedTrials", 0) AS trials_left,
            count(*) FILTER (WHERE j."state" < 'active')::int AS jobs_waiting,
            count(*) FILTER (WHERE j."state" = 'active')::int AS jobs_running
     FROM ${JOB_TABLE} j
     CROSS JOIN first_job f
     JOIN "EvalRun" r ON r."id" = j."data"->>'runId'
     WHERE j."name" = $1
       AND r."id" <> $3
       AND r."status" IN ('queued', 'running')
       AND (j."state" = 'active'
            OR (j."state" < 'active'
                AND (-j."priority", j."created_on", j."id") < (-f."priority", f."created_on", f."id")))
     GROUP BY r."id"
     ORDER BY min(j."created_on"), r."id"`,
    EVAL_QUEUE,
    firstJobId,
    runId,
  );
}

/** Where the run's first waiting job stands: null when none waits (or there is no queue yet). */
async function findRunsAhead(db: Sql, runId: string): Promise<AheadRow[] | null> {
  if (!(await hasJobTable(db))) return null;
  const firstJobId = await findFirstWaitingJob(db, runId);
  return firstJobId === null ? null : listRunsAhead(db, runId, firstJobId);
}

/** How many workers sent a heartbeat within the staleness period. */
async function countLiveWorkers(db: Sql): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "EvalWorker"
     WHERE "heartbeatAt" > now() - make_interval(secs => $1)`,
    WORKER_STALE_AFTER_MS / 1000,
  );
  return rows[0]?.n ?? 0;
}

/** Where a run stands in the queue and whether any worker is there to take it. Viewers. */
export async function getQueueStanding(
  caller: Caller,
  db: Db,
  runId: string,
): Promise<QueueStanding> {
  requireRole(caller, "viewer");
  const run = await db.evalRun.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) notFound("That run");
  const [ahead, liveWorkers, throughput] = await Promise.all([
    findRunsAhead(db, runId),
    countLiveWorkers(db),
    measureThroughput(db),
  ]);
  const runsAhead = (ahead ?? []).map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    jobsWaiting: row.jobs_waiting,
    jobsRunning: row.jobs_running,
    trialsLeft: row.trials_left,
  }));
  const trialsAhead = runsAhead.reduce((sum, r) => sum + r.trialsLeft, 0);
  return {
    isWaiting: ahead !== null,
    runsAhead,
    liveWorkers,
    staleAfterSeconds: WORKER_STALE_AFTER_MS / 1000,
    trialsPerSecond: throughput,
    startEtaMs:
      liveWorkers === 0 || throughput === null
        ? null
        : trialsAhead === 0
          ? 0
          : (trialsAhead / throughput) * 1000,
  };
}

/**
 * Trials stored per second by the runs going now: each running run's stored trials over the time
 * since it started, summed (the workers' measured pace, not a guess). Null when no run is going
 * or none has stored a trial yet.
 */
async function measureThroughput(db: Db): Promise<number | null> {
  const running = await db.evalRun.findMany({
    where: { status: "running", startedAt: { not: null }, storedTrials: { gt: 0 } },
    select: { startedAt: true, storedTrials: true },
  });
  const now = Date.now();
  const rate = running.reduce((sum, run) => {
    const seconds = (now - (run.startedAt?.getTime() ?? now)) / 1000;
    return seconds > 0 ? sum + run.storedTrials / seconds : sum;
  }, 0);
  return rate > 0 ? rate : null;
}
