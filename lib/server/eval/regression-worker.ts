import type { Pool } from "pg";
import { ensureQueue } from "@/lib/queue/ensure-queue";
import type PgBoss from "pg-boss";
import { queueRegressionAlerts, type SendAlertDeliveries } from "../domain/alerts/deliveries";
import { detectRegressions, listRunRegressionIds } from "../domain/alerts/regressions";
import type { Db } from "../ops/db-client";
import { createAlertSender } from "./alert-worker";

/**
 * The workers' side of regression detection: when a scheduled run completes, a job on the
 * "run-finished" queue runs the regression rules off the trial-storing path and queues the alerts.
 *
 * Why nothing is lost on a crash:
 * - the job runner hands a run on after every chunk job, *before* it completes the chunk with the
 *   queue (see createRunFinishedNotifier). The chunk that stored the last trial (and completed the
 *   run in the same transaction) always does so after the run completed; if the worker dies first,
 *   or the hand-over fails, the chunk job is not completed, pg-boss (or the reaper) runs it again,
 *   the retry finds the run completed and hands it on again;
 * - the detection job is retried by pg-boss with backoff, and expires back to the queue if its
 *   worker dies mid-way; detection stores each finding once (a run, rule and target identify it)
 *   and alerts are queued for every regression of the run, each to a channel only once, so a
 *   retry finishes what a crashed attempt began and repeats nothing;
 * - the queue is "stately" and each job's singleton key is its run: at most one job per run waits
 *   and one runs, so several chunks finishing together queue one detection, and two detections of
 *   one run never run at once.
 */

export const RUN_FINISHED_QUEUE = "run-finished";

const RETRY_LIMIT = 5;
const RETRY_DELAY_SECONDS = 15;
/** A detection reads two runs' rollups; one still active after this died with its worker. */
const EXPIRE_SECONDS = 5 * 60;

type RunFinishedJob = { runId: string };

/** Makes sure the queue exists (once per pg-boss instance); several processes may race. */
export function ensureRunFinishedQueue(boss: PgBoss): Promise<void> {
  return ensureQueue(boss, RUN_FINISHED_QUEUE, {
    policy: "stately",
    retryLimit: RETRY_LIMIT,
    retryDelay: RETRY_DELAY_SECONDS,
    retryBackoff: true,
    expireInSeconds: EXPIRE_SECONDS,
  });
}

/**
 * What the job runner calls after each chunk job, before completing it: when the chunk's run is a
 * scheduled run that has completed, queues its detection. Throws when the run could not be read or
 * the job not queued, so the chunk job is retried rather than completed.
 */
export function createRunFinishedNotifier(
  pool: Pick<Pool, "query">,
  boss: PgBoss,
): (runId: string) => Promise<void> {
  return async (runId) => {
    const { rows } = await pool.query<{ status: string; scheduleId: string | null }>(
      `SELECT "status", "scheduleId" FROM "EvalRun" WHERE "id" = $1`,
      [runId],
    );
    const run = rows[0];
    if (!run || run.status !== "completed" || run.scheduleId === null) return;
    await ensureRunFinishedQueue(boss);
    // Null when a job for the run is already waiting: that one will do.
    await boss.send(RUN_FINISHED_QUEUE, { runId } satisfies RunFinishedJob, {
      singletonKey: runId,
      retryLimit: RETRY_LIMIT,
      retryDelay: RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: EXPIRE_SECONDS,
    });
  };
}

/**
 * Detects a finished run's regressions and queues alerts for all of the run's regressions (those
 * stored by an earlier, interrupted attempt too; a regression already queued to a channel is not
 * queued to it again).
 */
export async function handleRunFinished(
  db: Db,
  runId: string,
  send: SendAlertDeliveries,
): Promise<{ stored: string[]; queued: number }> {
  const stored = await detectRegressions(db, runId);
  const queued = await queueRegressionAlerts(db, await listRunRegressionIds(db, runId), send);
  return { stored, queued };
}

/** Registers this worker as a consumer of the run-finished queue. */
export async function startRegressionWorker(options: {
  boss: PgBoss;
  db: Db;
  log: (line: string) => void;
  /** Where alert deliveries go; by default the alert queue on `boss`. */
  send?: SendAlertDeliveries;
  pollingIntervalSeconds?: number;
}): Promise<void> {
  const { boss, db, log } = options;
  const send = options.send ?? createAlertSender(boss);
  await ensureRunFinishedQueue(boss);
  await boss.work<RunFinishedJob>(
    RUN_FINISHED_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
    async (jobs) => {
      for (const job of jobs) {
        const { stored, queued } = await handleRunFinished(db, job.data.runId, send);
        if (stored.length > 0 || queued > 0) {
          log(
            `run ${job.data.runId}: ${stored.length} regression${stored.length === 1 ? "" : "s"} stored, ${queued} alert${queued === 1 ? "" : "s"} queued`,
          );
        }
      }
    },
  );
}
