import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, listenOnLoopback } from "@/lib/testing/ports";
import { requireTestDatabaseUrl, withDatabaseName } from "@/lib/testing/test-database";

/**
 * `npm start` with bad input stops before building or serving anything, with one line on stderr
 * that says what is wrong, a non-zero exit code and no stack trace.
 */

const root = path.resolve(import.meta.dirname, "..");
const TIMEOUT_MS = 30_000;

let dataDir: string;
const servers: net.Server[] = [];

beforeAll(async () => {
  // Nothing here should touch a data directory, but if it did, not the repository's .data.
  dataDir = await mkdtemp(path.join(tmpdir(), "crossbench-start-"));
});

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

/** Listens on a free local port; the server is closed after the file's tests. */
function listen(): Promise<number> {
  const server = net.createServer();
  servers.push(server);
  return listenOnLoopback(server);
}

type Run = { code: number | null; stdout: string; stderr: string };

async function runStart(env: Record<string, string>): Promise<Run> {
  // The app's own port defaults to 3000, which another server on this machine may hold.
  const port = String(await freePort());
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CROSSBENCH_DATA_DIR: dataDir,
      // Production with your own database requires the key; these runs must fail for other reasons.
      CROSSBENCH_SECRET_KEY: randomBytes(32).toString("base64"),
      PORT: port,
      // The emulator's default 4010 may be held by a developer's `npm run emulator`.
      EMULATOR_PORT: String(await freePort()),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += String(chunk)));
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS - 2_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (exitCode) => resolve(exitCode));
    });
    return { code, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

/** Exactly one non-empty line on stderr, prefixed `crossbench:`, no stack trace, exit code 1. */
function expectOneClearError(run: Run): string {
  const lines = run.stderr.split("\n").filter((line) => line.trim() !== "");
  expect(lines, `stderr:\n${run.stderr}\nstdout:\n${run.stdout}`).toHaveLength(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(lines[0]).toMatch(/^crossbench: /);
  expect(run.code).toBe(1);
  return lines[0]!;
}

/** `npm start` with `variable` naming a port another server holds; its one error line. */
async function runStartWithPortTaken(variable: "PORT" | "EMULATOR_PORT") {
  const port = await listen();
  // A database that cannot answer, so that a missed port check fails fast too.
  const closed = `postgresql://postgres@127.0.0.1:${await freePort()}/crossbench`;
  const line = expectOneClearError(
    await runStart({ [variable]: String(port), DATABASE_URL: closed }),
  );
  return { port, line };
}

describe("npm start with bad input", { timeout: TIMEOUT_MS }, () => {
  it("rejects a DATABASE_URL that is not PostgreSQL", async () => {
    const line = expectOneClearError(await runStart({ DATABASE_URL: "mysql://x/y" }));
    expect(line).toContain("DATABASE_URL must look like postgresql://");
  });

  it("rejects a PORT that is not a number", async () => {
    const line = expectOneClearError(await runStart({ PORT: "abc" }));
    expect(line).toContain("PORT must be a whole number between 1 and 65535");
  });

  it("says no PostgreSQL answered when DATABASE_URL points at a closed port", async () => {
    const port = await freePort();
    const line = expectOneClearError(
      await runStart({ DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/crossbench` }),
    );
    expect(line).toContain(`Cannot use the database at 127.0.0.1:${port}/crossbench`);
    expect(line).toContain("no PostgreSQL answered");
  });

  it("says the database does not exist when DATABASE_URL names a missing one", async () => {
    const missing = `crossbench_missing_${process.pid}_${Date.now()}_test`;
    const url = withDatabaseName(requireTestDatabaseUrl(), missing);
    const line = expectOneClearError(await runStart({ DATABASE_URL: url }));
    expect(line).toContain(`/${missing}: the database does not exist`);
  });

  it("says the port is in use when PORT is taken", async () => {
    const { port, line } = await runStartWithPortTaken("PORT");
    expect(line).toContain(`Port ${port} on 127.0.0.1 is already in use`);
  });

  it("says the emulator's port is in use when EMULATOR_PORT is taken", async () => {
    const { port, line } = await runStartWithPortTaken("EMULATOR_PORT");
    expect(line).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(line).toContain("set EMULATOR_PORT to a free port");
  });
});
