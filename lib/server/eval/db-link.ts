import pg from "pg";
import { DATABASE_UNREACHABLE } from "../ops/health";

/**
 * A long-running process's view of whether PostgreSQL is there. A call that fails because the
 * server cannot be reached (refused, reset, terminated, shutting down, starting up) starts an
 * outage: it is logged once, a prober tries the server with backoff, and calls made through
 * `retry` wait for it and run again, instead of failing work (or crashing the process) over an
 * outage. Errors that are not about reaching the server are the caller's to handle.
 */

/** Socket-level failures: the server is not there, or the connection to it died. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs of a server going away or not yet back: admin_shutdown, crash_shutdown,
 * cannot_connect_now (starting up, in recovery). Class 08 (connection exception) is matched apart.
 */
const SERVER_GONE_STATES = new Set(["57P01", "57P02", "57P03"]);

/** Prisma's codes for the same: can't reach, timed out connecting, connection closed. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);

/** The driver adapter's error kinds for the same. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);

/** What node-postgres and Prisma say, for the errors that carry no code. */
const MESSAGES =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Connection timeout|Can't reach database server|Server has closed the connection|terminating connection due to|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i;

/** True when `error` (or what caused it) says the database cannot be reached. */
export function isDatabaseUnreachableError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): boolean => {
    if (value === null || typeof value !== "object" || depth > 5 || seen.has(value)) return false;
    seen.add(value);
    const record = value as Record<string, unknown>;
    const code = typeof record.code === "string" ? record.code : null;
    const originalCode = typeof record.originalCode === "string" ? record.originalCode : null;
    for (const candidate of [code, originalCode]) {
      if (candidate === null) continue;
      if (NETWORK_CODES.has(candidate) || PRISMA_CODES.has(candidate)) return true;
      if (SERVER_GONE_STATES.has(candidate) || /^08[0-9A-Z]{3}$/.test(candidate)) return true;
    }
    if (typeof record.kind === "string" && ADAPTER_KINDS.has(record.kind)) return true;
    if (typeof record.message === "string" && MESSAGES.test(record.message)) return true;
    const nested: unknown[] = [record.cause];
    if (Array.isArray(record.errors)) nested.push(...(record.errors as unknown[]));
    if (record.meta && typeof record.meta === "object") {
      nested.push((record.meta as Record<string, unknown>).driverAdapterError);
    }
    return nested.some((inner) => visit(inner, depth + 1));
  };
  return visit(error, 0);
}

/** One line about an error: its message (or code), never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error || (error !== null && typeof error === "object")) {
    const record = error as { message?: unknown; code?: unknown; errors?: unknown };
    // Node reports a refused connect to every address of a host as an AggregateError with no message.
    if (Array.isArray(record.errors) && record.errors.length > 0 && !record.message) {
      return describeError(record.errors[0]);
    }
    const message = typeof record.message === "string" ? record.message : "";
    const code = typeof record.code === "string" ? record.code : "";
    const text = message || code || String(error);
    return text.split("\n")[0]!.slice(0, 300);
  }
  return String(error);
}

/** Thrown by waits that the caller's signal ended before the database came back. */
export class DatabaseWaitAbortedError extends Error {
  override readonly name = "DatabaseWaitAbortedError";
  constructor() {
    super(`gave up waiting: ${DATABASE_UNREACHABLE}`);
  }
}

export type DatabaseLinkOptions = {
  /** One cheap round trip to the server; rejects while it cannot be reached. */
  probe: () => Promise<void>;
  log: (line: string) => void;
  /** First pause between probes in an outage, doubled after each failed probe… */
  initialBackoffMs?: number;
  /** …up to this. */
  maxBackoffMs?: number;
  /** Hears every change: false when an outage begins, true when it ends. */
  onChange?: (isReachable: boolean) => void;
  now?: () => number;
};

export type DatabaseLink = {
  isReachable(): boolean;
  /** When the current outage began (ms since the epoch); null while the database is reachable. */
  unreachableSince(): number | null;
  /** Outages so far: a call can tell whether one began while it ran. */
  outages(): number;
  /**
   * Tells the link about an error from a database call. True when it says the database cannot be
   * reached (the link then checks, and starts an outage if so); false for any other error.
   */
  report(error: unknown): boolean;
  /**
   * Like `report`, for errors nobody awaits (background timers, event emitters): any other error
   * is logged, each distinct one at most once a minute.
   */
  note(what: string, error: unknown): void;
  /** Resolves once the database is reachable; rejects with DatabaseWaitAbortedError on `signal`. */
  waitUntilReachable(signal?: AbortSignal): Promise<void>;
  /**
   * Runs `work`; when it fails because the database cannot be reached, waits for it to come back
   * and runs it again. `work` must be safe to repeat: a statement whose reply was lost may have
   * been applied. `signal` ends the waiting (the last error is thrown), not a running attempt.
   */
  retry<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Stops probing; pending waits reject. */
  close(): void;
};

