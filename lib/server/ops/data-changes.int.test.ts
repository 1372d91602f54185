import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import {
  DATA_CHANGE_APPLICATION_NAME,
  listenForDataChanges,
  type DataChanges,
} from "./data-changes";

/**
 * The change feed the page cache trusts (lib/server/http/page-cache.ts): every committed change
 * to a table a page can show is counted, a checkpoint has counted every change committed before
 * it, and nothing else moves the count.
 */
describe("the database change feed", () => {
  const pool = freshDatabasePool("changes");
  let url: string;
  let writer: pg.Client;
  let changes: DataChanges;

  beforeAll(async () => {
    ({ url } = await pool.create("feed"));
    writer = new pg.Client({ connectionString: url });
    await writer.connect();
    changes = await listenForDataChanges({ connectionString: url });
  });
  afterAll(async () => {
    await changes?.close();
    await writer?.end();
    await pool.dropAll();
  });

  /** The count once every change committed so far has been heard. */
  async function settledVersion(): Promise<number> {
    const checked = await changes.checkpoint("SELECT 1", []);
    if (!checked) throw new Error("not listening");
    return checked.version;
  }

  it("gives every application table the trigger, so a table added later cannot be forgotten", async () => {
    const { rows } = await writer.query<{ table: string; triggers: number }>(`
      SELECT c.relname AS table,
        (SELECT count(*)::int FROM pg_trigger t
          WHERE t.tgrelid = c.oid AND t.tgname LIKE 'crossbench_data_changed%') AS triggers
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r'
      ORDER BY c.relname`);
    const without = rows.filter((row) => row.triggers === 0).map((row) => row.table);
    // Sign-in plumbing no page shows, and Prisma's own bookkeeping (see the migration).
    expect(without).toEqual(["RateLimit", "SignInThrottle", "Verification", "_prisma_migrations"]);
    expect(rows.length).toBeGreaterThan(30);
  });

  it("counts a committed change before a checkpoint that starts after the commit, every time", async () => {
    for (let round = 0; round < 40; round += 1) {
      const before = await settledVersion();
      await writer.query(
        `INSERT INTO "Platform" ("id", "name", "kind", "owner", "sourceUrl", "snapshotDate", "updatedAt") VALUES ($1, $1, 'vendor_api', 'o', 'https://example.com', now(), now())`,
        [`feed-platform-${round}`],
      );
      // No waiting: the checkpoint alone must have heard the commit.
      expect(await settledVersion()).toBeGreaterThan(before);
    }
    expect(changes.counts().get("Platform")).toBeGreaterThanOrEqual(40);
  });

  it("does not count a change that rolled back, nor a query that changed nothing", async () => {
    const before = await settledVersion();
    await writer.query("BEGIN");
    await writer.query(
      `INSERT INTO "Platform" ("id", "name", "kind", "owner", "sourceUrl", "snapshotDate", "updatedAt") VALUES ('feed-rolled-back', 'x', 'vendor_api', 'o', 'https://example.com', now(), now())`,
    );
    await writer.query("ROLLBACK");
    await writer.query(`SELECT count(*) FROM "Platform"`);
    expect(await settledVersion()).toBe(before);
  });

  it("counts a worker joining and leaving but not its heartbeat", async () => {
    const joined = await settledVersion();
    await writer.query(
      `INSERT INTO "EvalWorker" ("id", "hostname", "pid") VALUES ('feed-worker', 'host', 1)`,
    );
    const beating = await settledVersion();
    expect(beating).toBeGreaterThan(joined);
    for (let beat = 0; beat < 3; beat += 1) {
      await writer.query(
        `INSERT INTO "EvalWorker" ("id", "hostname", "pid") VALUES ('feed-worker', 'host', 1)
         ON CONFLICT ("id") DO UPDATE SET "heartbeatAt" = now()`,
      );
    }
    expect(await settledVersion()).toBe(beating);
    await writer.query(`DELETE FROM "EvalWorker" WHERE "id" = 'feed-worker'`);
    expect(await settledVersion()).toBeGreaterThan(beating);
  });

  it("stops answering when its connection is lost, and moves the count once it listens again", async () => {
    const before = await settledVersion();
    await writer.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = $1`,
      [DATA_CHANGE_APPLICATION_NAME],
    );
    const deadline = Date.now() + 10_000;
    while (changes.version() !== null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(changes.version()).toBeNull();
    expect(await changes.checkpoint("SELECT 1", [])).toBeNull();
    while (changes.version() === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await settledVersion()).toBeGreaterThan(before);
    // And it hears changes again.
    const listening = await settledVersion();
    await writer.query(`UPDATE "Platform" SET "name" = 'renamed' WHERE "id" = 'feed-platform-0'`);
    expect(await settledVersion()).toBeGreaterThan(listening);
  });
});
