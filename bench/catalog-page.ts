/**
 * Catalog page benchmark: server render time of /catalog (and a filtered /catalog) with the
 * curated seed plus the full LiteLLM import loaded, against a baseline measured in the same run on
 * the same server: GET /account, a signed-in page that reads only the session. Target: /catalog
 * under 300 ms.
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/crossbench_test \
 *     npx tsx bench/catalog-page.ts [--requests 30]
 *
 * Builds the app first if needed (through the start script). Uses its own database on that server
 * (named *_test, dropped afterwards) and port 3192.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { parseSourceJson } from "@/lib/catalog/import/errors";
import { parseLiteLlm } from "@/lib/catalog/import/litellm";
import { applyCatalogBatch } from "@/lib/server/domain/catalog/catalog-store";
import { createPrismaClient } from "@/lib/server/ops/db-client";
import { seedDatabase } from "@/prisma/seed";
import {
  assertSafeTestDatabaseUrl,
  prepareTestDatabase,
  withDatabaseName,
} from "@/lib/testing/test-database";
import { startBenchApp, type BenchApp } from "./app-server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const requestsIndex = process.argv.indexOf("--requests");
const requests = requestsIndex >= 0 ? Number(process.argv[requestsIndex + 1]) : 30;
const file = path.resolve(
  root,
  "..",
  "shared",
  "data",
  "litellm",
  "model_prices_and_context_window.json",
);
const port = 3192;
const base = `http://127.0.0.1:${port}`;
const TARGET_MS = 300;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function timeGet(pathname: string, cookie: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < requests + 3; i++) {
    const started = performance.now();
    const response = await fetch(`${base}${pathname}`, { headers: { cookie }, redirect: "manual" });
    await response.text();
    if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
    // The first requests warm caches and the JIT; they are not counted.
    if (i >= 3) times.push(performance.now() - started);
  }
  return times;
}

async function main() {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl)
    throw new Error("Set TEST_DATABASE_URL to a local PostgreSQL database named *_test.");
  assertSafeTestDatabaseUrl(baseUrl);
  const databaseUrl = withDatabaseName(
    baseUrl,
    `crossbench_bench_${randomBytes(3).toString("hex")}_test`,
  );
  await prepareTestDatabase(databaseUrl, root);
  const db = createPrismaClient(databaseUrl, { max: 2 });
  let app: BenchApp | null = null;
  try {
    await seedDatabase(databaseUrl);
    const batch = parseLiteLlm(parseSourceJson(readFileSync(file, "utf8"), file), {
      sourceUrl:
        "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json",
      takenAt: "2026-08-01",
    });
    await applyCatalogBatch(db, batch, { dryRun: false, actorId: null });
    const offerings = await db.offering.count();
    app = await startBenchApp(db, databaseUrl, port);
    const cookie = app.cookie;

    const baseline = await timeGet("/account", cookie);
    const catalog = await timeGet("/catalog", cookie);
    const filtered = await timeGet(
      "/catalog?vendor=anthropic&sort=blended&dir=desc&page=2",
      cookie,
    );
    const fmt = (values: number[]) =>
      `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms`;
    console.log(
      `offerings loaded: ${offerings} (seed + full LiteLLM import); ${requests} requests each`,
    );
    console.log(`baseline  GET /account (session only):        ${fmt(baseline)}`);
    console.log(`measured  GET /catalog:                       ${fmt(catalog)}`);
    console.log(`measured  GET /catalog (filtered, sorted, p2): ${fmt(filtered)}`);
    console.log(
      `ratio     /catalog p50 / baseline p50: ${(percentile(catalog, 50) / percentile(baseline, 50)).toFixed(2)}x  (target: /catalog under ${TARGET_MS} ms)`,
    );
  } finally {
    await app?.stop();
    await db.$disconnect();
    const admin = new pg.Client({ connectionString: withDatabaseName(baseUrl, "postgres") });
    await admin.connect();
    await admin.query(
      `DROP DATABASE IF EXISTS ${admin.escapeIdentifier(new URL(databaseUrl).pathname.slice(1))} WITH (FORCE)`,
    );
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
