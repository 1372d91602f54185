import type { TrialStore } from "@/lib/eval/engine";
import type { BudgetLedger } from "@/lib/router/budget";
import type { RouteOptions, RouteResult, Router } from "@/lib/router/router";
import type { ChatRequest, Target } from "@/lib/router/types";
import { DatabaseWaitAbortedError, isDatabaseUnreachableError, type DatabaseLink } from "./db-link";

/**
 * What the worker's calls do while PostgreSQL is away: the budget ledger, the trial store and the
 * router wait for it and carry on, instead of failing work over an outage. `halt` ends every wait
 * (the worker is leaving, whatever it still holds).
 */
export type OutageGuard = {
  /** The ledger, each call waiting out outages. */
  ledger(inner: BudgetLedger): BudgetLedger;
  /** The store, each call waiting out outages. */
  store(inner: TrialStore): TrialStore;
  /** Routes one request once the database is reachable, again if an outage spoilt the call. */
  route(
    router: Router,
    candidates: readonly Target[],
    request: ChatRequest,
    options: RouteOptions & { signal: AbortSignal },
  ): Promise<RouteResult>;
  /** Waits until the database is reachable: true, or false when `signal` or `halt` aborts. */
  waitForDatabase(signal: AbortSignal): Promise<boolean>;
};

export function createOutageGuard(link: DatabaseLink, halt: AbortSignal): OutageGuard {
  async function waitForDatabase(signal: AbortSignal): Promise<boolean> {
    if (link.isReachable()) return true;
    // Not AbortSignal.any: on Node 20 each call leaves a reference on the long-lived signals.
    const either = new AbortController();
    const abort = () => either.abort();
    signal.addEventListener("abort", abort, { once: true });
    halt.addEventListener("abort", abort, { once: true });
    if (signal.aborted || halt.aborted) either.abort();
    try {
      await link.waitUntilReachable(either.signal);
      return true;
    } catch (error) {
      if (error instanceof DatabaseWaitAbortedError) return false;
      throw error;
    } finally {
      signal.removeEventListener("abort", abort);
      halt.removeEventListener("abort", abort);
    }
  }

  return {
    waitForDatabase,

    /**
     * Only a statement whose reply was lost as the server went down is in doubt when repeated: a
     * reservation or a charge counted twice (the run stops early), or a hold given back twice
     * (floored at zero).
     */
    ledger: (inner) => ({
      limitUsd: inner.limitUsd,
      reserve: (runId, amountUsd) => link.retry(async () => inner.reserve(runId, amountUsd), halt),
      commit: (reservation, actualUsd) =>
        link.retry(async () => inner.commit(reservation, actualUsd), halt),
      release: (reservation) => link.retry(async () => inner.release(reservation), halt),
    }),

    /** Finished trials wait for the database rather than fail their job: a flush is safe to repeat. */
    store: (inner) => ({
      storedKeys: (runId, targetId, caseIds) =>
        link.retry(() => inner.storedKeys(runId, targetId, caseIds), halt),
      saveTrials: (records) =>
        link
          .retry(() => inner.saveTrials(records), halt)
          .catch((error: unknown) => {
            // The worker is leaving while the database is away: these trials are not stored and
            // the job stays claimed, so the worker that takes it over runs them again. The engine
            // flushes in the background, where a rejection would go unhandled: the flush is left
            // pending.
            const isLeaving =
              halt.aborted &&
              (error instanceof DatabaseWaitAbortedError || isDatabaseUnreachableError(error));
            if (isLeaving) return new Promise<never>(() => undefined);
            throw error;
          }),
    }),

    /**
     * No call starts while the database is unreachable (slots, rate tokens and budget live there),
     * and a call that failed while it was away is made again once it is back: its error may be
     * the outage's (a wait for a slot timed out), not the model's.
     */
    async route(router, candidates, request, options) {
      const isStopped = () => options.signal.aborted || halt.aborted;
      for (;;) {
        if (!(await waitForDatabase(options.signal))) {
          return {
            ok: false,
            error: { kind: "cancelled", retryable: false, message: "run stopped" },
            attempts: [],
          };
        }
        const outagesBefore = link.outages();
        const routed = await router.route(candidates, request, options);
        if (routed.ok || isStopped()) return routed;
        if (link.outages() === outagesBefore && link.isReachable()) return routed;
      }
    },
  };
}
