import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import { buildSeedBatch } from "@/lib/catalog/seed";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@/lib/emulator/server";
import { startEvalWorker, type RunningWorker } from "@/lib/server/eval/worker";
import type { freshDatabasePool } from "./fresh-database";
import { createBuiltinAnswerBook } from "@/lib/eval/answer-book";
import { BUILTIN_SUITES } from "@/lib/eval/suites";
import { enqueueChunks, openEvalQueue } from "@/lib/queue/eval-queue";
import type { LaunchRunInput } from "@/lib/schemas/runs";
import type { Caller } from "@/lib/server/domain/caller";
import { applyCatalogBatch } from "@/lib/server/domain/catalog/catalog-store";
import type { Db } from "@/lib/server/ops/db-client";
import { resolvePlatformConnections } from "@/lib/server/ops/router-setup";
import { chooseApiStyle, launchRun } from "@/lib/server/domain/runs/runs";
import { ensureBuiltinSuites, findSuite } from "@/lib/server/domain/runs/suites";

/** Test helpers for evaluation runs: a seeded database, an emulator, launching and waiting. */

/** The environment tests give workers: a throwaway key, no provider credentials. */
export const TEST_ENV: Record<string, string> = {
  CROSSBENCH_SECRET_KEY: randomBytes(32).toString("base64"),
};

export const TEST_OPERATOR: Caller = {
  userId: "",
  email: "test operator",
  name: "test operator",
  role: "operator",
  mustChangePassword: false,
  ipAddress: null,
};

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

/** A seeded database, an emulator, a queue and one worker: what run-level integration tests need. */
export type EvalWorld = {
  db: Db;
  url: string;
  emulator: RunningEmulator;
  boss: PgBoss;
  worker: RunningWorker;
  close(): Promise<void>;
};

/**
 * Starts an {@link EvalWorld} in a fresh database from `databases` (see freshDatabasePool).
 * `close` stops everything and drops the pool's databases.
 */
export async function startEvalWorld(
  databases: ReturnType<typeof freshDatabasePool>,
  label: string,
): Promise<EvalWorld> {
  const { db, url } = await databases.create(label, { max: 4 });
  await seedEvalDatabase(db);
  const emulator = await startSuiteEmulator();
  const boss = await openTestQueue(url);
  const worker = await startEvalWorker({
    databaseUrl: url,
    emulatorUrl: emulator.url,
    env: TEST_ENV,
    log: () => undefined,
  });
  return {
    db,
    url,
    emulator,
    boss,
    worker,
    async close() {
      await worker.stop(1_000);
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await emulator.close();
      await databases.dropAll();
    },
  };
}
