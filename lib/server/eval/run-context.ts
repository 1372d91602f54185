import { setMaxListeners } from "node:events";
import type pg from "pg";
import type { JudgeWithCost, StopReason } from "@/lib/eval/engine";
import { buildJudgeMessages, parseJudgeReply } from "@/lib/eval/judge";
import { createPolicy, parseStoredPolicy } from "@/lib/eval/policy-spec";
import { parseStoredTargets } from "@/lib/eval/stored-json";
import type { EvalCase } from "@/lib/eval/types";
import { describeServed } from "@/lib/eval/router-targets";
import { actualCostUsd, type BudgetLedger } from "@/lib/router/budget";
import { pinnedPolicy, type RoutingPolicy } from "@/lib/router/policies";
import { Semaphore, systemClock } from "@/lib/router/resilience";
import {
  createRouter,
  type RouteOptions,
  type RouteResult,
  type Router,
} from "@/lib/router/router";
import type { ChatRequest, ProviderSuccess, Target } from "@/lib/router/types";
import { chooseApiStyle, offeringTarget } from "../domain/runs/runs";
import { loadSuiteCases } from "../domain/runs/suites";
import type { Db } from "../ops/db-client";
import { createAppAdapters, resolvePlatformConnections } from "../ops/router-setup";
import type { DatabaseLink } from "./db-link";
import { createDbPlatformGate, type SlotPool } from "./limits";

/**
 * What a worker knows about one run while it works on it: the run's settings and cases, a router
 * per target (its policy from the typed spec, its offerings parsed from the stored JSON, calls
 * admitted by the run's platform gate: slots and rate tokens in PostgreSQL), the judge, and the
 * run's abort signal. Loaded once per run per worker.
 */

/** Everything of the worker's that loading a run needs. */
export type RunContextDeps = {
  db: Db;
  pool: pg.Pool;
  workerId: string;
  link: DatabaseLink;
  ledger: BudgetLedger;
  safeFetch: typeof fetch;
  env: Record<string, string | undefined>;
  emulatorUrl: string | null;
  /** The most calls this worker has in flight for one run (its jobs × trials per job). */
  callsPerRun: number;
};

export type RunContext = {
  runId: string;
  status: string;
  suiteId: string;
  cases: EvalCase[];
  temperature: number;
  maxTokens: number;
  stream: boolean;
  repeats: number;
  /** Calls in flight across the run (every platform, every worker). */
  concurrency: number;
  /** Calls in flight per platform; null: only the run-wide limit. */
  platformConcurrency: number | null;
  requestsPerMinute: number | null;
  budgetUsd: number | null;
  judgeTarget: Target | null;
  judgeModel: string | null;
  targets: Map<string, { candidates: Target[]; router: Router }>;
  judgeRouter: Router | null;
  /** This worker's slot pools of the run, by platform: closed when the run ends here. */
  slots: Map<string, SlotPool>;
  /**
   * This worker's lanes for the run, shared by all its jobs of the run: a lane freed by a job
   * that ran out of work goes to a job that still has some, so a slow target gets the whole run's
   * concurrency once the others are done instead of its own job's share.
   */
  lanes: Semaphore;
  controller: AbortController;
  stopReason: StopReason | null;
  activeJobs: number;
};

/** Every in-flight call of a run listens on its signal: far more than Node's warning threshold. */
function unlimitedListeners(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}

export async function loadRunContext(deps: RunContextDeps, runId: string): Promise<RunContext> {
  const { db, pool, workerId, link, ledger, safeFetch, env } = deps;
  const run = await db.evalRun.findUnique({
    where: { id: runId },
    include: { targets: { orderBy: { position: "asc" } } },
  });
  if (!run) throw new Error(`run ${runId} does not exist`);
  const connections = await resolvePlatformConnections(db, env, deps.emulatorUrl);
  const adapters = createAppAdapters({ connections, fetch: safeFetch, emulatorFetch: fetch });
  const gate = createDbPlatformGate({
    pool,
    link,
    workerId,
    runId,
    slotsWanted: Math.min(run.concurrency, deps.callsPerRun),
    platformSlotsWanted:
      run.platformConcurrency === null
        ? null
        : Math.min(run.platformConcurrency, run.concurrency, deps.callsPerRun),
    isRateLimited: run.requestsPerMinute !== null,
    clock: systemClock,
  });
  const budgetUsd = run.budgetUsd === null ? null : Number(run.budgetUsd);
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
    platformConcurrency: run.platformConcurrency,
    requestsPerMinute: run.requestsPerMinute,
    budgetUsd,
    judgeTarget: null,
    judgeModel: null,
    targets: new Map(),
    judgeRouter: null,
    slots: gate.slots,
    lanes: new Semaphore(Math.max(1, Math.min(run.concurrency, deps.callsPerRun))),
    controller: unlimitedListeners(new AbortController()),
    stopReason: null,
    activeJobs: 0,
  };
  // A model router's call costs its served model's price (the same figure its trial records).
  const callCostUsd = (target: Target, success: ProviderSuccess) =>
    target.router
      ? describeServed(target.router, target.platformId, success.servedModel, success.usage).costUsd
      : actualCostUsd(target, success.usage);
  const routerFor = (policy: RoutingPolicy) =>
    createRouter({
      adapters,
      gate,
      policy,
      clock: systemClock,
      random: Math.random,
      limits: { maxRetries: 2, attemptTimeoutMs: 180_000 },
      ...(budgetUsd !== null ? { budget: { ledger, costOf: callCostUsd } } : {}),
    });
  const storedTargets = run.targets.map((target) => {
    const where = `run ${runId}, target ${target.position + 1} (${target.label})`;
    return {
      target,
      offerings: parseStoredTargets(target.targets, where),
      policy: parseStoredPolicy(target, where),
    };
  });
  for (const { target, offerings, policy } of storedTargets) {
    const candidates = offerings.map((t) => ({
      ...t,
      simulated: connections[t.platformId]?.simulated ?? false,
    }));
    context.targets.set(target.id, {
      candidates,
      router: routerFor(createPolicy(policy, { random: Math.random })),
    });
  }
  if (run.judgeOfferingId) {
    const offering = await db.offering.findUnique({ where: { id: run.judgeOfferingId } });
    const judgeCandidates = storedTargets.flatMap((t) => t.offerings);
    const known = judgeCandidates.find((t) => t.offeringId === run.judgeOfferingId);
    if (offering) {
      const apiStyle =
        known?.apiStyle ??
        chooseApiStyle(
          offering.platformId,
          offering.apiStyles,
          connections[offering.platformId]?.simulated ?? false,
        );
      if (apiStyle) {
        context.judgeTarget = offeringTarget(
          offering,
          apiStyle,
          connections[offering.platformId]?.simulated ?? false,
        );
        context.judgeModel = `${offering.modelId} on ${offering.platformId}`;
        context.judgeRouter = routerFor(pinnedPolicy());
      }
    }
  }
  return context;
}

/** The run's LLM judge, routed through `route` (which waits out database outages). */
export function createRunJudge(
  context: RunContext,
  route: (
    router: Router,
    candidates: readonly Target[],
    request: ChatRequest,
    options: RouteOptions & { signal: AbortSignal },
  ) => Promise<RouteResult>,
): JudgeWithCost | undefined {
  const { judgeRouter, judgeTarget, judgeModel } = context;
  if (!judgeRouter || !judgeTarget || !judgeModel) return undefined;
  return async (request) => {
    const routed = await route(
      judgeRouter,
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
