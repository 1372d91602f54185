import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededRandom } from "@/lib/eval/random";
import { rejectionOf } from "@/lib/testing/rejection";
import {
  createScheduledRunFactory,
  type ScheduledRunFactory,
  type ScheduledTargetSpec,
} from "@/lib/testing/scheduled-runs";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { REGRESSION_RULE_LABELS } from "@/lib/views/regressions";
import { AppError } from "../errors";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { detectRegressions, listRegressions } from "./regressions";

/**
 * Regression detection against real PostgreSQL, on runs whose rollups were written by the real
 * trial store: a scheduled run whose target got worse fires a score drop (and, for a model served
 * on two platforms, a parity change; for a cloud router that leans to its owner's models, a router
 * shift), stored once however often detection runs; a run drawn from the same distribution as the
 * previous one fires nothing; the schedule's thresholds fire on latency p95 and error rate.
 */

const CASES = 60;
const VIEWER = testCaller({ role: "viewer", email: "regressions@example.test", name: "viewer" });
const suffix = randomBytes(4).toString("hex");

let db: Db;
let pool: pg.Pool;
let runs: ScheduledRunFactory;
const platformIds = [`regress-a-${suffix}`, `regress-b-${suffix}`];
const modelId = `regress/model-${suffix}`;
let offeringIds: string[] = [];

const hour = (h: number) => new Date(Date.UTC(2026, 11, 6, h));

/** A case's score on a model that answers three cases in four. */
const base = (n: number) => (n % 4 === 0 ? 0 : 1);

function offeringTarget(
  index: number,
  outcome: ScheduledTargetSpec["outcome"],
): ScheduledTargetSpec {
  return {
    kind: "offering",
    label: `Regress model on platform ${index === 0 ? "A" : "B"}`,
    offeringIds: [offeringIds[index]!],
    platformIds: [platformIds[index]!],
    outcome,
  };
}

/**
 * Bedrock's router, sending the first `amazon` cases to Amazon's Nova and the rest to a vendor no
 * catalogue ties to Amazon.
 */
const router = (amazon: number): ScheduledTargetSpec => ({
  kind: "router",
  label: `Regress Bedrock router ${suffix}`,
  offeringIds: [],
  platformIds: ["aws-bedrock"],
  outcome: (n) => ({
    score: base(n),
    served: n <= amazon ? "amazon/nova-pro" : `regress${suffix}/model`,
  }),
});

const rowsOf = (runId: string) =>
  db.regression.findMany({ where: { runId }, orderBy: [{ rule: "asc" }] });

beforeAll(async () => {
  const url = requireTestDatabaseUrl();
  db = createPrismaClient(url, { max: 2 });
  pool = new pg.Pool({ connectionString: url, max: 2 });
  runs = await createScheduledRunFactory(db, pool, { label: "regressions", cases: CASES });
  const snapshotDate = new Date("2026-12-01");
  for (const [index, id] of platformIds.entries()) {
    await db.platform.create({
      data: {
        id,
        name: `Regress platform ${index}`,
        kind: "cloud",
        owner: `Regress owner ${index}`,
        sourceUrl: "https://example.test",
        snapshotDate,
      },
    });
  }
  await db.model.create({
    data: {
      id: modelId,
      name: "Regress model",
      vendor: "regress",
      family: "regress",
      sourceUrl: "https://example.test",
      snapshotDate,
    },
  });
  offeringIds = await Promise.all(
    platformIds.map(async (platformId) => {
      const offering = await db.offering.create({
        data: {
          platformId,
          modelId,
          nativeId: `regress-model-${suffix}`,
          sourceUrl: "https://example.test",
          snapshotDate,
        },
        select: { id: true },
      });
      return offering.id;
    }),
  );
});

afterAll(async () => {
  if (db) {
    await runs?.remove();
    await db.offering.deleteMany({ where: { id: { in: offeringIds } } });
    await db.model.deleteMany({ where: { id: modelId } });
    await db.platform.deleteMany({ where: { id: { in: platformIds } } });
    await db.$disconnect();
  }
  await pool?.end();
});

