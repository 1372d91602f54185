import { formatUsd } from "@/lib/format";
import {
  actualCostUsd,
  DEFAULT_ESTIMATED_OUTPUT_TOKENS,
  estimateCostUsd,
  estimateInputTokens,
  estimateOutputTokens,
  type BudgetLedger,
  type BudgetReservation,
} from "@/lib/router/budget";
import type { BreakerState, RouterEvent, RouterEventSink } from "@/lib/router/events";
import {
  createMemoryGate,
  type Admission,
  type PlatformGate,
  type PlatformLimits,
} from "@/lib/router/gate";
import type { LatencyTracker, RoutingPolicy } from "@/lib/router/policies";
import {
  backoffDelayMs,
  CircuitBreakers,
  type BreakerOptions,
  type Clock,
} from "@/lib/router/resilience";
import type {
  CallContext,
  ChatRequest,
  ProviderAdapter,
  ProviderError,
  ProviderErrorKind,
  ProviderResult,
  ProviderSuccess,
  Target,
  Usage,
} from "@/lib/router/types";

/**
 * The neutral router: a policy orders the candidates; the router walks the order with budget
 * checks, rate and concurrency limits, timeouts, retries with full-jitter backoff and per-offering
 * circuit breakers, and reports a typed event for every decision and attempt. Framework-free, with
 * clock and randomness injected.
 */

/** Timeouts, retries and platform limits. Every field is optional. */
export type RouterLimits = {
  /** Per-attempt timeout, ms (default: none). */
  attemptTimeoutMs?: number;
  /** Time-to-first-token timeout for streaming requests, ms (default: none). */
  firstTokenTimeoutMs?: number;
  /** Default overall deadline per route, ms, when the caller gives none (default: none). */
  deadlineMs?: number;
  /** Retries per target for retryable errors (default 2: up to three calls per target). */
  maxRetries?: number;
  /** Full-jitter backoff base, ms (default 200). */
  backoffBaseMs?: number;
  /** Cap on the backoff ceiling, ms (default 10 000). */
  backoffCapMs?: number;
  /** Longest `Retry-After` the router waits, ms; longer values are cut to this (default 30 000). */
  retryAfterCapMs?: number;
  /**
   * Limits of a platform, by platform id, for the default in-memory gate (ignored when
   * `RouterOptions.gate` is given). Called once per platform; the result is cached.
   */
  platform?: (platformId: string) => PlatformLimits | undefined;
};

/** Budget guard settings. */
export type RouterBudget = {
  /** Refuse a target whose estimated cost exceeds this, USD. */
  maxCostPerRequestUsd?: number;
  /** Per-run budget, consulted when the route has a `runId`. */
  ledger?: BudgetLedger;
  /** Output tokens assumed when a request sets no `maxTokens` (default 1024). */
  defaultOutputTokens?: number;
  /**
   * What to do with a target whose price is unknown when a limit applies: `allow` (the default;
   * it counts as free) or `refuse`.
   */
  unknownPrice?: "allow" | "refuse";
  /**
   * The actual cost of a successful call, committed to the ledger (default: the usage at the
   * target's prices). A model router's call costs what its served model costs, which only the
   * answer names; the caller that knows the served-model prices says so here.
   */
  costOf?: (target: Target, success: ProviderSuccess) => number | null;
};

/** Everything the router needs, injected. */
export type RouterOptions = {
  /** The adapter for a target. May be called on every attempt: keep it a cheap lookup. */
  adapters: (target: Target) => ProviderAdapter;
  policy: RoutingPolicy;
  clock: Clock;
  /** Randomness in [0, 1), for backoff jitter. */
  random: () => number;
  onEvent?: RouterEventSink;
  limits?: RouterLimits;
  breaker?: BreakerOptions;
  budget?: RouterBudget;
  /** When given, every successful call's total latency is recorded here (for `fastestPolicy`). */
  latency?: LatencyTracker;
  /**
   * Per-platform rate and concurrency limits, on the router's clock (default: an in-memory gate
   * with `limits.platform`).
   */
  gate?: PlatformGate;
};

