import { Semaphore, TokenBucket, type Clock } from "@/lib/router/resilience";

/**
 * Per-platform admission: before each attempt the router asks a gate for room on the target's
 * platform (rate tokens and a concurrency slot) and gives the slot back when the attempt settles.
 * The interface is small so that limits can live anywhere: in memory here, or in a database shared
 * by many processes (the evaluation worker's).
 */

/** Per-platform limits for the in-memory gate. Absent fields mean unlimited. */
export type PlatformLimits = {
  /** Calls in flight at once on the platform. */
  maxConcurrent?: number;
  /** Calls started per minute (token bucket, burst of one minute's worth). */
  requestsPerMinute?: number;
  /** Estimated input + output tokens per minute (token bucket). */
  tokensPerMinute?: number;
};

/** What the router tells a gate about one attempt. */
export type AdmitOptions = {
  /** Estimated input + output tokens of the call, for a tokens-per-minute limit. */
  tokens: number;
  /** The caller's cancellation: a wait it ends admits nothing and reports `cancelled`. */
  signal?: AbortSignal;
  /** When to give up waiting, on the router's clock, ms (`Infinity`: never). */
  deadlineAt: number;
};

/**
 * A gate's answer. `ok` holds a slot until `release` is called (exactly once, when the attempt
 * settles; later calls do nothing). `cancelled` and `deadline` hold nothing.
 */
export type Admission =
  { readonly outcome: "ok"; release(): void } | { readonly outcome: "cancelled" | "deadline" };

/**
 * Rate and concurrency limits per platform. `admit` waits, in order of arrival, until the call may
 * start, or until the signal aborts (`cancelled`) or the deadline comes (`deadline`). It may answer
 * synchronously when no wait is needed. It rejects only when the gate itself fails (the router then
 * skips the target); running out of time or being cancelled is an outcome, not an error.
 */
export interface PlatformGate {
  admit(platformId: string, options: AdmitOptions): Admission | Promise<Admission>;
}

/** Admitted, with nothing to give back. */
const OPEN: Admission = { outcome: "ok", release: () => undefined };

type Limiters = {
  semaphore: Semaphore | null;
  requests: TokenBucket | null;
  tokens: TokenBucket | null;
};

/**
 * An in-process gate. `limitsFor` gives a platform's limits (undefined: unlimited); it is called
 * once per platform and the result is cached. Request and token rates are token buckets that debit
 * at once and make the caller wait out any debt (a call the deadline would cut off is refused
 * without waiting, its tokens still spent); concurrency is a FIFO semaphore. A platform without
 * limits is admitted synchronously.
 */
export function createMemoryGate(
  limitsFor: (platformId: string) => PlatformLimits | undefined,
  clock: Clock,
): PlatformGate {
  const platforms = new Map<string, Limiters | null>();

  const limitersOf = (platformId: string): Limiters | null => {
    let limiters = platforms.get(platformId);
    if (limiters === undefined) {
      const l = limitsFor(platformId) ?? {};
      limiters =
        l.maxConcurrent || l.requestsPerMinute || l.tokensPerMinute
          ? {
              semaphore: l.maxConcurrent ? new Semaphore(l.maxConcurrent) : null,
              requests: l.requestsPerMinute
                ? new TokenBucket(clock.now, l.requestsPerMinute)
                : null,
              tokens: l.tokensPerMinute ? new TokenBucket(clock.now, l.tokensPerMinute) : null,
            }
          : null;
      platforms.set(platformId, limiters);
    }
    return limiters;
  };

  const holding = (semaphore: Semaphore | null): Admission => {
    if (!semaphore) return OPEN;
    let isReleased = false;
    return {
      outcome: "ok",
      release: () => {
        if (isReleased) return;
        isReleased = true;
        semaphore.release();
      },
    };
  };

  async function admitLimited(
    limiters: Limiters,
    { tokens, signal, deadlineAt }: AdmitOptions,
  ): Promise<Admission> {
    const { semaphore, requests, tokens: tokenBucket } = limiters;
    let waitMs = 0;
    if (requests) waitMs = Math.max(waitMs, requests.take(1));
    if (tokenBucket) waitMs = Math.max(waitMs, tokenBucket.take(tokens));
    if (waitMs > 0) {
      if (clock.now() + waitMs >= deadlineAt) return { outcome: "deadline" };
      await clock.sleep(waitMs, signal);
      if (signal?.aborted) return { outcome: "cancelled" };
    }
    if (!semaphore || semaphore.tryAcquire()) return holding(semaphore);
    if (deadlineAt === Infinity) {
      const isAcquired = await semaphore.acquire(signal);
      return isAcquired ? holding(semaphore) : { outcome: "cancelled" };
    }
    const wait = new AbortController();
    const onAbort = () => wait.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = new AbortController();
    void clock.sleep(Math.max(0, deadlineAt - clock.now()), timer.signal).then(() => wait.abort());
    const isAcquired = await semaphore.acquire(wait.signal);
    timer.abort();
    signal?.removeEventListener("abort", onAbort);
    if (isAcquired) return holding(semaphore);
    return { outcome: signal?.aborted ? "cancelled" : "deadline" };
  }

  return {
    admit(platformId, options) {
      const limiters = limitersOf(platformId);
      return limiters ? admitLimited(limiters, options) : OPEN;
    },
  };
}
