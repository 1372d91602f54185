import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TrialRecord } from "@/lib/eval/engine";
import { emptyHistogram, LATENCY_HISTOGRAM, SPEED_HISTOGRAM } from "@/lib/eval/histogram";
import { caseMatrixFilterSchema, type CaseMatrixFilter } from "@/lib/schemas/runs";
import { rejectionOf } from "@/lib/testing/rejection";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { describeRepeats } from "@/lib/views/case-matrix";
import { AppError } from "../errors";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { createEvalStore } from "../../eval/store";
import { storeSuite } from "./suites";
import { CASE_MATRIX_PAGE_SIZE, listRunCaseMatrix } from "./case-matrix";

/**
 * The case × target grid against real PostgreSQL, with trials stored through the real trial store
 * (so the rollups it filters on are what a run leaves): pages by case in suite order, the
 * disagreement filter catches a pass/fail split and a score spread and ignores agreement, the
 * trial filters keep the cases they match, and repeats are summarised per cell.
 */

const VIEWER = testCaller({ role: "viewer", email: "case-matrix@example.test", name: "viewer" });
const CASES = 30;
const REPEATS = 2;
const caseId = (n: number) => `c${String(n).padStart(2, "0")}`;

let db: Db;
let pool: pg.Pool;
let suiteId: string;
let runId: string;
let targetA: string;
let targetB: string;

/** What a target's repeat of a case returns; everything passes with score 1 unless listed. */
type Outcome = { score: number; pass: boolean; output?: string } | "error";
const SPECIAL: Record<string, { a?: Outcome[]; b?: Outcome[] }> = {
  // A pass/fail split: A passes both repeats, B fails both.
  c03: {
    b: [
      { score: 0, pass: false },
      { score: 0, pass: false },
    ],
  },
  // Both pass, but 30 points apart.
  c06: {
    b: [
      { score: 0.7, pass: true },
      { score: 0.7, pass: true },
    ],
  },
  // Both pass, exactly 20 points apart: not "more than 20".
  c08: {
    a: [
      { score: 0.8, pass: true },
      { score: 0.8, pass: true },
    ],
    b: [
      { score: 0.6, pass: true },
      { score: 0.6, pass: true },
    ],
  },
  // Both fail: they agree.
  c10: {
    a: [
      { score: 0, pass: false },
      { score: 0, pass: false },
    ],
    b: [
      { score: 0, pass: false },
      { score: 0, pass: false },
    ],
  },
  // One of two repeats passes on each: they agree.
  c12: {
    a: [
      { score: 1, pass: true, output: "first try" },
      { score: 0, pass: false, output: "second try" },
    ],
    b: [
      { score: 0, pass: false },
      { score: 1, pass: true },
    ],
  },
  // A errors on every repeat: nothing to compare it with.
  c15: { a: ["error", "error"] },
  c20: { a: [{ score: 1, pass: true, output: "A zebra crossed." }] },
};

