import type { Clock } from "@/lib/router/resilience";

/**
 * A manual clock for deterministic tests of the router and its adapters: time moves only when the
 * test calls `advance` or `run`. Not for production use.
 */

type Timer = { at: number; seq: number; resolve: () => void };

/** Lets every pending promise continuation run (a few macrotask turns). */
export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
}

/** A `Clock` whose time moves only when told to. */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  /** Current fake time, ms. */
  readonly now = (): number => this.t;

  /** Resolves when fake time reaches now + ms, or at once when `signal` aborts. */
  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.timers.push(timer);
    });

  /** Number of pending sleeps. */
  get pending(): number {
    return this.timers.length;
  }

  private next(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((x) => x !== timer);
    this.t = Math.max(this.t, timer.at);
    timer.resolve();
  }

  /** Moves time forward by `ms`, firing due sleeps in order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await flushMicrotasks();
      const timer = this.next();
      if (!timer || timer.at > end) break;
      this.fire(timer);
    }
    this.t = end;
    await flushMicrotasks();
  }

  /**
   * Runs fake time forward, one due sleep at a time, until `promise` settles; throws when nothing
   * is pending and the promise still has not settled (a deadlock in the test).
   */
  async run<T>(promise: Promise<T>, maxSteps = 100_000): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let step = 0; step < maxSteps; step++) {
      await flushMicrotasks();
      if (settled) return promise;
      const timer = this.next();
      if (!timer) throw new Error("FakeClock.run: promise pending with no sleeps scheduled");
      this.fire(timer);
    }
    throw new Error("FakeClock.run: too many steps");
  }
}
