import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreOutput } from "@/lib/eval/assertions";
import type { TrialRecord } from "@/lib/eval/engine";
import { emptyHistogram, LATENCY_HISTOGRAM, SPEED_HISTOGRAM } from "@/lib/eval/histogram";
import type { Assertion, AssertionResult } from "@/lib/eval/types";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { groupNamedMetrics, namedMetricsExport } from "@/lib/views/named-metrics";
import { getCliNamedMetrics, writeRunOutput } from "../../ops/cli-output";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { createEvalStore } from "../../eval/store";
import { moveRun, prismaRunner } from "./run-status";
import { getRunViewVersion, runViewCacheStats } from "./run-view-cache";
import { listRunNamedMetrics } from "./run-view-named-metrics";
import { getRunPageView } from "./run-view-page";
import { getRunView } from "./runs";
import { storeSuite } from "./suites";

/**
 * A run's named metrics against real PostgreSQL, trials scored by the real scorer and stored by the
 * real trial store: per target, each metric's weighted mean, weight and trial count, read in pages;
 * on the run page, computed with the run view once per version of a finished run.
 */

const VIEWER = testCaller({
  role: "viewer",
  email: "named-metrics-viewer@example.test",
  name: "v",
});

const FACTS: Assertion[] = [
  { type: "contains", value: "Paris", metric: "facts", weight: 3 },
  { type: "contains", value: "Rome", metric: "facts" },
  { type: "icontains", value: "capital", metric: "style" },
];
const SET: Assertion[] = [
  {
    type: "assert-set",
    metric: "set",
    weight: 2,
    assert: [
      { type: "contains", value: "Paris", metric: "facts" },
      { type: "contains", value: "Rome", metric: "facts", weight: 3 },
    ],
  },
];

let db: Db;
let pool: pg.Pool;
let suiteId: string;
let runId: string;
let otherRunId: string;
let targetA: string;
let targetB: string;
let otherTarget: string;

async function score(assertions: Assertion[], output: string): Promise<AssertionResult[]> {
  const measures = { costUsd: 0.001, latencyMs: 100, finishReason: "stop" };
  return (await scoreOutput({ assertions, reference: null, messages: [] }, output, measures))
    .assertions;
}

