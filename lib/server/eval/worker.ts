import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import pg from "pg";
import type PgBoss from "pg-boss";
import { executeChunk, type StopReason, type TrialStore } from "@/lib/eval/engine";
import { EVAL_QUEUE, openEvalQueue, type ChunkJobData } from "@/lib/queue/eval-queue";
import { createSafeFetch } from "@/lib/router/safe-fetch";
import { type RouteOptions, type RouteResult, type Router } from "@/lib/router/router";
import type { BudgetLedger } from "@/lib/router/budget";
import type { ChatRequest, Target } from "@/lib/router/types";
import { createPrismaClient, type Db } from "../ops/db-client";
import {
  createDatabaseLink,
  DatabaseWaitAbortedError,
  describeError,
  isDatabaseUnreachableError,
  probeDatabase,
} from "./db-link";
import { createDbBudgetLedger, releaseWorkerHolds } from "./limits";
import { createEvalStore } from "./store";
import { moveRun } from "../domain/runs/run-status";
import { parseEnv } from "../ops/env";
import { buildWorkerHealthReport, type WorkerHealthReport } from "../ops/health";
import { endpointPolicyFromEnv } from "../ops/server-deps";
import { createRunJudge, loadRunContext, type RunContext } from "./run-context";

/**
 * An evaluation worker: takes chunk jobs from the queue, runs them through the router with limits
 * that hold across workers, and stores trials through the PostgreSQL store. Any number can run,
 * on any machine that reaches the database. Workers beat every few seconds; a worker that stops
 * beating (killed, machine gone) has its jobs failed by the others, and pg-boss retries them, so a
 * run always finishes with exactly its expected trials.
 *
 * A worker outlives its database. When PostgreSQL goes away it says so once (log and health),
 * pauses, checks with backoff, and carries on when it is back: database calls on the way wait for
 * it and run again (each is safe to repeat), finished trials wait in memory to be stored, and a
 * job cut short by the outage runs again in place. So the worker takes jobs itself rather than
 * through pg-boss's `work`, which completes and fails jobs without waiting for the result; a lost
 * reply there was an unhandled rejection that ended the process.
 */

export type EvalWorkerOptions = {
  databaseUrl: string;
  /** The emulator's root URL, for platforms without real credentials; null: none runs. */
  emulatorUrl: string | null;
  env?: Record<string, string | undefined>;
  /** Jobs this worker runs at once (default 4). */
  jobsInParallel?: number;
  /** Trials in flight at once within one job (default 8; platform slots still apply). */
  trialsPerJob?: number;
  heartbeatMs?: number;
  /** A worker silent this long is presumed dead (default 20 s). */
  staleAfterMs?: number;
  pollingIntervalSeconds?: number;
  log?: (line: string) => void;
};

export type RunningWorker = {
  id: string;
  /** The worker's own view of its health; it holds even while the database is unreachable. */
  health(): WorkerHealthReport;
  /** Stops taking jobs, lets running ones finish (or aborts them after `graceMs`), deregisters. */
  stop(graceMs?: number): Promise<void>;
};

const TERMINAL = new Set(["completed", "failed", "cancelled", "budget_exceeded"]);

type SdkWarnings = { warnings: unknown[]; provider: string; model: string };

/**
 * The AI SDK logs its warnings (e.g. "temperature is not supported for reasoning models") on
 * every call; a run makes thousands. Each distinct warning is logged once per process instead.
 */
function logSdkWarningsOnce(log: (line: string) => void) {
  const seen = new Set<string>();
  const sdk = globalThis as { AI_SDK_LOG_WARNINGS?: unknown };
  if (sdk.AI_SDK_LOG_WARNINGS !== undefined) return;
  sdk.AI_SDK_LOG_WARNINGS = ({ warnings, provider, model }: SdkWarnings) => {
    for (const warning of warnings) {
      const text = `${provider} / ${model}: ${JSON.stringify(warning)}`;
      if (seen.has(text)) continue;
      seen.add(text);
      log(`AI SDK warning (logged once): ${text}`);
    }
  };
}

