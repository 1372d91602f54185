import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { ensureBuiltinSuites } from "@/lib/server/domain/runs/suites";
import { createPrismaClient, type Db } from "@/lib/server/ops/db-client";
import {
  assertSafeTestDatabaseUrl,
  prepareTestDatabase,
  withDatabaseName,
} from "@/lib/testing/test-database";
import { seedDatabase } from "@/prisma/seed";

/** What the benchmarks share: their arguments, a scratch database, and timing figures. */

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The value after `--name` on the command line, if any. */
export function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** A freshly migrated database of a benchmark's own, and a client for it. */
export type ScratchDatabase = {
  url: string;
  db: Db;
  /** Disconnects, and drops the database unless `keep`. */
  close(options?: { keep?: boolean }): Promise<void>;
};

/**
 * Creates and migrates `crossbench_bench_<label>_<random>_test` on the server of
 * TEST_DATABASE_URL (by default the local `crossbench_test`), after the test-database safety check,
 * and loads the seed catalogue (and the built-in suites) when `seed` says so.
 */
export async function createScratchDatabase(
  label: string,
  options: { max?: number; seed?: "catalogue" | "catalogue and built-in suites" } = {},
): Promise<ScratchDatabase> {
  const baseUrl =
    process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/crossbench_test";
  assertSafeTestDatabaseUrl(baseUrl);
  const name = `crossbench_bench_${label}_${randomBytes(4).toString("hex")}_test`;
  const url = withDatabaseName(baseUrl, name);
  await prepareTestDatabase(url, root);
  const db = createPrismaClient(url, { max: options.max ?? 4 });
  const scratch: ScratchDatabase = {
    url,
    db,
    async close({ keep = false } = {}) {
      await db.$disconnect();
      if (keep) return;
      const admin = new pg.Client({ connectionString: withDatabaseName(baseUrl, "postgres") });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
  try {
    if (options.seed) await seedDatabase(url);
    if (options.seed === "catalogue and built-in suites") await ensureBuiltinSuites(db);
  } catch (error) {
    await scratch.close();
    throw error;
  }
  return scratch;
}

/**
 * Server times of `requests` signed-in GETs of `url`, in ms, after three uncounted ones that warm
 * caches and the JIT. Throws unless each answers 200.
 */
export async function timeGets(url: string, cookie: string, requests: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < requests + 3; i += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
    await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    if (i >= 3) times.push(performance.now() - started);
  }
  return times;
}

/** Runs a benchmark's `main`; when it fails, prints why and exits with 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
