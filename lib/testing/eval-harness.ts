import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import { buildSeedBatch } from "@/lib/catalog/seed";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@/lib/emulator/server";
import { expect } from "vitest";
import {
  startEvalWorker,
  type EvalWorkerOptions,
  type RunningWorker,
} from "@/lib/server/eval/worker";
import { freshDatabasePool } from "./fresh-database";
import { testCaller } from "./test-callers";
import { createBuiltinAnswerBook } from "@/lib/eval/answer-book";
import { BUILTIN_SUITES } from "@/lib/eval/suites";
import { enqueueChunks, openEvalQueue } from "@/lib/queue/eval-queue";
import type { LaunchRunInput, RunStatusName } from "@/lib/schemas/runs";
import { applyCatalogBatch } from "@/lib/server/domain/catalog/catalog-store";
import type { Db } from "@/lib/server/ops/db-client";
import { resolvePlatformConnections } from "@/lib/server/ops/router-setup";
import { chooseApiStyle, launchRun } from "@/lib/server/domain/runs/runs";
import { ensureBuiltinSuites, findSuite, storeSuite } from "@/lib/server/domain/runs/suites";

/**
 * Test helpers for evaluation runs: a seeded database, an emulator, a queue and workers; launching,
 * waiting and checking a run; a probe suite for runs made by hand.
 */

/** The environment tests give workers: a throwaway key, no provider credentials. */
export const TEST_ENV: Record<string, string> = {
  CROSSBENCH_SECRET_KEY: randomBytes(32).toString("base64"),
};

export const TEST_OPERATOR = testCaller({
  role: "operator",
  email: "test operator",
  name: "test operator",
});

/** Loads the seed catalogue and the built-in suites into a fresh database. */
export async function seedEvalDatabase(db: Db): Promise<void> {
  await applyCatalogBatch(db, buildSeedBatch(), { dryRun: false, actorId: null });
  await ensureBuiltinSuites(db);
}

/** An emulator at zero latency that knows the built-in suites. */
export function startSuiteEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({
    port: 0,
    latencyScale: 0,
    answerBook: createBuiltinAnswerBook(BUILTIN_SUITES),
    ...options,
  });
}

/** The first runnable offering on each of these platforms. */
export async function pickOfferings(db: Db, platformIds: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const platformId of platformIds) {
    const offerings = await db.offering.findMany({
      where: { platformId, lifecycle: { not: "retired" }, inputPrice: { not: null } },
      orderBy: { nativeId: "asc" },
    });
    const runnable = offerings.find(
      (o) => chooseApiStyle(o.platformId, o.apiStyles, true) !== null,
    );
    if (!runnable) throw new Error(`no runnable offering on ${platformId}`);
    ids.push(runnable.id);
  }
  return ids;
}

/** A one-case suite for tests that make their runs by hand, and the runs made on it. */
export type ProbeSuite = {
  suiteId: string;
  /** A one-trial run of the suite in `status`, in no queue; `name` is `<label> probe`. */
  createRun(status: RunStatusName, fields?: { budgetUsd?: number | null }): Promise<string>;
  /** Deletes the runs made with `createRun`, then the suite. */
  remove(): Promise<void>;
};

/** Stores a {@link ProbeSuite}, `<label>-probe-<random>`, in `db`. */
export async function createProbeSuite(db: Db, label: string): Promise<ProbeSuite> {
  const { id: suiteId } = await storeSuite(
    db,
    {
      slug: `${label}-probe-${randomBytes(4).toString("hex")}`,
      name: `${label} probe`,
      description: `One case, for ${label} tests.`,
      cases: [
        {
          id: "c1",
          category: "general",
          tags: [],
          messages: [{ role: "user", content: "Hello?" }],
          reference: "Hi",
          assertions: [],
        },
      ],
    },
    { source: "import" },
  );
  const runIds: string[] = [];
  return {
    suiteId,
    async createRun(status, fields = {}) {
      const run = await db.evalRun.create({
        data: {
          name: `${label} probe`,
          suiteId,
          status,
          temperature: 0,
          maxTokens: 64,
          repeats: 1,
          concurrency: 1,
          expectedTrials: 1,
          isSimulated: true,
          ...fields,
        },
        select: { id: true },
      });
      runIds.push(run.id);
      return run.id;
    },
    async remove() {
      await db.evalRun.deleteMany({ where: { id: { in: runIds } } });
      await db.suiteCase.deleteMany({ where: { suiteId } });
      await db.suite.delete({ where: { id: suiteId } });
    },
  };
}

export async function suiteId(db: Db, slug: string): Promise<string> {
  const suite = await findSuite(db, slug);
  if (!suite) throw new Error(`no suite ${slug}`);
  return suite.id;
}

/** Launches a run as the test operator, queueing its jobs on `boss`. */
export async function launchTestRun(
  db: Db,
  boss: PgBoss,
  emulatorUrl: string,
  input: Partial<LaunchRunInput> & Pick<LaunchRunInput, "suiteId" | "targets">,
) {
  const connections = await resolvePlatformConnections(db, TEST_ENV, emulatorUrl);
  return launchRun(
    TEST_OPERATOR,
    db,
    { temperature: 0, maxTokens: 256, repeats: 1, concurrency: 4, stream: true, ...input },
    { connections, enqueue: (jobs) => enqueueChunks(boss, jobs), origin: "cli" },
  );
}

