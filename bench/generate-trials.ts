/**
 * Fills a database with evaluation runs for the dashboard benchmark: `runs` finished runs of
 * `trialsPerRun` synthetic trials each, stored through the real trial store, so the rollups the
 * pages read are exactly what a real run would leave. Every run compares one canonical model on
 * several platforms (what Compare asks) plus other offerings (what Routing needs). Synthetic and
 * labelled simulated: the numbers are drawn from a seeded PRNG, not from any model.
 *
 *   DATABASE_URL=postgresql://…/scratch_test npx tsx bench/generate-trials.ts [--runs 50] [--trials 20000]
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TrialRecord } from "@/lib/eval/engine";
import { createSeededRandom, hashSeed } from "@/lib/eval/random";
import type { Caller } from "@/lib/server/domain/caller";
import type { Db } from "@/lib/server/ops/db-client";
import { createEvalStore } from "@/lib/server/eval/store";
import { resolvePlatformConnections } from "@/lib/server/ops/router-setup";
import { chooseApiStyle, launchRun } from "@/lib/server/domain/runs/runs";
import { loadSuiteCases, storeSuite } from "@/lib/server/domain/runs/suites";
import { benchSuite } from "./bench-suite";

const CALLER: Caller = {
  userId: "",
  email: "bench generator",
  name: "bench generator",
  role: "operator",
  mustChangePassword: false,
  ipAddress: null,
};

const REPEATS = 10;
const TARGETS_PER_RUN = 5;

/** Offerings of one model on several platforms first, then others, all runnable on the emulator. */
async function pickTargets(db: Db): Promise<string[]> {
  const offerings = await db.offering.findMany({
    where: { lifecycle: { not: "retired" }, inputPrice: { not: null } },
    orderBy: [{ modelId: "asc" }, { platformId: "asc" }],
  });
  const runnable = offerings.filter((o) => chooseApiStyle(o.platformId, o.apiStyles, true));
  const byModel = new Map<string, typeof runnable>();
  for (const offering of runnable) {
    byModel.set(offering.modelId, [...(byModel.get(offering.modelId) ?? []), offering]);
  }
  const widest = [...byModel.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const chosen = widest.slice(0, 3).map((o) => o.id);
  for (const offering of runnable) {
    if (chosen.length >= TARGETS_PER_RUN) break;
    if (!chosen.includes(offering.id) && !widest.some((w) => w.id === offering.id)) {
      chosen.push(offering.id);
    }
  }
  return chosen;
}

/** Generates the runs; returns their ids. */
export async function generateDashboardData(
  db: Db,
  databaseUrl: string,
  options: { runs: number; trialsPerRun: number; log?: (line: string) => void },
): Promise<string[]> {
  const log = options.log ?? (() => undefined);
  const caseCount = Math.max(1, Math.round(options.trialsPerRun / (TARGETS_PER_RUN * REPEATS)));
  const suite = await storeSuite(db, benchSuite(caseCount), { source: "import" });
  const cases = await loadSuiteCases(db, suite.id);
  const targets = await pickTargets(db);
  const connections = await resolvePlatformConnections(
    db,
    { CROSSBENCH_SECRET_KEY: randomBytes(32).toString("base64") },
    "http://127.0.0.1:9",
  );
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const store = createEvalStore({ pool, isSpendTrackedElsewhere: () => false });
  const runIds: string[] = [];
  try {
    for (let index = 0; index < options.runs; index += 1) {
      const { runId } = await launchRun(
        CALLER,
        db,
        {
          name: `Generated run ${index + 1}`,
          suiteId: suite.id,
          targets: targets.map((offeringId) => ({ kind: "offering" as const, offeringId })),
          temperature: 0,
          maxTokens: 512,
          repeats: REPEATS,
          concurrency: 8,
          stream: true,
        },
        { connections, enqueue: async () => undefined, origin: "cli" },
      );
      runIds.push(runId);
      const runTargets = await db.runTarget.findMany({
        where: { runId },
        orderBy: { position: "asc" },
      });
      const random = createSeededRandom(hashSeed("dashboard", String(index)));
      const batch: TrialRecord[] = [];
      const started = Date.now() - 3_600_000;
      for (const [position, target] of runTargets.entries()) {
        const skill = 0.55 + 0.08 * position + 0.04 * random();
        const latencyScale = 400 + 150 * position;
        for (const testCase of cases) {
          for (let repeat = 0; repeat < REPEATS; repeat += 1) {
            const pass = random() < skill;
            const isError = random() < 0.01;
            const latency = latencyScale * Math.exp(0.4 * (random() + random() - 1));
            const ttft = latency * (0.2 + 0.2 * random());
            const inputTokens = 60 + Math.floor(random() * 80);
            const outputTokens = 10 + Math.floor(random() * 120);
            batch.push({
              runId,
              targetId: target.id,
              caseId: testCase.id,
              category: testCase.category,
              repeat,
              status: isError ? "error" : "ok",
              output: isError ? null : pass ? "synthetic correct answer" : "synthetic wrong answer",
              score: isError ? null : pass ? 1 : 0,
              pass: isError ? null : pass,
              assertions: null,
              judgeModel: null,
              judgeReason: null,
              latencyMs: latency,
              ttftMs: isError ? null : ttft,
              outputTokensPerSecond: isError ? null : outputTokens / ((latency - ttft) / 1000),
              inputTokens: isError ? null : inputTokens,
              outputTokens: isError ? null : outputTokens,
              costUsd: isError ? null : (inputTokens * 3 + outputTokens * 15) / 1_000_000,
              judgeCostUsd: null,
              errorKind: isError ? (random() < 0.5 ? "rate_limit" : "server") : null,
              errorMessage: isError ? "synthetic error" : null,
              servedBy: target.offeringIds[0] ?? null,
              servedModelRaw: null,
              servedModelId: null,
              servedUnmapped: false,
              routerMode: null,
              attempts: 1,
              startedAt: new Date(started),
              finishedAt: new Date(started + latency),
            });
            if (batch.length >= 2_000) await store.saveTrials(batch.splice(0));
          }
        }
      }
      if (batch.length > 0) await store.saveTrials(batch.splice(0));
      await db.evalRun.update({
        where: { id: runId },
        data: { startedAt: new Date(started), finishedAt: new Date() },
      });
      log(`generated run ${index + 1}/${options.runs} (${runId})`);
    }
  } finally {
    await pool.end();
  }
  return runIds;
}
