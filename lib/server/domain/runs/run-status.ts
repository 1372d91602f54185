import { RUN_REOPEN, RUN_TRANSITIONS, type RunEvent } from "@/lib/eval/run-lifecycle";
import type { Db } from "../../ops/db-client";

/**
 * The one writer of a run's status. Every move goes through {@link moveRun}, which applies the
 * lifecycle table (lib/eval/run-lifecycle.ts) in the statement itself: the update only happens
 * from a status the event allows, so two processes racing (a cancel and a finishing worker) can
 * never move a run out of a final state. Works on a pg pool or client (the worker, the trial
 * store's transaction) and on the Prisma client (the web app) alike.
 */

/** Anything that runs a parameterised statement: a pg Pool or PoolClient. */
export type SqlRunner = {
  query(text: string, values: unknown[]): Promise<{ rowCount: number | null }>;
};

/** The Prisma client as a {@link SqlRunner}, for callers in the web app. */
export function prismaRunner(db: Db): SqlRunner {
  return {
    query: async (text, values) => ({ rowCount: await db.$executeRawUnsafe(text, ...values) }),
  };
}

/**
 * Moves run `runId` by `event` (with a message for the run page, or null to keep the current
 * one). Returns true when the run moved, false when its status did not allow the event.
 */
export async function moveRun(
  sql: SqlRunner,
  runId: string,
  event: RunEvent,
  message: string | null = null,
): Promise<boolean> {
  const { to, from } = RUN_TRANSITIONS[event];
  const timestamps =
    event === "start"
      ? `"startedAt" = coalesce("startedAt", now())`
      : `"finishedAt" = coalesce("finishedAt", now())`;
  const result = await sql.query(
    `UPDATE "EvalRun"
        SET "status" = $2::"RunStatus", ${timestamps},
            "statusMessage" = coalesce($3, "statusMessage")
      WHERE "id" = $1 AND "status" = ANY($4::"RunStatus"[])`,
    [runId, to, message, [...from]],
  );
  return (result.rowCount ?? 0) > 0;
}

/**
 * Puts an ended run back in the queue ({@link RUN_REOPEN}: the command line's --resume and
 * --retry-errors), clearing its end time. Returns false when the run had not ended (a queued or
 * running run is left as it is).
 */
export async function reopenRun(sql: SqlRunner, runId: string, message: string): Promise<boolean> {
  const result = await sql.query(
    `UPDATE "EvalRun"
        SET "status" = $2::"RunStatus", "finishedAt" = NULL, "statusMessage" = $3
      WHERE "id" = $1 AND "status" = ANY($4::"RunStatus"[])`,
    [runId, RUN_REOPEN.to, message, [...RUN_REOPEN.from]],
  );
  return (result.rowCount ?? 0) > 0;
}
