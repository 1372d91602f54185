/**
 * Catalogue import benchmark: how long importing the full LiteLLM cost map (about 3,000 keys) into
 * a fresh database takes, against a baseline measured in the same run: parsing the same file
 * alone (JSON.parse + parseLiteLlm). The difference is what the database work costs. The target
 * is well under 10 s for the whole import.
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/crossbench_test \
 *     npx tsx bench/catalog-import.ts [--runs 3] [--file <path>]
 *
 * Each run uses its own freshly migrated database on that server (named `*_test`, dropped after).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseSourceJson } from "@/lib/catalog/import/errors";
import { LITELLM_PROVIDER_PLATFORMS } from "@/lib/catalog/import/id-mapping";
import { parseLiteLlm } from "@/lib/catalog/import/litellm";
import { applyCatalogBatch } from "@/lib/server/domain/catalog/catalog-store";
import { argument, createScratchDatabase, median, root, runBench } from "./support";

const runs = Number(argument("--runs") ?? 3);
const file =
  argument("--file") ??
  path.resolve(root, "..", "shared", "data", "litellm", "model_prices_and_context_window.json");
const TARGET_SECONDS = 10;

const parse = (text: string) =>
  parseLiteLlm(parseSourceJson(text, file), { sourceUrl: file, takenAt: "2026-08-01" });

async function main() {
  const text = readFileSync(file, "utf8");

  const parseTimes: number[] = [];
  const importTimes: number[] = [];
  const reimportTimes: number[] = [];
  let offerings = 0;
  for (let run = 0; run < runs; run += 1) {
    const parseStarted = performance.now();
    parse(text);
    parseTimes.push(performance.now() - parseStarted);

    const scratch = await createScratchDatabase("import", { max: 2 });
    const { db } = scratch;
    try {
      await applyCatalogBatch(
        db,
        {
          source: "seed",
          sourceUrl: "bench",
          takenAt: "2026-07-01",
          platforms: [...new Set(Object.values(LITELLM_PROVIDER_PLATFORMS))].map((id) => ({
            id,
            name: id,
            kind: "cloud" as const,
            owner: id,
            homepageUrl: null,
            sourceUrl: "bench",
          })),
          models: [],
          offerings: [],
          ties: [],
          skipped: [],
        },
        { dryRun: false },
      );
      const started = performance.now();
      const report = await applyCatalogBatch(db, parse(text), { dryRun: false });
      importTimes.push(performance.now() - started);
      offerings = report.created.offerings;
      const again = performance.now();
      await applyCatalogBatch(db, parse(text), { dryRun: false });
      reimportTimes.push(performance.now() - again);
    } finally {
      await scratch.close();
    }
  }

  const baseline = median(parseTimes);
  const full = median(importTimes);
  console.log(`LiteLLM import of ${path.basename(file)}: ${offerings} offerings, ${runs} runs`);
  console.log(
    `  baseline, parse only (JSON.parse + parseLiteLlm): ${baseline.toFixed(0)} ms median`,
  );
  console.log(`  full import into a fresh database (parse + write): ${full.toFixed(0)} ms median`);
  console.log(
    `  second import of the same file (all unchanged): ${median(reimportTimes).toFixed(0)} ms median`,
  );
  console.log(`  ratio full / baseline: ${(full / baseline).toFixed(1)}x`);
  console.log(
    `  target: under ${TARGET_SECONDS} s — ${full / 1000 < TARGET_SECONDS ? "met" : "NOT met"}`,
  );
}

runBench(main);
