import pg from "pg";

/**
 * Hears every committed change to the application's tables. The migration
 * `20261207080000_data_change_notify` gives each table a trigger that announces a write on the
 * channel {@link DATA_CHANGE_CHANNEL}; PostgreSQL delivers the announcement when the writing
 * transaction commits (never for one that rolls back). One connection per process listens and
 * counts: the count, {@link DataChanges.version}, moves on every committed change anywhere and on
 * every loss of the connection (changes may have been missed then), so something computed at one
 * count is current as long as the count has not moved.
 *
 * "Has not moved" needs one more step to be exact: an announcement reaches this process a moment
 * after the commit. {@link DataChanges.checkpoint} runs a query on the listening connection, and
 * PostgreSQL sends the connection every announcement it has received before it answers a query
 * (src/backend/tcop/postgres.c, before ReadyForQuery), so once the checkpoint returns, the count
 * includes every change committed before the checkpoint started.
 */

export const DATA_CHANGE_CHANNEL = "crossbench_data_changed";
/** How the listening connection names itself in pg_stat_activity. */
export const DATA_CHANGE_APPLICATION_NAME = "crossbench page cache";

/** Reconnection waits this long after a loss, doubling to the maximum while it keeps failing. */
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 15_000;

export type DataChanges = {
  /** The count now, or null while not listening (nothing computed now may be reused). */
  version(): number | null;
  /**
   * Runs `sql` on the listening connection and returns its rows with the count once every change
   * committed before the call has been counted; null while not listening or when the query fails.
   */
  checkpoint<Row extends pg.QueryResultRow>(
    sql: string,
    params: unknown[],
  ): Promise<{ rows: Row[]; version: number } | null>;
  /** Changes counted since start, by table (for tests and logs). */
  counts(): ReadonlyMap<string, number>;
  close(): Promise<void>;
};

export async function listenForDataChanges(options: {
  connectionString: string;
  log?: (line: string) => void;
}): Promise<DataChanges> {
  let version = 0;
  /** The connection being set up or listening; `listening` once its LISTEN has taken effect. */
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let retryMs = RECONNECT_MIN_MS;
  let retryTimer: NodeJS.Timeout | null = null;
  const counts = new Map<string, number>();

  const lose = (current: pg.Client, reason: string) => {
    if (client !== current) return;
    client = null;
    listening = false;
    version += 1;
    current.removeAllListeners();
    current.on("error", () => {});
    void current.end().catch(() => {});
    if (closed) return;
    options.log?.(`Page cache: lost the database change feed (${reason}); reconnecting.`);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect().catch(() => {});
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(RECONNECT_MAX_MS, retryMs * 2);
  };

  async function connect(): Promise<void> {
    const next = new pg.Client({
      connectionString: options.connectionString,
      application_name: DATA_CHANGE_APPLICATION_NAME,
    });
    next.on("error", (error) => lose(next, error.message));
    next.on("end", () => lose(next, "connection closed"));
    next.on("notification", (message) => {
      if (message.channel !== DATA_CHANGE_CHANNEL) return;
      version += 1;
      const table = message.payload ?? "";
      counts.set(table, (counts.get(table) ?? 0) + 1);
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${DATA_CHANGE_CHANNEL}`);
    } catch (error) {
      lose(next, (error as Error).message);
      throw error;
    }
    if (client === next) {
      // Listening from here on: every change committed after this point is heard. Whatever was
      // computed before may have missed some, so the count moves.
      version += 1;
      listening = true;
      retryMs = RECONNECT_MIN_MS;
    }
  }

  // A database not there yet is retried like a lost connection; until then nothing is reused.
  await connect().catch(() => {});

  return {
    version: () => (listening ? version : null),
    async checkpoint<Row extends pg.QueryResultRow>(sql: string, params: unknown[]) {
      const current = client;
      if (!current || !listening) return null;
      try {
        const result = await current.query<Row>(sql, params);
        return client === current && listening ? { rows: result.rows, version } : null;
      } catch {
        return null;
      }
    },
    counts: () => counts,
    async close() {
      closed = true;
      listening = false;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners();
        current.on("error", () => {});
        await current.end().catch(() => {});
      }
    },
  };
}
