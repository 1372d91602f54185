import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/lib/emulator/server";
import type { Db } from "@/lib/server/ops/db-client";
import { evalNodeArgs } from "@/lib/testing/eval-cli";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { freePort, listenOnLoopback } from "@/lib/testing/ports";

/**
 * `npm run eval` as a promptfoo user runs it: a child process, read through its exit code, stdout,
 * stderr and the files it writes. First on a fresh clone with nothing configured (no database
 * variables at all: it must start the embedded PostgreSQL, use it and stop it); then each of the
 * promptfoo flags against a test database, with the calls going through a proxy in front of the
 * emulator that can fail or hold the calls of one test case.
 */

const root = path.resolve(import.meta.dirname, "..");
const TARGET = "openai/gpt-5.5@azure-foundry";
const SECRET_KEY = randomBytes(32).toString("base64");
const SUITE = `description: capitals
prompts:
  - "What is the capital of {{country}}?"
tests:
  - description: capital of france
    vars: { country: France }
    assert: [{ type: icontains, value: paris }]
  - description: capital of japan
    vars: { country: Japan }
    assert: [{ type: icontains, value: tokyo }]
  - description: capital of italy
    vars: { country: Italy }
    assert: [{ type: icontains, value: rome }]
  - description: capital of peru
    vars: { country: Peru }
    assert: [{ type: icontains, value: lima }]
`;

type Result = { code: number | null; stdout: string; stderr: string };

/** The environment of a plain shell (the test's own variables on top): no DATABASE_URL. */
function shellEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const vars: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...env,
  };
  return vars as NodeJS.ProcessEnv;
}

function runEval(
  args: string[],
  env: Record<string, string>,
  options: { onStderr?: (text: string, kill: (signal: NodeJS.Signals) => void) => void } = {},
): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...evalNodeArgs(), ...args], {
      cwd: root,
      // Only what a shell would have: no DATABASE_URL unless the test gives one.
      env: shellEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, (signal) => child.kill(signal));
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("npm run eval on a fresh clone with nothing configured", () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "crossbench-eval-fresh-"));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("starts the embedded PostgreSQL, completes a simulated run, and leaves nothing running", async () => {
    const port = await freePort();
    const result = await runEval(
      ["--suite", "factual-qa", "--targets", TARGET, "--filter-first-n", "2", "--json"],
      { CROSSBENCH_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) },
    );
    expect(result.code, result.stderr).toBe(0);
    const run = JSON.parse(result.stdout) as {
      status: string;
      simulated: boolean;
      completedTrials: number;
    };
    expect(run).toMatchObject({ status: "completed", simulated: true, completedTrials: 2 });
    // Initialised exactly as npm start would: data, password and key in the data folder.
    expect(existsSync(path.join(dataDir, "pg", "PG_VERSION"))).toBe(true);
    expect(existsSync(path.join(dataDir, "pg-password"))).toBe(true);
    expect(existsSync(path.join(dataDir, "secret-key"))).toBe(true);
    // Stopped at the end: no server on the port, no server pid file, no lock.
    expect(await canConnect(port)).toBe(false);
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);
    expect(existsSync(path.join(dataDir, "crossbench.lock"))).toBe(false);
  }, 180_000);

  it("lets a second command share the database it started, and stops it only when that one is done", async () => {
    const port = await freePort();
    const env = { CROSSBENCH_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) };
    const args = ["--suite", "factual-qa", "--targets", TARGET, "--filter-first-n", "5"];
    let second: Promise<Result> | null = null;
    const first = await runEval([...args, "--repeats", "10"], env, {
      onStderr: (text) => {
        // Once the first has launched its run, the second joins the database it started.
        if (second === null && /eval: run \S+: \d+ trials/.test(text)) {
          second = runEval([...args, "--repeats", "20"], env);
        }
      },
    });
    expect(second).not.toBeNull();
    const joined = await (second as unknown as Promise<Result>);
    expect(first.code, first.stderr).toBe(0);
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.stderr).not.toContain("started the embedded PostgreSQL");
    expect(first.stderr).toContain("another command is using the embedded PostgreSQL");
    expect(await canConnect(port)).toBe(false);
  }, 180_000);

  it("stops the database it started when interrupted with Ctrl-C", async () => {
    const port = await freePort();
    let isSent = false;
    const result = await runEval(
      ["--suite", "factual-qa", "--targets", TARGET, "--repeats", "20"],
      { CROSSBENCH_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) },
      {
        onStderr: (text, kill) => {
          if (!isSent && /eval: run \S+: \d+ trials/.test(text)) {
            isSent = true;
            kill("SIGINT");
          }
        },
      },
    );
    expect(result.stdout).toContain("cancelled");
    expect(result.code, result.stderr).toBe(2);
    expect(await canConnect(port)).toBe(false);
    expect(existsSync(path.join(dataDir, "crossbench.lock"))).toBe(false);
  }, 180_000);
});

