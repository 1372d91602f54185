import type { Pool } from "pg";
import type PgBoss from "pg-boss";
import { executeChunk, type TrialStore } from "@/lib/eval/engine";
import { formatUsd } from "@/lib/format";
import { isTerminalStatus } from "@/lib/eval/run-lifecycle";
import { EVAL_QUEUE, type ChunkJobData } from "@/lib/queue/eval-queue";
import { systemClock } from "@/lib/router/resilience";
import { moveRun } from "../domain/runs/run-status";
import { describeError, type DatabaseLink } from "./db-link";
import type { OutageGuard } from "./outage-guard";
import { createRunJudge } from "./run-context";
import type { RunRegistry } from "./run-registry";

export type JobRunnerDeps = {
  pool: Pool;
  boss: Pick<PgBoss, "fetch" | "complete" | "fail">;
  link: DatabaseLink;
  guard: OutageGuard;
  runs: RunRegistry;
  store: TrialStore;
  workerId: string;
  pollMs: number;
  /** Ends the job loops: no new jobs. */
  stopping: AbortSignal;
  /** Ends every wait for the database: the worker is leaving, whatever it still holds. */
  halt: AbortSignal;
  log: (line: string) => void;
  /**
   * Called with the job's run after a chunk ran to its end (or found its run already over), before
   * the job is completed: a failure here leaves the job to be retried, so what it hands on (a
   * finished run's regression detection) is not lost with a crashed worker.
   */
  afterChunk?: (runId: string) => Promise<void>;
};

export type JobRunner = {
  /** One of the worker's loops: take a job, run it, settle it, repeat until `stopping`. */
  loop(): Promise<void>;
  /** Jobs running now, across the loops. */
  running(): number;
};

/**
 * Takes chunk jobs from the queue and runs them. The worker takes jobs itself rather than through
 * pg-boss's `work`, which completes and fails jobs without waiting for the result: a lost reply
 * there was an unhandled rejection that ended the process. Here a job cut short by a database
 * outage runs again in place once the database is back, and settling a job waits for it too.
 */
