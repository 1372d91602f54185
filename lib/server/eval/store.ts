import type { Pool, PoolClient } from "pg";
import type { TrialRecord, TrialStore } from "@/lib/eval/engine";
import { servedModelKey } from "@/lib/eval/router-targets";
import { emptyTargetRollup, type TargetRollup } from "@/lib/eval/summary";
import { moveRun } from "../domain/runs/run-status";
import {
  addToHistogram,
  LATENCY_HISTOGRAM,
  mergeHistograms,
  SPEED_HISTOGRAM,
} from "@/lib/eval/histogram";

/**
 * The run engine's store in PostgreSQL. One flush is one transaction: it inserts the batch's
 * trials (ON CONFLICT DO NOTHING on the trial key), and only the rows actually inserted update
 * the rollups and the run's progress. So a job delivered twice, or retried after a crash, stores
 * each trial once and counts it once; and a flush whose outcome is unknown (the connection died
 * around COMMIT) can simply be made again. Raw SQL through node-postgres: this is the hot path.
 */

/** What a flush adds to a target's rollup: the same shape as the rollup itself. */
type TargetIncrement = TargetRollup & {
  /** { served model: count } for native-router targets (see `servedModelKey`). */
  servedModels: Record<string, number>;
};

type CaseIncrement = {
  category: string;
  trials: number;
  errors: number;
  scored: number;
  passed: number;
  scoreSum: number;
  costSum: number;
  costed: number;
};

function addCount(map: Record<string, number>, key: string, by = 1) {
  map[key] = (map[key] ?? 0) + by;
}

function mergeCounts(a: unknown, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...((a ?? {}) as Record<string, number>) };
  for (const [key, value] of Object.entries(b)) addCount(out, key, value);
  return out;
}

export type EvalStoreOptions = {
  pool: Pool;
  /** When true, the run's spend is kept by the budget ledger and flushes leave it alone. */
  isSpendTrackedElsewhere: (runId: string) => boolean;
};

/** What a flush reports back: the run's progress after it. */
export type FlushOutcome = { inserted: number; storedTrials: number; expectedTrials: number };

/** The PostgreSQL trial store. `onFlushed` hears the run's progress after every flush. */
export function createEvalStore(
  options: EvalStoreOptions,
  onFlushed?: (runId: string, outcome: FlushOutcome) => void,
): TrialStore {
  const { pool } = options;
  return {
    async storedKeys(runId, targetId, caseIds) {
      const { rows } = await pool.query<{ caseId: string; repeat: number }>(
        `SELECT "caseId", "repeat" FROM "Trial"
         WHERE "runId" = $1 AND "targetId" = $2 AND "caseId" = ANY($3::text[])`,
        [runId, targetId, caseIds],
      );
      return new Set(rows.map((row) => `${row.caseId}\u0000${row.repeat}`));
    },

    async saveTrials(records) {
      const byRun = new Map<string, TrialRecord[]>();
      for (const record of records) {
        const list = byRun.get(record.runId) ?? [];
        list.push(record);
        byRun.set(record.runId, list);
      }
      for (const [runId, list] of byRun) {
        const client = await pool.connect();
        // A checked-out client has no listener of the pool's: if the server goes away between two
        // statements, its 'error' event would crash the process. The next statement rejects anyway.
        const onConnectionError = () => undefined;
        client.on("error", onConnectionError);
        let isBroken = false;
        try {
          await client.query("BEGIN");
          const outcome = await saveRunTrials(
            client,
            runId,
            list,
            !options.isSpendTrackedElsewhere(runId),
          );
          await client.query("COMMIT");
          onFlushed?.(runId, outcome);
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {
            isBroken = true;
          });
          throw error;
        } finally {
          client.off("error", onConnectionError);
          // A connection that could not even roll back is closed, not handed to the next caller.
          client.release(isBroken);
        }
      }
    },
  };
}

