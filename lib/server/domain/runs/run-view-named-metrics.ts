import { Prisma } from "@/prisma/generated/client";
import { createNamedMetricsAccumulator } from "@/lib/eval/named-metrics";
import type { AssertionResult } from "@/lib/eval/types";
import type { TargetNamedMetrics } from "@/lib/views/named-metrics";
import type { Caller } from "../caller";
import { requireRole } from "../caller";
import type { Db } from "../../ops/db-client";

/**
 * A run's named metrics (promptfoo's `metric` on an assertion), per target, from the assertion
 * results its trials stored. No rollup holds them, so they are read from the trials: one target at
 * a time, a page at a time, only the assertion results of trials that name a metric, each page
 * added to running sums and let go. A run of 100,000 trials never sits in memory; the run page
 * computes this once per version of a finished run (run-view-page.ts).
 */

/** Trials per page read. */
export const NAMED_METRICS_PAGE = 1000;

type Row = { caseId: string; repeat: number; assertions: unknown };

/**
 * One page of target `targetId`'s trials that carry a metric somewhere in their results (an
 * assert-set's assertions included), after (`caseId`, `repeat`) `after`: keyset order on the
 * trials' unique index (runId, targetId, caseId, repeat), so each page starts where the last ended.
 */
function readPage(
  db: Db,
  runId: string,
  targetId: string,
  after: { caseId: string; repeat: number } | null,
  size: number,
): Promise<Row[]> {
  const from = after
    ? Prisma.sql`AND ("caseId", "repeat") > (${after.caseId}, ${after.repeat})`
    : Prisma.empty;
  return db.$queryRaw<Row[]>`
    SELECT "caseId", "repeat", "assertions" FROM "Trial"
    WHERE "runId" = ${runId} AND "targetId" = ${targetId} ${from}
      AND "assertions" @? 'strict $.**.metric'
    ORDER BY "caseId", "repeat"
    LIMIT ${size}`;
}

/**
 * For `caller` (a viewer), run `runId`'s named metrics by target, in the run's target order (a
 * target without any has an empty list): per name, the weighted mean score of the assertions
 * under it over the target's trials (promptfoo's namedScores ÷ namedScoreWeights), the total
 * weight and how many trials had it. An unknown run has no targets, so no metrics.
 */
export async function listRunNamedMetrics(
  caller: Caller,
  db: Db,
  runId: string,
  pageSize: number = NAMED_METRICS_PAGE,
): Promise<TargetNamedMetrics[]> {
  requireRole(caller, "viewer");
  const targets = await db.runTarget.findMany({
    where: { runId },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  const result: TargetNamedMetrics[] = [];
  for (const { id: targetId } of targets) {
    const accumulator = createNamedMetricsAccumulator();
    let after: { caseId: string; repeat: number } | null = null;
    for (;;) {
      const rows = await readPage(db, runId, targetId, after, pageSize);
      for (const row of rows)
        if (Array.isArray(row.assertions)) accumulator.add(row.assertions as AssertionResult[]);
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) break;
      after = { caseId: last.caseId, repeat: last.repeat };
    }
    result.push({ targetId, metrics: accumulator.list() });
  }
  return result;
}