export function openTestQueue(url: string): Promise<PgBoss> {
  return openEvalQueue({ connectionString: url, supervise: false, max: 2 });
}

/** Polls the run until `done` says so (or throws after `timeoutMs`). */
export async function waitForRun(
  db: Db,
  runId: string,
  done: (run: { status: string; storedTrials: number; expectedTrials: number }) => boolean,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.evalRun.findUniqueOrThrow({ where: { id: runId } });
    if (done(run)) return run;
    if (Date.now() > deadline) {
      throw new Error(
        `run ${runId} still ${run.status} with ${run.storedTrials}/${run.expectedTrials} trials`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** True once the run has stopped for good, whatever its ending. */
export function isRunFinished(run: { status: string }): boolean {
  return run.status !== "queued" && run.status !== "running";
}

/** Polls the run until it has finished (see {@link isRunFinished}). */
export function waitForRunToFinish(db: Db, runId: string, timeoutMs = 60_000) {
  return waitForRun(db, runId, isRunFinished, timeoutMs);
}

/** The run's trial rows and rollups agree with each other and with its progress counter. */
export async function expectConsistentRun(db: Db, runId: string) {
  const run = await db.evalRun.findUniqueOrThrow({ where: { id: runId } });
  const trials = await db.trial.count({ where: { runId } });
  const distinct = await db.trial.groupBy({
    by: ["targetId", "caseId", "repeat"],
    where: { runId },
  });
  expect(distinct.length).toBe(trials);
  expect(run.storedTrials).toBe(trials);
  const stats = await db.runTargetStats.findMany({ where: { runId } });
  for (const row of stats) {
    expect(row.trials).toBe(await db.trial.count({ where: { runId, targetId: row.targetId } }));
    expect(row.errors).toBe(
      await db.trial.count({ where: { runId, targetId: row.targetId, status: "error" } }),
    );
  }
  const caseStats = await db.runCaseStats.aggregate({ where: { runId }, _sum: { trials: true } });
  expect(caseStats._sum.trials ?? 0).toBe(trials);
  return { run, trials };
}

/**
 * A seeded fresh database, an emulator and a queue: everything a run needs but its workers.
 * `close` stops the queue and the emulator and drops the pool's databases.
 */
export type EvalRig = {
  db: Db;
  url: string;
  emulator: RunningEmulator;
  boss: PgBoss;
  close(): Promise<void>;
};

/** Starts an {@link EvalRig} in a fresh database from `databases` (see freshDatabasePool). */
export async function startEvalRig(
  databases: ReturnType<typeof freshDatabasePool>,
  label: string,
  emulatorOptions: EmulatorOptions = {},
): Promise<EvalRig> {
  const { db, url } = await databases.create(label, { max: 4 });
  await seedEvalDatabase(db);
  const emulator = await startSuiteEmulator(emulatorOptions);
  const boss = await openTestQueue(url).catch(async (error: unknown) => {
    await emulator.close();
    throw error;
  });
  return {
    db,
    url,
    emulator,
    boss,
    async close() {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await emulator.close();
      await databases.dropAll();
    },
  };
}

/** A worker for the rig's database and emulator, with the test env and no log unless given. */
export function startTestWorker(
  rig: { url: string; emulator: { url: string } },
  options: Partial<EvalWorkerOptions> = {},
): Promise<RunningWorker> {
  return startEvalWorker({
    databaseUrl: rig.url,
    emulatorUrl: rig.emulator.url,
    env: TEST_ENV,
    log: () => undefined,
    ...options,
  });
}

/**
 * Launches the suite `suite` (a slug) on the first runnable offering of each of `platforms`,
 * calling the rig's emulator unless `emulatorUrl` says otherwise.
 */
export async function launchSuiteRun(
  rig: { db: Db; boss: PgBoss; emulator: { url: string } },
  run: { suite: string; platforms: string[]; emulatorUrl?: string } & Partial<LaunchRunInput>,
) {
  const { suite, platforms, emulatorUrl = rig.emulator.url, ...input } = run;
  const offeringIds = await pickOfferings(rig.db, platforms);
  const launched = await launchTestRun(rig.db, rig.boss, emulatorUrl, {
    suiteId: await suiteId(rig.db, suite),
    targets: offeringIds.map((offeringId) => ({ kind: "offering" as const, offeringId })),
    ...input,
  });
  return { ...launched, offeringIds };
}

/** A seeded database, an emulator, a queue and one worker: what run-level integration tests need. */
export type EvalWorld = EvalRig & { worker: RunningWorker };

/**
 * Starts an {@link EvalWorld} in a fresh database of its own, named after `prefix` (see
 * freshDatabasePool). `close` stops everything and drops the database.
 */
export async function startEvalWorld(prefix: string): Promise<EvalWorld> {
  const rig = await startEvalRig(freshDatabasePool(prefix), "world");
  const worker = await startTestWorker(rig);
  return {
    ...rig,
    worker,
    async close() {
      await worker.stop(1_000);
      await rig.close();
    },
  };
}
