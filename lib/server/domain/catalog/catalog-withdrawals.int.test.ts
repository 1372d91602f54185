import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CatalogSyncReport, OfferingRef } from "@/lib/catalog/types";
import type { Db } from "@/lib/server/ops/db-client";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { COMMERCIAL_PLATFORM_IDS } from "@/lib/testing/platform-ids";
import { getCatalogCoverage } from "../comparisons/overview";
import { listLaunchOfferings } from "../runs/runs";
import { getAccessMatrix, listOfferings } from "./catalog";
import { applyCatalogBatch } from "./catalog-store";
import { COMMAND_LINE_CALLER, parseCatalogSource, syncCatalog } from "./catalog-sync";
import { catalogFiltersSchema } from "@/lib/schemas/catalog";

/**
 * Withdrawn offerings end to end: a full sync of a trimmed source file withdraws exactly what the
 * trimmed file lacks (a dry run says so first and writes nothing), the catalogue's coverage and
 * the launch form leave them out while the offerings table still lists them, and a re-sync of the
 * full file restores them. Each test makes its own freshly migrated database.
 */

const databases = freshDatabasePool("withdraw");
afterAll(() => databases.dropAll());

const root = path.resolve(import.meta.dirname, "..", "..", "..", "..");
const LITELLM_FILE = path.resolve(
  root,
  "..",
  "shared",
  "data",
  "litellm",
  "model_prices_and_context_window.json",
);

async function freshDatabase(label: string): Promise<Db> {
  const { db } = await databases.create(label, { max: 4 });
  await applyCatalogBatch(
    db,
    {
      source: "seed",
      sourceUrl: "https://example.test/seed",
      takenAt: "2026-07-01",
      platforms: COMMERCIAL_PLATFORM_IDS.map((id) => ({
        id,
        name: id,
        kind: "cloud",
        owner: id,
        homepageUrl: null,
        sourceUrl: `https://example.test/${id}`,
      })),
      models: [],
      offerings: [],
      ties: [],
      skipped: [],
    },
    { dryRun: false },
  );
  return db;
}

const chat = (provider: string, input: number, output: number) => ({
  litellm_provider: provider,
  mode: "chat",
  input_cost_per_token: input / 1e6,
  output_cost_per_token: output / 1e6,
  max_input_tokens: 128000,
});

/** A small LiteLLM file written here, so the test runs on a fresh clone too. */
const SMALL_FILE: Record<string, unknown> = {
  "gpt-4o": chat("openai", 2.5, 10),
  "gpt-4o-mini": chat("openai", 0.15, 0.6),
  "anthropic.claude-3-haiku-20240307-v1:0": chat("bedrock", 0.25, 1.25),
  "mistral/mistral-large-latest": chat("mistral", 2, 6),
};

/** The small file without gpt-4o-mini, as a source that stopped listing it. */
const TRIMMED_FILE = Object.fromEntries(
  Object.entries(SMALL_FILE).filter(([key]) => key !== "gpt-4o-mini"),
);

const keyOf = (ref: Pick<OfferingRef, "platformId" | "nativeId">) =>
  `${ref.platformId}|${ref.nativeId}`;
const keys = (refs: readonly OfferingRef[]) => refs.map(keyOf).sort();

function sync(db: Db, text: string, takenAt: string, options: { dryRun?: boolean } = {}) {
  return syncCatalog(COMMAND_LINE_CALLER, db, {
    source: "litellm",
    text,
    sourceUrl: "https://example.test/litellm.json",
    takenAt,
    dryRun: options.dryRun ?? false,
    via: "cli",
  });
}

async function withdrawnKeys(db: Db): Promise<string[]> {
  const rows = await db.offering.findMany({
    where: { withdrawnAt: { not: null } },
    select: { platformId: true, nativeId: true },
  });
  return rows.map(keyOf).sort();
}

/** The offerings a trimmed file no longer lists, as the importer reads both files. */
function missingOfferings(full: string, trimmed: string): string[] {
  const read = (text: string) =>
    new Set(
      parseCatalogSource("litellm", text, {
        sourceUrl: "https://example.test/litellm.json",
        takenAt: "2026-08-01",
        label: "test",
      }).offerings.map(keyOf),
    );
  const kept = read(trimmed);
  return [...read(full)].filter((key) => !kept.has(key)).sort();
}

