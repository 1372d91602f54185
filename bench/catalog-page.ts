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
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseSourceJson } from "@/lib/catalog/import/errors";
import { parseLiteLlm } from "@/lib/catalog/import/litellm";
import { applyCatalogBatch } from "@/lib/server/domain/catalog/catalog-store";
import { startBenchApp, type BenchApp } from "./app-server";
import { argument, createScratchDatabase, root, runBench, timeGets } from "./support";

const requests = Number(argument("--requests") ?? 30);
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

const timeGet = (pathname: string, cookie: string) =>
  timeGets(`${base}${pathname}`, cookie, requests);

async function main() {
  const scratch = await createScratchDatabase("catalog", { max: 2, seed: "catalogue" });
  const { db, url: databaseUrl } = scratch;
  let app: BenchApp | null = null;
  try {
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
    await scratch.close();
  }
}

runBench(main);
