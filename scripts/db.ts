/**
 * Database chores without the Prisma CLI's native engine (`tsx scripts/db.ts <command>`):
 *
 *   generate [--quiet] [--force]  generate the Prisma client when prisma/schema.prisma changed
 *   migrate                       apply pending migrations to DATABASE_URL (like `prisma migrate deploy`)
 *   diff --name <name>            write a migration from the last migration's schema to the current one
 *   seed                          load the curated seed into DATABASE_URL
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaGenerateError, ensurePrismaClient } from "@/lib/server/ops/db/generate";
import {
  MigrationFilesError,
  SCHEMA_SNAPSHOT_FILE,
  checkMigrationName,
  ensureMigrationLock,
  listMigrationDirNames,
  nextMigrationDirName,
  readSchemaAtLastMigration,
  writeMigration,
} from "@/lib/server/ops/db/migration-files";
import { SchemaEngineError, applyMigrations, diffSchemas } from "@/lib/server/ops/db/schema-engine";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schemaPath = path.join(root, "prisma", "schema.prisma");
const migrationsDir = path.join(root, "prisma", "migrations");

const USAGE = `Usage: tsx scripts/db.ts <command>
  generate [--quiet] [--force]   generate the Prisma client if prisma/schema.prisma changed
  migrate                        apply pending migrations to DATABASE_URL
  diff --name <name>             create prisma/migrations/<timestamp>_<name>/ from schema changes
  seed                           load the seed data into DATABASE_URL`;

/** An expected failure: printed as one line, without a stack trace. */
class CommandError extends Error {
  override readonly name = "CommandError";
}

async function generate(args: string[]): Promise<void> {
  const isQuiet = args.includes("--quiet");
  await ensurePrismaClient({
    root,
    log: isQuiet ? undefined : (message) => console.log(message),
    showPrismaOutput: !isQuiet,
    force: args.includes("--force"),
  });
}

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new CommandError(
      "DATABASE_URL is not set. Set it (for example postgresql://postgres@127.0.0.1:5432/crossbench) " +
        "in the environment or in .env.",
    );
  }
  return url;
}

async function migrate(): Promise<void> {
  const { applied } = await applyMigrations({
    databaseUrl: requireDatabaseUrl(),
    migrationsDir,
    schemaPath,
  });
  if (applied.length === 0) {
    console.log("The database is up to date.");
    return;
  }
  console.log(`Applied ${applied.length} migration(s):`);
  for (const name of applied) console.log(`  ${name}`);
}

function readOption(args: string[], option: string): string | undefined {
  const index = args.indexOf(option);
  if (index !== -1) return args[index + 1];
  const inline = args.find((arg) => arg.startsWith(`${option}=`));
  return inline?.slice(option.length + 1);
}

async function diff(args: string[]): Promise<void> {
  const rawName = readOption(args, "--name");
  if (rawName === undefined || rawName.startsWith("--")) {
    throw new CommandError(
      "diff needs a migration name: tsx scripts/db.ts diff --name add_offering_notes",
    );
  }
  const check = checkMigrationName(rawName);
  if (!check.ok) throw new CommandError(check.reason);

  const schema = await readFile(schemaPath, "utf8");
  const last = await readSchemaAtLastMigration(migrationsDir);
  const sql = await diffSchemas({
    from: last?.schema ?? null,
    to: schema,
    fromPath: last ? `prisma/migrations/${last.migration}/${SCHEMA_SNAPSHOT_FILE}` : undefined,
    toPath: "prisma/schema.prisma",
  });
  if (sql === "") {
    await ensureMigrationLock(migrationsDir);
    console.log(
      last
        ? `No schema changes since ${last.migration}: no migration written.`
        : "No schema changes: the schema is empty, no migration written.",
    );
    return;
  }
  const dirName = nextMigrationDirName(
    await listMigrationDirNames(migrationsDir),
    new Date(),
    check.name,
  );
  const dir = await writeMigration({ migrationsDir, dirName, sql, schema });
  console.log(
    `Wrote ${path.relative(root, path.join(dir, "migration.sql"))} (${summarizeSteps(sql)}).`,
  );
  console.log("Review it, then apply it with `npm run db:migrate`.");
}

/** Prisma heads each step with a comment such as `-- CreateTable`; count them for a one-line summary. */
function summarizeSteps(sql: string): string {
  const counts = new Map<string, number>();
  for (const match of sql.matchAll(/^-- (\w+)$/gm)) {
    const step = match[1];
    if (step) counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  if (counts.size === 0) return "custom SQL";
  return [...counts].map(([step, count]) => (count > 1 ? `${step} ×${count}` : step)).join(", ");
}

async function seed(): Promise<void> {
  const databaseUrl = requireDatabaseUrl();
  // A fresh clone's `npm run db:seed` comes before any `db:generate`: make the client it needs.
  await ensurePrismaClient({ root });
  // Imported here: the seed needs the generated client, which `generate` may be about to create.
  const { seedDatabase } = await import("@/prisma/seed");
  const result: unknown = await seedDatabase(databaseUrl);
  console.log(result === undefined ? "Seed loaded." : `Seed loaded: ${JSON.stringify(result)}.`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case "generate":
      return generate(args);
    case "migrate":
      return migrate();
    case "diff":
      return diff(args);
    case "seed":
      return seed();
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      if (command === undefined) process.exitCode = 1;
      return;
    default:
      throw new CommandError(`Unknown command "${command}".\n${USAGE}`);
  }
}

function isExpected(error: unknown): error is Error {
  return (
    error instanceof CommandError ||
    error instanceof SchemaEngineError ||
    error instanceof MigrationFilesError ||
    error instanceof PrismaGenerateError
  );
}

try {
  process.loadEnvFile(path.join(root, ".env"));
} catch {
  // No .env file: configuration comes from the environment alone.
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(isExpected(error) ? `Error: ${error.message}` : error);
  process.exitCode = 1;
});
