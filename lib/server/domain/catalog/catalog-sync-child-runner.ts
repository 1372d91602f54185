import type { CatalogSource } from "@/lib/schemas/catalog-sync";
import type { CatalogSyncRunCounts } from "@/lib/schemas/catalog-sync-schedule";
import {
  childScriptPath,
  MissingChildScriptError,
  runBudgetedChild,
} from "../../ops/budgeted-child";
import type { Caller } from "../caller";
import type { AppErrorCode } from "../errors";

/** What the child needs besides the source's text (which follows this line on its stdin). */
export type CatalogSyncChildInput = {
  caller: Caller;
  source: CatalogSource;
  sourceUrl: string;
  takenAt: string;
  via: string;
};

/** The child's answer: the snapshot and its counts, or why the file was refused. */
export type CatalogSyncChildOutcome =
  | { ok: true; snapshotId: string; counts: CatalogSyncRunCounts }
  | { ok: false; code: AppErrorCode; message: string };

/** Parsing, diffing and writing a whole source; the transaction itself allows 120 s. */
export const CATALOG_SYNC_CHILD_TIME_LIMIT_MS = 180_000;
/** Heap for one sync: LiteLLM's 1.5 MB file and models.dev's need far less. */
export const CATALOG_SYNC_CHILD_MEMORY_MB = 512;

/** Why the child did not answer; the message is safe to show an admin. */
export class CatalogSyncChildError extends Error {
  override readonly name = "CatalogSyncChildError";
}

/**
 * Syncs one downloaded source in a child process (scripts/catalog-sync-child.ts), so parsing and
 * diffing a large file never hold this process's event loop, which may be the web server's. The
 * child gets only PATH and the database URL, a memory cap and a time limit; what it writes goes
 * through `syncCatalog`, all or nothing.
 */
export async function applyCatalogSourceInChild(
  databaseUrl: string,
  input: CatalogSyncChildInput,
  text: string,
  options: { timeLimitMs?: number } = {},
): Promise<CatalogSyncChildOutcome> {
  const timeLimitMs = options.timeLimitMs ?? CATALOG_SYNC_CHILD_TIME_LIMIT_MS;
  let script: string;
  try {
    script = childScriptPath("scripts/catalog-sync-child.ts");
  } catch (error) {
    if (!(error instanceof MissingChildScriptError)) throw error;
    throw new CatalogSyncChildError(
      `The catalogue importer is missing (${error.script}); run Crossbench from its folder.`,
    );
  }
  const result = await runBudgetedChild({
    script,
    memoryLimitMb: CATALOG_SYNC_CHILD_MEMORY_MB,
    timeLimitMs,
    stdin: `${JSON.stringify(input)}\n${text}`,
    env: { DATABASE_URL: databaseUrl },
  });
  switch (result.kind) {
    case "answered":
      return result.answer as CatalogSyncChildOutcome;
    case "timed-out":
      throw new CatalogSyncChildError(
        `Applying the source took longer than ${Math.round(timeLimitMs / 1000)} s, so it was stopped; nothing was written.`,
      );
    case "out-of-memory":
      throw new CatalogSyncChildError(
        `Applying the source needed more than ${CATALOG_SYNC_CHILD_MEMORY_MB} MB of memory; nothing was written.`,
      );
    case "failed":
      console.error(`[catalog-sync] the importer exited (${result.exit}): ${result.stderr}`);
      throw new Error("the catalogue importer failed");
  }
}
