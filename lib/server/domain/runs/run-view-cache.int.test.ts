import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TrialRecord } from "@/lib/eval/engine";
import { emptyHistogram, LATENCY_HISTOGRAM, SPEED_HISTOGRAM } from "@/lib/eval/histogram";
import { caseMatrixFilterSchema } from "@/lib/schemas/runs";
import { rejectionOf } from "@/lib/testing/rejection";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { AppError } from "../errors";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { createEvalStore } from "../../eval/store";
import { listRunCaseMatrix } from "./case-matrix";
import { retryRunErrors } from "./run-resume";
import { moveRun, prismaRunner, reopenRun } from "./run-status";
import { getRunView, type RunView } from "./runs";
import { storeSuite } from "./suites";
import { getRunViewVersion, reuseRunView, runViewCacheStats } from "./run-view-cache";
import { keepFirstRepeats, listCellRepeats } from "./run-view-repeats";

/**
 * The run page's cache against real PostgreSQL, trials stored through the real trial store: a
 * finished run's view is computed once and shared by every viewer; a new trial, a rollup write, a
 * status move or a reopened run gives a fresh view, never the old one; a run that has not ended
 * is computed on every view. The grid sends one repeat per cell and the others come on demand.
 */

const VIEWER = testCaller({ role: "viewer", email: "run-cache-viewer@example.test", name: "v" });
const OPERATOR = testCaller({ role: "operator", email: "run-cache-op@example.test", name: "o" });
const CASES = 3;
const REPEATS = 3;
const caseId = (n: number) => `c${n}`;

let db: Db;
let pool: pg.Pool;
let suiteId: string;
let runId: string;
let otherRunId: string;
let targetA: string;
let targetB: string;

function record(target: string, n: number, repeat: number, isError = false): TrialRecord {
  const now = new Date();
  return {
    runId,
    targetId: target,
    caseId: caseId(n),
    category: "general",
    repeat,
    status: isError ? "error" : "ok",
    output: isError ? null : `answer ${n}.${repeat}`,
    score: isError ? null : 1,
    pass: isError ? null : true,
    assertions: null,
    judgeModel: null,
    judgeReason: null,
    latencyMs: isError ? null : 100 + repeat,
    ttftMs: null,
    outputTokensPerSecond: null,
    inputTokens: 10,
    outputTokens: 5,
    costUsd: isError ? null : 0.001,
    judgeCostUsd: null,
    errorKind: isError ? "server" : null,
    errorMessage: isError ? "simulated outage" : null,
    servedBy: null,
    servedModelRaw: null,
    servedModelId: null,
    servedUnmapped: false,
    routerMode: null,
    attempts: 1,
    startedAt: now,
    finishedAt: now,
  };
}

const store = () => createEvalStore({ pool, isSpendTrackedElsewhere: () => false });
const sql = () => prismaRunner(db);

let computed = 0;
/** The run view as the page reads it: version first, then the cache. */
async function pageView(caller = VIEWER): Promise<RunView> {
  const version = await getRunViewVersion(db, runId);
  return reuseRunView(caller, runId, version, "run", null, () => {
    computed += 1;
    return getRunView(caller, db, runId);
  });
}

async function createRun(name: string): Promise<string> {
  const { id } = await db.evalRun.create({
    data: {
      name,
      suiteId,
      status: "running",
      temperature: 0,
      maxTokens: 64,
      repeats: REPEATS,
      concurrency: 1,
      expectedTrials: CASES * REPEATS * 2,
      isSimulated: true,
    },
    select: { id: true },
  });
  return id;
}

