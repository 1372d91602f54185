import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { ImportResult, UploadedFile } from "@/lib/eval/import";
import type { SuiteRecordStats } from "@/lib/eval/suite-record";
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

function childScript(): string {
  // The app, the worker and the tests all run from the project root (npm scripts set the cwd).
  const script = path.join(
    process.env.CROSSBENCH_ROOT ?? process.cwd(),
    "scripts/import-suite-child.ts",
  );
  if (!existsSync(script))
    throw new Error(`the suite importer is missing (${script}); run Crossbench from its folder`);
  return script;
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
  const script = childScript();
  const release = await acquireSlot();
  try {
    return await new Promise<SuiteImportOutcome>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [`--max-old-space-size=${IMPORT_MEMORY_LIMIT_MB}`, "--import", "tsx", script],
        {
          cwd: path.dirname(path.dirname(script)),
          env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" },
          stdio: ["pipe", "pipe", "pipe"],
        },
      );
      const stdout: Buffer[] = [];
      let stderr = "";
      let isTimedOut = false;
      const timer = setTimeout(() => {
        isTimedOut = true;
        child.kill("SIGKILL");
      }, timeLimitMs);
      child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => {
        if (stderr.length < 4_000) stderr += chunk.toString("utf8");
      });
      // A child that dies early closes its stdin; the write error is reported through "close".
      child.stdin.on("error", () => {});
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        if (isTimedOut)
          return reject(
            new AppError(
              "INVALID_INPUT",
              `The suite was not imported: reading it took longer than ${Math.round(timeLimitMs / 1000)} s, so it was stopped. Nothing was stored.`,
            ),
          );
        if (code !== 0) {
          const isOutOfMemory = /heap out of memory|Allocation failed/i.test(stderr);
          if (isOutOfMemory)
            return reject(
              new AppError(
                "INVALID_INPUT",
                `The suite was not imported: reading it needed more than ${IMPORT_MEMORY_LIMIT_MB} MB of memory. Nothing was stored.`,
              ),
            );
          console.error(
            `[import] the importer exited (${signal ?? `code ${code}`}): ${stderr.trim()}`,
          );
          return reject(new Error("the suite importer failed"));
        }
        try {
          resolve(JSON.parse(Buffer.concat(stdout).toString("utf8")) as SuiteImportOutcome);
        } catch (error) {
          reject(error instanceof Error ? error : new Error("the importer's answer was not JSON"));
        }
      });
      child.stdin.end(JSON.stringify({ files }));
    });
  } finally {
    release();
  }
}
