import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TrialRecord } from "@/lib/eval/engine";
import { emptyHistogram, LATENCY_HISTOGRAM, SPEED_HISTOGRAM } from "@/lib/eval/histogram";
import { compareAcrossRuns } from "@/lib/eval/run-against-run";
import type { RunStatusName } from "@/lib/schemas/runs";
import { rejectionOf } from "@/lib/testing/rejection";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { AppError } from "../errors";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { createEvalStore } from "../../eval/store";
import { getRunView, loadCaseRollups } from "../runs/runs";
import { storeSuite } from "../runs/suites";
import {
  findPreviousScheduledRun,
  getRunAgainstRunView,
  listComparableRuns,
  getRunAgainstRunPicker,
} from "./run-vs-run";

/**
 * Run against run on real PostgreSQL, with trials stored through the real trial store (so the
 * rollups compared are what a run leaves): targets matched by what they call, each paired over the
 * cases both runs scored exactly as compareAcrossRuns pairs them, the swap mirrored, runs of
 * different suites refused with a reason, and a schedule's previous completed run found.
 */

const VIEWER = testCaller({ role: "viewer", email: "run-vs-run@example.test", name: "viewer" });
const CASES = 20;
const caseId = (n: number) => `c${String(n).padStart(2, "0")}`;

let db: Db;
let pool: pg.Pool;
const suiteIds: string[] = [];
const runIds: string[] = [];
let scheduleId: string;

/** Per case number (1-based): the score, or "error", or undefined for a case never run. */
type Scores = (n: number) => number | "error" | undefined;

type TargetSpec = { offeringId: string; label: string; scores: Scores };

