import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

/**
 * `scripts/eval.ts` in a child process, as a user runs it, and the shape of its `--json` report
 * that the router tests read. Tests only.
 */

/** One target of `--json`'s report. */
export type CliTarget = {
  id: string;
  label: string;
  simulated: boolean;
  servedBy: Record<string, number> | null;
};

/** `--json`'s report, as far as the router tests read it. */
export type CliReport = {
  runId: string;
  status: string;
  expectedTrials: number;
  targets: CliTarget[];
};

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/** Runs `scripts/eval.ts` with `args`, the test's environment plus `env`. */
export function evalCli(args: string[], env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", "scripts/eval.ts", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
}