export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const { pool, boss, link, guard, runs, store, halt, log } = deps;
  let jobsRunning = 0;

  /** Runs one job's chunk. Throws when it did not finish; the caller settles the job. */
  async function handle(data: ChunkJobData): Promise<void> {
    const context = await runs.get(data.runId);
    const fresh = await pool.query<{ status: string }>(
      `SELECT "status" FROM "EvalRun" WHERE "id" = $1`,
      [data.runId],
    );
    context.status = fresh.rows[0]?.status ?? "failed";
    if (isTerminalStatus(context.status) || context.controller.signal.aborted) {
      await deps.afterChunk?.(data.runId);
      return;
    }
    if (context.status === "queued") {
      await moveRun(pool, data.runId, "start");
      context.status = "running";
    }
    const target = context.targets.get(data.targetId);
    if (!target) throw new Error(`run ${data.runId} has no target ${data.targetId}`);
    context.activeJobs += 1;
    try {
      const result = await executeChunk(
        {
          runId: data.runId,
          targetId: data.targetId,
          candidates: target.candidates,
          cases: context.cases.slice(data.from, data.to),
          repeats: context.repeats,
          temperature: context.temperature,
          maxTokens: context.maxTokens,
          stream: context.stream,
        },
        {
          route: (candidates, request, signal) =>
            guard.route(target.router, candidates, request, { signal, runId: data.runId }),
          judge: createRunJudge(context, guard.route),
          store,
          // Any job of the run may use all of this worker's lanes for it; the lanes are shared.
          concurrency: context.lanes.max,
          lanes: context.lanes,
          signal: context.controller.signal,
          stopReason: () => context.stopReason,
          now: Date.now,
        },
      );
      const planned = (data.to - data.from) * context.repeats;
      if (result.stopped === null && result.stored + result.skipped < planned) {
        // Stopped by this worker shutting down, not by the run: hand the job back to the queue
        // so another worker stores the rest (the trials stored so far are kept and skipped).
        throw new Error("the worker stopped before the job finished; it will be retried");
      }
      if (result.stopped === "budget") {
        await link.retry(async () => {
          const message = await budgetStopMessage(pool, data.runId, result.budgetRefusal);
          await moveRun(pool, data.runId, "exceedBudget", message);
        }, halt);
        runs.stopLocally(context, "budget");
      }
    } finally {
      context.activeJobs -= 1;
    }
    await deps.afterChunk?.(data.runId);
  }

  /**
   * Runs `handle` until it finishes or fails for a reason other than the database going away.
   * Returns the failure, or null.
   */
  async function handleThroughOutages(data: ChunkJobData): Promise<{ error: unknown } | null> {
    let unexplained = 0;
    for (;;) {
      const outagesBefore = link.outages();
      try {
        await handle(data);
        return null;
      } catch (error) {
        const isConnectionError = link.report(error);
        const hadOutage = link.outages() !== outagesBefore || !link.isReachable();
        // A connection error with no outage behind it (the server answers) may be a broken
        // connection in a pool: worth another go or two, not an endless loop.
        if (isConnectionError && !hadOutage) unexplained += 1;
        if ((isConnectionError || hadOutage) && unexplained < 3 && !halt.aborted) {
          await link.waitUntilReachable(halt);
          continue;
        }
        return { error };
      }
    }
  }

  /**
   * Claims a job, runs it and settles it with the queue. Completing or failing the job waits for
   * the database: a job left active would sit there until pg-boss expires it, an hour later.
   * The claim goes last, so a worker that dies in between leaves a claim for the reaper.
   */
  async function runJob(job: PgBoss.JobWithMetadata<ChunkJobData>): Promise<void> {
    const { runId } = job.data;
    await link.retry(
      () =>
        pool.query(
          `INSERT INTO "EvalJobClaim" ("jobId", "workerId", "runId") VALUES ($1, $2, $3)
           ON CONFLICT ("jobId") DO UPDATE SET "workerId" = excluded."workerId", "claimedAt" = now()`,
          [job.id, deps.workerId, runId],
        ),
      halt,
    );
    const failure = await handleThroughOutages(job.data);
    if (failure === null) {
      await link.retry(() => boss.complete(EVAL_QUEUE, job.id), halt);
    } else {
      const message = describeError(failure.error);
      log(`job ${job.id} of run ${runId} failed (attempt ${job.retryCount + 1}): ${message}`);
      if (job.retryCount >= job.retryLimit) {
        await link.retry(
          () =>
            moveRun(
              pool,
              runId,
              "fail",
              "A part of the run failed repeatedly; finished trials are kept.",
            ),
          halt,
        );
      }
      await link.retry(() => boss.fail(EVAL_QUEUE, job.id, { message }), halt);
    }
    await link.retry(
      () => pool.query(`DELETE FROM "EvalJobClaim" WHERE "jobId" = $1`, [job.id]),
      halt,
    );
  }

  return {
    running: () => jobsRunning,
    async loop() {
      const { stopping } = deps;
      while (!stopping.aborted) {
        try {
          await link.waitUntilReachable(stopping);
          const [job] = await boss.fetch<ChunkJobData>(EVAL_QUEUE, {
            batchSize: 1,
            includeMetadata: true,
          });
          if (!job) {
            await systemClock.sleep(deps.pollMs, stopping);
            continue;
          }
          jobsRunning += 1;
          try {
            await runJob(job);
          } finally {
            jobsRunning -= 1;
          }
        } catch (error) {
          if (halt.aborted || stopping.aborted) break;
          link.note("taking or settling a job", error);
          await systemClock.sleep(deps.pollMs, stopping);
        }
      }
    },
  };
}

/**
 * Why a run stopped at its budget, with the figures a reader needs to see that the cap held:
 * "Stopped before going over the budget: $0.0049 spent of the $0.02 cap; the next call could
 * cost up to $0.061 (…)". A run is only stopped when what it has spent plus the next call's
 * reservation would pass the cap (money held for calls in flight is waited for, not counted).
 */
export async function budgetStopMessage(
  pool: Pick<Pool, "query">,
  runId: string,
  refusal: string | null,
): Promise<string> {
  const { rows } = await pool.query<{ spent: string; budget: string | null }>(
    `SELECT "spentUsd" AS spent, "budgetUsd" AS budget FROM "EvalRun" WHERE "id" = $1`,
    [runId],
  );
  const row = rows[0];
  const figures =
    row && row.budget !== null
      ? `${formatUsd(Number(row.spent))} spent of the ${formatUsd(Number(row.budget))} cap`
      : "the budget cap was reached";
  return `Stopped before going over the budget: ${figures}; ${refusal ?? "the next call could have gone over it"}.`;
}
