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
