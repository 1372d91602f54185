import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../domain/errors";
import type { Env } from "./env";
import { loadOrCreateSecretKey } from "./secret-key";

/**
 * The database a command-line tool should use: DATABASE_URL, or the embedded PostgreSQL that a
 * running `npm start` serves from CROSSBENCH_DATA_DIR.
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
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${env.EMBEDDED_PG_PORT}/crossbench`;
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
 * The database for a command that launches or reads runs: resolved as above, migrated to this
 * version's schema, and seeded with the curated catalogue when it has none (as `npm start` does).
 */
export async function prepareCliDatabase(
  env: Env,
  root: string,
  options: { seed: boolean },
): Promise<string> {
  const databaseUrl = await resolveCliDatabaseUrl(env, root);
  await prepareCliSecretKey(env, root);
  const { applyMigrations } = await import("./db/schema-engine");
  await applyMigrations({
    databaseUrl,
    migrationsDir: path.join(root, "prisma", "migrations"),
    schemaPath: path.join(root, "prisma", "schema.prisma"),
  });
  if (options.seed) {
    const { seedDatabase } = await import("@/prisma/seed");
    await seedDatabase(databaseUrl);
  }
  return databaseUrl;
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