/**
 * In front of the emulator: passes every call through, except the calls of one test case (found
 * by its country in the request body), which it fails with a 400 (not retried: the trial ends in
 * error) or holds until released.
 */
function startProxy(upstream: string) {
  const state = { mode: "pass" as "pass" | "fail" | "hold", country: "Japan", seen: 0 };
  const held: (() => void)[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      state.seen += 1;
      const forward = () => {
        const target = new URL(request.url ?? "/", upstream);
        const outgoing = http.request(
          target,
          { method: request.method, headers: { ...request.headers, host: target.host } },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          },
        );
        outgoing.on("error", () => response.destroy());
        outgoing.end(body);
      };
      if (state.mode !== "pass" && body.toString().includes(state.country)) {
        if (state.mode === "fail") {
          response.writeHead(400, { "content-type": "application/json" });
          response.end(JSON.stringify({ error: { message: "refused by the test proxy" } }));
          return;
        }
        held.push(forward);
        return;
      }
      forward();
    });
  });
  return {
    state,
    release: () => held.splice(0).forEach((go) => go()),
    async listen() {
      const port = await listenOnLoopback(server as unknown as net.Server);
      return `http://127.0.0.1:${port}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("npm run eval's promptfoo flags", () => {
  const pool = freshDatabasePool("evalflags");
  let db: Db;
  let env: Record<string, string>;
  let workDir: string;
  let suiteFile: string;
  let emulator: RunningEmulator;
  let proxy: ReturnType<typeof startProxy>;

  beforeAll(async () => {
    const fresh = await pool.create("cli", { max: 3 });
    db = fresh.db;
    workDir = await mkdtemp(path.join(tmpdir(), "crossbench-eval-flags-"));
    suiteFile = path.join(workDir, "promptfooconfig.yaml");
    await writeFile(suiteFile, SUITE);
    emulator = await startEmulator({ port: 0, host: "127.0.0.1", latencyScale: 0 });
    proxy = startProxy(emulator.url);
    env = {
      DATABASE_URL: fresh.url,
      CROSSBENCH_SECRET_KEY: SECRET_KEY,
      CROSSBENCH_EMULATOR_URL: await proxy.listen(),
      CROSSBENCH_DATA_DIR: workDir,
    };
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await emulator?.close();
    await pool.dropAll();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** The run's figures as stored: status, counters and rollups, for consistency checks. */
  async function figures(runId: string) {
    const run = await db.evalRun.findUniqueOrThrow({ where: { id: runId } });
    const trials = await db.trial.groupBy({ by: ["status"], where: { runId }, _count: true });
    const stats = await db.runTargetStats.findMany({ where: { runId } });
    const cases = await db.runCaseStats.findMany({ where: { runId } });
    const count = (status: string) => trials.find((t) => t.status === status)?._count ?? 0;
    return {
      status: run.status,
      expected: run.expectedTrials,
      stored: run.storedTrials,
      okTrials: count("ok"),
      errorTrials: count("error"),
      rollupTrials: stats.reduce((sum, s) => sum + s.trials, 0),
      rollupErrors: stats.reduce((sum, s) => sum + s.errors, 0),
      errorsByKind: stats.map((s) => s.errorsByKind),
      caseTrials: cases.reduce((sum, c) => sum + c.trials, 0),
      caseErrors: cases.reduce((sum, c) => sum + c.errors, 0),
    };
  }

  it("--filter-pattern and --filter-first-n pick cases as promptfoo does (pattern, then first n)", async () => {
    const result = await runEval(
      [
        "--suite",
        suiteFile,
        "--targets",
        TARGET,
        "--filter-pattern",
        "japan|italy|peru",
        "--filter-first-n",
        "2",
        "--json",
      ],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const { runId } = JSON.parse(result.stdout) as { runId: string };
    const trials = await db.trial.findMany({ where: { runId }, select: { caseId: true } });
    const run = await db.evalRun.findUniqueOrThrow({
      where: { id: runId },
      include: { suite: true },
    });
    const cases = await db.suiteCase.findMany({ where: { suiteId: run.suiteId } });
    expect(cases.map((c) => c.tags[1]).sort()).toEqual(["capital of italy", "capital of japan"]);
    expect(trials).toHaveLength(2);
    // The selection is a suite of its own, named for what was kept, and not listed as a suite.
    expect(run.suite.name).toContain("2 of 4 cases");
    expect(run.suite.isLatest).toBe(false);
  }, 120_000);

  it("refuses a pattern that could backtrack for ever, and a pattern matching nothing", async () => {
    const nested = await runEval(
      ["--suite", suiteFile, "--targets", TARGET, "--filter-pattern", "(a+)+$"],
      env,
    );
    expect(nested.code).toBe(64);
    expect(nested.stderr).toContain("exponential time");
    const long = await runEval(
      ["--suite", suiteFile, "--targets", TARGET, "--filter-pattern", "a".repeat(201)],
      env,
    );
    expect(long.code).toBe(64);
    const none = await runEval(
      ["--suite", suiteFile, "--targets", TARGET, "--filter-pattern", "atlantis"],
      env,
    );
    expect(none.code).toBe(64);
    expect(none.stderr).toContain("no case");
  }, 120_000);

  it("--output writes promptfoo's results JSON, JSONL and the app's CSV", async () => {
    const json = path.join(workDir, "results.json");
    const result = await runEval(
      ["--suite", suiteFile, "--targets", TARGET, "--output", json, "--json"],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const { runId } = JSON.parse(result.stdout) as { runId: string };
    const file = JSON.parse(await readFile(json, "utf8")) as {
      evalId: string;
      results: {
        version: number;
        timestamp: string;
        prompts: { provider: string; metrics: { testPassCount: number; testFailCount: number } }[];
        results: {
          success: boolean;
          testCase: { description: string; vars: Record<string, string> };
          response: { output: string };
          provider: { label: string };
        }[];
        stats: { successes: number; failures: number; errors: number; tokenUsage: object };
      };
      config: { crossbench: { simulated: boolean } };
      shareableUrl: null;
    };
    expect(file.evalId).toBe(runId);
    expect(file.results.version).toBe(3);
    expect(file.results.results).toHaveLength(4);
    const stored = await db.trial.findMany({ where: { runId } });
    const passed = stored.filter((t) => t.pass === true).length;
    expect(file.results.stats).toMatchObject({
      successes: passed,
      failures: 4 - passed,
      errors: 0,
    });
    expect(file.results.results.map((r) => r.testCase.description).sort()).toEqual([
      "capital of france",
      "capital of italy",
      "capital of japan",
      "capital of peru",
    ]);
    expect(file.results.results[0]?.provider.label).toContain("(simulated)");
    expect(file.config.crossbench.simulated).toBe(true);
    expect(file.results.prompts[0]?.metrics.testPassCount).toBe(passed);

    for (const format of ["jsonl", "csv"] as const) {
      const out = path.join(workDir, `trials.${format}`);
      const again = await runEval(
        ["--suite", suiteFile, "--targets", TARGET, "--output", out],
        env,
      );
      expect(again.code, again.stderr).toBe(0);
      const lines = (await readFile(out, "utf8")).trim().split(/\r?\n/);
      if (format === "jsonl") {
        expect(lines).toHaveLength(4);
        expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ status: "ok", simulated: true });
      } else {
        expect(lines).toHaveLength(5);
        expect(lines[0]).toMatch(/^run_id,target_id,target,case_id,repeat,status,pass,score/);
      }
    }
    const bad = await runEval(
      ["--suite", suiteFile, "--targets", TARGET, "--output", "results.html"],
      env,
    );
    expect(bad.code).toBe(64);
  }, 180_000);

  it("--retry-errors replaces only the trials that ended in error and recounts the run", async () => {
    proxy.state.mode = "fail";
    const first = await runEval(["--suite", suiteFile, "--targets", TARGET, "--json"], env);
    proxy.state.mode = "pass";
    const { runId } = JSON.parse(first.stdout) as { runId: string };
    const before = await figures(runId);
    expect(before).toMatchObject({
      status: "completed",
      stored: 4,
      errorTrials: 1,
      rollupErrors: 1,
    });
    const kept = await db.trial.findMany({ where: { runId, status: "ok" }, select: { id: true } });

    const retried = await runEval(["--retry-errors", runId, "--json"], env);
    expect(retried.code, retried.stderr).toBe(0);
    const after = await figures(runId);
    expect(after).toMatchObject({
      status: "completed",
      expected: 4,
      stored: 4,
      okTrials: 4,
      errorTrials: 0,
      rollupTrials: 4,
      rollupErrors: 0,
      caseTrials: 4,
      caseErrors: 0,
    });
    expect(after.errorsByKind).toEqual([{}]);
    // The trials that were fine are the same rows, not run again.
    const still = await db.trial.findMany({
      where: { id: { in: kept.map((t) => t.id) } },
      select: { id: true },
    });
    expect(still).toHaveLength(kept.length);

    const nothing = await runEval(["--retry-errors", runId], env);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("no trial that ended in error");
  }, 180_000);

  it("--resume continues an interrupted run, keeping what it stored", async () => {
    proxy.state.mode = "hold";
    let isSent = false;
    const interrupted = await runEval(["--suite", suiteFile, "--targets", TARGET], env, {
      onStderr: (text, kill) => {
        // Three of four trials stored, the fourth held at the proxy: interrupt.
        if (!isSent && /eval: 3\/4 trials/.test(text)) {
          isSent = true;
          kill("SIGINT");
        }
      },
    });
    proxy.state.mode = "pass";
    proxy.release();
    expect(interrupted.code, interrupted.stderr).toBe(2);
    const runId = /Run (\S+): cancelled/.exec(interrupted.stdout)?.[1] ?? "";
    expect(interrupted.stdout).toContain(`--resume ${runId}`);
    const before = await figures(runId);
    expect(before).toMatchObject({ status: "cancelled", stored: 3 });
    const kept = await db.trial.findMany({ where: { runId }, select: { id: true } });

    const resumed = await runEval(["--resume", runId, "--json"], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await figures(runId)).toMatchObject({
      status: "completed",
      stored: 4,
      okTrials: 4,
      rollupTrials: 4,
      caseTrials: 4,
    });
    const still = await db.trial.findMany({
      where: { id: { in: kept.map((t) => t.id) } },
      select: { id: true },
    });
    expect(still).toHaveLength(3);

    const done = await runEval(["--resume", runId], env);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain("nothing to resume");
    const clash = await runEval(["--resume", runId, "--suite", suiteFile], env);
    expect(clash.code).toBe(64);
  }, 180_000);

  it("runs up to 100 repeats, and refuses more", async () => {
    const hundred = await runEval(
      [
        "--suite",
        suiteFile,
        "--targets",
        TARGET,
        "--filter-first-n",
        "1",
        "--repeats",
        "100",
        "--concurrency",
        "32",
        "--json",
      ],
      env,
    );
    expect(hundred.code, hundred.stderr).toBe(0);
    expect(JSON.parse(hundred.stdout)).toMatchObject({ status: "completed", completedTrials: 100 });
    const more = await runEval(
      ["--suite", suiteFile, "--targets", TARGET, "--repeats", "101"],
      env,
    );
    expect(more.code).toBe(64);
    expect(more.stderr).toContain("at most 100");
  }, 180_000);
});
