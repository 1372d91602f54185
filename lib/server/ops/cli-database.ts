import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { AppError } from "../domain/errors";
import { DataDirInUseError, startEmbeddedPostgres } from "./embedded-postgres";
import type { Env } from "./env";
import { loadOrCreateSecretKey } from "./secret-key";

/** The signals a command stops on; the embedded-postgres package hooks the same ones. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** The database a command runs against, and how to let go of it. */
export type CliDatabase = {
  url: string;
  /** True when this command started the embedded PostgreSQL itself; `close` then stops it. */
  isStartedHere: boolean;
  /** Stops the embedded PostgreSQL when this command started it; otherwise does nothing. */
  close: () => Promise<void>;
};

function embeddedUrl(password: string, env: Env): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${env.EMBEDDED_PG_PORT}/crossbench`;
}

/**
 * The database a command-line tool should use: DATABASE_URL, or the embedded PostgreSQL that a
 * running `npm start` serves from CROSSBENCH_DATA_DIR. Never starts anything: for commands that
 * only make sense beside a running app (a worker, user and credential management).
 */
export async function resolveCliDatabaseUrl(env: Env, root: string): Promise<string> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const dataDir = path.resolve(root, env.CROSSBENCH_DATA_DIR);
  let password: string;
  try {
    password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
  } catch {
    throw new Error(
      `DATABASE_URL is not set and there is no embedded database in ${dataDir}. Run \`npm start\` once, or set DATABASE_URL.`,
    );
  }
  return embeddedUrl(password, env);
}

/**
 * The database for a command that can run on its own (eval, report, schedule): DATABASE_URL; or
 * the embedded PostgreSQL of a running `npm start` (or of another command that started it),
 * shared; or, when nothing runs it, the embedded PostgreSQL started here exactly as `npm start`
 * starts it (data folder and password created on first use), which `close` stops again. So a
 * fresh clone's first command can be `npm run eval`. While a command holds it, `npm start` on the
 * same data folder stops with a message naming the command.
 */
