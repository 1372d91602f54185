import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * A script of ours run in a child process with a memory and a time budget, for work on
 * user-supplied or downloaded text (suite imports, catalogue syncs): parsing never holds this
 * process's event loop, which may be the web server's, and a hostile input costs at most the
 * budget of one child. The child gets only PATH, NODE_ENV and what `env` adds, so even a bug in
 * it could not read this process's secrets. It reads `stdin` and answers one JSON document.
 */

/** How a budgeted child ended, for its caller to word. */
export type BudgetedChildResult =
  | { kind: "answered"; answer: unknown }
  | { kind: "timed-out" }
  | { kind: "out-of-memory" }
  | { kind: "failed"; exit: string; stderr: string };

/** A script that is not there: Crossbench was started outside its folder. */
export class MissingChildScriptError extends Error {
  override readonly name = "MissingChildScriptError";
  constructor(readonly script: string) {
    super(`${script} is missing; run Crossbench from its folder`);
  }
}

/** Where a script of ours is: the app, the worker and the tests all run from the project root. */
export function childScriptPath(relative: string): string {
  // One of our scripts, read at run time: not a path for the build to trace (Next would otherwise
  // trace the whole project into the server output).
  const script = path.join(
    /*turbopackIgnore: true*/ process.env.CROSSBENCH_ROOT ?? process.cwd(),
    relative,
  );
  if (!existsSync(/*turbopackIgnore: true*/ script)) throw new MissingChildScriptError(script);
  return script;
}

/** Captured stderr, enough to tell an out-of-memory death and to log the rest. */
const STDERR_LIMIT = 4_000;

export function runBudgetedChild(options: {
  /** The script, from childScriptPath. */
  script: string;
  memoryLimitMb: number;
  timeLimitMs: number;
  /** Written to the child's stdin, which is then closed. */
  stdin: string;
  env?: Record<string, string>;
}): Promise<BudgetedChildResult> {
  return new Promise<BudgetedChildResult>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${options.memoryLimitMb}`, "--import", "tsx", options.script],
      {
        cwd: path.dirname(path.dirname(options.script)),
        env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    const stdout: Buffer[] = [];
    let stderr = "";
    let isTimedOut = false;
    const timer = setTimeout(() => {
      isTimedOut = true;
      child.kill("SIGKILL");
    }, options.timeLimitMs);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk.toString("utf8");
    });
    // A child that dies early closes its stdin; the write error is reported through "close".
    child.stdin.on("error", () => {});
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (isTimedOut) return resolve({ kind: "timed-out" });
      if (code !== 0) {
        if (/heap out of memory|Allocation failed/i.test(stderr))
          return resolve({ kind: "out-of-memory" });
        return resolve({ kind: "failed", exit: signal ?? `code ${code}`, stderr: stderr.trim() });
      }
      try {
        resolve({ kind: "answered", answer: JSON.parse(Buffer.concat(stdout).toString("utf8")) });
      } catch (error) {
        reject(error instanceof Error ? error : new Error("the child's answer was not JSON"));
      }
    });
    child.stdin.end(options.stdin);
  });
}