function record(
  run: string,
  target: string,
  caseId: string,
  repeat: number,
  assertions: AssertionResult[] | null,
): TrialRecord {
  const now = new Date();
  const isError = assertions === null;
  return {
    runId: run,
    targetId: target,
    caseId,
    category: "general",
    repeat,
    status: isError ? "error" : "ok",
    output: isError ? null : "answer",
    score: isError ? null : 1,
    pass: isError ? null : true,
    assertions,
    judgeModel: null,
    judgeReason: null,
    latencyMs: isError ? null : 100,
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

async function createRun(name: string): Promise<string> {
  const { id } = await db.evalRun.create({
    data: {
      name,
      suiteId,
      status: "running",
      temperature: 0,
      maxTokens: 64,
      repeats: 2,
      concurrency: 1,
      expectedTrials: 8,
      isSimulated: true,
    },
    select: { id: true },
  });
  return id;
}

async function createTarget(run: string, position: number, label: string): Promise<string> {
  const target = await db.runTarget.create({
    data: {
      runId: run,
      position,
      kind: "offering",
      label,
      offeringIds: [],
      targets: [],
      platformIds: [],
      isSimulated: true,
    },
  });
  await db.runTargetStats.create({
    data: {
      runId: run,
      targetId: target.id,
      latencyHist: emptyHistogram(LATENCY_HISTOGRAM),
      ttftHist: emptyHistogram(LATENCY_HISTOGRAM),
      speedHist: emptyHistogram(SPEED_HISTOGRAM),
    },
  });
  return target.id;
}

beforeAll(async () => {
  const url = requireTestDatabaseUrl();
  db = createPrismaClient(url, { max: 2 });
  pool = new pg.Pool({ connectionString: url, max: 2 });
  ({ id: suiteId } = await storeSuite(
    db,
    {
      slug: `named-metrics-probe-${randomBytes(4).toString("hex")}`,
      name: "named metrics probe",
      description: "Three cases whose assertions name metrics.",
      cases: ["c1", "c2", "c3"].map((id) => ({
        id,
        category: "general" as const,
        tags: [],
        messages: [{ role: "user" as const, content: `Question ${id}?` }],
        reference: null,
        assertions: [],
      })),
    },
    { source: "import" },
  ));
  runId = await createRun("named metrics probe");
  otherRunId = await createRun("another run");
  targetA = await createTarget(runId, 0, "Model A");
  targetB = await createTarget(runId, 1, "Model B");
  otherTarget = await createTarget(otherRunId, 0, "Model A elsewhere");
  const store = createEvalStore({ pool, isSpendTrackedElsewhere: () => false });
  await store.saveTrials([
    // Target A. c1: facts (1·3 + 0·1) / 4 = 0.75 at weight 4, style 1 at weight 1.
    record(runId, targetA, "c1", 0, await score(FACTS, "Paris is the capital")),
    // An error stores no results and counts nowhere.
    record(runId, targetA, "c1", 1, null),
    // c2: facts (0·3 + 1·1) / 4 = 0.25 at weight 4, style 0 at weight 1.
    record(runId, targetA, "c2", 0, await score(FACTS, "Rome")),
    // c3: the set (1·1 + 0·3) / 4 = 0.25 at weight 2; its facts 0.25 at weight 4 × 2 = 8.
    record(runId, targetA, "c3", 0, await score(SET, "Paris")),
    // Target B: assertions without a metric.
    record(runId, targetB, "c1", 0, await score([{ type: "contains", value: "Paris" }], "Paris")),
    record(runId, targetB, "c2", 0, await score([{ type: "contains", value: "Paris" }], "Rome")),
    // Another run's trial, which must not be counted in this run.
    record(otherRunId, otherTarget, "c1", 0, await score(FACTS, "Rome")),
  ]);
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

// facts: (0.75·4 + 0.25·4 + 0.25·8) / (4 + 4 + 8) = 6 / 16; style: (1 + 0) / 2; set: 0.25 at 2.
const EXPECTED_A = [
  { name: "facts", mean: 0.375, weight: 16, trials: 3 },
  { name: "set", mean: 0.25, weight: 2, trials: 1 },
  { name: "style", mean: 0.5, weight: 2, trials: 2 },
];

describe("listRunNamedMetrics", () => {
  it("gives each target's metrics: weighted mean, weight and trials, in target order", async () => {
    const named = await listRunNamedMetrics(VIEWER, db, runId);
    expect(named).toEqual([
      { targetId: targetA, metrics: EXPECTED_A },
      { targetId: targetB, metrics: [] },
    ]);
    expect(namedMetricsExport(named, targetA)).toEqual([
      { name: "facts", mean: 37.5, weight: 16, trials: 3 },
      { name: "set", mean: 25, weight: 2, trials: 1 },
      { name: "style", mean: 50, weight: 2, trials: 2 },
    ]);
  });

  it("reads the same figures a page at a time, one trial per page", async () => {
    expect(await listRunNamedMetrics(VIEWER, db, runId, 1)).toEqual(
      await listRunNamedMetrics(VIEWER, db, runId),
    );
  });

  it("counts only the run's own trials", async () => {
    expect(await listRunNamedMetrics(VIEWER, db, otherRunId)).toEqual([
      {
        targetId: otherTarget,
        metrics: [
          { name: "facts", mean: 0.25, weight: 4, trials: 1 },
          { name: "style", mean: 0, weight: 1, trials: 1 },
        ],
      },
    ]);
  });
});

describe("the run page's named metrics", () => {
  it("has none while the run is in progress, then computes them once per finished version", async () => {
    const running = await getRunPageView(VIEWER, db, runId, await getRunViewVersion(db, runId));
    expect(running.view.status).toBe("running");
    expect(running.namedMetrics).toEqual([]);

    expect(await moveRun(prismaRunner(db), runId, "finish")).toBe(true);
    const version = await getRunViewVersion(db, runId);
    expect(version).not.toBeNull();
    const before = runViewCacheStats();
    const first = await getRunPageView(VIEWER, db, runId, version);
    const second = await getRunPageView(VIEWER, db, runId, version);
    const after = runViewCacheStats();
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
    expect(second).toBe(first);
    expect(
      groupNamedMetrics(first.view.targets, first.namedMetrics).map((group) => ({
        label: group.label,
        names: group.metrics.map((metric) => metric.name),
      })),
    ).toEqual([{ label: "Model A", names: ["facts", "set", "style"] }]);
    expect(first.namedMetrics[0]?.metrics).toEqual(EXPECTED_A);
  });
});

describe("the command line's named metrics", () => {
  it("prints a table and gives --json each target's metrics in points", async () => {
    const view = await getRunView(VIEWER, db, runId);
    const named = await getCliNamedMetrics(VIEWER, db, view);
    expect(named.forTarget(targetA)).toEqual([
      { name: "facts", mean: 37.5, weight: 16, trials: 3 },
      { name: "set", mean: 25, weight: 2, trials: 1 },
      { name: "style", mean: 50, weight: 2, trials: 2 },
    ]);
    expect(named.forTarget(targetB)).toEqual([]);
    expect(named.text).toMatch(/^\nNamed metrics\n/);
    expect(named.text).toMatch(/Model A \(simulated\) +facts +37\.5 +16 +3\n/);
    expect(named.text).not.toContain("Model B");
  });

  it("writes promptfoo's named scores per result and per column in --output x.json", async () => {
    const view = await getRunView(VIEWER, db, runId);
    const dir = await mkdtemp(path.join(tmpdir(), "named-metrics-"));
    try {
      const file = path.join(dir, "results.json");
      expect(await writeRunOutput(VIEWER, db, view, file, "json")).toBe(6);
      const json = JSON.parse(await readFile(file, "utf8")) as {
        results: {
          results: { promptIdx: number; testCase: unknown; namedScores: Record<string, number> }[];
          prompts: { metrics: Record<string, unknown> }[];
        };
      };
      const scores = json.results.results
        .filter((result) => result.promptIdx === 0)
        .map((result) => result.namedScores);
      // In id order: c1 (facts 0.75, style 1), the error, c2 (facts 0.25, style 0), c3's set.
      expect(scores).toEqual([
        { facts: 0.75, style: 1 },
        {},
        { facts: 0.25, style: 0 },
        { set: 0.25, facts: 0.25 },
      ]);
      // Weighted totals: facts 0.75·4 + 0.25·4 + 0.25·8 = 6 over 16; style 1 + 0 over 2; the
      // set 0.25·2 over 2. Counts: facts 2 + 2 + 2 (inside the set), style 2, the set's own 1.
      expect(json.results.prompts[0]?.metrics).toMatchObject({
        namedScores: { facts: 6, style: 1, set: 0.5 },
        namedScoreWeights: { facts: 16, style: 2, set: 2 },
        namedScoresCount: { facts: 6, style: 2, set: 1 },
      });
      expect(json.results.prompts[1]?.metrics).toMatchObject({
        namedScores: {},
        namedScoreWeights: {},
        namedScoresCount: {},
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
