import type { ImportResult, UploadedFile } from "@/lib/eval/import";
import type { SuiteRecordStats } from "@/lib/eval/suite-record";
import {
  childScriptPath,
  MissingChildScriptError,
  runBudgetedChild,
} from "../../ops/budgeted-child";
import { AppError } from "../errors";

/** The importer's answer: on success, the suite with what is stored beside it, computed there too. */
export type SuiteImportOutcome =
  | (Extract<ImportResult, { ok: true }> & { stats: SuiteRecordStats })
  | Extract<ImportResult, { ok: false }>;

/** How long one import may take, parsing and rendering included. */
export const IMPORT_TIME_LIMIT_MS = 20_000;
/** Heap for one import: a 5 MB file with 10,000 rendered cases needs well under this. */
export const IMPORT_MEMORY_LIMIT_MB = 512;
/** Imports running at once; more wait their turn, so uploads cannot exhaust the machine. */
const MAX_CONCURRENT_IMPORTS = 2;

let running = 0;
const waiting: Array<() => void> = [];

async function acquireSlot(): Promise<() => void> {
  if (running >= MAX_CONCURRENT_IMPORTS)
    await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/**
 * Imports a suite in a child process, so parsing and rendering never hold the server's event
 * loop: a hostile file costs at most {@link IMPORT_TIME_LIMIT_MS} of one child's time and
 * {@link IMPORT_MEMORY_LIMIT_MB} of its memory, and the server keeps answering meanwhile. The
 * child gets no environment beyond PATH, so even a bug in the importer could not read secrets.
 */
export async function runSuiteImport(
  files: readonly UploadedFile[],
  options: { timeLimitMs?: number } = {},
): Promise<SuiteImportOutcome> {
  const timeLimitMs = options.timeLimitMs ?? IMPORT_TIME_LIMIT_MS;
  let script: string;
  try {
    script = childScriptPath("scripts/import-suite-child.ts");
  } catch (error) {
    if (!(error instanceof MissingChildScriptError)) throw error;
    throw new Error(
      `the suite importer is missing (${error.script}); run Crossbench from its folder`,
    );
  }
  const release = await acquireSlot();
  try {
    const result = await runBudgetedChild({
      script,
      memoryLimitMb: IMPORT_MEMORY_LIMIT_MB,
      timeLimitMs,
      stdin: JSON.stringify({ files }),
    });
    switch (result.kind) {
      case "answered":
        return result.answer as SuiteImportOutcome;
      case "timed-out":
        throw new AppError(
          "INVALID_INPUT",
          `The suite was not imported: reading it took longer than ${Math.round(timeLimitMs / 1000)} s, so it was stopped. Nothing was stored.`,
        );
      case "out-of-memory":
        throw new AppError(
          "INVALID_INPUT",
          `The suite was not imported: reading it needed more than ${IMPORT_MEMORY_LIMIT_MB} MB of memory. Nothing was stored.`,
        );
      case "failed":
        console.error(`[import] the importer exited (${result.exit}): ${result.stderr}`);
        throw new Error("the suite importer failed");
    }
  } finally {
    release();
  }
}
