import { randomBytes } from "node:crypto";
import type { Pool } from "pg";
import type { TrialRecord } from "@/lib/eval/engine";
import { emptyHistogram, LATENCY_HISTOGRAM, SPEED_HISTOGRAM } from "@/lib/eval/histogram";
import type { Db } from "@/lib/server/ops/db-client";
import { createEvalStore } from "@/lib/server/eval/store";
import { storeSuite } from "@/lib/server/domain/runs/suites";

/**
 * Scheduled runs made by hand for tests: a suite of `cases` cases, schedules (with their first
 * version) and runs whose trials go through the real trial store, so their rollups are what a run
 * leaves and the last trial completes the run. Every row made is removed by `remove`.
 */

/** What one trial of a target returned. */
export type TrialOutcome = { score: number; latencyMs?: number; served?: string } | "error";

export type ScheduledTargetSpec = {
  kind: "offering" | "router";
  label: string;
  offeringIds: string[];
  platformIds: string[];
  /** The outcome of case `n` (1-based). */
  outcome: (n: number) => TrialOutcome;
};

export type ScheduledRunFactory = {
  suiteId: string;
  /** A schedule `<name> <suffix>` at version 1 with these alert thresholds. */
  createSchedule(
    name: string,
    thresholds?: { alertLatencyP95Ms?: number; alertErrorRate?: number },
  ): Promise<string>;
  /** A completed run of every case once per target (scheduled when `scheduleId` is given). */
  createRun(
    scheduleId: string | null,
    createdAt: Date,
    targets: readonly ScheduledTargetSpec[],
  ): Promise<string>;
  remove(): Promise<void>;
};

const caseId = (n: number) => `c${String(n).padStart(3, "0")}`;

function record(runId: string, targetId: string, n: number, outcome: TrialOutcome): TrialRecord {
  const now = new Date();
  const isError = outcome === "error";
  return {
    runId,
    targetId,
    caseId: caseId(n),
    category: "general",
    repeat: 0,
    status: isError ? "error" : "ok",
    output: isError ? null : "answer",
    score: isError ? null : outcome.score,
    pass: isError ? null : outcome.score >= 0.5,
    assertions: null,
    judgeModel: null,
    judgeReason: null,
    latencyMs: isError ? null : (outcome.latencyMs ?? 300),
    ttftMs: null,
    outputTokensPerSecond: null,
    inputTokens: 10,
    outputTokens: 5,
    costUsd: isError ? null : 0.001,
    judgeCostUsd: null,
    errorKind: isError ? "server" : null,
    errorMessage: isError ? "simulated outage" : null,
    servedBy: null,
    servedModelRaw: isError ? null : (outcome.served ?? null),
    servedModelId: isError ? null : (outcome.served ?? null),
    servedUnmapped: false,
    routerMode: null,
    attempts: 1,
    startedAt: now,
    finishedAt: now,
  };
}

/** Stores the suite and returns the factory. */
export async function createScheduledRunFactory(
  db: Db,
  pool: Pool,
  options: { label: string; cases: number },
): Promise<ScheduledRunFactory> {
  const suffix = randomBytes(4).toString("hex");
  const { id: suiteId } = await storeSuite(
    db,
    {
      slug: `${options.label}-probe-${suffix}`,
      name: `${options.label} probe`,
      description: `${options.cases} cases for ${options.label} tests.`,
      cases: Array.from({ length: options.cases }, (_, index) => ({
        id: caseId(index + 1),
        category: "general" as const,
        tags: [],
        messages: [{ role: "user" as const, content: `Question ${index + 1}?` }],
        reference: "yes",
        assertions: [],
      })),
    },
    { source: "import" },
  );
  const scheduleIds: string[] = [];
  const runIds: string[] = [];
  const store = createEvalStore({ pool, isSpendTrackedElsewhere: () => false });

  return {
    suiteId,
    async createSchedule(name, thresholds = {}) {
      const schedule = await db.runSchedule.create({
        data: { name: `${name} ${suffix}`, definition: {}, cron: "0 * * * *", ...thresholds },
        select: { id: true },
      });
      await db.runScheduleVersion.create({
        data: {
          scheduleId: schedule.id,
          version: 1,
          name,
          definition: {},
          cron: "0 * * * *",
          timezone: "UTC",
          ...thresholds,
        },
      });
      scheduleIds.push(schedule.id);
      return schedule.id;
    },
    async createRun(scheduleId, createdAt, targets) {
      const run = await db.evalRun.create({
        data: {
          name: `${options.label} ${createdAt.toISOString()}`,
          suiteId,
          status: "running",
          temperature: 0,
          maxTokens: 64,
          repeats: 1,
          concurrency: 1,
          expectedTrials: options.cases * targets.length,
          isSimulated: true,
          origin: scheduleId ? "schedule" : "cli",
          scheduleId,
          scheduleVersion: scheduleId ? 1 : null,
          createdAt,
        },
        select: { id: true },
      });
      runIds.push(run.id);
      const records: TrialRecord[] = [];
      for (const [position, spec] of targets.entries()) {
        const target = await db.runTarget.create({
          data: {
            runId: run.id,
            position,
            kind: spec.kind,
            label: spec.label,
            offeringIds: spec.offeringIds,
            targets: [],
            platformIds: spec.platformIds,
            isSimulated: true,
          },
          select: { id: true },
        });
        await db.runTargetStats.create({
          data: {
            runId: run.id,
            targetId: target.id,
            latencyHist: emptyHistogram(LATENCY_HISTOGRAM),
            ttftHist: emptyHistogram(LATENCY_HISTOGRAM),
            speedHist: emptyHistogram(SPEED_HISTOGRAM),
          },
        });
        for (let n = 1; n <= options.cases; n += 1) {
          records.push(record(run.id, target.id, n, spec.outcome(n)));
        }
      }
      await store.saveTrials(records);
      return run.id;
    },
    async remove() {
      await db.regression.deleteMany({ where: { runId: { in: runIds } } });
      await db.trial.deleteMany({ where: { runId: { in: runIds } } });
      await db.runCaseStats.deleteMany({ where: { runId: { in: runIds } } });
      await db.runTargetStats.deleteMany({ where: { runId: { in: runIds } } });
      await db.evalRun.deleteMany({ where: { id: { in: runIds } } });
      await db.runSchedule.deleteMany({ where: { id: { in: scheduleIds } } });
      await db.suiteCase.deleteMany({ where: { suiteId } });
      await db.suite.delete({ where: { id: suiteId } });
    },
  };
}
