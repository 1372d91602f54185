import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

/**
 * `npm run eval` in a child process, as a user runs it, and the shape of its `--json` report
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

/**
 * `npm run eval`'s node arguments, read from package.json: tests start the command exactly as
 * npm does (through scripts/launch.mjs and its bundle), so the two cannot drift.
 */
export function evalNodeArgs(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = (manifest.scripts.eval ?? "").split(/\s+/).filter(Boolean);
  if (command !== "node" || args.length === 0)
    throw new Error(`package.json's eval script is not a node command: ${manifest.scripts.eval}`);
  return args;
}

/** Runs `npm run eval` with `args`, the test's environment plus `env`. */
export function evalCli(args: string[], env: Record<string, string>) {
  return run(process.execPath, [...evalNodeArgs(), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
}
