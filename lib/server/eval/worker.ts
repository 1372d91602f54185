import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import pg from "pg";
import { openEvalQueue } from "@/lib/queue/eval-queue";
import { startScheduler } from "./scheduler";
import { startAlertWorker } from "./alert-worker";
import { catalogSyncDeps, startCatalogSyncWorker } from "./catalog-sync-worker";
import { createSafeFetch } from "@/lib/router/safe-fetch";
import { createPrismaClient, type Db } from "../ops/db-client";
import { parseEnv } from "../ops/env";
import { buildWorkerHealthReport, type WorkerHealthReport } from "../ops/health";
import { endpointPolicyFromEnv } from "../ops/server-deps";
import { createDatabaseLink, describeError, probeDatabase } from "./db-link";
import { createJobRunner } from "./job-runner";
import { createDbBudgetLedger, releaseWorkerHolds } from "./limits";
import {
  beatHeart,
  deregister,
  startHeartbeat,
  WORKER_STALE_AFTER_MS,
  type Heartbeat,
} from "./liveness";
import { createOutageGuard } from "./outage-guard";
import { createRunFinishedNotifier, startRegressionWorker } from "./regression-worker";
import { loadRunContext } from "./run-context";
import { createRunRegistry } from "./run-registry";
import { createEvalStore } from "./store";

/**
 * An evaluation worker: takes chunk jobs from the queue, runs them through the router with limits
 * that hold across workers, and stores trials through the PostgreSQL store. Any number can run,
 * on any machine that reaches the database. This file is the wiring; the parts are:
 * - job-runner.ts: take a job, run its chunk, settle it with the queue;
 * - run-registry.ts: each run's loaded context, and the status watch that carries a cancel or a
 *   budget stop to every worker within about a second;
 * - liveness.ts: the heartbeat, and the reaper that hands back the jobs of workers that stopped
 *   beating (killed, machine gone) so pg-boss retries them and a run always finishes with exactly
 *   its expected trials;
 * - outage-guard.ts + db-link.ts: a worker outlives its database. When PostgreSQL goes away it
 *   says so once (log and health), pauses, checks with backoff, and carries on when it is back.
 */

export type EvalWorkerOptions = {
  databaseUrl: string;
  /** The emulator's root URL, for platforms without real credentials; null: none runs. */
  emulatorUrl: string | null;
  env?: Record<string, string | undefined>;
  /** Jobs this worker runs at once (default 4). */
  jobsInParallel?: number;
  /**
   * With `jobsInParallel`, the most calls this worker has in flight for one run: jobs × trials
   * per job (default 4 × 16 = 64, the most a run allows). The run's own limits still apply.
   */
  trialsPerJob?: number;
  heartbeatMs?: number;
  /** A worker silent this long is presumed dead (default 20 s). */
  staleAfterMs?: number;
  pollingIntervalSeconds?: number;
  log?: (line: string) => void;
  /**
   * Only run chunk jobs (`npm run eval`'s own worker): no schedules fired, no regression or alert
   * jobs taken and no queue maintenance; `npm start`'s worker or `npm run worker` does those.
   */
  jobsOnly?: boolean;
};

export type RunningWorker = {
  id: string;
  /** The worker's own view of its health; it holds even while the database is unreachable. */
  health(): WorkerHealthReport;
  /** Stops taking jobs, lets running ones finish (or aborts them after `graceMs`), deregisters. */
  stop(graceMs?: number): Promise<void>;
};

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
  const trialsPerJob = options.trialsPerJob ?? 16;
  const staleAfterMs = options.staleAfterMs ?? WORKER_STALE_AFTER_MS;
  const stopping = new AbortController();
  const halt = new AbortController();
  let heartbeat: Heartbeat | null = null;
  const link = createDatabaseLink({
    probe: () => probeDatabase(options.databaseUrl),
    log,
    onChange: (isReachable) => {
      if (isReachable) heartbeat?.holdReaping();
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
  const guard = createOutageGuard(link, halt.signal);
  const endpointPolicy = endpointPolicyFromEnv(parseEnv(env));
  const safeFetch = createSafeFetch(endpointPolicy);
  const runs = createRunRegistry({
    pool,
    link,
    load: (runId) =>
      loadRunContext(
        {
          db,
          pool,
          workerId,
          link,
          ledger,
          safeFetch,
          env,
          emulatorUrl: options.emulatorUrl,
          callsPerRun: jobsInParallel * trialsPerJob,
        },
        runId,
      ),
  });
  const ledger = guard.ledger(createDbBudgetLedger(pool, workerId, runs.budgetLimit));
  const store = guard.store(
    createEvalStore({
      pool,
      isSpendTrackedElsewhere: (runId) => runs.budgetLimit(runId) !== null,
    }),
  );

  await beatHeart(pool, workerId);
  const boss = await openEvalQueue({
    connectionString: options.databaseUrl,
    supervise: !options.jobsOnly,
    schedule: !options.jobsOnly,
    max: 2 + jobsInParallel,
    onError: (error) => link.note("the queue (pg-boss)", error),
  });
  if (!options.jobsOnly) {
    await startScheduler({ boss, db, env, emulatorUrl: options.emulatorUrl, log });
    await startRegressionWorker({ boss, db, log });
    await startAlertWorker({ boss, db, env, log });
    await startCatalogSyncWorker({
      boss,
      db,
      deps: catalogSyncDeps({ databaseUrl: options.databaseUrl, policy: endpointPolicy, log }),
      log,
    });
  }
  const jobs = createJobRunner({
    pool,
    boss,
    link,
    guard,
    runs,
    store,
    workerId,
    pollMs: (options.pollingIntervalSeconds ?? 0.5) * 1000,
    stopping: stopping.signal,
    halt: halt.signal,
    log,
    afterChunk: createRunFinishedNotifier(pool, boss),
  });
  const stopWatch = runs.watch();
  heartbeat = startHeartbeat({
    pool,
    boss,
    link,
    workerId,
    heartbeatMs: options.heartbeatMs ?? 2_000,
    staleAfterMs,
    log,
  });
  const loops = Array.from({ length: jobsInParallel }, () => jobs.loop());
  log(`worker ${workerId} started (${jobsInParallel} jobs at once)`);

  /** Runs a last clean-up step; a failure is logged and the rest still runs. */
  async function leaving(what: string, step: () => Promise<unknown>): Promise<void> {
    try {
      await step();
    } catch (error) {
      log(`while stopping, ${what} failed: ${describeError(error)}`);
    }
  }

  let stopped = false;
  return {
    id: workerId,
    health: () =>
      buildWorkerHealthReport({
        workerId,
        unreachableSince: link.unreachableSince(),
        jobsRunning: jobs.running(),
      }),
    async stop(graceMs = 10_000) {
      if (stopped) return;
      stopped = true;
      stopping.abort();
      const abortTimer = setTimeout(() => {
        halt.abort();
        runs.abortAll();
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
      stopWatch();
      heartbeat?.stop();
      link.close();
      await leaving("stopping the queue", () => boss.stop({ graceful: false, wait: true }));
      await leaving("giving back platform slots", () => runs.closeAll());
      // Calls still in flight were aborted: what they held goes back now, not when reaped.
      await leaving("giving back budget holds", () => releaseWorkerHolds(pool, [workerId]));
      await leaving("leaving the worker registry", () => deregister(pool, workerId));
      await leaving("closing the database pool", () => pool.end());
      await leaving("closing the Prisma client", () => db.$disconnect());
    },
  };
}
