/**
 * Applies one downloaded catalogue source in its own process, off the worker's event loop (which
 * `npm start` shares with the web server): parsing a source file and diffing it against the
 * catalogue take the CPU for a while. Reads one line of JSON (the sync's settings, see
 * CatalogSyncChildInput) then the source file's text on stdin, syncs through the same path as
 * `npm run catalog:sync`, and writes a CatalogSyncChildOutcome as JSON on stdout. Started by
 * lib/server/domain/catalog/catalog-sync-child-runner.ts; not a command for people.
 */
import type {
  CatalogSyncChildInput,
  CatalogSyncChildOutcome,
} from "@/lib/server/domain/catalog/catalog-sync-child-runner";
import { syncCatalog } from "@/lib/server/domain/catalog/catalog-sync";
import { AppError } from "@/lib/server/domain/errors";
import { createPrismaClient } from "@/lib/server/ops/db-client";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(): Promise<CatalogSyncChildOutcome> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");
  const all = await readStdin();
  const newline = all.indexOf("\n");
  const input = JSON.parse(all.slice(0, newline)) as CatalogSyncChildInput;
  const text = all.slice(newline + 1);
  const db = createPrismaClient(databaseUrl, { max: 2 });
  try {
    const report = await syncCatalog(input.caller, db, {
      source: input.source,
      text,
      sourceUrl: input.sourceUrl,
      takenAt: input.takenAt,
      dryRun: false,
      full: true,
      label: input.sourceUrl,
      via: input.via,
    });
    return {
      ok: true,
      snapshotId: report.snapshotId ?? "",
      counts: {
        created: report.created.offerings,
        updated: report.updated.offerings,
        unchanged: report.unchanged.offerings,
        skipped: report.skipped.length,
        priceChanges: report.priceChanges,
        withdrawn: report.withdrawn.length,
        restored: report.restored.length,
      },
    };
  } catch (error) {
    // An AppError's message is written for the admin; anything else goes to the worker's log.
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message };
    throw error;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (outcome) => process.stdout.write(JSON.stringify(outcome), () => process.exit(0)),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