beforeAll(async () => {
  const url = requireTestDatabaseUrl();
  db = createPrismaClient(url, { max: 2 });
  pool = new pg.Pool({ connectionString: url, max: 2 });
  ({ id: suiteId } = await storeSuite(
    db,
    {
      slug: `run-cache-probe-${randomBytes(4).toString("hex")}`,
      name: "run cache probe",
      description: "Three cases for the run page's cache.",
      cases: Array.from({ length: CASES }, (_, index) => ({
        id: caseId(index + 1),
        category: "general" as const,
        tags: [],
        messages: [{ role: "user" as const, content: `Question ${index + 1}?` }],
        reference: null,
        assertions: [],
      })),
    },
    { source: "import" },
  ));
  runId = await createRun("run cache probe");
  otherRunId = await createRun("another run");
  [targetA, targetB] = (await Promise.all(
    ["A", "B"].map(async (name, position) => {
      const target = await db.runTarget.create({
        data: {
          runId,
          position,
          kind: "offering",
          label: `Model ${name}`,
          offeringIds: [],
          targets: [],
          platformIds: [],
          isSimulated: true,
        },
      });
      await db.runTargetStats.create({
        data: {
          runId,
          targetId: target.id,
          latencyHist: emptyHistogram(LATENCY_HISTOGRAM),
          ttftHist: emptyHistogram(LATENCY_HISTOGRAM),
          speedHist: emptyHistogram(SPEED_HISTOGRAM),
        },
      });
      return target.id;
    }),
  )) as [string, string];
  // Everything but the last repeat of case 3 on target B, which ends in error.
  const records: TrialRecord[] = [];
  for (let n = 1; n <= CASES; n += 1) {
    for (const target of [targetA, targetB]) {
      for (let repeat = 0; repeat < REPEATS; repeat += 1) {
        if (target === targetB && n === CASES && repeat === REPEATS - 1) continue;
        records.push(record(target, n, repeat));
      }
    }
  }
  await store().saveTrials(records);
});

afterAll(async () => {
  for (const id of [runId, otherRunId].filter(Boolean)) {
    await db.trial.deleteMany({ where: { runId: id } });
    await db.runCaseStats.deleteMany({ where: { runId: id } });
    await db.runTargetStats.deleteMany({ where: { runId: id } });
    await db.runTarget.deleteMany({ where: { runId: id } });
    await db.evalRun.delete({ where: { id } });
  }
  if (suiteId) {
    await db.suiteCase.deleteMany({ where: { suiteId } });
    await db.suite.delete({ where: { id: suiteId } });
  }
  await pool?.end();
  await db?.$disconnect();
});

