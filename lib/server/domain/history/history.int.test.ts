import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareTrendChart } from "@/lib/charts/trend";
import { prepareReliability } from "@/lib/charts/trend-reliability";
import type { CatalogBatch, OfferingFact } from "@/lib/catalog/types";
import type { TrialRecord } from "@/lib/eval/engine";
import { emptyHistogram, LATENCY_HISTOGRAM, SPEED_HISTOGRAM } from "@/lib/eval/histogram";
import type { ProviderErrorKind } from "@/lib/router/types";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { createEvalStore } from "../../eval/store";
import { applyCatalogBatch } from "../catalog/catalog-store";
import { getRunView, type RunView } from "../runs/runs";
import { storeSuite } from "../runs/suites";
import {
  clearHistoryCache,
  getOfferingHistory,
  getPlatformReliability,
  getScheduleHistory,
  historyCacheStats,
} from "./history";

/**
 * History and trends against real PostgreSQL, with the catalogue written by the catalogue store
 * (so price history is what a sync leaves) and trials stored through the real trial store (so the
 * rollups are what a run leaves): a model's per-platform series and a schedule's per-target series
 * have one point per completed run, each with exactly the figures the run page shows; a price change
 * between the runs is an annotation; a platform's reliability is its error rate by kind per run.
 * Everything is read from rollups: with the trials deleted, every figure is the same.
 */

const VIEWER = testCaller({ role: "viewer", email: "history@example.test", name: "viewer" });
const tag = randomBytes(4).toString("hex");
const PLATFORM_A = `history-${tag}-a`;
const PLATFORM_B = `history-${tag}-b`;
const MODEL = `history-${tag}/model`;
const OTHER_MODEL = `history-${tag}/other`;
const LABELS = {
  onA: `History model on A ${tag}`,
  onB: `History model on B ${tag}`,
  otherOnA: `Other model on A ${tag}`,
  fallback: `Fallback A then B ${tag}`,
};
const CASES = 12;
const REPEATS = 2;
const caseId = (n: number) => `c${String(n).padStart(2, "0")}`;

const T1 = new Date("2026-03-01T10:00:00Z");
const PRICE_CHANGE = "2026-03-05";
const T2 = new Date("2026-03-10T10:00:00Z");
const LATER_PRICE_CHANGE = "2026-04-01";

let db: Db;
let pool: pg.Pool;
let suiteId: string;
let scheduleId: string;
const offerings = { a: "", b: "", other: "" };
const runIds: string[] = [];
const snapshotIds: string[] = [];

function offeringFact(
  platformId: string,
  modelId: string,
  nativeId: string,
  input: number,
  output: number,
): OfferingFact {
  return {
    platformId,
    modelId,
    nativeId,
    regions: ["us-east-1"],
    prices: { input, output, cachedInput: null, batchInput: null, batchOutput: null },
    contextWindow: 128_000,
    maxOutputTokens: 4096,
    capabilities: ["streaming"],
    apiStyles: ["openai-compatible"],
    lifecycle: "ga",
    deprecationDate: null,
    sourceUrl: "https://example.test/prices",
  };
}

function batch(takenAt: string, offeringFacts: OfferingFact[], isFirst = false): CatalogBatch {
  return {
    source: "models-dev",
    sourceUrl: "https://example.test/catalogue",
    takenAt,
    platforms: isFirst
      ? [PLATFORM_A, PLATFORM_B].map((id, index) => ({
          id,
          name: `History Cloud ${index === 0 ? "A" : "B"} ${tag}`,
          kind: "cloud" as const,
          owner: `History Owner ${tag}`,
          homepageUrl: null,
          sourceUrl: "https://example.test/cloud",
        }))
      : [],
    models: isFirst
      ? [MODEL, OTHER_MODEL].map((id) => ({
          id,
          name: `History ${id}`,
          vendor: `history-${tag}`,
          family: "history",
          openWeights: true,
          releaseDate: null,
          sourceUrl: "https://example.test/model",
        }))
      : [],
    offerings: offeringFacts,
    ties: [],
    skipped: [],
  };
}

