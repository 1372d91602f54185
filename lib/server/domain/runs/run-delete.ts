import { isTerminalStatus } from "@/lib/eval/run-lifecycle";
import { actorOf, recordAudit } from "../audit";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import { AppError } from "../errors";
import { WORKER_STALE_AFTER_MS } from "../../eval/liveness";
import type { Db } from "../../ops/db-client";
import { deleteRunJobs } from "./run-queue";

/**
 * Deleting a run (operators): the run, its targets, trials, rollups, queue jobs and the limits
 * workers kept for it go in one transaction, with an audit entry. Reports keep the frozen copy of
 * the figures they were drafted with, so they still open. A run that may still store trials is
 * refused: queued or running (cancel it first), or with a job a live worker still holds.
 */

/** Deleting a large run's trials takes longer than Prisma's default five seconds. */
const DELETE_TIMEOUT_MS = 120_000;

export async function deleteRun(
  caller: Caller,
  db: Db,
  runId: string,
): Promise<{ name: string; trials: number }> {
  requireRole(caller, "operator");
  return db.$transaction(
    async (tx) => {
      // The lock holds off a worker starting the run or storing a trial until the delete is done.
      const [run] = await tx.$queryRaw<{ name: string; status: string }[]>`
        SELECT "name", "status"::text AS status FROM "EvalRun" WHERE "id" = ${runId} FOR UPDATE`;
      if (!run) notFound("That run");
      if (!isTerminalStatus(run.status)) {
        throw new AppError(
          "CONFLICT",
          "This run is still queued or running: cancel it first, then delete it.",
        );
      }
      const [held] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "EvalJobClaim" c
        JOIN "EvalWorker" w ON w."id" = c."workerId"
        WHERE c."runId" = ${runId}
          AND w."heartbeatAt" > now() - make_interval(secs => ${WORKER_STALE_AFTER_MS / 1000})`;
      if ((held?.n ?? 0) > 0) {
        throw new AppError(
          "CONFLICT",
          "A worker is still stopping this run's last calls: try again in a few seconds.",
        );
      }
      const where = { runId };
      const trials = await tx.trial.deleteMany({ where });
      // Its regressions go with it; one measured against it no longer names a previous run.
      await tx.regression.deleteMany({ where });
      await tx.regression.updateMany({
        where: { previousRunId: runId },
        data: { previousRunId: null },
      });
      await tx.runCaseStats.deleteMany({ where });
      await tx.runTargetStats.deleteMany({ where });
      await tx.evalJobClaim.deleteMany({ where });
      await tx.evalSlot.deleteMany({ where });
      await tx.evalRateBucket.deleteMany({ where });
      await tx.evalBudgetHold.deleteMany({ where });
      await deleteRunJobs(tx, runId);
      // Its RunTarget rows go with it (ON DELETE CASCADE).
      await tx.evalRun.delete({ where: { id: runId } });
      await recordAudit(tx, {
        action: "run.deleted",
        actor: actorOf(caller),
        targetType: "run",
        targetId: runId,
        detail: { name: run.name, status: run.status, trials: trials.count },
        ipAddress: caller.ipAddress,
      });
      return { name: run.name, trials: trials.count };
    },
    { timeout: DELETE_TIMEOUT_MS },
  );
}
