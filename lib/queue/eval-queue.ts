import PgBoss from "pg-boss";
import { ensureQueue } from "./ensure-queue";

/**
 * The evaluation queue on pg-boss (v10), in the application's own PostgreSQL (schema `pgboss`).
 * One job is one chunk of one run's target: a range of case positions, every repeat of each.
 */

export const EVAL_QUEUE = "eval-chunk";

/** The PostgreSQL schema pg-boss keeps its tables in (its default, named here for readers). */
export const EVAL_QUEUE_SCHEMA = "pgboss";

/** A job: cases [from, to) of a run's suite (by position), for one target, every repeat. */
export type ChunkJobData = { runId: string; targetId: string; from: number; to: number };

/** Trials per job, aimed for: small enough to retry cheaply, large enough to amortise overhead. */
export const TRIALS_PER_JOB = 200;

export type QueueOptions = {
  connectionString: string;
  /** Run pg-boss maintenance (expiry, archiving) from this instance. Workers do; the web app not. */
  supervise?: boolean;
  maintenanceIntervalSeconds?: number;
  /** Connections in pg-boss's own pool. */
  max?: number;
  /**
   * Run pg-boss's cron monitor from this instance (workers do): it sends each scheduled job once,
   * whichever instances run it.
   */
  schedule?: boolean;
  /**
   * Hears pg-boss's errors (its maintenance, its pool's idle connections). Without a listener an
   * emitter's error crashes the process, so there is always one; by default it logs each error.
   */
  onError?: (error: unknown) => void;
};

/** Starts a pg-boss instance and makes sure the evaluation queue exists. */
export async function openEvalQueue(options: QueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: EVAL_QUEUE_SCHEMA,
    max: options.max ?? 4,
    supervise: options.supervise ?? false,
    schedule: options.schedule ?? false,
    migrate: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    application_name: "crossbench-queue",
  });
  boss.on(
    "error",
    options.onError ??
      ((error: unknown) => {
        console.error("[queue] pg-boss error:", error instanceof Error ? error.message : error);
      }),
  );
  await boss.start();
  await ensureQueue(boss, EVAL_QUEUE, {
    policy: "standard",
    retryLimit: 5,
    retryDelay: 1,
    // A backstop only: workers that stop beating have their jobs failed (and retried) sooner.
    expireInSeconds: 60 * 60,
  });
  return boss;
}

/** Splits a run into jobs: per target, chunks of cases with about `TRIALS_PER_JOB` trials each. */
export function planChunks(
  runId: string,
  targetIds: readonly string[],
  caseCount: number,
  repeats: number,
): ChunkJobData[] {
  const casesPerJob = Math.max(1, Math.floor(TRIALS_PER_JOB / Math.max(1, repeats)));
  const jobs: ChunkJobData[] = [];
  for (let from = 0; from < caseCount; from += casesPerJob) {
    for (const targetId of targetIds) {
      jobs.push({ runId, targetId, from, to: Math.min(caseCount, from + casesPerJob) });
    }
  }
  return jobs;
}

/** Queues a run's jobs. */
export async function enqueueChunks(boss: PgBoss, jobs: readonly ChunkJobData[]): Promise<void> {
  for (let index = 0; index < jobs.length; index += 500) {
    await boss.insert(
      jobs
        .slice(index, index + 500)
        .map((data) => ({ name: EVAL_QUEUE, data, retryLimit: 5, retryDelay: 1 })),
    );
  }
}
