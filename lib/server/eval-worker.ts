import { setMaxListeners } from "node:events";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import pg from "pg";
import type PgBoss from "pg-boss";
import { executeChunk, type JudgeWithCost, type StopReason } from "@/lib/eval/engine";
import { buildJudgeMessages, parseJudgeReply } from "@/lib/eval/judge";
import type { EvalCase } from "@/lib/eval/types";
import { EVAL_QUEUE, openEvalQueue, type ChunkJobData } from "@/lib/queue/eval-queue";
import { createSafeFetch } from "@/lib/router/safe-fetch";
import {
  cheapestPolicy,
  createLatencyTracker,
  fastestPolicy,
  orderedFallbackPolicy,
  pinnedPolicy,
  qualityFloorPolicy,
  weightedPolicy,
  type RoutingPolicy,
} from "@/lib/router/policies";
import { savedPolicyConfigSchema } from "@/lib/schemas/runs";
import { systemClock } from "@/lib/router/resilience";
import { createRouter, type Router } from "@/lib/router/router";
import type { ProviderAdapter, Target } from "@/lib/router/types";
import { createPrismaClient, type Db } from "./db-client";
import { AbortedError, createDbBudgetLedger, SlotPool, takeRateToken } from "./eval-limits";
import { createEvalStore } from "./eval-store";
import { parseEnv } from "./env";
import { createAppAdapters, resolvePlatformConnections } from "./router-setup";
import { endpointPolicyFromEnv } from "./server-deps";
import { loadSuiteCases } from "./suites";

/**
 * An evaluation worker: takes chunk jobs from the queue, runs them through the router with limits
 * that hold across workers, and stores trials through the PostgreSQL store. Any number can run,
 * on any machine that reaches the database. Workers beat every few seconds; a worker that stops
 * beating (killed, machine gone) has its jobs failed by the others, and pg-boss retries them, so a
 * run always finishes with exactly its expected trials.
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
  /** Stops taking jobs, lets running ones finish (or aborts them after `graceMs`), deregisters. */
  stop(graceMs?: number): Promise<void>;
};

type RunContext = {
  runId: string;
  status: string;
  suiteId: string;
  cases: EvalCase[];
  temperature: number;
  maxTokens: number;
  stream: boolean;
  repeats: number;
  concurrency: number;
  requestsPerMinute: number | null;
  budgetUsd: number | null;
  judgeTarget: Target | null;
  judgeModel: string | null;
  targets: Map<string, { candidates: Target[]; router: Router }>;
  judgeRouter: Router | null;
  slots: Map<string, SlotPool>;
  controller: AbortController;
  stopReason: StopReason | null;
  activeJobs: number;
};

/** Every in-flight call of a run listens on its signal: far more than Node's warning threshold. */
function unlimitedListeners(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}

const TERMINAL = new Set(["completed", "failed", "cancelled", "budget_exceeded"]);

function policyFor(kind: string, policy: string | null, config: unknown): RoutingPolicy {
  if (kind === "offering") return pinnedPolicy();
  if (policy === "cheapest") return cheapestPolicy();
  if (policy === "fastest") return fastestPolicy(createLatencyTracker());
  if (policy === "quality-floor") return savedQualityFloorPolicy(config);
  if (policy === "weighted") {
    const weights = savedPolicyConfigSchema.parse(config).weights ?? {};
    return weightedPolicy({ weight: (target) => weights[target.offeringId], random: Math.random });
  }
  return orderedFallbackPolicy();
}

/**
 * A saved quality-threshold policy: the cheapest offering whose learned score for the request's
 * category clears the threshold; when none does, the best-scoring one (a run must still answer).
 */