/** A quick connection-level check against `databaseUrl`, on its own connection (pools may be full). */
export async function probeDatabase(databaseUrl: string, timeoutMs = 3_000): Promise<void> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    application_name: "crossbench-probe",
  });
  // The awaited calls below report the failure; the event would otherwise crash the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    // The probe has its answer; ending a connection that died can fail, and says nothing more.
    await client.end().catch(() => undefined);
  }
}

/** Errors a repeated call may hit although the probe says the server is fine, before giving up. */
const MAX_UNEXPLAINED_FAILURES = 5;
const NOTE_INTERVAL_MS = 60_000;

/** Creates a link. See {@link DatabaseLink}. */
export function createDatabaseLink(options: DatabaseLinkOptions): DatabaseLink {
  const now = options.now ?? Date.now;
  const initialBackoffMs = options.initialBackoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 5_000;
  // "checking": a call failed as if the server were gone; one probe decides before anyone says so.
  let state: "up" | "checking" | "down" = "up";
  let since: number | null = null;
  let outageCount = 0;
  let closed = false;
  let firstError = "";
  let waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const noted = new Map<string, number>();
  let wake: (() => void) | null = null;

  const settleWaiters = (error: Error | null) => {
    const pending = waiters;
    waiters = [];
    for (const waiter of pending) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const goDown = () => {
    state = "down";
    since = now();
    outageCount += 1;
    options.log(
      `${DATABASE_UNREACHABLE} (${firstError}); jobs pause, and resume when it is back (checking with backoff up to ${Math.round(maxBackoffMs / 1000)} s)`,
    );
    options.onChange?.(false);
  };

  const goUp = () => {
    const wasDown = state === "down";
    const downFor = since === null ? 0 : now() - since;
    state = "up";
    since = null;
    if (wasDown) {
      options.log(`database reachable again after ${(downFor / 1000).toFixed(1)} s; resuming`);
      options.onChange?.(true);
    }
    settleWaiters(null);
  };

  async function watchOutage(): Promise<void> {
    let backoff = initialBackoffMs;
    let isFirst = true;
    while (!closed) {
      // The first check runs at once: a single dropped connection should not read as an outage.
      if (!isFirst) await pause(backoff);
      if (closed) return;
      try {
        await options.probe();
        goUp();
        return;
      } catch (error) {
        if (isFirst) {
          firstError = firstError || describeError(error);
          goDown();
        } else {
          backoff = Math.min(backoff * 2, maxBackoffMs);
        }
      }
      isFirst = false;
    }
  }

  const report = (error: unknown): boolean => {
    if (!isDatabaseUnreachableError(error)) return false;
    if (state === "up" && !closed) {
      state = "checking";
      firstError = describeError(error);
      void watchOutage();
    }
    return true;
  };

  const waitUntilReachable = (signal?: AbortSignal): Promise<void> => {
    if (state === "up") return Promise.resolve();
    if (closed) return Promise.reject(new DatabaseWaitAbortedError());
    if (signal?.aborted) return Promise.reject(new DatabaseWaitAbortedError());
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        waiters = waiters.filter((waiter) => waiter !== entry);
        reject(new DatabaseWaitAbortedError());
      };
      const entry = {
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        reject: (error: Error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      waiters.push(entry);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  };

  return {
    isReachable: () => state !== "down",
    unreachableSince: () => (state === "down" ? since : null),
    outages: () => outageCount,
    report,
    note(what, error) {
      if (report(error)) return;
      const text = `${what} failed: ${describeError(error)}`;
      const last = noted.get(text);
      if (last !== undefined && now() - last < NOTE_INTERVAL_MS) return;
      noted.set(text, now());
      options.log(text);
    },
    waitUntilReachable,
    async retry<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      let unexplained = 0;
      for (;;) {
        await waitUntilReachable(signal);
        const outagesBefore = outageCount;
        try {
          return await work();
        } catch (error) {
          if (!report(error) || signal?.aborted) throw error;
          await waitUntilReachable(signal).catch(() => {
            throw error;
          });
          // The server answered the probe and no outage began: something else is wrong.
          if (outageCount === outagesBefore) unexplained += 1;
          if (unexplained >= MAX_UNEXPLAINED_FAILURES) throw error;
        }
      }
    },
    close() {
      closed = true;
      wake?.();
      settleWaiters(new DatabaseWaitAbortedError());
    },
  };
}
