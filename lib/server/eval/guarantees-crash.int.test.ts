import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import type { RunningEmulator } from "@/lib/emulator/server";
import {
  launchTestRun,
  openTestQueue,
  pickOfferings,
  seedEvalDatabase,
  startSuiteEmulator,
  suiteId,
  waitForRun,
  TEST_ENV,
} from "@/lib/testing/eval-harness";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import type { Db } from "../ops/db-client";
import { startEvalWorker, type RunningWorker } from "./worker";

/**
 * A worker killed outright (kill -9: no shutdown, no deregistration) mid-run: another worker notices
 * its silence, hands its jobs back, and the run still ends with exactly its expected trials.
 */

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const databases = freshDatabasePool("evalcrash");
let db: Db;
let url: string;
let emulator: RunningEmulator;
let boss: PgBoss;
let child: ChildProcess | null = null;
let survivor: RunningWorker | null = null;
let childOutput = "";

beforeAll(async () => {
  ({ db, url } = await databases.create("kill", { max: 4 }));
  await seedEvalDatabase(db);
  // Slow enough that the run takes several seconds, so the kill lands mid-run.
  emulator = await startSuiteEmulator({ latencyScale: 0.5 });
  boss = await openTestQueue(url);
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await survivor?.stop(1_000);
  await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await emulator?.close();
  await databases.dropAll();
});

function spawnWorker(): ChildProcess {
  const spawned = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/worker.ts", "--jobs", "2", "--stale-after", "2"],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        CROSSBENCH_EMULATOR_URL: emulator.url,
        CROSSBENCH_SECRET_KEY: TEST_ENV.CROSSBENCH_SECRET_KEY,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const collect = (chunk: Buffer) => {
    childOutput += chunk.toString();
  };
  spawned.stdout?.on("data", collect);
  spawned.stderr?.on("data", collect);
  return spawned;
}

describe("a worker killed mid-run", () => {
  it("has its jobs finished by another worker, each trial stored exactly once", async () => {
    const [offeringId] = await pickOfferings(db, ["openai"]);
    const { runId, expectedTrials } = await launchTestRun(db, boss, emulator.url, {
      suiteId: await suiteId(db, "factual-qa"),
      targets: [{ kind: "offering", offeringId: offeringId! }],
      repeats: 2,
      concurrency: 4,
    });
    child = spawnWorker();
    const exited = new Promise<void>((resolve) => child!.once("exit", () => resolve()));

    const atKill = await waitForRun(
      db,
      runId,
      (run) => run.storedTrials >= 6 || (run.status !== "queued" && run.status !== "running"),
      45_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nworker output:\n${childOutput}`);
    });
    expect(atKill.status).toBe("running");
    child.kill("SIGKILL");
    await exited;
    expect(child.signalCode).toBe("SIGKILL");
    const storedAtKill = await db.trial.count({ where: { runId } });
    expect(storedAtKill).toBeLessThan(expectedTrials);
    // Its jobs are still claimed by the dead worker: only the reaper can hand them back.
    expect(await db.evalJobClaim.count({ where: { runId } })).toBeGreaterThan(0);

    survivor = await startEvalWorker({
      databaseUrl: url,
      emulatorUrl: emulator.url,
      env: TEST_ENV,
      staleAfterMs: 2_000,
      heartbeatMs: 500,
      log: () => undefined,
    });
    const run = await waitForRun(
      db,
      runId,
      (r) => r.status !== "queued" && r.status !== "running",
      60_000,
    );
    expect(run.status).toBe("completed");
    const trials = await db.trial.count({ where: { runId } });
    const distinct = await db.trial.groupBy({
      by: ["targetId", "caseId", "repeat"],
      where: { runId },
    });
    expect(trials).toBe(expectedTrials);
    expect(distinct.length).toBe(trials);
    expect(run.storedTrials).toBe(expectedTrials);
    const stats = await db.runTargetStats.findMany({ where: { runId } });
    expect(stats.reduce((sum, row) => sum + row.trials, 0)).toBe(expectedTrials);
    // The dead worker is gone from the registry and holds no slots.
    expect(await db.evalWorker.count()).toBe(1);
    expect(
      await db.evalSlot.count({
        where: { runId, workerId: { not: null }, NOT: { workerId: survivor.id } },
      }),
    ).toBe(0);
  }, 120_000);
});

describe("a worker stopped mid-job", () => {
  it("hands its unfinished jobs back, and the run completes with every trial once", async () => {
    const [offeringId] = await pickOfferings(db, ["anthropic"]);
    const { runId, expectedTrials } = await launchTestRun(db, boss, emulator.url, {
      suiteId: await suiteId(db, "classification"),
      targets: [{ kind: "offering", offeringId: offeringId! }],
      repeats: 2,
      concurrency: 4,
    });
    const leaving = await startEvalWorker({
      databaseUrl: url,
      emulatorUrl: emulator.url,
      env: TEST_ENV,
      log: () => undefined,
    });
    await waitForRun(db, runId, (run) => run.storedTrials >= 4, 45_000);
    // A short grace: the jobs in flight are cut off mid-way, not finished.
    await leaving.stop(200);
    const stored = await db.trial.count({ where: { runId } });
    expect(stored).toBeLessThan(expectedTrials);

    const other = await startEvalWorker({
      databaseUrl: url,
      emulatorUrl: emulator.url,
      env: TEST_ENV,
      staleAfterMs: 2_000,
      heartbeatMs: 500,
      log: () => undefined,
    });
    try {
      const run = await waitForRun(
        db,
        runId,
        (r) => r.status !== "queued" && r.status !== "running",
        60_000,
      );
      expect(run.status).toBe("completed");
      expect(await db.trial.count({ where: { runId } })).toBe(expectedTrials);
      expect(run.storedTrials).toBe(expectedTrials);
    } finally {
      await other.stop(1_000);
    }
  }, 120_000);
});
