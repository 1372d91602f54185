import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseSourceJson } from "@/lib/catalog/import/errors";
import { parseLiteLlm } from "@/lib/catalog/import/litellm";
import { commandLineCaller } from "@/lib/server/domain/caller";
import { applyCatalogBatch } from "@/lib/server/domain/catalog/catalog-store";
import { createReport } from "@/lib/server/domain/reports/reports";
import { createShareLink } from "@/lib/server/domain/reports/share-links";
import type { Db } from "@/lib/server/ops/db-client";
import { parseSecretKey } from "@/lib/server/ops/secret-box";
import { generateDashboardData } from "../generate-trials";
import { root } from "../support";

/** Where the full LiteLLM price list sits beside the checkout, when it is there. */
export const LITELLM_FILE = path.resolve(
  root,
  "..",
  "shared",
  "data",
  "litellm",
  "model_prices_and_context_window.json",
);

/** What the load benchmark's pages are about. */
export type LoadData = {
  isLiteLlmLoaded: boolean;
  offerings: number;
  trials: number;
  runIds: string[];
  /** The model with the most offerings, and the platform with the most. */
  modelId: string;
  platformId: string;
  reportId: string;
  shareToken: string;
};

/**
 * Fills a seeded database as a team's install would look: the full LiteLLM import on top of the
 * curated catalogue (when the file is there), `runs` finished runs from the dashboard generator,
 * one report on the latest run and a share link to it, all through the domain functions the app
 * uses. The share link is signed with `secretKey`, the key the app is started with.
 */
export async function fillLoadDatabase(
  db: Db,
  databaseUrl: string,
  options: { runs: number; trialsPerRun: number; secretKey: string; log(line: string): void },
): Promise<LoadData> {
  const isLiteLlmLoaded = existsSync(LITELLM_FILE);
  if (isLiteLlmLoaded) {
    const batch = parseLiteLlm(parseSourceJson(readFileSync(LITELLM_FILE, "utf8"), LITELLM_FILE), {
      sourceUrl:
        "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json",
      takenAt: "2026-08-01",
    });
    await applyCatalogBatch(db, batch, { dryRun: false, actorId: null });
    options.log(`imported the LiteLLM catalogue from ${LITELLM_FILE}`);
  } else {
    options.log(`no ${LITELLM_FILE}: the curated catalogue only`);
  }
  const runIds = await generateDashboardData(db, databaseUrl, {
    runs: options.runs,
    trialsPerRun: options.trialsPerRun,
    log: options.log,
  });
  const latest = runIds.at(-1);
  if (!latest) throw new Error("the generator made no run");
  const [byModel] = await db.offering.groupBy({
    by: ["modelId"],
    _count: { _all: true },
    orderBy: [{ _count: { modelId: "desc" } }, { modelId: "asc" }],
    take: 1,
  });
  const [byPlatform] = await db.offering.groupBy({
    by: ["platformId"],
    _count: { _all: true },
    orderBy: [{ _count: { platformId: "desc" } }, { platformId: "asc" }],
    take: 1,
  });
  if (!byModel || !byPlatform) throw new Error("the catalogue has no offering");
  const analyst = commandLineCaller("analyst");
  const report = await createReport(analyst, db, {
    title: "Load benchmark report",
    runIds: [latest],
    modelIds: [],
    platformIds: [],
  });
  const link = await createShareLink(
    analyst,
    db,
    { reportId: report.id, days: 1 },
    parseSecretKey(options.secretKey),
  );
  return {
    isLiteLlmLoaded,
    offerings: await db.offering.count(),
    trials: await db.trial.count(),
    runIds,
    modelId: byModel.modelId,
    platformId: byPlatform.platformId,
    reportId: report.id,
    shareToken: link.token,
  };
}
