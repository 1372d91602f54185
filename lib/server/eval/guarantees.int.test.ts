import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import type { EmulatorOptions } from "@/lib/emulator/server";
import type { TrialRecord } from "@/lib/eval/engine";
import { EVAL_QUEUE, enqueueChunks, planChunks } from "@/lib/queue/eval-queue";
import { createProxyLedger, startCountingProxy } from "@/lib/testing/counting-proxy";
import {
  expectConsistentRun,
  isRunFinished,
  launchSuiteRun,
  launchTestRun,
  pickOfferings,
  startEvalRig,
  startTestWorker,
  suiteId,
  waitForRun,
  waitForRunToFinish,
  TEST_OPERATOR,
  type EvalRig,
} from "@/lib/testing/eval-harness";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { createEvalStore } from "./store";
import type { EvalWorkerOptions, RunningWorker } from "./worker";
import { cancelRun } from "../domain/runs/runs";

/**
 * What the run engine promises whatever happens around it: a trial is stored and counted once, a
 * cancelled run stops, a budget cap holds, and one failing target never stops the others.
 */

const databases = freshDatabasePool("evalguar");
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await databases.dropAll();
});

/** A fresh seeded database, its queue and an emulator; everything is closed after the test. */
async function createWorld(label: string, emulatorOptions: EmulatorOptions = {}): Promise<EvalRig> {
  const world = await startEvalRig(databases, label, emulatorOptions);
  cleanups.push(() => world.close());
  return world;
}

async function startWorker(
  world: EvalRig,
  options: Partial<EvalWorkerOptions> = {},
): Promise<RunningWorker> {
  const worker = await startTestWorker(world, options);
  cleanups.push(() => worker.stop(1_000));
  return worker;
}

/** Polls `read` until it returns the same value for `quietMs`, or throws after `timeoutMs`. */
async function waitUntilStable<T>(read: () => Promise<T>, quietMs: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  let since = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await read();
    if (next !== value) {
      value = next;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return { value, at: Date.now() };
    }
    if (Date.now() > deadline) throw new Error(`still changing after ${timeoutMs} ms: ${value}`);
  }
}

