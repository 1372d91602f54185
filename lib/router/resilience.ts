import type { BreakerState } from "@/lib/router/events";

/**
 * Resilience building blocks for the router, all on an injected clock and randomness: full-jitter
 * backoff, a circuit breaker per offering, a semaphore for per-platform concurrency and a token
 * bucket for request and token rate limits.
 */

/** The router's injected clock. */
export type Clock = {
  /** Current time, ms. */
  now: () => number;
  /**
   * Resolves after `ms`, or early (resolving, not rejecting) as soon as `signal` aborts. Callers
   * check `signal.aborted` afterwards.
   */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** The real clock: `performance.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

/** Backoff settings. */
export type BackoffOptions = {
  /** Base delay, ms (the ceiling of the first retry's delay). */
  baseMs: number;
  /** Cap on the exponential ceiling, ms. */
  capMs: number;
};

/**
 * Full-jitter exponential backoff: a delay uniformly drawn from [0, min(cap, base · 2^retry)),
 * where `retry` is 0 for the first retry. `random` returns values in [0, 1).
 */
export function backoffDelayMs(
  retry: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** retry);
  return random() * ceiling;
}

/** Circuit-breaker settings. */
export type BreakerOptions = {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long the circuit stays open before a half-open probe is allowed, ms (default 30 s). */
  cooldownMs?: number;
};

type BreakerEntry = { state: BreakerState; failures: number; openedAt: number; probing: boolean };

/**
 * Circuit breakers, one per offering. Closed: calls pass; after `failureThreshold` consecutive
 * failures it opens. Open: calls are refused until `cooldownMs` has passed, then one half-open probe
 * is let through. The probe's success closes the circuit; its failure opens it again.
 */
export class CircuitBreakers {
  private readonly entries = new Map<string, BreakerEntry>();
  private readonly threshold: number;
  private readonly cooldownMs: number;

  /**
   * @param now injected clock, ms
   * @param onChange called on every state change
   */
  constructor(
    private readonly now: () => number,
    options: BreakerOptions = {},
    private readonly onChange?: (offeringId: string, from: BreakerState, to: BreakerState) => void,
  ) {
    this.threshold = Math.max(1, options.failureThreshold ?? 5);
    this.cooldownMs = options.cooldownMs ?? 30_000;
  }

  /** The offering's current state (an open circuit past its cooldown still reads "open"). */
  state(offeringId: string): BreakerState {
    return this.entries.get(offeringId)?.state ?? "closed";
  }

  /**
   * Whether a call to the offering may start now. Moves an open circuit past its cooldown to
   * half-open and lets exactly one probe through; further calls are refused until it settles.
   */
  tryAcquire(offeringId: string): boolean {
    const e = this.entries.get(offeringId);
    if (!e || e.state === "closed") return true;
    if (e.state === "open") {
      if (this.now() - e.openedAt < this.cooldownMs) return false;
      this.set(offeringId, e, "half_open");
      e.probing = true;
      return true;
    }
    // half-open
    if (e.probing) return false;
    e.probing = true;
    return true;
  }

  /** Records a successful call: closes the circuit and resets the failure count. */
  onSuccess(offeringId: string): void {
    const e = this.entries.get(offeringId);
    if (!e) return;
    e.failures = 0;
    e.probing = false;
    if (e.state !== "closed") this.set(offeringId, e, "closed");
  }

  /** Records a failed call: may open the circuit. */
  onFailure(offeringId: string): void {
    let e = this.entries.get(offeringId);
    if (!e) {
      e = { state: "closed", failures: 0, openedAt: 0, probing: false };
      this.entries.set(offeringId, e);
    }
    e.failures++;
    e.probing = false;
    if (e.state === "half_open" || (e.state === "closed" && e.failures >= this.threshold)) {
      e.openedAt = this.now();
      this.set(offeringId, e, "open");
    }
  }

  /** Records a call that ended without telling anything about the offering's health (e.g. cancelled). */
  onNeutral(offeringId: string): void {
    const e = this.entries.get(offeringId);
    if (e) e.probing = false;
  }

  private set(offeringId: string, e: BreakerEntry, to: BreakerState): void {
    const from = e.state;
    e.state = to;
    this.onChange?.(offeringId, from, to);
  }
}

/**
 * A counting semaphore with a FIFO queue: at most `max` holders at once. Waiters can give up via an
 * AbortSignal.
 */
export class Semaphore {
  private held = 0;
  private readonly waiters: { grant: () => void; cancelled: boolean }[] = [];

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError("semaphore max must be >= 1");
  }

  /** Number of current holders. */
  get inUse(): number {
    return this.held;
  }

  /** Takes a slot without waiting; false when none is free. */
  tryAcquire(): boolean {
    if (this.held < this.max && this.waiters.length === 0) {
      this.held++;
      return true;
    }
    return false;
  }

  /** Waits for a slot. Resolves false (holding nothing) when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<boolean> {
    if (this.tryAcquire()) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter = {
        cancelled: false,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(true);
        },
      };
      const onAbort = () => {
        waiter.cancelled = true;
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(false);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Gives a slot back, handing it straight to the next live waiter. */
  release(): void {
    for (;;) {
      const next = this.waiters.shift();
      if (!next) break;
      if (!next.cancelled) {
        next.grant();
        return;
      }
    }
    if (this.held > 0) this.held--;
  }
}

/**
 * A token bucket on the injected clock: `capacity` tokens, refilled at `perMinute` per minute.
 * `take` never refuses: it debits (possibly into debt) and returns how long to wait before the
 * debited work may start, so concurrent callers queue fairly without polling.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly perMs: number;

  constructor(
    private readonly now: () => number,
    perMinute: number,
    private readonly capacity: number = perMinute,
  ) {
    if (!(perMinute > 0)) throw new RangeError("rate must be > 0");
    this.perMs = perMinute / 60_000;
    this.tokens = capacity;
    this.last = now();
  }

  /** Debits `n` tokens; returns the wait, ms, until they are covered (0 when available now). */
  take(n: number): number {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (t - this.last) * this.perMs);
    this.last = t;
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : -this.tokens / this.perMs;
  }
}