/** Per-route options. */
export type RouteOptions = {
  /** The caller's cancellation: aborts in-flight attempts (and waits for them to settle). */
  signal?: AbortSignal;
  /** Overall deadline for the route, ms from now. */
  deadlineMs?: number;
  /** The run the request belongs to, for the per-run budget and events. */
  runId?: string;
};

/** One adapter call the router made. */
export type AttemptRecord = {
  /** 1-based across the route. */
  attempt: number;
  /** 0 for the first call to this target, then 1, 2, … for retries. */
  retry: number;
  target: Target;
  ok: boolean;
  error: ProviderError | null;
  ttftMs: number | null;
  totalMs: number;
  usage: Usage;
  costUsd: number | null;
};

/** A successful route. `costUsd` is null when a price or a token count is unknown. */
export type RouteSuccess = {
  ok: true;
  target: Target;
  result: ProviderSuccess;
  attempts: AttemptRecord[];
  costUsd: number | null;
};
/** A failed route: the last error that stopped it, and every attempt made. */
export type RouteFailure = { ok: false; error: ProviderError; attempts: AttemptRecord[] };
/** What `route` returns. It never throws. */
export type RouteResult = RouteSuccess | RouteFailure;

/** The router. */
export interface Router {
  /** Routes one request over the candidates. Never throws. */
  route(
    candidates: readonly Target[],
    request: ChatRequest,
    options?: RouteOptions,
  ): Promise<RouteResult>;
  /** The circuit state of an offering. */
  breakerState(offeringId: string): BreakerState;
}

const NO_USAGE: Usage = { inputTokens: null, outputTokens: null };

/** Error kinds that say nothing about an offering's health: they do not count against its breaker. */
const BREAKER_NEUTRAL: ReadonlySet<ProviderErrorKind> = new Set<ProviderErrorKind>([
  "cancelled",
  "budget",
  "bad_request",
  "content_filter",
  "circuit_open",
]);

function routerError(kind: ProviderErrorKind, message: string, retryable = false): ProviderError {
  return { kind, retryable, message };
}