function record(target: string, n: number, repeat: number, outcome: Outcome): TrialRecord {
  const now = new Date();
  const isError = outcome === "error";
  return {
    runId,
    targetId: target,
    caseId: caseId(n),
    category: n % 2 === 1 ? "math" : "general",
    repeat,
    status: isError ? "error" : "ok",
    output: isError ? null : (outcome.output ?? `answer ${caseId(n)}`),
    score: isError ? null : outcome.score,
    pass: isError ? null : outcome.pass,
    assertions: null,
    judgeModel: null,
    judgeReason: null,
    latencyMs: isError ? null : 100 + 100 * repeat,
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

const matrix = (values: Partial<Record<keyof CaseMatrixFilter, string>> = {}) =>
  listRunCaseMatrix(VIEWER, db, runId, caseMatrixFilterSchema.parse(values));

const idsOf = (page: Awaited<ReturnType<typeof matrix>>) => page.rows.map((row) => row.caseId);

beforeAll(async () => {
  const url = requireTestDatabaseUrl();
  db = createPrismaClient(url, { max: 2 });
  pool = new pg.Pool({ connectionString: url, max: 2 });
  ({ id: suiteId } = await storeSuite(
    db,
    {
      slug: `case-matrix-probe-${randomBytes(4).toString("hex")}`,
      name: "case matrix probe",
      description: "Thirty cases for the case × target grid.",
      cases: Array.from({ length: CASES }, (_, index) => ({
        id: caseId(index + 1),
        category: (index + 1) % 2 === 1 ? ("math" as const) : ("general" as const),
        tags: [],
        messages: [
          { role: "system" as const, content: "Be brief." },
          { role: "user" as const, content: `Question ${caseId(index + 1)}?` },
        ],
        reference: `ref-${caseId(index + 1)}`,
        assertions: [],
      })),
    },
    { source: "import" },
  ));
  ({ id: runId } = await db.evalRun.create({
    data: {
      name: "case matrix probe",
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
  }));
  [targetA, targetB] = (await Promise.all(
    ["A", "B"].map(async (name, position) => {
      const target = await db.runTarget.create({
        data: {
          runId,
          position,
          kind: "offering",
          label: `Model ${name} on Cloud ${name}`,
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
  const records: TrialRecord[] = [];
  for (let n = 1; n <= CASES; n += 1) {
    for (const [target, key] of [
      [targetA, "a"],
      [targetB, "b"],
    ] as const) {
      for (let repeat = 0; repeat < REPEATS; repeat += 1) {
        const outcome = SPECIAL[caseId(n)]?.[key]?.[repeat] ?? { score: 1, pass: true };
        records.push(record(target, n, repeat, outcome));
      }
    }
  }
  await createEvalStore({ pool, isSpendTrackedElsewhere: () => false }).saveTrials(records);
});

afterAll(async () => {
  if (runId) {
    await db.trial.deleteMany({ where: { runId } });
    await db.runCaseStats.deleteMany({ where: { runId } });
    await db.runTargetStats.deleteMany({ where: { runId } });
    await db.evalRun.delete({ where: { id: runId } });
  }
  if (suiteId) {
    await db.suiteCase.deleteMany({ where: { suiteId } });
    await db.suite.delete({ where: { id: suiteId } });
  }
  await pool?.end();
  await db?.$disconnect();
});

describe("the case × target grid", () => {
  it("pages by case in suite order, one column per target, for a viewer", async () => {
    const first = await matrix();
    expect(first.total).toBe(CASES);
    expect(first.pageSize).toBe(CASE_MATRIX_PAGE_SIZE);
    expect(first.targets.map((target) => target.id)).toEqual([targetA, targetB]);
    expect(idsOf(first)).toEqual(Array.from({ length: 25 }, (_, i) => caseId(i + 1)));
    const row = first.rows[0];
    expect(row).toMatchObject({
      caseId: "c01",
      category: "math",
      prompt: "Question c01?",
      reference: "ref-c01",
    });
    expect(row?.cells.map((cell) => cell?.targetId)).toEqual([targetA, targetB]);

    const second = await matrix({ page: "2" });
    expect(second.total).toBe(CASES);
    expect(idsOf(second)).toEqual(["c26", "c27", "c28", "c29", "c30"]);

    const beyond = await matrix({ page: "3" });
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(CASES);
  });

  it("keeps only the cases whose targets disagree: a pass/fail split or a spread over 20 points", async () => {
    const page = await matrix({ disagree: "on" });
    expect(idsOf(page)).toEqual(["c03", "c06"]);
    expect(page.total).toBe(2);
    expect(page.rows.every((row) => row.isDisagreement)).toBe(true);
    expect(page.rows[1]?.scoreSpread).toBeCloseTo(0.3, 9);

    // Agreement, unfiltered: both pass, both fail, the same flaky share, exactly 20 points
    // apart, or one target with nothing scored.
    const all = await matrix();
    const flagged = all.rows.filter((row) => row.isDisagreement).map((row) => row.caseId);
    expect(flagged).toEqual(["c03", "c06"]);
    const c08 = all.rows.find((row) => row.caseId === "c08");
    expect(c08?.scoreSpread).toBeCloseTo(0.2, 9);
    expect(all.rows.find((row) => row.caseId === "c15")?.scoreSpread).toBeNull();
  });

  it("combines the disagreement filter with category, target and outcome", async () => {
    expect(idsOf(await matrix({ disagree: "on", category: "general" }))).toEqual(["c06"]);
    expect(idsOf(await matrix({ disagree: "on", category: "math" }))).toEqual(["c03"]);
    expect(idsOf(await matrix({ target: targetB, outcome: "fail" }))).toEqual([
      "c03",
      "c10",
      "c12",
    ]);
    expect(idsOf(await matrix({ target: targetA, outcome: "fail" }))).toEqual(["c10", "c12"]);
    expect(idsOf(await matrix({ outcome: "error" }))).toEqual(["c15"]);
    const math = await matrix({ category: "math" });
    expect(math.total).toBe(15);
    expect(math.rows.every((row) => row.category === "math")).toBe(true);
  });

  it("finds cases by id, reference or any target's output", async () => {
    expect(idsOf(await matrix({ q: "ref-c05" }))).toEqual(["c05"]);
    expect(idsOf(await matrix({ q: "C1" }))).toEqual(
      Array.from({ length: 10 }, (_, i) => caseId(10 + i)),
    );
    expect(idsOf(await matrix({ q: "zebra" }))).toEqual(["c20"]);
    expect(idsOf(await matrix({ q: "zebra", target: targetB }))).toEqual([]);
    // LIKE wildcards are searched for as they are.
    expect((await matrix({ q: "%" })).total).toBe(0);
    const none = await matrix({ q: "no such text", disagree: "on" });
    expect(none).toMatchObject({ rows: [], total: 0 });
  });

  it("summarises each target's repeats: passed of scored, mean score, outputs in order", async () => {
    const page = await matrix({ q: "c12" });
    const [a, b] = page.rows[0]?.cells ?? [];
    expect(a).toMatchObject({ trials: 2, scored: 2, passed: 1, errors: 0, meanScore: 0.5 });
    expect(a?.meanLatencyMs).toBe(150);
    expect(a?.repeats.map((repeat) => [repeat.repeat, repeat.output, repeat.pass])).toEqual([
      [0, "first try", true],
      [1, "second try", false],
    ]);
    expect(describeRepeats(a ?? { trials: 0, errors: 0, scored: 0, passed: 0 })).toBe(
      "1 of 2 passed",
    );
    expect(b).toMatchObject({ scored: 2, passed: 1, meanScore: 0.5 });

    const errored = (await matrix({ q: "c15" })).rows[0]?.cells[0];
    expect(errored).toMatchObject({ trials: 2, errors: 2, scored: 0, meanScore: null });
    expect(errored?.meanLatencyMs).toBeNull();
    expect(errored?.repeats[0]).toMatchObject({
      status: "error",
      output: null,
      errorKind: "server",
      errorMessage: "simulated outage",
      servedBy: null,
    });
    expect(describeRepeats(errored ?? { trials: 0, errors: 0, scored: 0, passed: 0 })).toBe(
      "2 errors",
    );
  });

  it("says NOT_FOUND for a run that does not exist", async () => {
    const error = await rejectionOf(
      listRunCaseMatrix(VIEWER, db, "no-such-run", caseMatrixFilterSchema.parse({})),
      AppError,
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});
