import type { ChatRequest, Target, Usage } from "@/lib/router/types";

/**
 * Cost estimation and the budget guard's ledger. Prices are USD per 1M tokens (`Target.prices`).
 * Estimates are deliberately rough and cheap: no tokenizer on the hot path.
 */

/** Roughly four characters per token for English text, plus a small per-message overhead. */
const CHARS_PER_TOKEN = 4;
const TOKENS_PER_MESSAGE = 4;

/** Output tokens assumed when a request sets no `maxTokens`. */
export const DEFAULT_ESTIMATED_OUTPUT_TOKENS = 1024;

/** Estimated input tokens of a request, from message length (no tokenizer). */
export function estimateInputTokens(request: ChatRequest): number {
  let chars = 0;
  const messages = request.messages;
  for (let i = 0; i < messages.length; i++) chars += messages[i]?.content.length ?? 0;
  return Math.ceil(chars / CHARS_PER_TOKEN) + TOKENS_PER_MESSAGE * messages.length;
}

/** Estimated output tokens: the request's `maxTokens`, or a default. */
export function estimateOutputTokens(
  request: ChatRequest,
  defaultOutputTokens: number = DEFAULT_ESTIMATED_OUTPUT_TOKENS,
): number {
  return request.maxTokens ?? defaultOutputTokens;
}

/**
 * The prices a call is reserved at. An offering's own. A cloud's router has no price of its own:
 * the call costs whatever model it picks, so it is reserved at its dearest priced pool model (the
 * highest input and the highest output price among the pool's offerings priced at launch). A
 * served model with no catalogue price is recorded as unknown cost; it cannot be reserved for.
 */
export function reservationPrices(target: Target): Target["prices"] {
  const pool = target.router?.pool;
  if (!pool) return target.prices;
  let input: number | null = null;
  let output: number | null = null;
  for (const member of Object.values(pool)) {
    if (member.prices.input === null || member.prices.output === null) continue;
    input = Math.max(input ?? 0, member.prices.input);
    output = Math.max(output ?? 0, member.prices.output);
  }
  return input === null || output === null ? target.prices : { input, output };
}

/**
 * Estimated cost of a request on a target before the call, USD: estimated input tokens at the input
 * price plus `maxTokens` (or the default) at the output price, at {@link reservationPrices}. Null
 * when either price is unknown.
 */
export function estimateCostUsd(
  target: Target,
  request: ChatRequest,
  defaultOutputTokens: number = DEFAULT_ESTIMATED_OUTPUT_TOKENS,
): number | null {
  const { input, output } = reservationPrices(target);
  if (input === null || output === null) return null;
  return (
    (estimateInputTokens(request) * input +
      estimateOutputTokens(request, defaultOutputTokens) * output) /
    1e6
  );
}

/** Actual cost of a call, USD: usage × prices / 1e6. Null when a price or a token count is unknown. */
export function actualCostUsd(target: Target, usage: Usage): number | null {
  const { input, output } = target.prices;
  if (input === null || output === null) return null;
  if (usage.inputTokens === null || usage.outputTokens === null) return null;
  return (usage.inputTokens * input + usage.outputTokens * output) / 1e6;
}

/** A held reservation against a run's budget. Opaque to the router. */
export type BudgetReservation = { readonly runId: string; readonly amountUsd: number };

/**
 * A per-run budget. `reserve` must be atomic with respect to other reservations (so concurrent calls
 * cannot overspend): it returns null when the amount does not fit in what is left after spent and
 * reserved money. Every reservation is later either committed with the actual cost or released.
 * Methods may be synchronous or return promises (a database-backed ledger).
 */
export interface BudgetLedger {
  reserve(
    runId: string,
    amountUsd: number,
  ): BudgetReservation | null | Promise<BudgetReservation | null>;
  commit(reservation: BudgetReservation, actualUsd: number): void | Promise<void>;
  release(reservation: BudgetReservation): void | Promise<void>;
  /** The run's limit, for events; null when unlimited. */
  limitUsd(runId: string): number | null;
}

/** An in-memory ledger's view of one run. */
export type RunBudgetState = { limitUsd: number | null; spentUsd: number; reservedUsd: number };

/** An in-memory, synchronous `BudgetLedger`, with `state` for inspection. */
export interface MemoryBudgetLedger extends BudgetLedger {
  reserve(runId: string, amountUsd: number): BudgetReservation | null;
  commit(reservation: BudgetReservation, actualUsd: number): void;
  release(reservation: BudgetReservation): void;
  state(runId: string): RunBudgetState;
}

/**
 * An in-memory budget ledger. `limitFor` returns a run's limit in USD (null or undefined: unlimited).
 * Synchronous, so reservations from concurrent calls in one process can never overspend.
 */
export function createMemoryBudgetLedger(
  limitFor: (runId: string) => number | null | undefined,
): MemoryBudgetLedger {
  const runs = new Map<string, { spent: number; reserved: number }>();
  const run = (runId: string) => {
    let r = runs.get(runId);
    if (!r) {
      r = { spent: 0, reserved: 0 };
      runs.set(runId, r);
    }
    return r;
  };
  return {
    limitUsd: (runId) => limitFor(runId) ?? null,
    reserve(runId, amountUsd) {
      const limit = limitFor(runId) ?? null;
      const r = run(runId);
      if (limit !== null && r.spent + r.reserved + amountUsd > limit) return null;
      r.reserved += amountUsd;
      return { runId, amountUsd };
    },
    commit(reservation, actualUsd) {
      const r = run(reservation.runId);
      r.reserved = Math.max(0, r.reserved - reservation.amountUsd);
      r.spent += actualUsd;
    },
    release(reservation) {
      const r = run(reservation.runId);
      r.reserved = Math.max(0, r.reserved - reservation.amountUsd);
    },
    state(runId) {
      const r = run(runId);
      return { limitUsd: limitFor(runId) ?? null, spentUsd: r.spent, reservedUsd: r.reserved };
    },
  };
}
