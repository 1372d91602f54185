import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/server/ops/db-client";
import { prepareTestDatabase, requireTestDatabaseUrl, withDatabaseName } from "./test-database";

const root = path.resolve(import.meta.dirname, "..", "..");

/**
 * Fresh, migrated databases on the test server, for integration tests that need tables no other
 * test writes to (first-run flows, whole-catalogue imports). Names end in `_test`; `dropAll`
 * disconnects the clients and drops every database this pool made.
 */
export function freshDatabasePool(prefix: string) {
  const baseUrl = requireTestDatabaseUrl();
  const suffix = randomBytes(4).toString("hex");
  const created: string[] = [];
  const clients: Db[] = [];

  return {
    /** A new, migrated, empty database and a client for it. */
    async create(label: string, options: { max?: number } = {}): Promise<{ url: string; db: Db }> {
      const base = decodeURIComponent(new URL(baseUrl).pathname.slice(1)).replace(/_test$/, "");
      const name = `${base}_${prefix}_${suffix}_${label}_test`;
      const url = withDatabaseName(baseUrl, name);
      created.push(name);
      await prepareTestDatabase(url, root);
      const db = createPrismaClient(url, { max: options.max ?? 2 });
      clients.push(db);
      return { url, db };
    },

    async dropAll(): Promise<void> {
      for (const client of clients.splice(0)) await client.$disconnect();
      if (created.length === 0) return;
      const admin = new pg.Client({ connectionString: withDatabaseName(baseUrl, "postgres") });
      await admin.connect();
      try {
        for (const name of created.splice(0)) {
          await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
        }
      } finally {
        await admin.end();
      }
    },
  };
}