describe("the run page's cache", () => {
  it("computes a running run's view on every view: its progress moves", async () => {
    expect(await getRunViewVersion(db, runId)).toBeNull();
    computed = 0;
    const first = await pageView();
    await pageView();
    expect(computed).toBe(2);
    expect(first.storedTrials).toBe(CASES * REPEATS * 2 - 1);
  });

  it("reuses a finished run's view across viewers, and applies the role per request", async () => {
    expect(await moveRun(sql(), runId, "finish")).toBe(true);
    computed = 0;
    const before = runViewCacheStats();
    const first = await pageView(VIEWER);
    const second = await pageView(OPERATOR);
    const third = await pageView(VIEWER);
    expect(computed).toBe(1);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(first.status).toBe("completed");
    const after = runViewCacheStats();
    expect(after.hits - before.hits).toBe(2);
    expect(after.misses - before.misses).toBe(1);
    // A caller without even the viewer role gets nothing from the cache.
    const stranger = testCaller({ role: "nobody" as never, email: "x@example.test", name: "x" });
    const refused = await rejectionOf(pageView(stranger), AppError);
    expect(refused.code).toBe("FORBIDDEN");
  });

  it("gives a fresh view after a new trial is stored, never the stale one", async () => {
    const before = await pageView();
    computed = 0;
    // The last repeat comes back in error: a stored trial all the same.
    await store().saveTrials([record(targetB, CASES, REPEATS - 1, true)]);
    const after = await pageView();
    expect(computed).toBe(1);
    expect(after.storedTrials).toBe(before.storedTrials + 1);
    expect(after.errors).toBe(before.errors + 1);
    await pageView();
    expect(computed).toBe(1);
  });

  it("gives a fresh view after a rollup write, even one that leaves the run row alone", async () => {
    await pageView();
    computed = 0;
    await db.$executeRaw`
      UPDATE "RunTargetStats" SET passed = passed - 1, "updatedAt" = now() + interval '1 second'
      WHERE "runId" = ${runId} AND "targetId" = ${targetA}`;
    const after = await pageView();
    expect(computed).toBe(1);
    const summaryA = after.targets.find((target) => target.id === targetA)?.summary;
    expect(summaryA).toBeDefined();
  });

  it("gives a fresh view when retrying errors reopens the run, on every view until it ends again", async () => {
    const finished = await pageView();
    expect(finished.errors).toBe(1);
    computed = 0;
    const retry = await retryRunErrors(OPERATOR, db, runId, { enqueue: async () => undefined });
    expect(retry.removedErrors).toBe(1);
    const reopened = await pageView();
    expect(computed).toBe(1);
    expect(reopened.status).toBe("queued");
    expect(reopened.storedTrials).toBe(finished.storedTrials - 1);
    expect(reopened.errors).toBe(0);
    await pageView();
    expect(computed).toBe(2);
    expect(await moveRun(sql(), runId, "start")).toBe(true);
    expect((await pageView()).status).toBe("running");
    expect(computed).toBe(3);
    // The retried trial comes back fine; the store finishes the run with its last trial.
    await store().saveTrials([record(targetB, CASES, REPEATS - 1)]);
    const ended = await pageView();
    expect(computed).toBe(4);
    expect(ended.status).toBe("completed");
    expect(ended.storedTrials).toBe(finished.storedTrials);
    expect(ended.errors).toBe(0);
    expect(ended).not.toBe(finished);
    await pageView();
    expect(computed).toBe(4);
  });

  it("gives a fresh view after a status move of an ended run", async () => {
    await pageView();
    computed = 0;
    expect(await reopenRun(sql(), runId, "Reopened by the test.")).toBe(true);
    expect(await moveRun(sql(), runId, "cancel", "Cancelled by the test.")).toBe(true);
    const cancelled = await pageView();
    expect(computed).toBe(1);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.statusMessage).toBe("Cancelled by the test.");
  });

  it("keys each part and filter apart, and never answers one run for another", async () => {
    const version = await getRunViewVersion(db, runId);
    expect(version).not.toBeNull();
    let matrices = 0;
    const grid = (page: string) =>
      reuseRunView(VIEWER, runId, version, "matrix", { page }, async () => {
        matrices += 1;
        return keepFirstRepeats(
          await listRunCaseMatrix(VIEWER, db, runId, caseMatrixFilterSchema.parse({ page })),
        );
      });
    const first = await grid("1");
    await grid("1");
    await grid("2");
    expect(matrices).toBe(2);
    const other = await reuseRunView(VIEWER, otherRunId, version, "matrix", { page: "1" }, () =>
      Promise.resolve("another run's grid"),
    );
    expect(other).toBe("another run's grid");
    // One repeat per cell is sent; the others are counted, and fetched when opened.
    const cell = first.rows[0]?.cells[0];
    expect(cell?.first?.output).toBe("answer 1.0");
    expect(cell?.otherRepeats).toBe(REPEATS - 1);
    const rest = await listCellRepeats(VIEWER, db, { runId, targetId: targetA, caseId: "c1" });
    expect(rest.map((repeat) => [repeat.repeat, repeat.output, repeat.servedBy])).toEqual([
      [1, "answer 1.1", null],
      [2, "answer 1.2", null],
    ]);
  });

  it("refuses the repeats of a target that is not the run's", async () => {
    const refused = await rejectionOf(
      listCellRepeats(VIEWER, db, { runId: otherRunId, targetId: targetA, caseId: "c1" }),
      AppError,
    );
    expect(refused.code).toBe("NOT_FOUND");
  });
});