function record(
  runId: string,
  targetId: string,
  n: number,
  outcome: number | "error",
): TrialRecord {
  const now = new Date();
  const isError = outcome === "error";
  return {
    runId,
    targetId,
    caseId: caseId(n),
    category: n % 2 === 1 ? "math" : "general",
    repeat: 0,
    status: isError ? "error" : "ok",
    output: isError ? null : `answer ${caseId(n)}`,
    score: isError ? null : outcome,
    pass: isError ? null : outcome >= 0.5,
    assertions: null,
    judgeModel: null,
    judgeReason: null,
    latencyMs: isError ? null : 200 + 10 * n,
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

async function createSuite(label: string): Promise<string> {
  const { id } = await storeSuite(
    db,
    {
      slug: `run-vs-run-${label}-${randomBytes(4).toString("hex")}`,
      name: `run vs run ${label}`,
      description: "Cases for run against run.",
      cases: Array.from({ length: CASES }, (_, index) => ({
        id: caseId(index + 1),
        category: (index + 1) % 2 === 1 ? ("math" as const) : ("general" as const),
        tags: [],
        messages: [{ role: "user" as const, content: `Question ${caseId(index + 1)}?` }],
        reference: `ref-${caseId(index + 1)}`,
        assertions: [],
      })),
    },
    { source: "import" },
  );
  suiteIds.push(id);
  return id;
}

/** A run of `suiteId` whose targets score as given, stored through the trial store. */
async function createRun(fields: {
  name: string;
  suiteId: string;
  status: RunStatusName;
  createdAt: string;
  schedule?: { id: string; version: number };
  targets: TargetSpec[];
}): Promise<{ runId: string; targetIds: string[] }> {
  const { id: runId } = await db.evalRun.create({
    data: {
      name: fields.name,
      suiteId: fields.suiteId,
      status: fields.status,
      temperature: 0,
      maxTokens: 64,
      repeats: 1,
      concurrency: 1,
      expectedTrials: CASES * fields.targets.length,
      isSimulated: true,
      origin: fields.schedule ? "schedule" : "web",
      scheduleId: fields.schedule?.id ?? null,
      scheduleVersion: fields.schedule?.version ?? null,
      createdAt: new Date(fields.createdAt),
    },
    select: { id: true },
  });
  runIds.push(runId);
  const targetIds: string[] = [];
  const records: TrialRecord[] = [];
  for (const [position, spec] of fields.targets.entries()) {
    const target = await db.runTarget.create({
      data: {
        runId,
        position,
        kind: "offering",
        label: spec.label,
        offeringIds: [spec.offeringId],
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
    targetIds.push(target.id);
    for (let n = 1; n <= CASES; n += 1) {
      const outcome = spec.scores(n);
      if (outcome !== undefined) records.push(record(runId, target.id, n, outcome));
    }
  }
  if (records.length) {
    await createEvalStore({ pool, isSpendTrackedElsewhere: () => false }).saveTrials(records);
  }
  return { runId, targetIds };
}

const flat =
  (score: number): Scores =>
  () =>
    score;
/** Slightly varied scores around `base`, so the bootstrap has a spread to work with. */
const around =
  (base: number): Scores =>
  (n) =>
    Math.min(1, Math.max(0, base + ((n * 7) % 5) * 0.02 - 0.04));

let suiteId: string;
let otherSuiteId: string;
let older: { runId: string; targetIds: string[] };
let failed: string;
let newer: { runId: string; targetIds: string[] };
let later: { runId: string; targetIds: string[] };
let manual: { runId: string; targetIds: string[] };
let elsewhere: string;

beforeAll(async () => {
  const url = requireTestDatabaseUrl();
  db = createPrismaClient(url, { max: 2 });
  pool = new pg.Pool({ connectionString: url, max: 2 });
  suiteId = await createSuite("main");
  otherSuiteId = await createSuite("other");
  ({ id: scheduleId } = await db.runSchedule.create({
    data: { name: "Nightly (renamed)", definition: {}, cron: "0 6 * * *", version: 2 },
    select: { id: true },
  }));
  await db.runScheduleVersion.createMany({
    data: [1, 2].map((version) => ({
      scheduleId,
      version,
      name: version === 1 ? "Nightly" : "Nightly (renamed)",
      definition: {},
      cron: "0 6 * * *",
      timezone: "UTC",
    })),
  });

  // The older run: X on cases 1–15 only, Y everywhere, and a target the newer run dropped.
  older = await createRun({
    name: "Nightly (06 Dec)",
    suiteId,
    status: "completed",
    createdAt: "2026-12-06T06:00:00Z",
    schedule: { id: scheduleId, version: 1 },
    targets: [
      {
        offeringId: "off-x",
        label: "Model X on Cloud 1",
        scores: (n) => (n <= 15 ? 0.5 : undefined),
      },
      { offeringId: "off-y", label: "Model Y on Cloud 2", scores: flat(0.8) },
      { offeringId: "off-gone", label: "Model G on Cloud 3", scores: flat(0.6) },
    ],
  });
  ({ runId: failed } = await createRun({
    name: "Nightly (06 Dec, evening)",
    suiteId,
    status: "failed",
    createdAt: "2026-12-06T18:00:00Z",
    schedule: { id: scheduleId, version: 1 },
    targets: [{ offeringId: "off-x", label: "Model X on Cloud 1", scores: flat(0.1) }],
  }));
  // The newer run: Y first, X renamed and errored on case 3, and a new target.
  newer = await createRun({
    name: "Nightly (07 Dec)",
    suiteId,
    status: "completed",
    createdAt: "2026-12-07T06:00:00Z",
    schedule: { id: scheduleId, version: 2 },
    targets: [
      { offeringId: "off-y", label: "Model Y on Cloud 2", scores: flat(0.8) },
      {
        offeringId: "off-x",
        label: "Model X on Cloud 1 (renamed)",
        scores: (n) => (n === 3 ? "error" : around(0.9)(n)),
      },
      { offeringId: "off-new", label: "Model N on Cloud 4", scores: flat(0.7) },
    ],
  });
  // Later, still running and nothing stored yet.
  later = await createRun({
    name: "Nightly (08 Dec)",
    suiteId,
    status: "running",
    createdAt: "2026-12-08T06:00:00Z",
    schedule: { id: scheduleId, version: 2 },
    targets: [{ offeringId: "off-x", label: "Model X on Cloud 1", scores: () => undefined }],
  });
  manual = await createRun({
    name: "By hand",
    suiteId,
    status: "completed",
    createdAt: "2026-12-09T06:00:00Z",
    targets: [{ offeringId: "off-z", label: "Model Z on Cloud 9", scores: flat(0.4) }],
  });
  ({ runId: elsewhere } = await createRun({
    name: "Another suite",
    suiteId: otherSuiteId,
    status: "completed",
    createdAt: "2026-12-07T07:00:00Z",
    targets: [{ offeringId: "off-x", label: "Model X on Cloud 1", scores: flat(0.9) }],
  }));
});

afterAll(async () => {
  if (db) {
    await db.trial.deleteMany({ where: { runId: { in: runIds } } });
    await db.runCaseStats.deleteMany({ where: { runId: { in: runIds } } });
    await db.runTargetStats.deleteMany({ where: { runId: { in: runIds } } });
    await db.evalRun.deleteMany({ where: { id: { in: runIds } } });
    if (scheduleId) await db.runSchedule.delete({ where: { id: scheduleId } });
    await db.suiteCase.deleteMany({ where: { suiteId: { in: suiteIds } } });
    await db.suite.deleteMany({ where: { id: { in: suiteIds } } });
  }
  await pool?.end();
  await db?.$disconnect();
});

describe("run against run", () => {
  it("matches targets by what they call and pairs each over the cases both runs scored", async () => {
    const view = await getRunAgainstRunView(VIEWER, db, {
      runA: newer.runId,
      runB: older.runId,
    });
    expect(view.problem).toBeNull();
    expect(view.isSameSuite).toBe(true);
    expect(view.a).toMatchObject({
      id: newer.runId,
      name: "Nightly (07 Dec)",
      isSimulated: true,
      schedule: { id: scheduleId, name: "Nightly (renamed)", version: 2 },
    });
    // A run keeps the schedule's name as of the version it ran.
    expect(view.b.schedule).toEqual({ id: scheduleId, name: "Nightly", version: 1 });
    const [yNew, xNew, nNew] = newer.targetIds;
    const [xOld, yOld, gOld] = older.targetIds;
    expect(view.matched.map((m) => [m.a.id, m.b.id])).toEqual([
      [yNew, yOld],
      [xNew, xOld],
    ]);
    expect(view.onlyA.map((t) => t.id)).toEqual([nNew]);
    expect(view.onlyB.map((t) => t.id)).toEqual([gOld]);

    // Each side's figures are the run page's.
    const pageA = await getRunView(VIEWER, db, newer.runId);
    const pageB = await getRunView(VIEWER, db, older.runId);
    expect(view.matched[1]?.a.summary).toEqual(pageA.targets[1]?.summary);
    expect(view.matched[1]?.b.summary).toEqual(pageB.targets[0]?.summary);

    // X: cases 1–15 in the older run, case 3 errored in the newer: 14 in common.
    const x = view.matched[1]!.pair!;
    const casesA = await loadCaseRollups(db, newer.runId);
    const casesB = await loadCaseRollups(db, older.runId);
    expect(x).toEqual(
      compareAcrossRuns(
        newer.runId,
        { targetId: xNew!, cases: casesA.get(xNew!) ?? [] },
        older.runId,
        { targetId: xOld!, cases: casesB.get(xOld!) ?? [] },
      ),
    );
    const common = Array.from({ length: 15 }, (_, i) => i + 1).filter((n) => n !== 3);
    expect(x.n).toBe(common.length);
    const expected =
      common.reduce((sum, n) => sum + ((around(0.9)(n) as number) - 0.5), 0) / common.length;
    expect(x.difference).toBeCloseTo(expected, 12);
    expect(x.verdict).toBe("different");
    expect(x.low).toBeGreaterThan(0);
    // Cases only one run scored do not count: the newer run's own score covers 19 cases.
    expect(view.matched[1]?.a.summary.score?.n).toBe(19);

    // Y scored the same everywhere: equivalent, over all 20 cases.
    const y = view.matched[0]!.pair!;
    expect(y).toMatchObject({ n: CASES, verdict: "equivalent" });
    expect(Math.abs(y.difference)).toBe(0);
    expect(view.commonCases).toBe(CASES);
  });

  it("mirrors exactly when the runs swap", async () => {
    const forward = await getRunAgainstRunView(VIEWER, db, {
      runA: newer.runId,
      runB: older.runId,
    });
    const backward = await getRunAgainstRunView(VIEWER, db, {
      runA: older.runId,
      runB: newer.runId,
    });
    expect(backward.a.id).toBe(older.runId);
    expect(backward.matched.map((m) => [m.a.id, m.b.id])).toEqual([
      [older.targetIds[0], newer.targetIds[1]],
      [older.targetIds[1], newer.targetIds[0]],
    ]);
    const there = forward.matched[1]!.pair!;
    const back = backward.matched[0]!.pair!;
    expect(back.n).toBe(there.n);
    expect(back.verdict).toBe(there.verdict);
    expect(back.difference).toBe(-there.difference);
    expect(back.low).toBe(-there.high);
    expect(back.high).toBe(-there.low);
    expect(backward.onlyA.map((t) => t.id)).toEqual([older.targetIds[2]]);
    expect(backward.commonCases).toBe(forward.commonCases);
  });

  it("gives a reason and no pairs for the same run, another suite, no shared target or case", async () => {
    const same = await getRunAgainstRunView(VIEWER, db, { runA: newer.runId, runB: newer.runId });
    expect(same).toMatchObject({ problem: "same-run", matched: [], commonCases: 0 });

    const suites = await getRunAgainstRunView(VIEWER, db, { runA: newer.runId, runB: elsewhere });
    expect(suites).toMatchObject({
      problem: "different-suites",
      isSameSuite: false,
      matched: [],
      onlyA: [],
      onlyB: [],
    });
    expect(suites.b.suite.id).toBe(otherSuiteId);

    const targets = await getRunAgainstRunView(VIEWER, db, {
      runA: manual.runId,
      runB: newer.runId,
    });
    expect(targets.problem).toBe("no-common-targets");
    expect(targets.onlyA).toHaveLength(1);
    expect(targets.onlyB).toHaveLength(3);

    const cases = await getRunAgainstRunView(VIEWER, db, { runA: later.runId, runB: newer.runId });
    expect(cases.problem).toBe("no-common-cases");
    expect(cases.matched).toHaveLength(1);
    expect(cases.matched[0]?.pair).toBeNull();

    const missing = await rejectionOf(
      getRunAgainstRunView(VIEWER, db, { runA: newer.runId, runB: "no-such-run" }),
      AppError,
    );
    expect(missing.code).toBe("NOT_FOUND");
  });

  it("finds the previous completed run of a run's schedule, and the runs it can be compared with", async () => {
    expect((await findPreviousScheduledRun(VIEWER, db, newer.runId))?.id).toBe(older.runId);
    // The failed run in between is skipped; the newer run is the previous of a later one.
    expect((await findPreviousScheduledRun(VIEWER, db, later.runId))?.id).toBe(newer.runId);
    expect(await findPreviousScheduledRun(VIEWER, db, older.runId)).toBeNull();
    expect(await findPreviousScheduledRun(VIEWER, db, manual.runId)).toBeNull();
    const missing = await rejectionOf(findPreviousScheduledRun(VIEWER, db, "nope"), AppError);
    expect(missing.code).toBe("NOT_FOUND");

    const comparable = await listComparableRuns(VIEWER, db, newer.runId);
    expect(comparable.map((run) => run.id)).toEqual([
      manual.runId,
      later.runId,
      failed,
      older.runId,
    ]);
    expect(comparable[3]?.schedule).toEqual({ id: scheduleId, name: "Nightly", version: 1 });
    expect(comparable[0]?.schedule).toBeNull();

    // Compared with by default: the schedule's previous completed run.
    const picker = await getRunAgainstRunPicker(VIEWER, db, newer.runId);
    expect(picker.run?.id).toBe(newer.runId);
    expect(picker.others).toEqual(comparable);
    expect(picker.suggestedOtherId).toBe(older.runId);
    // Launched by hand: the latest completed run of the suite launched before it.
    expect((await getRunAgainstRunPicker(VIEWER, db, manual.runId)).suggestedOtherId).toBe(
      newer.runId,
    );
    // Alone in its suite: nothing to compare with.
    const alone = await getRunAgainstRunPicker(VIEWER, db, elsewhere);
    expect(alone).toMatchObject({ others: [], suggestedOtherId: null });
    expect(alone.runs.some((run) => run.id === elsewhere)).toBe(true);
    const unknown = await rejectionOf(getRunAgainstRunPicker(VIEWER, db, "nope"), AppError);
    expect(unknown.code).toBe("NOT_FOUND");
  });
});
