import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { CatalogSource } from "@/lib/schemas/catalog-sync";
import type { CatalogSyncRunCounts } from "@/lib/schemas/catalog-sync-schedule";
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

function childScript(): string {
  // The app, the worker and the tests all run from the project root (npm scripts set the cwd).
  const script = path.join(
    process.env.CROSSBENCH_ROOT ?? process.cwd(),
    "scripts/catalog-sync-child.ts",
  );
  if (!existsSync(script)) {
    throw new CatalogSyncChildError(
      `The catalogue importer is missing (${script}); run Crossbench from its folder.`,
    );
  }
  return script;
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
  const script = childScript();
  return new Promise<CatalogSyncChildOutcome>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${CATALOG_SYNC_CHILD_MEMORY_MB}`, "--import", "tsx", script],
      {
        cwd: path.dirname(path.dirname(script)),
        env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATABASE_URL: databaseUrl },
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
      if (isTimedOut) {
        return reject(
          new CatalogSyncChildError(
            `Applying the source took longer than ${Math.round(timeLimitMs / 1000)} s, so it was stopped; nothing was written.`,
          ),
        );
      }
      if (code !== 0) {
        if (/heap out of memory|Allocation failed/i.test(stderr)) {
          return reject(
            new CatalogSyncChildError(
              `Applying the source needed more than ${CATALOG_SYNC_CHILD_MEMORY_MB} MB of memory; nothing was written.`,
            ),
          );
        }
        console.error(
          `[catalog-sync] the importer exited (${signal ?? `code ${code}`}): ${stderr.trim()}`,
        );
        return reject(new Error("the catalogue importer failed"));
      }
      try {
        resolve(JSON.parse(Buffer.concat(stdout).toString("utf8")) as CatalogSyncChildOutcome);
      } catch (error) {
        reject(error instanceof Error ? error : new Error("the importer's answer was not JSON"));
      }
    });
    child.stdin.write(`${JSON.stringify(input)}\n`);
    child.stdin.end(text);
  });
}