/** What a target's repeat of a case returns. */
type Outcome =
  | { score: number; latencyMs: number; ttftMs: number; speed: number; costUsd: number }
  | { error: ProviderErrorKind };

type PlannedTarget = {
  kind: "offering" | "policy";
  label: string;
  offeringIds: string[];
  platformIds: string[];
  outcome: (n: number, repeat: number) => Outcome;
};

function record(
  runId: string,
  targetId: string,
  n: number,
  repeat: number,
  outcome: Outcome,
): TrialRecord {
  const at = new Date();
  const isError = "error" in outcome;
  return {
    runId,
    targetId,
    caseId: caseId(n),
    category: n % 2 === 1 ? "math" : "general",
    repeat,
    status: isError ? "error" : "ok",
    output: isError ? null : `answer ${caseId(n)}`,
    score: isError ? null : outcome.score,
    pass: isError ? null : outcome.score >= 0.5,
    assertions: null,
    judgeModel: null,
    judgeReason: null,
    latencyMs: isError ? null : outcome.latencyMs,
    ttftMs: isError ? null : outcome.ttftMs,
    outputTokensPerSecond: isError ? null : outcome.speed,
    inputTokens: isError ? null : 20,
    outputTokens: isError ? null : 10,
    costUsd: isError ? null : outcome.costUsd,
    judgeCostUsd: null,
    errorKind: isError ? outcome.error : null,
    errorMessage: isError ? "simulated failure" : null,
    servedBy: null,
    servedModelRaw: null,
    servedModelId: null,
    servedUnmapped: false,
    routerMode: null,
    attempts: 1,
    startedAt: at,
    finishedAt: at,
  };
}

/**
 * A run of the suite over `targets`, its trials stored through the trial store. With `finishedAt`
 * every trial is stored (the store completes the run) and the run is dated then; without, one trial
 * is still to come and the run is still running.
 */
