import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/server/ops/embedded-postgres";
import { applyMigrations } from "@/lib/server/ops/db/schema-engine";

/**
 * Test databases: where integration and end-to-end tests get their PostgreSQL, and the guard
 * that keeps them away from anything that is not a local database named `*_test`.
 */

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export class UnsafeTestDatabaseError extends Error {
  override readonly name = "UnsafeTestDatabaseError";
}

/** Throws unless the URL names a database ending in `_test` on this machine. */
export function assertSafeTestDatabaseUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsafeTestDatabaseError("TEST_DATABASE_URL is not a valid URL.");
  }
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!name.endsWith("_test")) {
    throw new UnsafeTestDatabaseError(
      `Refusing to run tests against database "${name}": test database names must end in _test.`,
    );
  }
  if (!LOCAL_HOSTS.has(parsed.hostname) && !parsed.hostname.startsWith("127.")) {
    throw new UnsafeTestDatabaseError(
      `Refusing to run tests against host "${parsed.hostname}": tests only use a database on this machine.`,
    );
  }
}

/**
 * The integration tests' database (TEST_DATABASE_URL, set by their global setup), after the
 * safety check. Throws when it is not set, as when an int test is run outside the int project.
 */
export function requireTestDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error("TEST_DATABASE_URL is not set: run integration tests through npm test.");
  assertSafeTestDatabaseUrl(url);
  return url;
}

/** The same server with another database name. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Creates the database when missing (after the safety check). */
export async function ensureTestDatabase(url: string): Promise<void> {
  assertSafeTestDatabaseUrl(url);
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      try {
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
      } catch (error) {
        // Another runner created it between our check and our CREATE.
        if ((error as { code?: string }).code !== "42P04") throw error;
      }
    }
  } finally {
    await admin.end();
  }
}

/** Creates (when missing) and migrates a test database. */
export async function prepareTestDatabase(url: string, root: string): Promise<void> {
  await ensureTestDatabase(url);
  await applyMigrations({
    databaseUrl: url,
    migrationsDir: path.join(root, "prisma", "migrations"),
    schemaPath: path.join(root, "prisma", "schema.prisma"),
  });
}

export type TestServer = { baseUrl: string; source: string; stop: () => Promise<void> };

/**
 * Picks the PostgreSQL server for a test run: TEST_DATABASE_URL, else the server of
 * DATABASE_URL (with a `crossbench_test` database), else an embedded server in `.data/test`.
 */
export async function resolveTestServer(
  env: Record<string, string | undefined>,
  root: string,
  log: (message: string) => void,
): Promise<TestServer> {
  if (env.TEST_DATABASE_URL) {
    assertSafeTestDatabaseUrl(env.TEST_DATABASE_URL);
    return {
      baseUrl: env.TEST_DATABASE_URL,
      source: "TEST_DATABASE_URL",
      stop: async () => undefined,
    };
  }
  if (env.DATABASE_URL) {
    const baseUrl = withDatabaseName(env.DATABASE_URL, "crossbench_test");
    assertSafeTestDatabaseUrl(baseUrl);
    return { baseUrl, source: "the server in DATABASE_URL", stop: async () => undefined };
  }
  const port = Number(env.TEST_EMBEDDED_PG_PORT ?? 54339);
  log(
    `No TEST_DATABASE_URL or DATABASE_URL: starting an embedded PostgreSQL for tests on port ${port}…`,
  );
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(root, ".data", "test"),
    port,
    database: "crossbench_test",
    log,
  });
  return { baseUrl: embedded.url, source: "embedded PostgreSQL", stop: embedded.stop };
}