export async function openCliDatabase(
  env: Env,
  root: string,
  options: { command: string; log: (line: string) => void },
): Promise<CliDatabase> {
  const shared = (url: string): CliDatabase => ({
    url,
    isStartedHere: false,
    close: async () => undefined,
  });
  if (env.DATABASE_URL) return shared(env.DATABASE_URL);
  const dataDir = path.resolve(root, env.CROSSBENCH_DATA_DIR);
  // The package installs signal hooks that stop the server and exit at once; the command stops
  // its own work first, then the database (see stopOnSignals), so those hooks are taken back.
  const before = new Map(STOP_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  try {
    const embedded = await startEmbeddedPostgres({
      dataDir,
      port: env.EMBEDDED_PG_PORT,
      owner: options.command,
      log: options.log,
    });
    options.log(
      `started the embedded PostgreSQL (data in ${path.relative(root, dataDir).startsWith("..") ? dataDir : path.relative(root, dataDir) || "."}, port ${env.EMBEDDED_PG_PORT}); it stops when this command ends`,
    );
    let isClosed = false;
    return {
      url: embedded.url,
      isStartedHere: true,
      close: async () => {
        if (isClosed) return;
        isClosed = true;
        // Another command may have joined it meanwhile: it keeps the database until it is done.
        await waitForOtherClients(embedded.url, options.log).catch(() => undefined);
        await embedded.stop();
      },
    };
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    // `npm start` (or another command) runs it: share it.
    return shared(await resolveCliDatabaseUrl(env, root));
  } finally {
    for (const signal of STOP_SIGNALS) {
      const kept = before.get(signal) ?? [];
      for (const listener of process.listeners(signal))
        if (!kept.includes(listener)) process.off(signal, listener);
    }
  }
}

/** Set by a signal while a command waits to stop its database: stop now. */
const forceStop = new AbortController();

/**
 * Waits until no other session is connected (another command that shares the database this one
 * started), saying so once; a signal (Ctrl-C) ends the wait.
 */
async function waitForOtherClients(url: string, log: (line: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    let isSaid = false;
    while (!forceStop.signal.aborted) {
      const { rows } = await client.query<{ others: number }>(
        `SELECT count(*)::int AS others FROM pg_stat_activity
          WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      const others = rows[0]?.others ?? 0;
      if (others === 0) return;
      if (!isSaid) {
        isSaid = true;
        log(
          `another command is using the embedded PostgreSQL this one started (${others} connection(s)); waiting for it to finish before stopping it (Ctrl-C stops it now)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Ctrl-C and friends: the first signal calls `interrupt` when the command can wind down by itself
 * (it then closes the database on its normal way out); without one, or on a second signal, the
 * database this command started is stopped and the process exits (130 for SIGINT, 143 otherwise).
 */
export function stopOnSignals(database: CliDatabase, interrupt?: (signal: string) => void): void {
  let signals = 0;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      signals += 1;
      forceStop.abort();
      if (signals === 1 && interrupt) {
        interrupt(signal);
        return;
      }
      void database
        .close()
        .catch(() => undefined)
        .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
  }
}

/**
 * A command beside `npm start` with nothing configured uses the secret key `npm start` keeps in
 * CROSSBENCH_DATA_DIR with the embedded database (created there if missing, as `npm start` would),
 * so stored credentials decrypt the same in both. With your own DATABASE_URL the variable stays
 * required, as it is for the app. Sets CROSSBENCH_SECRET_KEY in `target` (this process's
 * environment), which the router setup and the worker read.
 */
export async function prepareCliSecretKey(
  env: Env,
  root: string,
  target: Record<string, string | undefined> = process.env,
): Promise<void> {
  if (env.CROSSBENCH_SECRET_KEY || env.DATABASE_URL) return;
  const loaded = await loadOrCreateSecretKey({
    envValue: undefined,
    dataDir: path.resolve(root, env.CROSSBENCH_DATA_DIR),
    allowGenerated: true,
  });
  if (loaded.source !== "env")
    target.CROSSBENCH_SECRET_KEY = (await readFile(loaded.path, "utf8")).trim();
}

/**
 * The database for a command that launches or reads runs: opened as {@link openCliDatabase} says,
 * migrated to this version's schema, and seeded with the curated catalogue when it has none (as
 * `npm start` does). When both are already done, that costs one connection and two queries: the
 * schema engine and the seed are not loaded at all. The caller closes the result.
 */
export async function prepareCliDatabase(
  env: Env,
  root: string,
  options: { seed: boolean; command: string; log: (line: string) => void },
): Promise<CliDatabase> {
  await prepareCliSecretKey(env, root);
  const database = await openCliDatabase(env, root, options);
  try {
    const migrationsDir = path.join(root, "prisma", "migrations");
    const [{ readDatabaseReadiness }, { SEED_PLATFORMS }] = await Promise.all([
      import("./db/migration-status"),
      import("@/lib/catalog/seed/platforms"),
    ]);
    const ready = await readDatabaseReadiness({
      databaseUrl: database.url,
      migrationsDir,
      seedPlatformIds: SEED_PLATFORMS.map((platform) => platform.id),
    });
    if (!ready.isMigrated) {
      const { applyMigrations } = await import("./db/schema-engine");
      const { applied } = await applyMigrations({
        databaseUrl: database.url,
        migrationsDir,
        schemaPath: path.join(root, "prisma", "schema.prisma"),
      });
      if (applied.length) options.log(`applied ${applied.length} migration(s)`);
    }
    if (options.seed && !ready.isSeeded) {
      const { seedDatabase } = await import("@/prisma/seed");
      const seeded = await seedDatabase(database.url);
      if (seeded.loaded) options.log(`loaded the catalogue (${seeded.offerings} offerings)`);
    }
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return database;
}

/**
 * A command's failure in one line, with an AppError's field messages below it (each once, and not
 * when they repeat the message).
 */
export function describeCliFailure(error: unknown): string {
  const message =
    error instanceof AppError || error instanceof Error ? error.message : String(error);
  const details = [
    ...new Set(
      error instanceof AppError && error.fieldErrors ? Object.values(error.fieldErrors).flat() : [],
    ),
  ].filter((detail) => detail !== message);
  return `${message}${details.length ? `\n  ${details.join("\n  ")}` : ""}`;
}