async function saveRunTrials(
  client: PoolClient,
  runId: string,
  records: readonly TrialRecord[],
  isSpendCounted: boolean,
): Promise<FlushOutcome> {
  const columns = {
    targetId: [] as string[],
    caseId: [] as string[],
    repeat: [] as number[],
    status: [] as string[],
    output: [] as (string | null)[],
    score: [] as (number | null)[],
    pass: [] as (boolean | null)[],
    assertions: [] as (string | null)[],
    judgeModel: [] as (string | null)[],
    judgeReason: [] as (string | null)[],
    latencyMs: [] as (number | null)[],
    ttftMs: [] as (number | null)[],
    speed: [] as (number | null)[],
    inputTokens: [] as (number | null)[],
    outputTokens: [] as (number | null)[],
    costUsd: [] as (number | null)[],
    errorKind: [] as (string | null)[],
    errorMessage: [] as (string | null)[],
    servedBy: [] as (string | null)[],
    servedModelRaw: [] as (string | null)[],
    servedModelId: [] as (string | null)[],
    servedUnmapped: [] as boolean[],
    routerMode: [] as (string | null)[],
    attempts: [] as number[],
    startedAt: [] as Date[],
    finishedAt: [] as Date[],
  };
  for (const r of records) {
    columns.targetId.push(r.targetId);
    columns.caseId.push(r.caseId);
    columns.repeat.push(r.repeat);
    columns.status.push(r.status);
    // PostgreSQL text cannot hold NUL; a model may emit one.
    columns.output.push(r.output === null ? null : r.output.replaceAll("\u0000", "\uFFFD"));
    columns.score.push(r.score);
    columns.pass.push(r.pass);
    columns.assertions.push(
      r.assertions === null ? null : JSON.stringify(r.assertions).replaceAll("\\u0000", "\\uFFFD"),
    );
    columns.judgeModel.push(r.judgeModel);
    columns.judgeReason.push(r.judgeReason?.replaceAll("\u0000", "\uFFFD") ?? null);
    columns.latencyMs.push(r.latencyMs);
    columns.ttftMs.push(r.ttftMs);
    columns.speed.push(r.outputTokensPerSecond);
    columns.inputTokens.push(r.inputTokens);
    columns.outputTokens.push(r.outputTokens);
    columns.costUsd.push(r.costUsd);
    columns.errorKind.push(r.errorKind);
    columns.errorMessage.push(r.errorMessage?.replaceAll("\u0000", "\uFFFD") ?? null);
    columns.servedBy.push(r.servedBy);
    columns.servedModelRaw.push(r.servedModelRaw?.replaceAll("\u0000", "\uFFFD") ?? null);
    columns.servedModelId.push(r.servedModelId);
    columns.servedUnmapped.push(r.servedUnmapped);
    columns.routerMode.push(r.routerMode);
    columns.attempts.push(r.attempts);
    columns.startedAt.push(r.startedAt);
    columns.finishedAt.push(r.finishedAt);
  }
  const inserted = await client.query<{ targetId: string; caseId: string; repeat: number }>(
    `INSERT INTO "Trial" ("runId", "targetId", "caseId", "repeat", "status", "output", "score",
       "pass", "assertions", "judgeModel", "judgeReason", "latencyMs", "ttftMs",
       "outputTokensPerSecond", "inputTokens", "outputTokens", "costUsd", "errorKind",
       "errorMessage", "servedBy", "servedModelRaw", "servedModelId", "servedUnmapped",
       "routerMode", "attempts", "startedAt", "finishedAt")
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[],
       $7::float8[], $8::bool[], $9::jsonb[], $10::text[], $11::text[], $12::float8[],
       $13::float8[], $14::float8[], $15::int[], $16::int[], $17::float8[], $18::text[],
       $19::text[], $20::text[], $21::text[], $22::text[], $23::bool[], $24::text[],
       $25::int[], $26::timestamp[], $27::timestamp[])
     ON CONFLICT ("runId", "targetId", "caseId", "repeat") DO NOTHING
     RETURNING "targetId", "caseId", "repeat"`,
    [
      runId,
      columns.targetId,
      columns.caseId,
      columns.repeat,
      columns.status,
      columns.output,
      columns.score,
      columns.pass,
      columns.assertions,
      columns.judgeModel,
      columns.judgeReason,
      columns.latencyMs,
      columns.ttftMs,
      columns.speed,
      columns.inputTokens,
      columns.outputTokens,
      columns.costUsd,
      columns.errorKind,
      columns.errorMessage,
      columns.servedBy,
      columns.servedModelRaw,
      columns.servedModelId,
      columns.servedUnmapped,
      columns.routerMode,
      columns.attempts,
      columns.startedAt,
      columns.finishedAt,
    ],
  );
  const isInserted = new Set(
    inserted.rows.map((row) => `${row.targetId}\u0000${row.caseId}\u0000${row.repeat}`),
  );
  const fresh = records.filter((r) =>
    isInserted.has(`${r.targetId}\u0000${r.caseId}\u0000${r.repeat}`),
  );

  const targets = new Map<string, TargetIncrement>();
  const cases = new Map<string, CaseIncrement & { targetId: string; caseId: string }>();
  let spent = 0;
  for (const r of fresh) {
    let t = targets.get(r.targetId);
    if (!t) {
      t = { ...emptyTargetRollup(), servedModels: {} };
      targets.set(r.targetId, t);
    }
    const caseKey = `${r.targetId}\u0000${r.caseId}`;
    let c = cases.get(caseKey);
    if (!c) {
      c = {
        targetId: r.targetId,
        caseId: r.caseId,
        category: r.category,
        trials: 0,
        errors: 0,
        scored: 0,
        passed: 0,
        scoreSum: 0,
        costSum: 0,
        costed: 0,
      };
      cases.set(caseKey, c);
    }
    t.trials += 1;
    c.trials += 1;
    if (r.status === "error") {
      t.errors += 1;
      c.errors += 1;
      addCount(t.errorsByKind, r.errorKind ?? "unknown");
    } else {
      if (r.score !== null) {
        t.scored += 1;
        t.scoreSum += r.score;
        c.scored += 1;
        c.scoreSum += r.score;
        if (r.pass) {
          t.passed += 1;
          c.passed += 1;
        }
      }
      if (r.costUsd === null) t.costUnknown += 1;
      else {
        t.costUsd += r.costUsd;
        c.costSum += r.costUsd;
        c.costed += 1;
      }
      t.inputTokens += r.inputTokens ?? 0;
      t.outputTokens += r.outputTokens ?? 0;
      if (r.latencyMs !== null) addToHistogram(t.latencyHist, LATENCY_HISTOGRAM, r.latencyMs);
      if (r.ttftMs !== null) addToHistogram(t.ttftHist, LATENCY_HISTOGRAM, r.ttftMs);
      if (r.outputTokensPerSecond !== null && Number.isFinite(r.outputTokensPerSecond)) {
        addToHistogram(t.speedHist, SPEED_HISTOGRAM, r.outputTokensPerSecond);
      }
    }
    if (r.servedBy) addCount(t.servedBy, r.servedBy);
    const servedModel = servedModelKey(r);
    if (servedModel) addCount(t.servedModels, servedModel);
    spent += (r.costUsd ?? 0) + (r.judgeCostUsd ?? 0);
  }

  // Lock order: target rollups (by id), case rollups (by key), then the run row.
  for (const targetId of [...targets.keys()].sort()) {
    const inc = targets.get(targetId);
    if (!inc) continue;
    const { rows } = await client.query<{
      errorsByKind: unknown;
      servedBy: unknown;
      servedModels: unknown;
      latencyHist: number[];
      ttftHist: number[];
      speedHist: number[];
    }>(
      `SELECT "errorsByKind", "servedBy", "servedModels", "latencyHist", "ttftHist", "speedHist"
       FROM "RunTargetStats" WHERE "runId" = $1 AND "targetId" = $2 FOR UPDATE`,
      [runId, targetId],
    );
    const current = rows[0];
    if (!current) throw new Error(`run ${runId} has no rollup row for target ${targetId}`);
    await client.query(
      `UPDATE "RunTargetStats" SET
         "trials" = "trials" + $3, "errors" = "errors" + $4, "errorsByKind" = $5::jsonb,
         "scored" = "scored" + $6, "passed" = "passed" + $7, "scoreSum" = "scoreSum" + $8,
         "costUsd" = "costUsd" + $9, "costUnknown" = "costUnknown" + $10,
         "inputTokens" = "inputTokens" + $11, "outputTokens" = "outputTokens" + $12,
         "latencyHist" = $13::int[], "ttftHist" = $14::int[], "speedHist" = $15::int[],
         "servedBy" = $16::jsonb, "servedModels" = $17::jsonb, "updatedAt" = now()
       WHERE "runId" = $1 AND "targetId" = $2`,
      [
        runId,
        targetId,
        inc.trials,
        inc.errors,
        JSON.stringify(mergeCounts(current.errorsByKind, inc.errorsByKind)),
        inc.scored,
        inc.passed,
        inc.scoreSum,
        inc.costUsd,
        inc.costUnknown,
        inc.inputTokens,
        inc.outputTokens,
        mergeHistograms(current.latencyHist, inc.latencyHist),
        mergeHistograms(current.ttftHist, inc.ttftHist),
        mergeHistograms(current.speedHist, inc.speedHist),
        JSON.stringify(mergeCounts(current.servedBy, inc.servedBy)),
        JSON.stringify(mergeCounts(current.servedModels, inc.servedModels)),
      ],
    );
  }

  const caseRows = [...cases.values()].sort((a, b) =>
    a.targetId === b.targetId
      ? a.caseId.localeCompare(b.caseId)
      : a.targetId.localeCompare(b.targetId),
  );
  if (caseRows.length > 0) {
    await client.query(
      `INSERT INTO "RunCaseStats" ("runId", "targetId", "caseId", "category", "trials", "errors",
         "scored", "passed", "scoreSum", "costSum", "costed")
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[],
         $8::int[], $9::float8[], $10::float8[], $11::int[])
       ON CONFLICT ("runId", "targetId", "caseId") DO UPDATE SET
         "trials" = "RunCaseStats"."trials" + excluded."trials",
         "errors" = "RunCaseStats"."errors" + excluded."errors",
         "scored" = "RunCaseStats"."scored" + excluded."scored",
         "passed" = "RunCaseStats"."passed" + excluded."passed",
         "scoreSum" = "RunCaseStats"."scoreSum" + excluded."scoreSum",
         "costSum" = "RunCaseStats"."costSum" + excluded."costSum",
         "costed" = "RunCaseStats"."costed" + excluded."costed"`,
      [
        runId,
        caseRows.map((c) => c.targetId),
        caseRows.map((c) => c.caseId),
        caseRows.map((c) => c.category),
        caseRows.map((c) => c.trials),
        caseRows.map((c) => c.errors),
        caseRows.map((c) => c.scored),
        caseRows.map((c) => c.passed),
        caseRows.map((c) => c.scoreSum),
        caseRows.map((c) => c.costSum),
        caseRows.map((c) => c.costed),
      ],
    );
  }

  const run = await client.query<{ storedTrials: number; expectedTrials: number }>(
    `UPDATE "EvalRun" SET "storedTrials" = "storedTrials" + $2, "spentUsd" = "spentUsd" + $3
     WHERE "id" = $1
     RETURNING "storedTrials", "expectedTrials"`,
    [runId, fresh.length, isSpendCounted ? spent : 0],
  );
  const after = run.rows[0];
  // In the same transaction: the last trial stored and the run completed are one step.
  if (after && fresh.length > 0 && after.storedTrials >= after.expectedTrials)
    await moveRun(client, runId, "finish");
  return {
    inserted: fresh.length,
    storedTrials: after?.storedTrials ?? 0,
    expectedTrials: after?.expectedTrials ?? 0,
  };
}
