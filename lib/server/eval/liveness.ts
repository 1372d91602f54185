import { hostname } from "node:os";
import type { Pool } from "pg";
import type PgBoss from "pg-boss";
import { EVAL_QUEUE } from "@/lib/queue/eval-queue";
import type { DatabaseLink } from "./db-link";
import { releaseWorkerHolds } from "./limits";

/**
 * How workers know each other are alive. Each worker has a row in "EvalWorker" and beats it every
 * few seconds; the row is an upsert, so a worker cut off for longer than the staleness period
 * (presumed dead by the others) comes back with its first beat. On each beat a worker also reaps:
 * workers silent for longer than `staleAfterMs` lose their row, their claimed jobs are failed
 * (pg-boss retries them, and the retry skips trials already stored) and their budget holds and
 * slot leases are given back, as are the holds of any worker no longer registered.
 */

/** How long a worker may stay silent before the others presume it dead (the default). */
export const WORKER_STALE_AFTER_MS = 20_000;

/** Registers the worker, or renews its heartbeat. */
export async function beatHeart(pool: Pool, workerId: string): Promise<void> {
  await pool.query(
    `INSERT INTO "EvalWorker" ("id", "hostname", "pid") VALUES ($1, $2, $3)
     ON CONFLICT ("id") DO UPDATE SET "heartbeatAt" = now()`,
    [workerId, hostname(), process.pid],
  );
}

/** Removes the worker from the registry (it is leaving; its claims are settled already). */
export async function deregister(pool: Pool, workerId: string): Promise<void> {
  await pool.query(`DELETE FROM "EvalWorker" WHERE "id" = $1`, [workerId]);
}

/** Fails the jobs of workers silent for `staleAfterMs` and frees what they held. */
export async function reapStoppedWorkers(
  pool: Pool,
  boss: Pick<PgBoss, "fail">,
  staleAfterMs: number,
  log: (line: string) => void,
): Promise<void> {
  const dead = await pool.query<{ id: string }>(
    `DELETE FROM "EvalWorker" WHERE "heartbeatAt" < now() - make_interval(secs => $1) RETURNING "id"`,
    [staleAfterMs / 1000],
  );
  const orphaned = await pool.query<{ jobId: string; workerId: string }>(
    `SELECT c."jobId", c."workerId" FROM "EvalJobClaim" c
     WHERE NOT EXISTS (SELECT 1 FROM "EvalWorker" w WHERE w."id" = c."workerId")`,
  );
  for (const claim of orphaned.rows) {
    await boss.fail(EVAL_QUEUE, claim.jobId, { reason: `worker ${claim.workerId} stopped` });
    await pool.query(`DELETE FROM "EvalJobClaim" WHERE "jobId" = $1 AND "workerId" = $2`, [
      claim.jobId,
      claim.workerId,
    ]);
    log(`handed back job ${claim.jobId} from stopped worker ${claim.workerId}`);
  }
  // Budget holds of any worker not in the registry (just reaped, or one that left without giving
  // them back) go back too: a reservation waits for holds to come back, so none may be stranded.
  const stranded = await pool.query<{ workerId: string }>(
    `SELECT DISTINCT h."workerId" FROM "EvalBudgetHold" h
     WHERE h."reservedUsd" > 0
       AND NOT EXISTS (SELECT 1 FROM "EvalWorker" w WHERE w."id" = h."workerId")`,
  );
  await releaseWorkerHolds(pool, [
    ...new Set([...dead.rows.map((row) => row.id), ...stranded.rows.map((row) => row.workerId)]),
  ]);
}

export type Heartbeat = {
  /**
   * After an outage the other workers were probably cut off too: give them a full staleness
   * period to beat again before presuming them dead and taking their jobs.
   */
  holdReaping(): void;
  stop(): void;
};

/** Beats (and reaps) every `heartbeatMs` while the database is reachable. */
export function startHeartbeat(options: {
  pool: Pool;
  boss: Pick<PgBoss, "fail">;
  link: DatabaseLink;
  workerId: string;
  heartbeatMs: number;
  staleAfterMs: number;
  log: (line: string) => void;
}): Heartbeat {
  const { pool, boss, link, workerId, staleAfterMs, log } = options;
  let reapNotBefore = 0;
  let isBeating = false;
  const timer = setInterval(() => {
    if (isBeating || !link.isReachable()) return;
    isBeating = true;
    void (async () => {
      await beatHeart(pool, workerId);
      if (Date.now() >= reapNotBefore) await reapStoppedWorkers(pool, boss, staleAfterMs, log);
    })()
      .catch((error: unknown) => link.note("the heartbeat", error))
      .finally(() => {
        isBeating = false;
      });
  }, options.heartbeatMs);
  return {
    holdReaping() {
      reapNotBefore = Date.now() + staleAfterMs;
    },
    stop: () => clearInterval(timer),
  };
}
