import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectConsistentRun,
  launchSuiteRun,
  startEvalRig,
  startTestWorker,
  waitForRun,
  waitForRunToFinish,
  TEST_ENV,
  type EvalRig,
} from "@/lib/testing/eval-harness";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import type { RunningWorker } from "./worker";

/**
 * A worker killed outright (kill -9: no shutdown, no deregistration) mid-run: another worker notices
 * its silence, hands its jobs back, and the run still ends with exactly its expected trials.
 */

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const databases = freshDatabasePool("evalcrash");
let rig: EvalRig;
let child: ChildProcess | null = null;
let survivor: RunningWorker | null = null;
let childOutput = "";

beforeAll(async () => {
  // Slow enough that the run takes several seconds, so the kill lands mid-run.
  rig = await startEvalRig(databases, "kill", { latencyScale: 0.5 });
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await survivor?.stop(1_000);
  await rig?.close();
  await databases.dropAll();
});

/** Launches `suite` on one offering of `platform`: two repeats, four trials at a time. */
function launchTwoRepeats(suite: string, platform: string) {
  return launchSuiteRun(rig, { suite, platforms: [platform], repeats: 2, concurrency: 4 });
}

/** A worker that takes over the jobs of one gone quiet for 2 s. */
function startTakeoverWorker(): Promise<RunningWorker> {
  return startTestWorker(rig, { staleAfterMs: 2_000, heartbeatMs: 500 });
}

/** The run has ended completed, with each of its trials stored and counted exactly once. */
async function expectCompletedOnce(runId: string, expectedTrials: number) {
  const run = await waitForRunToFinish(rig.db, runId);
  expect(run.status).toBe("completed");
  const { trials } = await expectConsistentRun(rig.db, runId);
  expect(trials).toBe(expectedTrials);
  expect(run.storedTrials).toBe(expectedTrials);
}

function spawnWorker(): ChildProcess {
  const spawned = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/worker.ts", "--jobs", "2", "--stale-after", "2"],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: rig.url,
        CROSSBENCH_EMULATOR_URL: rig.emulator.url,
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
    const { runId, expectedTrials } = await launchTwoRepeats("factual-qa", "openai");
    child = spawnWorker();
    const exited = new Promise<void>((resolve) => child!.once("exit", () => resolve()));

    const atKill = await waitForRun(
      rig.db,
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
    const storedAtKill = await rig.db.trial.count({ where: { runId } });
    expect(storedAtKill).toBeLessThan(expectedTrials);
    // Its jobs are still claimed by the dead worker: only the reaper can hand them back.
    expect(await rig.db.evalJobClaim.count({ where: { runId } })).toBeGreaterThan(0);

    survivor = await startTakeoverWorker();
    await expectCompletedOnce(runId, expectedTrials);
    // The dead worker is gone from the registry and holds no slots.
    expect(await rig.db.evalWorker.count()).toBe(1);
    expect(
      await rig.db.evalSlot.count({
        where: { runId, workerId: { not: null }, NOT: { workerId: survivor.id } },
      }),
    ).toBe(0);
  }, 120_000);
});

describe("a worker stopped mid-job", () => {
  it("hands its unfinished jobs back, and the run completes with every trial once", async () => {
    const { runId, expectedTrials } = await launchTwoRepeats("classification", "anthropic");
    const leaving = await startTestWorker(rig);
    await waitForRun(rig.db, runId, (run) => run.storedTrials >= 4, 45_000);
    // A short grace: the jobs in flight are cut off mid-way, not finished.
    await leaving.stop(200);
    const stored = await rig.db.trial.count({ where: { runId } });
    expect(stored).toBeLessThan(expectedTrials);

    const other = await startTakeoverWorker();
    try {
      await expectCompletedOnce(runId, expectedTrials);
    } finally {
      await other.stop(1_000);
    }
  }, 120_000);
});