/** Polls `read` until `done` holds for its value, or throws after `timeoutMs`. */
async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms at ${String(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function unfinishedJobs(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`,
      [EVAL_QUEUE],
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

describe("duplicate delivery", () => {
  it("stores and counts each trial once when every job is delivered twice", async () => {
    const world = await createWorld("dup");
    const ledger = createProxyLedger();
    // A short hold keeps both copies of a job in flight together, so both really call and store.
    const proxy = await startCountingProxy(world.emulator.url, ledger, { holdMs: 20 });
    cleanups.push(() => proxy.close());
    const { runId, expectedTrials } = await launchSuiteRun(world, {
      suite: "factual-qa",
      platforms: ["openai"],
      emulatorUrl: proxy.url,
      repeats: 2,
      concurrency: 8,
    });
    const targets = await world.db.runTarget.findMany({ where: { runId } });
    const caseCount = await world.db.suiteCase.count({
      where: { suiteId: await suiteId(world.db, "factual-qa") },
    });
    const jobs = planChunks(
      runId,
      targets.map((t) => t.id),
      caseCount,
      2,
    );
    await enqueueChunks(world.boss, jobs);
    // One worker that takes every job, both copies, at once.
    await startWorker(world, { emulatorUrl: proxy.url, jobsInParallel: jobs.length * 2 });

    const run = await waitForRunToFinish(world.db, runId);
    expect(run.status).toBe("completed");
    // Let the duplicates finish too before counting.
    await pollUntil(
      () => unfinishedJobs(world.url),
      (n) => n === 0,
      30_000,
    );
    // The duplicates did call the emulator again: the store, not luck, kept the count exact.
    expect(ledger.total).toBeGreaterThan(expectedTrials);
    const { run: after, trials } = await expectConsistentRun(world.db, runId);
    expect(trials).toBe(expectedTrials);
    expect(after.storedTrials).toBe(expectedTrials);
    expect(after.status).toBe("completed");
  }, 60_000);

  it("ignores a flush of trials that are already stored", async () => {
    const world = await createWorld("resave");
    const { runId, expectedTrials } = await launchSuiteRun(world, {
      suite: "factual-qa",
      platforms: ["openai"],
    });
    await startWorker(world);
    await waitForRunToFinish(world.db, runId);
    const before = await world.db.runTargetStats.findMany({ where: { runId } });
    const spentBefore = (await world.db.evalRun.findUniqueOrThrow({ where: { id: runId } }))
      .spentUsd;

    const rows = await world.db.trial.findMany({ where: { runId }, take: 10 });
    const records: TrialRecord[] = rows.map((row) => ({
      runId,
      targetId: row.targetId,
      caseId: row.caseId,
      category: "again",
      repeat: row.repeat,
      status: "ok",
      output: "a second delivery",
      score: 1,
      pass: true,
      assertions: [],
      judgeModel: null,
      judgeReason: null,
      latencyMs: 1,
      ttftMs: 1,
      outputTokensPerSecond: 1,
      inputTokens: 1,
      outputTokens: 1,
      costUsd: 1,
      judgeCostUsd: null,
      errorKind: null,
      errorMessage: null,
      // A second delivery that names what served it: counted, it would add to servedModels.
      servedBy: "another-offering",
      servedModelRaw: "anthropic.claude-3-5-sonnet-20240620-v1:0",
      servedModelId: "anthropic/claude-3.5-sonnet",
      servedUnmapped: false,
      routerMode: "default",
      attempts: 1,
      startedAt: new Date(),
      finishedAt: new Date(),
    }));
    const pool = new pg.Pool({ connectionString: world.url, max: 2 });
    // Dropping the database at the end terminates idle connections; that is expected.
    pool.on("error", () => undefined);
    cleanups.push(() => pool.end());
    const store = createEvalStore({ pool, isSpendTrackedElsewhere: () => false });
    await store.saveTrials(records);
    await store.saveTrials(records);

    const { run, trials } = await expectConsistentRun(world.db, runId);
    expect(trials).toBe(expectedTrials);
    expect(run.storedTrials).toBe(expectedTrials);
    expect(Number(run.spentUsd)).toBeCloseTo(Number(spentBefore), 9);
    expect(await world.db.runTargetStats.findMany({ where: { runId } })).toEqual(before);
    expect(await world.db.trial.count({ where: { runId, output: "a second delivery" } })).toBe(0);
  });
});

describe("cancelling", () => {
  it("stops storing trials within seconds and keeps the run cancelled", async () => {
    const world = await createWorld("cancel", { latencyScale: 1 });
    const { runId, expectedTrials } = await launchSuiteRun(world, {
      suite: "factual-qa",
      platforms: ["openai"],
      concurrency: 2,
    });
    await startWorker(world);
    await waitForRun(world.db, runId, (run) => run.storedTrials >= 2 || isRunFinished(run));

    expect(await cancelRun(TEST_OPERATOR, world.db, runId)).toBe("cancelled");
    const cancelledAt = Date.now();
    const stable = await waitUntilStable(
      () => world.db.trial.count({ where: { runId } }),
      2_000,
      5_000 + 2_000,
    );
    // Quiet for 2 s, and that quiet began within 5 s of the cancel.
    expect(stable.at - 2_000 - cancelledAt).toBeLessThanOrEqual(5_000);
    const { run, trials } = await expectConsistentRun(world.db, runId);
    expect(run.status).toBe("cancelled");
    expect(trials).toBe(stable.value);
    expect(trials).toBeLessThan(expectedTrials);
  }, 30_000);
});

describe("a budget cap", () => {
  it("stops the run before it spends more than the cap", async () => {
    const world = await createWorld("budget");
    const [offeringId] = await pickOfferings(world.db, ["openai"]);
    const offering = await world.db.offering.findUniqueOrThrow({ where: { id: offeringId! } });
    const maxTokens = 256;
    // What the router reserves for one call (rough input estimate + maxTokens of output), and so
    // the worst a call may cost: a cap of three of them lets a handful of calls through.
    const perCall =
      (200 * Number(offering.inputPrice) + maxTokens * Number(offering.outputPrice)) / 1e6;
    const budgetUsd = Number((3 * perCall).toPrecision(3));
    const { runId, expectedTrials } = await launchTestRun(
      world.db,
      world.boss,
      world.emulator.url,
      {
        suiteId: await suiteId(world.db, "factual-qa"),
        targets: [{ kind: "offering", offeringId: offeringId! }],
        repeats: 2,
        maxTokens,
        budgetUsd,
      },
    );
    await startWorker(world);
    const finished = await waitForRunToFinish(world.db, runId);
    expect(finished.status).toBe("budget_exceeded");
    const { run, trials } = await expectConsistentRun(world.db, runId);
    expect(trials).toBeGreaterThan(0);
    expect(trials).toBeLessThan(expectedTrials);
    // Reservations cover each call's worst case under the run row's lock and are settled with the
    // actual cost, which is never above it: the spend stays within the cap, up to decimal rounding.
    expect(Number(run.spentUsd)).toBeLessThanOrEqual(budgetUsd + 1e-9);
    const spentOnTrials = await world.db.trial.aggregate({
      where: { runId },
      _sum: { costUsd: true },
    });
    expect(Number(run.spentUsd)).toBeGreaterThanOrEqual((spentOnTrials._sum.costUsd ?? 0) - 1e-9);
    // The reader is told why, in figures that bear it out: what was spent of the cap, and what the
    // next call could have cost; together they pass the cap (a quarter spent is not "exceeded"
    // unless the next call's worst case would go over).
    const stop =
      /^Stopped before going over the budget: \$(\d+\.\d+) spent of the \$(\d+\.\d+) cap; the next call could cost up to \$(\d+\.\d+) /.exec(
        run.statusMessage ?? "",
      );
    expect(stop, run.statusMessage ?? "no status message").not.toBeNull();
    const [spent, cap, next] = [stop![1], stop![2], stop![3]].map(Number);
    expect(cap).toBeCloseTo(budgetUsd, 4);
    // Amounts are written with two significant digits (lib/format), so allow their rounding.
    expect(spent! + next!).toBeGreaterThan(cap! * 0.95);
    expect(spent).toBeLessThanOrEqual(cap!);
  }, 30_000);
});

describe("failing targets", () => {
  it("stores each error with its kind and lets the other targets finish", async () => {
    const world = await createWorld("faults", { faults: { "aws-bedrock": "500" } });
    const { runId, expectedTrials, offeringIds } = await launchSuiteRun(world, {
      suite: "factual-qa",
      platforms: ["aws-bedrock", "openai"],
    });
    const [failingId, healthyId] = offeringIds;
    await startWorker(world);
    const finished = await waitForRunToFinish(world.db, runId);
    expect(finished.status).toBe("completed");
    const { trials } = await expectConsistentRun(world.db, runId);
    expect(trials).toBe(expectedTrials);

    const targets = await world.db.runTarget.findMany({ where: { runId } });
    const failing = targets.find((t) => t.offeringIds.includes(failingId!))!;
    const healthy = targets.find((t) => t.offeringIds.includes(healthyId!))!;
    const failingTrials = await world.db.trial.findMany({
      where: { runId, targetId: failing.id },
    });
    expect(failingTrials).toHaveLength(expectedTrials / 2);
    expect(failingTrials.every((t) => t.status === "error")).toBe(true);
    // Calls fail with the server error until the offering's circuit opens; from then on, new trials
    // fail fast as circuit_open without a call. A trial that made calls reports what the provider
    // answered (server), even when its last retry was refused by the open circuit.
    const kinds = new Map<string, number>();
    for (const t of failingTrials) {
      const kind = t.errorKind ?? "none";
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    expect([...kinds.keys()].every((k) => k === "server" || k === "circuit_open")).toBe(true);
    const called = failingTrials.filter((t) => t.attempts > 0);
    expect(called.length).toBeGreaterThan(0);
    expect(called.every((t) => t.errorKind === "server")).toBe(true);
    expect(
      failingTrials.filter((t) => t.attempts === 0).every((t) => t.errorKind === "circuit_open"),
    ).toBe(true);
    expect(failingTrials.reduce((sum, t) => sum + t.attempts, 0)).toBeGreaterThanOrEqual(5);
    expect(
      await world.db.trial.count({ where: { runId, targetId: healthy.id, status: "ok" } }),
    ).toBe(expectedTrials / 2);

    const stats = await world.db.runTargetStats.findMany({ where: { runId } });
    const failingStats = stats.find((s) => s.targetId === failing.id)!;
    const healthyStats = stats.find((s) => s.targetId === healthy.id)!;
    expect(failingStats.errorsByKind).toEqual(Object.fromEntries(kinds));
    expect(failingStats.errors).toBe(expectedTrials / 2);
    expect(healthyStats.errors).toBe(0);
    expect(healthyStats.errorsByKind).toEqual({});
  }, 60_000);
});