describe("detectRegressions", () => {
  it("stores a score drop, the parity change it makes and a router's shift, once", async () => {
    const scheduleId = await runs.createSchedule("Nightly parity");
    const previous = await runs.createRun(scheduleId, hour(1), [
      offeringTarget(0, (n) => ({ score: base(n) })),
      offeringTarget(1, (n) => ({ score: base(n) })),
      router(15),
    ]);
    // Platform A now gets one case in three wrong that it used to answer; the router sends 45 of
    // 60 calls to Amazon's own model instead of 15.
    const run = await runs.createRun(scheduleId, hour(2), [
      offeringTarget(0, (n) => ({ score: n % 3 === 0 ? 0 : base(n) })),
      offeringTarget(1, (n) => ({ score: base(n) })),
      router(45),
    ]);
    expect(await db.evalRun.findUniqueOrThrow({ where: { id: run } })).toMatchObject({
      status: "completed",
    });

    // The schedule's first run has nothing to compare with and no thresholds.
    expect(await detectRegressions(db, previous)).toEqual([]);
    const stored = await detectRegressions(db, run);
    expect(stored).toHaveLength(3);
    const rows = await rowsOf(run);
    expect(rows.map((row) => [row.rule, row.targetLabel])).toEqual([
      ["parity_changed", "Regress model on platform A vs Regress model on platform B"],
      ["router_shift", `Regress Bedrock router ${suffix}`],
      ["score_drop", "Regress model on platform A"],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ scheduleId, previousRunId: previous });
      expect(stored).toContain(row.id);
    }
    const drop = rows.find((row) => row.rule === "score_drop")!;
    // 15 of the 45 cases A answered are now wrong: −25.0 points over the 60 cases.
    expect(drop.detail).toMatchObject({ before: 0.75, after: 0.5, n: 60, isSimulated: true });
    expect(drop.summary).toMatch(
      /^Regress model on platform A scored −25\.0 points against the schedule's previous run \(50\.0 against 75\.0 points on the same cases; 95% CI −\d+\.\d to −\d+\.\d; n = 60 cases, simulated\)\.$/,
    );
    const shift = rows.find((row) => row.rule === "router_shift")!;
    expect(shift.detail).toMatchObject({
      ownerGroup: "Amazon group",
      before: { ownerCalls: 15, calls: 60 },
      after: { ownerCalls: 45, calls: 60 },
    });

    // Run again (a retried job): nothing new, nothing twice.
    expect(await detectRegressions(db, run)).toEqual([]);
    expect(await rowsOf(run)).toHaveLength(3);

    const listed = await listRegressions(VIEWER, db, { scheduleId });
    expect(listed.map((view) => view.ruleLabel).sort()).toEqual(
      [
        REGRESSION_RULE_LABELS.parity_changed,
        REGRESSION_RULE_LABELS.router_shift,
        REGRESSION_RULE_LABELS.score_drop,
      ].sort(),
    );
    expect(listed[0]).toMatchObject({
      run: { id: run, isSimulated: true },
      previousRun: { id: previous },
      schedule: { id: scheduleId },
    });
    expect(listed[0]!.schedule?.name).toMatch(/^Nightly parity /);
  });

  it("fires nothing when the run is drawn from the same distribution as the previous one", async () => {
    const scheduleId = await runs.createSchedule("Steady");
    const random = createSeededRandom(2026);
    const chances = Array.from({ length: CASES }, () => 0.3 + 0.7 * random());
    const draw = (n: number) => ({ score: random() < chances[n - 1]! ? 1 : 0 });
    await runs.createRun(scheduleId, hour(1), [offeringTarget(0, draw), offeringTarget(1, draw)]);
    const run = await runs.createRun(scheduleId, hour(2), [
      offeringTarget(0, draw),
      offeringTarget(1, draw),
    ]);
    expect(await detectRegressions(db, run)).toEqual([]);
    expect(await rowsOf(run)).toEqual([]);
  });

  it("fires on the schedule's latency p95 and error rate thresholds, even on a first run", async () => {
    const scheduleId = await runs.createSchedule("Thresholds", {
      alertLatencyP95Ms: 1000,
      alertErrorRate: 0.05,
    });
    const run = await runs.createRun(scheduleId, hour(1), [
      // Six calls in sixty take 3 s: p95 is about 3 s.
      offeringTarget(0, (n) => ({ score: 1, latencyMs: n <= 6 ? 3000 : 300 })),
      // Eighteen errors in sixty: 30%, its interval's low end well above 5%.
      offeringTarget(1, (n) => (n <= 18 ? "error" : { score: 1 })),
    ]);
    await detectRegressions(db, run);
    const rows = await rowsOf(run);
    expect(rows.map((row) => [row.rule, row.targetLabel])).toEqual([
      ["error_rate", "Regress model on platform B"],
      ["latency_p95", "Regress model on platform A"],
    ]);
    expect(rows.every((row) => row.previousRunId === null)).toBe(true);
    expect(rows[0]!.detail).toMatchObject({ after: 0.3, errors: 18, n: 60, threshold: 0.05 });
    expect(rows[1]!.detail).toMatchObject({ n: 60, threshold: 1000, before: null });
    expect(rows[1]!.summary).toMatch(/latency p95 of 2\.\d\d s|latency p95 of 3\.\d\d s/);
  });

  it("leaves runs alone that are not scheduled or not completed", async () => {
    const unscheduled = await runs.createRun(null, hour(3), [
      offeringTarget(0, (n) => ({ score: base(n), latencyMs: 5000 })),
    ]);
    expect(await detectRegressions(db, unscheduled)).toEqual([]);
    const scheduleId = await runs.createSchedule("Cancelled", { alertLatencyP95Ms: 10 });
    const cancelled = await runs.createRun(scheduleId, hour(3), [
      offeringTarget(0, (n) => ({ score: base(n) })),
    ]);
    await db.evalRun.update({ where: { id: cancelled }, data: { status: "cancelled" } });
    expect(await detectRegressions(db, cancelled)).toEqual([]);
    expect(await detectRegressions(db, "no-such-run")).toEqual([]);
  });
});

describe("listRegressions", () => {
  it("refuses a limit it cannot show", async () => {
    const error = await rejectionOf(listRegressions(VIEWER, db, { limit: 1000 }), AppError);
    expect(error.code).toBe("INVALID_INPUT");
  });
});