async function createRun(options: {
  name: string;
  finishedAt: Date | null;
  targets: PlannedTarget[];
}): Promise<string> {
  const trials = CASES * REPEATS * options.targets.length;
  const { id: runId } = await db.evalRun.create({
    data: {
      name: options.name,
      suiteId,
      status: "running",
      temperature: 0,
      maxTokens: 64,
      repeats: REPEATS,
      concurrency: 1,
      expectedTrials: options.finishedAt ? trials : trials + 1,
      isSimulated: true,
      origin: "schedule",
      scheduleId,
      scheduleVersion: 1,
      startedAt: new Date(),
    },
    select: { id: true },
  });
  runIds.push(runId);
  const records: TrialRecord[] = [];
  for (const [position, planned] of options.targets.entries()) {
    const target = await db.runTarget.create({
      data: {
        runId,
        position,
        kind: planned.kind,
        label: planned.label,
        offeringIds: planned.offeringIds,
        policy: planned.kind === "policy" ? "fallback" : null,
        targets: [],
        platformIds: planned.platformIds,
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
    for (let n = 1; n <= CASES; n += 1) {
      for (let repeat = 0; repeat < REPEATS; repeat += 1) {
        records.push(record(runId, target.id, n, repeat, planned.outcome(n, repeat)));
      }
    }
  }
  await createEvalStore({ pool, isSpendTrackedElsewhere: () => false }).saveTrials(records);
  const stored = await db.evalRun.findUniqueOrThrow({ where: { id: runId } });
  expect(stored.status).toBe(options.finishedAt ? "completed" : "running");
  if (options.finishedAt) {
    await db.evalRun.update({
      where: { id: runId },
      data: {
        startedAt: new Date(options.finishedAt.getTime() - 60_000),
        finishedAt: options.finishedAt,
      },
    });
  }
  return runId;
}

const ok = (score: number, latencyMs: number, costUsd = 0.002): Outcome => ({
  score,
  latencyMs,
  ttftMs: latencyMs / 4,
  speed: 40 + (latencyMs % 50),
  costUsd,
});

let run1: string;
let run2: string;
/** Run 1's target on platform A, for runs made later by a test. */
let laterOnA: Omit<PlannedTarget, "outcome">;

beforeAll(async () => {
  const url = requireTestDatabaseUrl();
  db = createPrismaClient(url, { max: 2 });
  pool = new pg.Pool({ connectionString: url, max: 2 });

  // The catalogue: model on two platforms, another model on A; A's input price drops between the
  // two runs, and its output price rises after the second.
  const first = await applyCatalogBatch(
    db,
    batch(
      "2026-01-15",
      [
        offeringFact(PLATFORM_A, MODEL, "model-a", 3, 15),
        offeringFact(PLATFORM_B, MODEL, "model-b", 1, 5),
        offeringFact(PLATFORM_A, OTHER_MODEL, "other-a", 0.5, 1.5),
      ],
      true,
    ),
    { dryRun: false },
  );
  const second = await applyCatalogBatch(
    db,
    batch(PRICE_CHANGE, [offeringFact(PLATFORM_A, MODEL, "model-a", 2.5, 15)]),
    { dryRun: false },
  );
  const third = await applyCatalogBatch(
    db,
    batch(LATER_PRICE_CHANGE, [offeringFact(PLATFORM_A, MODEL, "model-a", 2.5, 20)]),
    { dryRun: false },
  );
  snapshotIds.push(
    ...[first, second, third].flatMap((report) => (report.snapshotId ? [report.snapshotId] : [])),
  );
  expect(second.priceChanges).toBe(1);
  const rows = await db.offering.findMany({
    where: { platformId: { in: [PLATFORM_A, PLATFORM_B] } },
    select: { id: true, nativeId: true },
  });
  const idOf = (nativeId: string) => rows.find((row) => row.nativeId === nativeId)?.id ?? "";
  offerings.a = idOf("model-a");
  offerings.b = idOf("model-b");
  offerings.other = idOf("other-a");

  ({ id: suiteId } = await storeSuite(
    db,
    {
      slug: `history-probe-${tag}`,
      name: "history probe",
      description: "Twelve cases for history and trends.",
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
  ));
  ({ id: scheduleId } = await db.runSchedule.create({
    data: { name: `History ${tag}`, definition: {}, cron: "0 6 * * *" },
    select: { id: true },
  }));

  const onA: Omit<PlannedTarget, "outcome"> = {
    kind: "offering",
    label: LABELS.onA,
    offeringIds: [offerings.a],
    platformIds: [PLATFORM_A],
  };
  const onB: Omit<PlannedTarget, "outcome"> = {
    kind: "offering",
    label: LABELS.onB,
    offeringIds: [offerings.b],
    platformIds: [PLATFORM_B],
  };
  const otherOnA: Omit<PlannedTarget, "outcome"> = {
    kind: "offering",
    label: LABELS.otherOnA,
    offeringIds: [offerings.other],
    platformIds: [PLATFORM_A],
  };
  const fallback: Omit<PlannedTarget, "outcome"> = {
    kind: "policy",
    label: LABELS.fallback,
    offeringIds: [offerings.a, offerings.b],
    platformIds: [PLATFORM_A, PLATFORM_B],
  };

  laterOnA = onA;
  // Run 1: A rate-limited twice and failed once on a server error; B clean.
  run1 = await createRun({
    name: `History run 1 ${tag}`,
    finishedAt: T1,
    targets: [
      {
        ...onA,
        outcome: (n, repeat) =>
          n === 1 && repeat < 2
            ? { error: "rate_limit" }
            : n === 2 && repeat === 0
              ? { error: "server" }
              : ok(n % 3 === 0 ? 0.4 : 0.9, 300 + 40 * n),
      },
      { ...onB, outcome: (n) => ok(n % 4 === 0 ? 0.2 : 1, 500 + 25 * n, 0.001) },
    ],
  });
  // Run 2: A worse and slower, with three timeouts; B the same; another model and a policy too.
  run2 = await createRun({
    name: `History run 2 ${tag}`,
    finishedAt: T2,
    targets: [
      { ...otherOnA, outcome: (n) => ok(0.5, 100 + n) },
      {
        ...onA,
        outcome: (n, repeat) =>
          n <= 3 && repeat === 1 ? { error: "timeout" } : ok(n % 2 === 0 ? 0.3 : 0.8, 900 + 60 * n),
      },
      { ...onB, outcome: (n) => ok(n % 4 === 0 ? 0.2 : 1, 520 + 25 * n, 0.001) },
      { ...fallback, outcome: (n) => ok(0.7, 400 + n) },
    ],
  });
  // Still running: not part of any history yet.
  await createRun({
    name: `History run 3 ${tag}`,
    finishedAt: null,
    targets: [{ ...onA, outcome: () => ok(0, 10_000) }],
  });
});

afterAll(async () => {
  if (db) {
    for (const runId of runIds) {
      await db.trial.deleteMany({ where: { runId } });
      await db.runCaseStats.deleteMany({ where: { runId } });
      await db.runTargetStats.deleteMany({ where: { runId } });
      await db.evalRun.deleteMany({ where: { id: runId } });
    }
    if (scheduleId) await db.runSchedule.deleteMany({ where: { id: scheduleId } });
    if (suiteId) {
      await db.suiteCase.deleteMany({ where: { suiteId } });
      await db.suite.deleteMany({ where: { id: suiteId } });
    }
    await db.offering.deleteMany({ where: { platformId: { in: [PLATFORM_A, PLATFORM_B] } } });
    await db.model.deleteMany({ where: { id: { in: [MODEL, OTHER_MODEL] } } });
    await db.platform.deleteMany({ where: { id: { in: [PLATFORM_A, PLATFORM_B] } } });
    await db.catalogSnapshot.deleteMany({ where: { id: { in: snapshotIds } } });
  }
  await pool?.end();
  await db?.$disconnect();
});

/** The figures a history point carries, from a run page's target summary. */
function figuresOfSummary(summary: RunView["targets"][number]["summary"]) {
  return {
    score: summary.score,
    passRate: summary.passRate,
    latencyMs: { p50: summary.latencyMs.p50, p95: summary.latencyMs.p95 },
    ttftMs: { p50: summary.ttftMs.p50 },
    outputTokensPerSecond: summary.outputTokensPerSecond,
    errorRate: summary.errorRate,
    costPer1kUsd: summary.costPer1kUsd,
  };
}

/** What the run page shows for the run's target called `label`. */
async function runPageFigures(runId: string, label: string) {
  const view = await getRunView(VIEWER, db, runId);
  const target = view.targets.find((t) => t.label === label);
  if (!target) throw new Error(`run ${runId} has no target ${label}`);
  return figuresOfSummary(target.summary);
}

type AnyPoint = Parameters<typeof prepareTrendChart>[0]["series"][number]["points"][number];

/** The same figures of a history point. */
function figuresOfPoint(point: AnyPoint) {
  return {
    score: point.score,
    passRate: point.passRate,
    latencyMs: { p50: point.latencyMs.p50, p95: point.latencyMs.p95 },
    ttftMs: { p50: point.ttftMs.p50 },
    outputTokensPerSecond: point.outputTokensPerSecond,
    errorRate: point.errorRate,
    costPer1kUsd: point.costPer1kUsd,
  };
}

const timeOf = (value: Date | string) => new Date(value).getTime();
const byTime = <P extends { finishedAt: Date | string }>(points: readonly P[]) =>
  [...points].sort((a, b) => timeOf(a.finishedAt) - timeOf(b.finishedAt));

describe("history and trends", () => {
  it("gives a model one series per platform, a point per completed run with the run page's figures", async () => {
    const history = await getOfferingHistory(VIEWER, db, { modelId: MODEL, limit: 30 });
    expect(history.series.map((s) => s.id).sort()).toEqual([PLATFORM_A, PLATFORM_B].sort());
    for (const [platformId, label] of [
      [PLATFORM_A, LABELS.onA],
      [PLATFORM_B, LABELS.onB],
    ] as const) {
      const series = history.series.find((s) => s.id === platformId)!;
      expect(series.label).toBe(`History Cloud ${platformId === PLATFORM_A ? "A" : "B"} ${tag}`);
      // The other model's target, the policy over both platforms and the running run are not in it.
      const points = byTime(series.points);
      expect(points.map((p) => p.runId)).toEqual([run1, run2]);
      expect(points.map((p) => timeOf(p.finishedAt))).toEqual([T1.getTime(), T2.getTime()]);
      expect(points.map((p) => p.runName)).toEqual([
        `History run 1 ${tag}`,
        `History run 2 ${tag}`,
      ]);
      expect(points.every((p) => p.isSimulated)).toBe(true);
      // One number, one computation: each figure is the run page's.
      for (const point of points) {
        expect(figuresOfPoint(point)).toEqual(await runPageFigures(point.runId, label));
      }
    }
    // The test can tell runs apart: A scored and ran differently in the two runs.
    const [first, second] = byTime(history.series.find((s) => s.id === PLATFORM_A)!.points);
    expect(first!.score!.value).not.toBe(second!.score!.value);
    expect(second!.latencyMs.p50!).toBeGreaterThan(first!.latencyMs.p50!);
    expect(first!.errorRate!.value).toBeCloseTo(3 / 24, 12);
    expect(second!.errorRate!.value).toBeCloseTo(3 / 24, 12);

    // Drawn: two points on each line, each linked to its run.
    const chart = prepareTrendChart({ ...history, seriesKind: "platform" }, "score");
    expect(chart.series.map((s) => s.points.length)).toEqual([2, 2]);
    expect(chart.series.flatMap((s) => s.points.map((p) => p.href)).sort()).toEqual(
      [`/runs/${run1}`, `/runs/${run1}`, `/runs/${run2}`, `/runs/${run2}`].sort(),
    );
    expect(chart.isEmpty).toBe(false);
  });

  it("keeps the platforms asked for and the latest runs", async () => {
    const onlyB = await getOfferingHistory(VIEWER, db, {
      modelId: MODEL,
      platformIds: [PLATFORM_B],
      limit: 30,
    });
    expect(onlyB.series.map((s) => s.id)).toEqual([PLATFORM_B]);
    const latest = await getOfferingHistory(VIEWER, db, { modelId: MODEL, limit: 1 });
    for (const series of latest.series) expect(series.points.map((p) => p.runId)).toEqual([run2]);
    const unmeasured = await getOfferingHistory(VIEWER, db, {
      modelId: `history-${tag}/never-run`,
      limit: 30,
    });
    expect(unmeasured.series.every((s) => s.points.length === 0)).toBe(true);
  });

  it("annotates a catalogue price change between the runs, and only inside the series' range", async () => {
    const history = await getOfferingHistory(VIEWER, db, { modelId: MODEL, limit: 30 });
    // A's input price fell on 2026-03-05 (between the runs); its output price rose on 2026-04-01,
    // after the last run; B's price never changed; A's first price is not a change.
    expect(history.priceChanges).toHaveLength(1);
    const [change] = history.priceChanges;
    expect(change).toMatchObject({
      offeringId: offerings.a,
      from: { inputPrice: 3, outputPrice: 15 },
      to: { inputPrice: 2.5, outputPrice: 15 },
    });
    expect(timeOf(change!.at)).toBe(Date.parse(`${PRICE_CHANGE}T00:00:00Z`));
    expect(change!.platform).toBe(`History Cloud A ${tag}`);

    const chart = prepareTrendChart({ ...history, seriesKind: "platform" }, "costPer1k");
    expect(chart.annotations.map((a) => a.description)).toEqual([
      `History Cloud A ${tag}'s catalogue price changed: input $3.00 → $2.50 per 1M tokens`,
    ]);

    // With only the latest run the range is one instant: the change before it is outside.
    const latest = await getOfferingHistory(VIEWER, db, { modelId: MODEL, limit: 1 });
    expect(latest.priceChanges).toEqual([]);
  });

  it("gives a schedule one series per target, matched across its runs", async () => {
    const history = await getScheduleHistory(VIEWER, db, { scheduleId, limit: 30 });
    const byLabel = new Map(history.series.map((s) => [s.label, s]));
    expect([...byLabel.keys()].sort()).toEqual(Object.values(LABELS).sort());
    const expected: [string, string[]][] = [
      [LABELS.onA, [run1, run2]],
      [LABELS.onB, [run1, run2]],
      [LABELS.otherOnA, [run2]],
      [LABELS.fallback, [run2]],
    ];
    for (const [label, runs] of expected) {
      const points = byTime(byLabel.get(label)!.points);
      expect(points.map((p) => p.runId)).toEqual(runs);
      for (const point of points) {
        expect(figuresOfPoint(point)).toEqual(await runPageFigures(point.runId, label));
      }
    }
    // The same target's series here and on the model page are the same numbers.
    const model = await getOfferingHistory(VIEWER, db, { modelId: MODEL, limit: 30 });
    expect(byTime(byLabel.get(LABELS.onA)!.points).map(figuresOfPoint)).toEqual(
      byTime(model.series.find((s) => s.id === PLATFORM_A)!.points).map(figuresOfPoint),
    );
    expect(history.priceChanges.map((c) => c.offeringId)).toEqual([offerings.a]);

    const latest = await getScheduleHistory(VIEWER, db, { scheduleId, limit: 1 });
    expect(latest.series.every((s) => s.points.every((p) => p.runId === run2))).toBe(true);
  });

  it("measures a platform's reliability: error rate by kind per run of its single-offering targets", async () => {
    const reliability = await getPlatformReliability(VIEWER, db, { platformId: PLATFORM_A });
    const points = byTime(reliability.points);
    expect(points.map((p) => p.runId)).toEqual([run1, run2]);
    // Run 1: A's 24 trials. Run 2: A's and the other model's 48 (the policy is not one platform's).
    expect(points.map((p) => [p.trials, p.errorsByKind])).toEqual([
      [CASES * REPEATS, { rate_limit: 2, server: 1 }],
      [2 * CASES * REPEATS, { timeout: 3 }],
    ]);
    const chart = prepareReliability(reliability.points);
    expect(chart.kinds.map((k) => k.kind)).toEqual(["timeout", "rate_limit", "server"]);
    expect(chart.points.map((p) => p.errorRate)).toEqual([3 / 24, 3 / 48]);

    const clean = await getPlatformReliability(VIEWER, db, { platformId: PLATFORM_B });
    expect(byTime(clean.points).map((p) => [p.runId, p.trials, p.errorsByKind])).toEqual([
      [run1, CASES * REPEATS, {}],
      [run2, CASES * REPEATS, {}],
    ]);
  });

  it("reads rollups only: with the runs' trials deleted, every figure is the same", async () => {
    const before = await Promise.all([
      getOfferingHistory(VIEWER, db, { modelId: MODEL, limit: 30 }),
      getScheduleHistory(VIEWER, db, { scheduleId, limit: 30 }),
      getPlatformReliability(VIEWER, db, { platformId: PLATFORM_A }),
    ]);
    const deleted = await db.trial.deleteMany({ where: { runId: { in: [run1, run2] } } });
    expect(deleted.count).toBe(CASES * REPEATS * 6);
    // Deleting trials is not a new version of history (it reads rollups): computed afresh here so
    // that the comparison is of two computations, not of one cached value with itself.
    clearHistoryCache(db);
    const after = await Promise.all([
      getOfferingHistory(VIEWER, db, { modelId: MODEL, limit: 30 }),
      getScheduleHistory(VIEWER, db, { scheduleId, limit: 30 }),
      getPlatformReliability(VIEWER, db, { platformId: PLATFORM_A }),
    ]);
    expect(after).toEqual(before);
  });

  it("is computed once per version: reused until a run completes, then never stale", async () => {
    const history = () => getOfferingHistory(VIEWER, db, { modelId: MODEL, limit: 30 });
    const pointsOnA = async () =>
      (await history()).series.find((s) => s.id === PLATFORM_A)!.points.map((p) => p.runId);
    await pointsOnA();
    const { misses } = historyCacheStats(db);
    expect(await pointsOnA()).not.toContain("no such run");
    expect(historyCacheStats(db).misses).toBe(misses);
    const run4 = await createRun({
      name: `History run 4 ${tag}`,
      finishedAt: new Date(T2.getTime() + 3_600_000),
      targets: [{ ...laterOnA, outcome: (n) => ok(0.6, 200 + n) }],
    });
    expect(await pointsOnA()).toContain(run4);
    expect(historyCacheStats(db).misses).toBe(misses + 1);
  });
});
