import type { ProviderErrorKind, Target, Usage } from "@/lib/router/types";

/**
 * Typed events the router emits for every decision and attempt, so runs and dashboards can show
 * why a request went where it went. Every event carries the route's sequence number (`routeId`,
 * unique within one router) and the injected clock's time (`at`, ms).
 */

/** Fields shared by every router event. */
export type RouterEventBase = {
  /** Sequence number of the `route` call within this router. */
  routeId: number;
  /** The run this request belongs to, when the caller gave one. */
  runId?: string;
  /** Injected clock time, ms. */
  at: number;
};

/** The policy ordered the candidates. */
export type DecisionEvent = RouterEventBase & {
  type: "decision";
  policy: string;
  candidates: readonly Target[];
  order: readonly Target[];
  reason: string;
  pinned: boolean;
};

/** An adapter call is about to start. `attempt` counts from 1 across the whole route. */
export type AttemptStartEvent = RouterEventBase & {
  type: "attempt_start";
  attempt: number;
  /** 0 for the first call to this target, 1 for its first retry, and so on. */
  retry: number;
  target: Target;
  estimatedCostUsd: number | null;
};

/** An adapter call finished (successfully or not). */
export type AttemptEndEvent = RouterEventBase & {
  type: "attempt_end";
  attempt: number;
  retry: number;
  target: Target;
  ok: boolean;
  errorKind: ProviderErrorKind | null;
  ttftMs: number | null;
  totalMs: number;
  tokens: Usage;
  costUsd: number | null;
};

/** A retryable failure will be retried on the same target after `delayMs`. */
export type RetryScheduledEvent = RouterEventBase & {
  type: "retry_scheduled";
  attempt: number;
  target: Target;
  delayMs: number;
  /** `backoff` (full jitter) or `retry_after` (the provider's Retry-After, capped). */
  reason: "backoff" | "retry_after";
  errorKind: ProviderErrorKind;
};

/** States of a per-offering circuit breaker. */
export type BreakerState = "closed" | "open" | "half_open";

/** A circuit breaker changed state. Not tied to one route: `routeId` is the route that caused it. */
export type BreakerStateEvent = RouterEventBase & {
  type: "breaker_state";
  offeringId: string;
  from: BreakerState;
  to: BreakerState;
};

/** The budget guard refused a target before calling it. */
export type BudgetRefusedEvent = RouterEventBase & {
  type: "budget_refused";
  target: Target;
  estimatedCostUsd: number | null;
  /** `per_request`: over the per-request maximum; `run`: the run's ledger refused; `unknown_price`. */
  scope: "per_request" | "run" | "unknown_price";
  limitUsd: number | null;
};

/** The router gave up on one target and moves to the next. */
export type FallbackEvent = RouterEventBase & {
  type: "fallback";
  from: Target;
  to: Target;
  because: ProviderErrorKind;
};

/** Every event the router emits. */
export type RouterEvent =
  | DecisionEvent
  | AttemptStartEvent
  | AttemptEndEvent
  | RetryScheduledEvent
  | BreakerStateEvent
  | BudgetRefusedEvent
  | FallbackEvent;

/** The `type` tags of router events. */
export type RouterEventType = RouterEvent["type"];

/** Receives router events. Must be cheap and must not throw (a throw is swallowed). */
export type RouterEventSink = (event: RouterEvent) => void;