/** Starts a worker. */
export async function startEvalWorker(options: EvalWorkerOptions): Promise<RunningWorker> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(`[worker] ${line}`));
  logSdkWarningsOnce(log);
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const jobsInParallel = options.jobsInParallel ?? 4;
  const trialsPerJob = options.trialsPerJob ?? 8;
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const staleAfterMs = options.staleAfterMs ?? 20_000;
  const pollMs = (options.pollingIntervalSeconds ?? 0.5) * 1000;
  /** Ends the worker's job loops: no new jobs. */
  const stopping = new AbortController();
  /** Ends every wait for the database: the worker is leaving, whatever it still holds. */
  const halt = new AbortController();
  // After an outage the other workers were probably cut off too: give them a full staleness
  // period to beat again before presuming them dead and taking their jobs.
  let reapNotBefore = 0;
  const link = createDatabaseLink({
    probe: () => probeDatabase(options.databaseUrl),
    log,
    onChange: (isReachable) => {
      if (isReachable) reapNotBefore = Date.now() + staleAfterMs;
    },
  });
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 4 + jobsInParallel * 2,
    application_name: "crossbench-worker",
    // A server that does not answer (host down, network cut) fails a call instead of holding it.
    connectionTimeoutMillis: 10_000,
  });
  // Idle connections dying is how an outage often shows first. Checked-out clients get no
  // listener from the pool, and one that dies between statements would crash the process: every
  // connection gets one for its whole life.
  pool.on("error", (error) => link.note("an idle database connection", error));
  pool.on("connect", (client) => {
    client.on("error", (error) => link.report(error));
  });
  const db: Db = createPrismaClient(options.databaseUrl, { max: 3 });
  const parsedEnv = parseEnv(env);
  const safeFetch = createSafeFetch(endpointPolicyFromEnv(parsedEnv));
  const contexts = new Map<string, Promise<RunContext>>();
  const budgetLimits = new Map<string, number | null>();
  const ledger = waitingLedger(
    createDbBudgetLedger(pool, workerId, (runId) => budgetLimits.get(runId) ?? null),
  );
  const pgStore = createEvalStore({
    pool,
    isSpendTrackedElsewhere: (runId) => (budgetLimits.get(runId) ?? null) !== null,
  });
  // Finished trials wait for the database rather than fail their job: a flush is safe to repeat.
  const store: TrialStore = {
    storedKeys: (runId, targetId, caseIds) =>
      link.retry(() => pgStore.storedKeys(runId, targetId, caseIds), halt.signal),
    saveTrials: (records) =>
      link
        .retry(() => pgStore.saveTrials(records), halt.signal)
        .catch((error: unknown) => {
          // The worker is leaving while the database is away: these trials are not stored and the
          // job stays claimed, so the worker that takes it over runs them again. The engine flushes
          // in the background, where a rejection would go unhandled: the flush is left pending.
          const isLeaving =
            halt.signal.aborted &&
            (error instanceof DatabaseWaitAbortedError || isDatabaseUnreachableError(error));
          if (isLeaving) return new Promise<never>(() => undefined);
          throw error;
        }),
  };
  let jobsRunning = 0;

  /**
   * The budget ledger, waiting out outages. Only a statement whose reply was lost as the server
   * went down is in doubt when repeated: a reservation or a charge counted twice (the run stops
   * early), or a hold given back twice (floored at zero).
   */
  function waitingLedger(inner: BudgetLedger): BudgetLedger {
    return {
      limitUsd: inner.limitUsd,
      reserve: (runId, amountUsd) =>
        link.retry(async () => inner.reserve(runId, amountUsd), halt.signal),
      commit: (reservation, actualUsd) =>
        link.retry(async () => inner.commit(reservation, actualUsd), halt.signal),
      release: (reservation) => link.retry(async () => inner.release(reservation), halt.signal),
    };
  }

  /**
   * Routes one request. No call starts while the database is unreachable (slots, rate tokens and
   * budget live there), and a call that failed while it was away is made again once it is back:
   * its error may be the outage's (a wait for a slot timed out), not the model's.
   */
  async function routeThroughOutages(
    router: Router,
    candidates: readonly Target[],
    request: ChatRequest,
    routeOptions: RouteOptions & { signal: AbortSignal },
  ): Promise<RouteResult> {
    const isStopped = () => routeOptions.signal.aborted || halt.signal.aborted;
    for (;;) {
      if (!(await waitForDatabase(routeOptions.signal))) {
        return {
          ok: false,
          error: { kind: "cancelled", retryable: false, message: "run stopped" },
          attempts: [],
        };
      }
      const outagesBefore = link.outages();
      const routed = await router.route(candidates, request, routeOptions);
      if (routed.ok || isStopped()) return routed;
      if (link.outages() === outagesBefore && link.isReachable()) return routed;
    }
  }

  /** Waits until the database is reachable: true, or false when the run or the worker stops. */
  async function waitForDatabase(signal: AbortSignal): Promise<boolean> {
    if (link.isReachable()) return true;
    // Not AbortSignal.any: on Node 20 each call leaves a reference on the long-lived signals.
    const either = new AbortController();
    const abort = () => either.abort();
    signal.addEventListener("abort", abort, { once: true });
    halt.signal.addEventListener("abort", abort, { once: true });
    if (signal.aborted || halt.signal.aborted) either.abort();
    try {
      await link.waitUntilReachable(either.signal);
      return true;
    } catch {
      return false;
    } finally {
      signal.removeEventListener("abort", abort);
      halt.signal.removeEventListener("abort", abort);
    }
  }

  await pool.query(
    `INSERT INTO "EvalWorker" ("id", "hostname", "pid") VALUES ($1, $2, $3)
     ON CONFLICT ("id") DO UPDATE SET "heartbeatAt" = now()`,
    [workerId, hostname(), process.pid],
  );

  async function loadContext(runId: string): Promise<RunContext> {
    const context = await loadRunContext(
      {
        db,
        pool,
        workerId,
        link,
        ledger,
        safeFetch,
        env,
        emulatorUrl: options.emulatorUrl,
        slotsPerPlatform: jobsInParallel * trialsPerJob,
      },
      runId,
    );
    budgetLimits.set(runId, context.budgetUsd);
    return context;
  }

  function getContext(runId: string): Promise<RunContext> {
    let context = contexts.get(runId);
    if (!context) {
      context = loadContext(runId);
      contexts.set(runId, context);
      context.catch(() => contexts.delete(runId));
    }
    return context;
  }

  async function stopRunLocally(context: RunContext, reason: StopReason) {
    if (context.controller.signal.aborted) return;
    context.stopReason = reason;
    context.controller.abort();
  }

  /** Runs one job's chunk. Throws when it did not finish; the caller settles the job. */
  async function handle(job: PgBoss.Job<ChunkJobData>): Promise<void> {
    const data = job.data;
    const context = await getContext(data.runId);
    const fresh = await pool.query<{ status: string }>(
      `SELECT "status" FROM "EvalRun" WHERE "id" = $1`,
      [data.runId],
    );
    context.status = fresh.rows[0]?.status ?? "failed";
    if (TERMINAL.has(context.status) || context.controller.signal.aborted) return;
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
            routeThroughOutages(target.router, candidates, request, {
              signal,
              runId: data.runId,
            }),
          judge: createRunJudge(context, routeThroughOutages),
          store,
          concurrency: trialsPerJob,
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
        await link.retry(
          () =>
            moveRun(
              pool,
              data.runId,
              "exceedBudget",
              "Stopped: the next call could have gone over the budget cap (calls are reserved at their most expensive, max tokens out).",
            ),
          halt.signal,
        );
        await stopRunLocally(context, "budget");
      }
    } finally {
      context.activeJobs -= 1;
    }
  }

  /**
   * Claims a job, runs it and settles it with the queue. A job that fails because the database
   * went away runs again in place once it is back (the trials it stored are skipped), rather than
   * spending one of its retries on the outage. Completing or failing the job waits for the
   * database too: a job left active would sit there until pg-boss expires it, an hour later.
   * The claim goes last, so a worker that dies in between leaves a claim for the reaper.
   */
  async function runJob(job: PgBoss.JobWithMetadata<ChunkJobData>): Promise<void> {
    const { runId } = job.data;
    await link.retry(
      () =>
        pool.query(
          `INSERT INTO "EvalJobClaim" ("jobId", "workerId", "runId") VALUES ($1, $2, $3)
           ON CONFLICT ("jobId") DO UPDATE SET "workerId" = excluded."workerId", "claimedAt" = now()`,
          [job.id, workerId, runId],
        ),
      halt.signal,
    );
    let failure: { error: unknown } | null = null;
    let unexplained = 0;
    for (;;) {
      const outagesBefore = link.outages();
      try {
        await handle(job);
        failure = null;
        break;
      } catch (error) {
        const isConnectionError = link.report(error);
        const hadOutage = link.outages() !== outagesBefore || !link.isReachable();
        // A connection error with no outage behind it (the server answers) may be a broken
        // connection in a pool: worth another go or two, not an endless loop.
        if (isConnectionError && !hadOutage) unexplained += 1;
        if ((isConnectionError || hadOutage) && unexplained < 3 && !halt.signal.aborted) {
          await link.waitUntilReachable(halt.signal);
          continue;
        }
        failure = { error };
        break;
      }
    }
    if (failure === null) {
      await link.retry(() => boss.complete(EVAL_QUEUE, job.id), halt.signal);
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
          halt.signal,
        );
      }
      await link.retry(() => boss.fail(EVAL_QUEUE, job.id, { message }), halt.signal);
    }
    await link.retry(
      () => pool.query(`DELETE FROM "EvalJobClaim" WHERE "jobId" = $1`, [job.id]),
      halt.signal,
    );
  }

  /** One of the worker's `jobsInParallel` loops: take a job, run it, settle it, repeat. */
  async function runJobLoop(): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        await link.waitUntilReachable(stopping.signal);
        const [job] = await boss.fetch<ChunkJobData>(EVAL_QUEUE, {
          batchSize: 1,
          includeMetadata: true,
        });
        if (!job) {
          await sleep(pollMs, stopping.signal);
          continue;
        }
        jobsRunning += 1;
        try {
          await runJob(job);
        } finally {
          jobsRunning -= 1;
        }
      } catch (error) {
        if (halt.signal.aborted || stopping.signal.aborted) break;
        link.note("taking or settling a job", error);
        await sleep(pollMs, stopping.signal);
      }
    }
  }

  const boss = await openEvalQueue({
    connectionString: options.databaseUrl,
    supervise: true,
    max: 2 + jobsInParallel,
    onError: (error) => link.note("the queue (pg-boss)", error),
  });

  // Status watch: cancellations and budget stops reach every worker within about a second.
  let isWatching = false;
  const watch = setInterval(() => {
    if (isWatching || !link.isReachable()) return;
    isWatching = true;
    void (async () => {
      const ids = [...contexts.keys()];
      if (ids.length === 0) return;
      const { rows } = await pool.query<{ id: string; status: string }>(
        `SELECT "id", "status" FROM "EvalRun" WHERE "id" = ANY($1::text[])`,
        [ids],
      );
      for (const row of rows) {
        const context = await contexts.get(row.id)?.catch(() => null);
        if (!context) continue;
        context.status = row.status;
        if (row.status === "cancelled") await stopRunLocally(context, "cancelled");
        if (row.status === "budget_exceeded") await stopRunLocally(context, "budget");
        if (row.status === "failed") await stopRunLocally(context, "cancelled");
        if (TERMINAL.has(row.status) && context.activeJobs === 0) {
          contexts.delete(row.id);
          budgetLimits.delete(row.id);
          await Promise.all([...context.slots.values()].map((slots) => slots.close()));
        }
      }
    })()
      .catch((error: unknown) => link.note("watching run statuses", error))
      .finally(() => {
        isWatching = false;
      });
  }, 1_000);

  // Heartbeat, and the reaper: fail the jobs of workers that stopped beating so they are retried.
  // The beat is an upsert: a worker cut off for longer than the staleness period was presumed
  // dead by the others, and comes back into the registry with its first beat.
  let isBeating = false;
  const beat = setInterval(() => {
    if (isBeating || !link.isReachable()) return;
    isBeating = true;
    void (async () => {
      await pool.query(
        `INSERT INTO "EvalWorker" ("id", "hostname", "pid") VALUES ($1, $2, $3)
         ON CONFLICT ("id") DO UPDATE SET "heartbeatAt" = now()`,
        [workerId, hostname(), process.pid],
      );
      if (Date.now() < reapNotBefore) return;
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
      await releaseWorkerHolds(
        pool,
        dead.rows.map((row) => row.id),
      );
    })()
      .catch((error: unknown) => link.note("the heartbeat", error))
      .finally(() => {
        isBeating = false;
      });
  }, heartbeatMs);

  const loops = Array.from({ length: jobsInParallel }, () => runJobLoop());
  log(`worker ${workerId} started (${jobsInParallel} jobs at once)`);

  let stopped = false;
  return {
    id: workerId,
    health: () =>
      buildWorkerHealthReport({
        workerId,
        unreachableSince: link.unreachableSince(),
        jobsRunning,
      }),
    async stop(graceMs = 10_000) {
      if (stopped) return;
      stopped = true;
      stopping.abort();
      const abortTimer = setTimeout(() => {
        halt.abort();
        for (const context of contexts.values()) {
          void context.then((c) => c.controller.abort()).catch(() => undefined);
        }
      }, graceMs);
      // Loops end once their jobs do; a job stuck on an unanswered call does not hold the stop.
      let capTimer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(loops),
        new Promise((resolve) => {
          capTimer = setTimeout(resolve, graceMs + 5_000);
        }),
      ]);
      clearTimeout(capTimer);
      clearTimeout(abortTimer);
      // Nothing waits for the database any more: what is still held is left for the reaper.
      halt.abort();
      clearInterval(watch);
      clearInterval(beat);
      link.close();
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      for (const context of contexts.values()) {
        const c = await context.catch(() => null);
        if (c) await Promise.all([...c.slots.values()].map((slots) => slots.close()));
      }
      await pool
        .query(`DELETE FROM "EvalWorker" WHERE "id" = $1`, [workerId])
        .catch(() => undefined);
      await pool.end().catch(() => undefined);
      await db.$disconnect().catch(() => undefined);
    },
  };
}

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