async function expectWithdrawAndRestore(db: Db, full: string, trimmed: string) {
  const missing = missingOfferings(full, trimmed);
  expect(missing.length).toBeGreaterThan(0);

  const first = await sync(db, full, "2026-07-01");
  expect(first.withdrawn).toEqual([]);
  const prices = await db.offeringPrice.count();

  const dryRun = await sync(db, trimmed, "2026-08-01", { dryRun: true });
  expect(keys(dryRun.withdrawn)).toEqual(missing);
  expect(await withdrawnKeys(db)).toEqual([]);

  const trimmedSync: CatalogSyncReport = await sync(db, trimmed, "2026-08-01");
  expect(keys(trimmedSync.withdrawn)).toEqual(missing);
  expect(await withdrawnKeys(db)).toEqual(missing);
  const withdrawnRow = await db.offering.findFirstOrThrow({
    where: { withdrawnAt: { not: null } },
  });
  expect(withdrawnRow.withdrawnAt?.toISOString().slice(0, 10)).toBe("2026-08-01");
  expect(withdrawnRow.withdrawnSnapshotId).toBe(trimmedSync.snapshotId);
  // Kept, with its history.
  expect(await db.offeringPrice.count()).toBeGreaterThanOrEqual(prices);
  const stored = await db.catalogSnapshot.findUniqueOrThrow({
    where: { id: trimmedSync.snapshotId ?? "" },
  });
  expect((stored.report as { withdrawn: unknown[] }).withdrawn).toHaveLength(missing.length);

  // A second trimmed sync withdraws nothing more and keeps the first date.
  const again = await sync(db, trimmed, "2026-08-15");
  expect(again.withdrawn).toEqual([]);
  expect(await withdrawnKeys(db)).toEqual(missing);

  const restored = await sync(db, full, "2026-09-01");
  expect(keys(restored.restored)).toEqual(missing);
  expect(restored.withdrawn).toEqual([]);
  expect(await withdrawnKeys(db)).toEqual([]);
}

describe("withdrawn offerings", () => {
  it("withdraws exactly what a trimmed file lacks and restores it on a full re-sync", async () => {
    const db = await freshDatabase("small");
    await expectWithdrawAndRestore(db, JSON.stringify(SMALL_FILE), JSON.stringify(TRIMMED_FILE));
  });

  it.skipIf(!existsSync(LITELLM_FILE))(
    "does the same with the real LiteLLM file, trimmed of its Mistral and Vertex keys",
    async () => {
      const db = await freshDatabase("litellm");
      const text = readFileSync(LITELLM_FILE, "utf8");
      const json = JSON.parse(text) as Record<string, unknown>;
      const trimmed = Object.fromEntries(
        Object.entries(json).filter(
          ([key]) => !key.startsWith("mistral/") && !key.startsWith("vertex_ai/"),
        ),
      );
      await expectWithdrawAndRestore(db, text, JSON.stringify(trimmed));
    },
    120_000,
  );

  it("never withdraws on a partial sync or another source's sync", async () => {
    const db = await freshDatabase("partial");
    await sync(db, JSON.stringify(SMALL_FILE), "2026-07-01");
    const partial = await syncCatalog(COMMAND_LINE_CALLER, db, {
      source: "litellm",
      text: JSON.stringify({ "gpt-4o": SMALL_FILE["gpt-4o"] }),
      takenAt: "2026-08-01",
      dryRun: false,
      full: false,
    });
    expect(partial.withdrawn).toEqual([]);
    const other = await syncCatalog(COMMAND_LINE_CALLER, db, {
      source: "models-dev",
      text: JSON.stringify({}),
      takenAt: "2026-08-01",
      dryRun: false,
    });
    expect(other.withdrawn).toEqual([]);
    expect(await withdrawnKeys(db)).toEqual([]);
  });

  it("leaves withdrawn offerings out of coverage, the matrix and the launch form, not the table", async () => {
    const db = await freshDatabase("coverage");
    await sync(db, JSON.stringify(SMALL_FILE), "2026-07-01");
    const before = await getCatalogCoverage(db);
    await sync(db, JSON.stringify(TRIMMED_FILE), "2026-08-01");

    const after = await getCatalogCoverage(db);
    expect(after.offerings).toBe(before.offerings - 1);
    expect(after.models).toBe(before.models - 1);

    const filters = catalogFiltersSchema.parse({});
    const matrix = await getAccessMatrix(COMMAND_LINE_CALLER, db, filters);
    expect(matrix.rows.map((row) => row.key)).not.toContain("openai/gpt-4o-mini");
    const table = await listOfferings(COMMAND_LINE_CALLER, db, filters);
    const row = table.rows.find((offering) => offering.nativeId === "gpt-4o-mini");
    expect(row?.withdrawnAt?.toISOString().slice(0, 10)).toBe("2026-08-01");
    expect(table.rows.find((offering) => offering.nativeId === "gpt-4o")?.withdrawnAt).toBeNull();

    const launch = await listLaunchOfferings(COMMAND_LINE_CALLER, db, {});
    expect(launch.map((offering) => offering.nativeId)).not.toContain("gpt-4o-mini");
    expect(launch.map((offering) => offering.nativeId)).toContain("gpt-4o");
  });
});
