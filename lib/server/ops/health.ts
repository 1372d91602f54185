import type { Db } from "./db-client";

export type HealthReport = {
  status: "ok" | "unavailable";
  database: { reachable: boolean; latencyMs: number | null };
  checkedAt: string;
};

/**
 * Pings the database with a bounded wait. The report carries no error text: health is public, and
 * the operator reads the reason in the server log.
 */
export async function checkHealth(
  db: Db,
  options: { timeoutMs?: number; now?: () => number; log?: (message: string) => void } = {},
): Promise<HealthReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const timeoutMs = options.timeoutMs ?? 3_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return {
      status: "ok",
      database: { reachable: true, latencyMs: now() - started },
      checkedAt: new Date().toISOString(),
    };
  } catch (error) {
    options.log?.(
      `health: database unreachable: ${error instanceof Error ? error.message : String(error)}`,
    );
    return {
      status: "unavailable",
      database: { reachable: false, latencyMs: null },
      checkedAt: new Date().toISOString(),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The words a worker uses, in its log and in its health, while it cannot reach PostgreSQL. */
export const DATABASE_UNREACHABLE = "database unreachable";

/**
 * A worker's health. A worker keeps it in memory and serves it itself (see `npm run worker --
 * --health-port`), because the database, where everything else about workers lives, is the thing
 * that may be gone. Like the app's report it carries no error text; the worker's log has that.
 */
export type WorkerHealthReport = {
  status: "ok" | "unavailable";
  /** Why the status is not ok; null when it is. */
  problem: typeof DATABASE_UNREACHABLE | null;
  workerId: string;
  database: { reachable: boolean; unreachableSince: string | null };
  /** Jobs the worker holds, running or waiting for the database. */
  jobsRunning: number;
  checkedAt: string;
};

/** Builds a worker's health report from what the worker knows about itself. */
export function buildWorkerHealthReport(
  state: { workerId: string; unreachableSince: number | null; jobsRunning: number },
  now: () => number = Date.now,
): WorkerHealthReport {
  const isReachable = state.unreachableSince === null;
  return {
    status: isReachable ? "ok" : "unavailable",
    problem: isReachable ? null : DATABASE_UNREACHABLE,
    workerId: state.workerId,
    database: {
      reachable: isReachable,
      unreachableSince:
        state.unreachableSince === null ? null : new Date(state.unreachableSince).toISOString(),
    },
    jobsRunning: state.jobsRunning,
    checkedAt: new Date(now()).toISOString(),
  };
}
