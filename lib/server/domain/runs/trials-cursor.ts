import "server-only";
import pg from "pg";
import type { ExportableTrial } from "@/lib/report/trial-export";
import type { Db } from "../../ops/db-client";
import { requireDatabaseUrl } from "../../ops/env";
import { notFound, requireRole, type Caller } from "../caller";
import { AppError } from "../errors";

/**
 * A run's trials read through a server-side cursor, one small batch per `read()`, for the
 * downloads. Nothing is read ahead of the caller: the next batch is fetched only when asked for,
 * so a client that reads slowly holds back PostgreSQL instead of filling the server's memory.
 * The rows come from node-postgres as plain arrays (no ORM objects): at 100,000 trials the
 * per-row objects of a Prisma query were what grew the heap by hundreds of megabytes.
 *
 * The cursor lives in a read-only transaction on a connection of its own, from a small pool kept
 * for downloads so they never take the app's query connections. A connection left idle in that
 * transaction (a client that stopped reading without going away) is ended by PostgreSQL after
 * {@link IDLE_LIMIT}.
 */

/** A trial as the exports write it (lib/report/trial-export.ts), its bigint id as text. */
export type ExportTrial = ExportableTrial & { id: string };

/** An open cursor over a run's trials, in id order. */
export type RunTrialsCursor = {
  /** The next batch (at most the batch size, never empty), or null after the last trial. */
  read(): Promise<ExportTrial[] | null>;
  /** Ends the query and returns the connection; safe to call more than once. */
  close(): Promise<void>;
};

/** Trials per FETCH: small, so what one read holds is small; large enough to keep round trips few. */
export const TRIALS_PER_READ = 200;
/** Downloads streaming at once; one more waits for a connection. */
const CONNECTIONS = 8;
const CONNECT_TIMEOUT_MS = 10_000;
const IDLE_LIMIT = "5min";

// The columns in the order `toTrial` reads them. Timestamps are stored without a time zone and
// mean UTC (as Prisma reads them); AT TIME ZONE 'UTC' makes node-postgres read them so too.
const SELECT_TRIALS = `SELECT "id", "runId", "targetId", "caseId", "repeat", "status", "output",
  "score", "pass", "assertions", "judgeModel", "judgeReason", "latencyMs", "ttftMs",
  "outputTokensPerSecond", "inputTokens", "outputTokens", "costUsd", "errorKind", "errorMessage",
  "servedBy", "attempts", "startedAt" AT TIME ZONE 'UTC', "finishedAt" AT TIME ZONE 'UTC'
  FROM "Trial" WHERE "runId" = $1 ORDER BY "id"`;

/**
 * A query through node-postgres's callback form. Its promise form (`await client.query(...)`)
 * left a quarter to a half of what each query allocated alive across a young-generation GC
 * (measured with --trace-gc-nvp: 2.5-4.5 MB promoted per scavenge against under 0.1 MB in the
 * callback form), so at 500 fetches per download the old generation grew by tens of megabytes
 * of garbage before a full GC.
 */
function queryRows(client: pg.PoolClient, text: string, values: unknown[] = []) {
  return new Promise<unknown[][]>((resolve, reject) => {
    client.query<unknown[]>({ text, values, rowMode: "array" }, (error, result) => {
      if (error) reject(error);
      else resolve(result.rows);
    });
  });
}

const globalForPool = globalThis as unknown as {
  crossbenchTrialsCursorPool?: { url: string; pool: pg.Pool };
};

/** The downloads' own pool, created on first use (so a build needs no database). */
function getCursorPool(): pg.Pool {
  const url = requireDatabaseUrl();
  const current = globalForPool.crossbenchTrialsCursorPool;
  if (current?.url === url) return current.pool;
  const pool = new pg.Pool({
    connectionString: url,
    max: CONNECTIONS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
  });
  // An idle connection that the server ends (a restart, a dropped database) is simply replaced.
  pool.on("error", () => undefined);
  globalForPool.crossbenchTrialsCursorPool = { url, pool };
  return pool;
}

/**
 * Opens a cursor over every trial of a run for a viewer or above. Checks the role (FORBIDDEN) and
 * that the run exists (NOT_FOUND) before it takes a connection, so the caller can answer either
 * before sending a byte. RATE_LIMITED when every download connection stays busy.
 */
export async function openRunTrialsCursor(
  caller: Caller,
  db: Db,
  runId: string,
  options: { batchSize?: number } = {},
): Promise<RunTrialsCursor> {
  requireRole(caller, "viewer");
  const run = await db.evalRun.findUnique({
    where: { id: runId },
    select: { isSimulated: true, targets: { select: { id: true, label: true } } },
  });
  if (!run) notFound("That run");
  const labels = new Map(run.targets.map((target) => [target.id, target.label]));
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? TRIALS_PER_READ));

  const pool = getCursorPool();
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    if (pool.totalCount >= CONNECTIONS)
      throw new AppError("RATE_LIMITED", "Too many downloads are running; try again in a minute.");
    throw error;
  }
  // Between two reads no query is running, so an ended session would be reported as an event;
  // the next read fails with it instead of the process.
  let lost: Error | null = null;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on("error", onError);
  let isClosed = false;
  let isExhausted = false;

  const close = async () => {
    if (isClosed) return;
    isClosed = true;
    try {
      if (lost) throw lost;
      // Ends the transaction, which closes the cursor with it.
      await queryRows(client, "COMMIT");
      client.off("error", onError);
      client.release();
    } catch (error) {
      client.off("error", onError);
      client.release(error instanceof Error ? error : new Error(String(error)));
    }
  };

  try {
    await queryRows(client, "BEGIN READ ONLY");
    await queryRows(client, `SET LOCAL idle_in_transaction_session_timeout = '${IDLE_LIMIT}'`);
    await queryRows(client, `DECLARE run_trials NO SCROLL CURSOR FOR ${SELECT_TRIALS}`, [runId]);
  } catch (error) {
    await close();
    throw error;
  }

  const toTrial = (row: unknown[]): ExportTrial => {
    const targetId = row[2] as string;
    return {
      id: row[0] as string,
      runId: row[1] as string,
      targetId,
      targetLabel: labels.get(targetId) ?? targetId,
      caseId: row[3] as string,
      repeat: row[4] as number,
      status: row[5] as string,
      output: row[6] as string | null,
      score: row[7] as number | null,
      pass: row[8] as boolean | null,
      assertions: row[9],
      judgeModel: row[10] as string | null,
      judgeReason: row[11] as string | null,
      latencyMs: row[12] as number | null,
      ttftMs: row[13] as number | null,
      outputTokensPerSecond: row[14] as number | null,
      inputTokens: row[15] as number | null,
      outputTokens: row[16] as number | null,
      costUsd: row[17] as number | null,
      errorKind: row[18] as string | null,
      errorMessage: row[19] as string | null,
      servedBy: row[20] as string | null,
      attempts: row[21] as number,
      startedAt: row[22] as Date,
      finishedAt: row[23] as Date,
      simulated: run.isSimulated,
    };
  };

  return {
    async read() {
      if (isExhausted || isClosed) return null;
      let rows: unknown[][];
      try {
        if (lost) throw lost;
        rows = await queryRows(client, `FETCH ${batchSize} FROM run_trials`);
      } catch (error) {
        await close();
        throw error;
      }
      // A short batch is the last: the connection goes back now, not at the next read.
      if (rows.length < batchSize) {
        isExhausted = true;
        await close();
      }
      return rows.length === 0 ? null : rows.map(toTrial);
    },
    close,
  };
}