/** Creates a router. See `RouterOptions`. */
export function createRouter(options: RouterOptions): Router {
  const { adapters, policy, clock, random, onEvent, latency } = options;
  const limits = options.limits ?? {};
  const budget = options.budget ?? {};
  const maxRetries = Math.max(0, limits.maxRetries ?? 2);
  const backoff = { baseMs: limits.backoffBaseMs ?? 200, capMs: limits.backoffCapMs ?? 10_000 };
  const retryAfterCapMs = limits.retryAfterCapMs ?? 30_000;
  const defaultOutputTokens = budget.defaultOutputTokens ?? DEFAULT_ESTIMATED_OUTPUT_TOKENS;
  const budgetActive = budget.maxCostPerRequestUsd !== undefined || budget.ledger !== undefined;
  const gate = options.gate ?? createMemoryGate(limits.platform ?? (() => undefined), clock);
  let routeSeq = 0;
  // The route whose outcome triggered a breaker change (breakers are shared across routes).
  let currentRouteId = 0;
  let currentRunId: string | undefined;

  const emit = (event: RouterEvent) => {
    if (!onEvent) return;
    try {
      onEvent(event);
    } catch {
      // A broken sink must not break routing.
    }
  };

  const breakers = new CircuitBreakers(clock.now, options.breaker, (offeringId, from, to) => {
    if (onEvent) {
      emit({
        type: "breaker_state",
        routeId: currentRouteId,
        runId: currentRunId,
        at: clock.now(),
        offeringId,
        from,
        to,
      });
    }
  });

  async function route(
    candidates: readonly Target[],
    request: ChatRequest,
    routeOptions: RouteOptions = {},
  ): Promise<RouteResult> {
    const routeId = ++routeSeq;
    const { signal, runId } = routeOptions;
    const attempts: AttemptRecord[] = [];
    const startedAt = clock.now();
    const deadlineMs = routeOptions.deadlineMs ?? limits.deadlineMs;
    const deadlineAt = deadlineMs === undefined ? Infinity : startedAt + deadlineMs;
    const base = () => ({ routeId, runId, at: clock.now() });
    const markCurrent = () => {
      currentRouteId = routeId;
      currentRunId = runId;
    };

    if (signal?.aborted) {
      return { ok: false, error: routerError("cancelled", "cancelled by the caller"), attempts };
    }

    const decision = policy.decide(candidates, request);
    if (onEvent) {
      emit({
        type: "decision",
        ...base(),
        policy: policy.name,
        candidates,
        order: decision.order,
        reason: decision.reason,
        pinned: decision.pinned,
      });
    }
    const order = decision.pinned ? decision.order.slice(0, 1) : decision.order;
    if (order.length === 0) {
      return {
        ok: false,
        error: routerError("bad_request", `no candidate to route to: ${decision.reason}`),
        attempts,
      };
    }

    let lastError: ProviderError = routerError("unknown", "no attempt was made");
    let attemptNo = 0;
    const estTokens =
      estimateInputTokens(request) + estimateOutputTokens(request, defaultOutputTokens);

    for (let ti = 0; ti < order.length; ti++) {
      const target = order[ti]!;
      let stop = false; // stop the whole route (cancelled, deadline)

      for (let retry = 0; ; retry++) {
        if (signal?.aborted) {
          lastError = routerError("cancelled", "cancelled by the caller");
          stop = true;
          break;
        }
        if (clock.now() >= deadlineAt) {
          lastError = routerError("timeout", "overall deadline exceeded");
          stop = true;
          break;
        }

        // Budget guard, before anything is spent.
        let reservation: BudgetReservation | null = null;
        const estimatedCostUsd = estimateCostUsd(target, request, defaultOutputTokens);
        if (budgetActive) {
          const verdict = await checkBudget(target, estimatedCostUsd, runId);
          if (!verdict.ok) {
            lastError = verdict.error;
            if (onEvent) {
              emit({
                type: "budget_refused",
                ...base(),
                target,
                estimatedCostUsd,
                scope: verdict.scope,
                limitUsd: verdict.limitUsd,
              });
            }
            break;
          }
          reservation = verdict.reservation;
        }

        // Circuit breaker.
        if (!breakers.tryAcquire(target.offeringId)) {
          await releaseReservation(reservation);
          lastError = routerError("circuit_open", `circuit open for ${target.offeringId}`);
          break;
        }

        // Rate limits and concurrency, bounded by the deadline and the caller's signal.
        let admission: Admission;
        try {
          const pending = gate.admit(target.platformId, { tokens: estTokens, signal, deadlineAt });
          // A synchronous answer (no limits) costs no extra turn of the event loop.
          admission = pending instanceof Promise ? await pending : pending;
        } catch (e) {
          breakers.onNeutral(target.offeringId);
          await releaseReservation(reservation);
          lastError = routerError(
            "unknown",
            `the platform gate failed: ${e instanceof Error ? e.message : String(e)}`,
          );
          break;
        }
        if (admission.outcome !== "ok") {
          breakers.onNeutral(target.offeringId);
          await releaseReservation(reservation);
          lastError =
            admission.outcome === "cancelled"
              ? routerError("cancelled", "cancelled by the caller")
              : routerError("timeout", "overall deadline exceeded while waiting for capacity");
          stop = true;
          break;
        }

        attemptNo++;
        if (onEvent) {
          emit({
            type: "attempt_start",
            ...base(),
            attempt: attemptNo,
            retry,
            target,
            estimatedCostUsd,
          });
        }
        const outcome = await callOnce(target, request, signal, deadlineAt);
        admission.release();

        const { result, abortedBy } = outcome;
        let error: ProviderError | null = null;
        let success: ProviderSuccess | null = null;
        if (abortedBy === "cancelled") {
          error = routerError("cancelled", "cancelled by the caller");
        } else if (abortedBy === "deadline") {
          error = routerError("timeout", "overall deadline exceeded during the attempt");
        } else if (abortedBy === "attempt") {
          error = routerError("timeout", "attempt timed out", true);
        } else if (abortedBy === "ttft") {
          error = routerError(
            "timeout",
            "no first token within the time-to-first-token limit",
            true,
          );
        } else if (result.ok === true && result.finishReason !== "error") {
          success = result;
        } else if (result.ok === false) {
          error = result.error;
        } else {
          error = routerError(
            "server",
            "the provider reported an error inside a successful response",
            true,
          );
        }

        const metrics = result.metrics;
        const usage = success ? success.usage : NO_USAGE;
        const costUsd = success
          ? budget.costOf
            ? budget.costOf(target, success)
            : actualCostUsd(target, usage)
          : null;
        const record: AttemptRecord = {
          attempt: attemptNo,
          retry,
          target,
          ok: success !== null,
          error,
          ttftMs: metrics.ttftMs ?? null,
          // An attempt the router aborted is measured by the router: the adapter may report 0.
          totalMs: abortedBy === null ? (metrics.totalMs ?? outcome.elapsedMs) : outcome.elapsedMs,
          usage,
          costUsd,
        };
        attempts.push(record);

        markCurrent();
        if (success) {
          breakers.onSuccess(target.offeringId);
          latency?.record(target.offeringId, record.totalMs);
          if (reservation && budget.ledger) {
            await budget.ledger.commit(reservation, costUsd ?? reservation.amountUsd);
          }
        } else {
          if (BREAKER_NEUTRAL.has(error!.kind)) breakers.onNeutral(target.offeringId);
          else breakers.onFailure(target.offeringId);
          await releaseReservation(reservation);
        }
        if (onEvent) {
          emit({
            type: "attempt_end",
            ...base(),
            attempt: attemptNo,
            retry,
            target,
            ok: record.ok,
            errorKind: error?.kind ?? null,
            ttftMs: record.ttftMs,
            totalMs: record.totalMs,
            tokens: usage,
            costUsd,
          });
        }
        if (success) return { ok: true, target, result: success, attempts, costUsd };

        lastError = error!;
        if (abortedBy === "cancelled" || abortedBy === "deadline") {
          stop = true;
          break;
        }
        if (!lastError.retryable || retry >= maxRetries) break;

        // Retry the same target after a backoff (or the provider's Retry-After, capped).
        const fromRetryAfter = lastError.retryAfterMs !== undefined;
        const delayMs = fromRetryAfter
          ? Math.min(Math.max(0, lastError.retryAfterMs!), retryAfterCapMs)
          : backoffDelayMs(retry, backoff, random);
        if (clock.now() + delayMs >= deadlineAt) break; // no time to retry here; try the next target
        if (onEvent) {
          emit({
            type: "retry_scheduled",
            ...base(),
            attempt: attemptNo,
            target,
            delayMs,
            reason: fromRetryAfter ? "retry_after" : "backoff",
            errorKind: lastError.kind,
          });
        }
        if (delayMs > 0) await clock.sleep(delayMs, signal);
      }

      if (stop || decision.pinned) break;
      const next = order[ti + 1];
      if (next && onEvent) {
        emit({ type: "fallback", ...base(), from: target, to: next, because: lastError.kind });
      }
    }
    return { ok: false, error: lastError, attempts };
  }

  type BudgetVerdict =
    | { ok: true; reservation: BudgetReservation | null }
    | {
        ok: false;
        error: ProviderError;
        scope: "per_request" | "run" | "unknown_price";
        limitUsd: number | null;
      };

  /** The budget guard: per-request maximum, then a reservation against the run's ledger. */
  async function checkBudget(
    target: Target,
    estimated: number | null,
    runId: string | undefined,
  ): Promise<BudgetVerdict> {
    if (estimated === null && budget.unknownPrice === "refuse") {
      return {
        ok: false,
        error: routerError("budget", `the price of ${target.offeringId} is unknown`),
        scope: "unknown_price",
        limitUsd: budget.maxCostPerRequestUsd ?? null,
      };
    }
    const amount = estimated ?? 0;
    const max = budget.maxCostPerRequestUsd;
    if (max !== undefined && amount > max) {
      return {
        ok: false,
        error: routerError(
          "budget",
          `estimated cost $${amount.toFixed(6)} exceeds the per-request maximum $${max}`,
        ),
        scope: "per_request",
        limitUsd: max,
      };
    }
    const ledger = budget.ledger;
    if (!ledger || runId === undefined) return { ok: true, reservation: null };
    const reservation = await ledger.reserve(runId, amount);
    if (reservation === null) {
      const limitUsd = ledger.limitUsd(runId);
      return {
        ok: false,
        error: routerError(
          "budget",
          `the next call could cost up to ${formatUsd(amount)} (it is reserved at its most expensive: the prompt and max tokens out), more than the budget has left`,
        ),
        scope: "run",
        limitUsd,
      };
    }
    return { ok: true, reservation };
  }

  async function releaseReservation(reservation: BudgetReservation | null): Promise<void> {
    if (reservation && budget.ledger) await budget.ledger.release(reservation);
  }

  type CallOutcome = {
    result: ProviderResult;
    abortedBy: "cancelled" | "deadline" | "attempt" | "ttft" | null;
    elapsedMs: number;
  };

  /** One adapter call with the attempt, first-token and overall timeouts and the caller's signal. */
  async function callOnce(
    target: Target,
    request: ChatRequest,
    signal: AbortSignal | undefined,
    deadlineAt: number,
  ): Promise<CallOutcome> {
    const start = clock.now();
    const controller = new AbortController();
    let abortedBy: CallOutcome["abortedBy"] = null;
    const abort = (why: NonNullable<CallOutcome["abortedBy"]>) => {
      if (abortedBy !== null || settled) return;
      abortedBy = why;
      controller.abort();
    };
    let settled = false;
    const onCallerAbort = () => abort("cancelled");
    signal?.addEventListener("abort", onCallerAbort, { once: true });

    // Timers run on the injected clock and are cancelled together when the call settles.
    let timers: AbortController | null = null;
    const remaining = deadlineAt - start;
    const attemptMs = limits.attemptTimeoutMs ?? Infinity;
    const limitMs = Math.min(remaining, attemptMs);
    if (limitMs !== Infinity) {
      timers = new AbortController();
      const t = timers.signal;
      const why = attemptMs <= remaining ? "attempt" : "deadline";
      void clock.sleep(Math.max(0, limitMs), t).then(() => {
        if (!t.aborted) abort(why);
      });
    }
    let onFirstToken: (() => void) | undefined;
    const ttftMs = limits.firstTokenTimeoutMs;
    if (request.stream === true && ttftMs !== undefined) {
      let firstToken = false;
      const ttftTimer = new AbortController();
      const t = ttftTimer.signal;
      onFirstToken = () => {
        firstToken = true;
        ttftTimer.abort();
      };
      if (!timers) timers = new AbortController();
      timers.signal.addEventListener("abort", () => ttftTimer.abort(), { once: true });
      void clock.sleep(ttftMs, t).then(() => {
        if (!t.aborted && !firstToken) abort("ttft");
      });
    }

    const context: CallContext = { signal: controller.signal, now: clock.now, onFirstToken };
    let result: ProviderResult;
    try {
      result = await adapters(target).call(target, request, context);
      if (result === null || typeof result !== "object" || typeof result.ok !== "boolean") {
        result = {
          ok: false,
          error: routerError("unknown", "the adapter returned no result"),
          metrics: {},
        };
      }
    } catch (e) {
      result = {
        ok: false,
        error: routerError(
          "unknown",
          `the adapter threw: ${e instanceof Error ? e.message : String(e)}`,
        ),
        metrics: {},
      };
    }
    settled = true;
    timers?.abort();
    signal?.removeEventListener("abort", onCallerAbort);
    return { result, abortedBy, elapsedMs: clock.now() - start };
  }

  return {
    route,
    breakerState: (offeringId) => breakers.state(offeringId),
  };
}