function savedQualityFloorPolicy(config: unknown): RoutingPolicy {
  const parsed = savedPolicyConfigSchema.parse(config);
  const scores = parsed.scores ?? {};
  const score = (offeringId: string, category: string) =>
    scores[offeringId]?.[category] ?? scores[offeringId]?.["*"] ?? null;
  const floor = qualityFloorPolicy({ scores: score, threshold: parsed.threshold ?? 0 });
  return {
    name: "saved_quality_floor",
    decide(candidates, request) {
      const decision = floor.decide(candidates, request);
      if (decision.order.length > 0) return decision;
      const category = request.category ?? "*";
      const best = [...candidates].sort(
        (a, b) => (score(b.offeringId, category) ?? -1) - (score(a.offeringId, category) ?? -1),
      );
      return { order: best, reason: `${decision.reason}; best-scoring first`, pinned: false };
    },
  };
}

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
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 4 + jobsInParallel * 2,
    application_name: "crossbench-worker",
  });
  pool.on("error", () => undefined);
  const db: Db = createPrismaClient(options.databaseUrl, { max: 3 });
  const parsedEnv = parseEnv(env);
  const safeFetch = createSafeFetch(endpointPolicyFromEnv(parsedEnv));
  const contexts = new Map<string, Promise<RunContext>>();
  const budgetLimits = new Map<string, number | null>();
  const ledger = createDbBudgetLedger(pool, workerId, (runId) => budgetLimits.get(runId) ?? null);
  const store = createEvalStore({
    pool,
    isSpendTrackedElsewhere: (runId) => (budgetLimits.get(runId) ?? null) !== null,
  });

  await pool.query(`INSERT INTO "EvalWorker" ("id", "hostname", "pid") VALUES ($1, $2, $3)`, [
    workerId,
    hostname(),
    process.pid,
  ]);

  async function loadContext(runId: string): Promise<RunContext> {
    const run = await db.evalRun.findUnique({
      where: { id: runId },
      include: { targets: { orderBy: { position: "asc" } } },
    });
    if (!run) throw new Error(`run ${runId} does not exist`);
    const connections = await resolvePlatformConnections(db, env, options.emulatorUrl);
    const baseAdapters = createAppAdapters({ connections, fetch: safeFetch, emulatorFetch: fetch });
    const budgetUsd = run.budgetUsd === null ? null : Number(run.budgetUsd);
    budgetLimits.set(runId, budgetUsd);
    const context: RunContext = {
      runId,
      status: run.status,
      suiteId: run.suiteId,
      cases: await loadSuiteCases(db, run.suiteId),
      temperature: run.temperature,
      maxTokens: run.maxTokens,
      stream: run.stream,
      repeats: run.repeats,
      concurrency: run.concurrency,
      requestsPerMinute: run.requestsPerMinute,
      budgetUsd,
      judgeTarget: null,
      judgeModel: null,
      targets: new Map(),
      judgeRouter: null,
      slots: new Map(),
      controller: unlimitedListeners(new AbortController()),
      stopReason: null,
      activeJobs: 0,
    };
    const gated = (target: Target): ProviderAdapter => {
      const adapter = baseAdapters(target);
      return {
        id: adapter.id,
        call: async (t, request, callContext) => {
          let slots = context.slots.get(t.platformId);
          if (!slots) {
            slots = new SlotPool(
              pool,
              workerId,
              runId,
              t.platformId,
              Math.min(context.concurrency, jobsInParallel * trialsPerJob),
            );
            context.slots.set(t.platformId, slots);
          }
          let release: (() => void) | null = null;
          try {
            release = await slots.acquire(callContext.signal);
            if (context.requestsPerMinute !== null) {
              await takeRateToken(pool, runId, t.platformId, callContext.signal);
            }
          } catch (error) {
            release?.();
            if (error instanceof AbortedError) {
              return {
                ok: false,
                error: { kind: "cancelled", retryable: false, message: "run stopped" },
                metrics: {},
              };
            }
            throw error;
          }
          try {
            return await adapter.call(t, request, callContext);
          } finally {
            release();
          }
        },
      };
    };
    const routerFor = (policy: RoutingPolicy) =>
      createRouter({
        adapters: gated,
        policy,
        clock: systemClock,
        random: Math.random,
        limits: { maxRetries: 2, attemptTimeoutMs: 180_000 },
        ...(budgetUsd !== null ? { budget: { ledger } } : {}),
      });
    for (const target of run.targets) {
      const candidates = (target.targets as unknown as Target[]).map((t) => ({
        ...t,
        simulated: connections[t.platformId]?.simulated ?? false,
      }));
      context.targets.set(target.id, {
        candidates,
        router: routerFor(policyFor(target.kind, target.policy, target.policyConfig)),
      });
    }
    if (run.judgeOfferingId) {
      const offering = await db.offering.findUnique({ where: { id: run.judgeOfferingId } });
      const judgeCandidates = run.targets.flatMap((t) => t.targets as unknown as Target[]);
      const known = judgeCandidates.find((t) => t.offeringId === run.judgeOfferingId);
      if (offering) {
        const { chooseApiStyle } = await import("./runs");
        const apiStyle =
          known?.apiStyle ??
          chooseApiStyle(
            offering.platformId,
            offering.apiStyles,
            connections[offering.platformId]?.simulated ?? false,
          );
        if (apiStyle) {
          context.judgeTarget = {
            offeringId: offering.id,
            platformId: offering.platformId,
            modelId: offering.modelId,
            nativeId: offering.nativeId,
            apiStyle,
            prices: {
              input: offering.inputPrice === null ? null : Number(offering.inputPrice),
              output: offering.outputPrice === null ? null : Number(offering.outputPrice),
            },
            simulated: connections[offering.platformId]?.simulated ?? false,
          };
          context.judgeModel = `${offering.modelId} on ${offering.platformId}`;
          context.judgeRouter = routerFor(pinnedPolicy());
        }
      }
    }
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

  function judgeFor(context: RunContext): JudgeWithCost | undefined {
    const { judgeRouter, judgeTarget, judgeModel } = context;
    if (!judgeRouter || !judgeTarget || !judgeModel) return undefined;
    return async (request) => {
      const routed = await judgeRouter.route(
        [judgeTarget],
        {
          messages: buildJudgeMessages(request),
          temperature: 0,
          maxTokens: 400,
          stream: false,
          category: "reasoning",
        },
        { signal: context.controller.signal, runId: context.runId },
      );
      if (!routed.ok) {
        return {
          verdict: {
            ok: false,
            message: `The judge call failed (${routed.error.kind}).`,
            model: judgeModel,
          },
          costUsd: null,
        };
      }
      const reply = parseJudgeReply(routed.result.text);
      if (!reply) {
        return {
          verdict: {
            ok: false,
            message: "The judge's reply was not a verdict.",
            model: judgeModel,
          },
          costUsd: routed.costUsd,
        };
      }
      return { verdict: { ok: true, ...reply, model: judgeModel }, costUsd: routed.costUsd };
    };
  }

  async function stopRunLocally(context: RunContext, reason: StopReason) {
    if (context.controller.signal.aborted) return;
    context.stopReason = reason;
    context.controller.abort();
  }

  async function handle(job: PgBoss.Job<ChunkJobData>): Promise<void> {
    const data = job.data;
    await pool.query(
      `INSERT INTO "EvalJobClaim" ("jobId", "workerId", "runId") VALUES ($1, $2, $3)
       ON CONFLICT ("jobId") DO UPDATE SET "workerId" = excluded."workerId", "claimedAt" = now()`,
      [job.id, workerId, data.runId],
    );
    try {
      const context = await getContext(data.runId);
      const fresh = await pool.query<{ status: string }>(
        `SELECT "status" FROM "EvalRun" WHERE "id" = $1`,
        [data.runId],
      );
      context.status = fresh.rows[0]?.status ?? "failed";
      if (TERMINAL.has(context.status) || context.controller.signal.aborted) return;
      if (context.status === "queued") {
        await pool.query(
          `UPDATE "EvalRun" SET "status" = 'running', "startedAt" = coalesce("startedAt", now())
           WHERE "id" = $1 AND "status" = 'queued'`,
          [data.runId],
        );
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
              target.router.route(candidates, request, { signal, runId: data.runId }),
            judge: judgeFor(context),
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
          await pool.query(
            `UPDATE "EvalRun" SET "status" = 'budget_exceeded', "finishedAt" = now(),
               "statusMessage" = 'Stopped: the next call could have gone over the budget cap (calls are reserved at their most expensive, max tokens out).'
             WHERE "id" = $1 AND "status" IN ('queued', 'running')`,
            [data.runId],
          );
          await stopRunLocally(context, "budget");
        }
      } finally {
        context.activeJobs -= 1;
      }
    } finally {
      await pool
        .query(`DELETE FROM "EvalJobClaim" WHERE "jobId" = $1`, [job.id])
        .catch(() => undefined);
    }
  }

  async function handleWithMetadata(job: PgBoss.JobWithMetadata<ChunkJobData>): Promise<void> {
    try {
      await handle(job);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(
        `job ${job.id} of run ${job.data.runId} failed (attempt ${job.retryCount + 1}): ${message}`,
      );
      if (job.retryCount >= job.retryLimit) {
        await pool
          .query(
            `UPDATE "EvalRun" SET "status" = 'failed', "finishedAt" = now(),
               "statusMessage" = 'A part of the run failed repeatedly; finished trials are kept.'
             WHERE "id" = $1 AND "status" IN ('queued', 'running')`,
            [job.data.runId],
          )
          .catch(() => undefined);
      }
      throw error;
    }
  }

  const boss = await openEvalQueue({
    connectionString: options.databaseUrl,
    supervise: true,
    max: 2 + jobsInParallel,
  });

  // Status watch: cancellations and budget stops reach every worker within about a second.
  const watch = setInterval(() => {
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
    })().catch(() => undefined);
  }, 1_000);

  // Heartbeat, and the reaper: fail the jobs of workers that stopped beating so they are retried.
  const beat = setInterval(() => {
    void (async () => {
      await pool.query(`UPDATE "EvalWorker" SET "heartbeatAt" = now() WHERE "id" = $1`, [workerId]);
      const dead = await pool.query<{ id: string }>(
        `DELETE FROM "EvalWorker" WHERE "heartbeatAt" < now() - make_interval(secs => $1) RETURNING "id"`,
        [staleAfterMs / 1000],
      );
      const orphaned = await pool.query<{ jobId: string; workerId: string }>(
        `SELECT c."jobId", c."workerId" FROM "EvalJobClaim" c
         WHERE NOT EXISTS (SELECT 1 FROM "EvalWorker" w WHERE w."id" = c."workerId")`,
      );
      for (const claim of orphaned.rows) {
        await boss
          .fail(EVAL_QUEUE, claim.jobId, { reason: `worker ${claim.workerId} stopped` })
          .catch(() => undefined);
        await pool.query(`DELETE FROM "EvalJobClaim" WHERE "jobId" = $1 AND "workerId" = $2`, [
          claim.jobId,
          claim.workerId,
        ]);
        log(`handed back job ${claim.jobId} from stopped worker ${claim.workerId}`);
      }
      if (dead.rows.length > 0) {
        const ids = dead.rows.map((row) => row.id);
        await pool.query(`DELETE FROM "EvalBudgetHold" WHERE "workerId" = ANY($1::text[])`, [ids]);
        await pool.query(
          `UPDATE "EvalSlot" SET "workerId" = NULL, "leaseUntil" = NULL WHERE "workerId" = ANY($1::text[])`,
          [ids],
        );
      }
    })().catch((error: unknown) =>
      log(`heartbeat failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, heartbeatMs);

  const workIds: string[] = [];
  for (let index = 0; index < jobsInParallel; index += 1) {
    workIds.push(
      await boss.work<ChunkJobData>(
        EVAL_QUEUE,
        {
          batchSize: 1,
          includeMetadata: true,
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
        },
        async (jobs) => {
          for (const job of jobs) await handleWithMetadata(job);
        },
      ),
    );
  }
  log(`worker ${workerId} started (${jobsInParallel} jobs at once)`);

  let stopped = false;
  return {
    id: workerId,
    async stop(graceMs = 10_000) {
      if (stopped) return;
      stopped = true;
      const abortTimer = setTimeout(() => {
        for (const context of contexts.values()) {
          void context.then((c) => c.controller.abort()).catch(() => undefined);
        }
      }, graceMs);
      await boss
        .stop({ graceful: true, wait: true, timeout: graceMs + 5_000 })
        .catch(() => undefined);
      clearTimeout(abortTimer);
      clearInterval(watch);
      clearInterval(beat);
      for (const context of contexts.values()) {
        const c = await context.catch(() => null);
        if (c) await Promise.all([...c.slots.values()].map((slots) => slots.close()));
      }
      await pool
        .query(`DELETE FROM "EvalWorker" WHERE "id" = $1`, [workerId])
        .catch(() => undefined);
      await pool.end().catch(() => undefined);
      await db.$disconnect().catch(() => undefined);
      void workIds;
    },
  };
}
