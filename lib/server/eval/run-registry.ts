import type { Pool } from "pg";
import type { StopReason } from "@/lib/eval/engine";
import { isTerminalStatus } from "@/lib/eval/run-lifecycle";
import type { DatabaseLink } from "./db-link";
import type { RunContext } from "./run-context";

/**
 * The runs a worker has open: each run's context is loaded once and shared by its jobs, and a
 * watch reads their statuses every second so that a cancel or a budget stop reaches every worker
 * within about a second. A run that ended and has no job left here is dropped and its slots go
 * back.
 */
export type RunRegistry = {
  /** The run's context, loading it on first use (a failed load is forgotten, to be tried again). */
  get(runId: string): Promise<RunContext>;
  /** The budget cap of an open run; null when it has none or is not open here. */
  budgetLimit(runId: string): number | null;
  /** Stops the run's calls in this worker (the run's status is written elsewhere). */
  stopLocally(context: RunContext, reason: StopReason): void;
  /** Reads the open runs' statuses once, stopping and dropping what ended. */
  checkStatuses(): Promise<void>;
  /** Checks statuses every `everyMs` while the database is reachable; returns the stop. */
  watch(everyMs?: number): () => void;
  /** Aborts every open run's calls (the worker is leaving). */
  abortAll(): void;
  /** Gives back the slots of every open run. */
  closeAll(): Promise<void>;
};

export type RunRegistryDeps = {
  pool: Pool;
  link: DatabaseLink;
  load: (runId: string) => Promise<RunContext>;
};

export function createRunRegistry({ pool, link, load }: RunRegistryDeps): RunRegistry {
  const contexts = new Map<string, Promise<RunContext>>();
  const budgetLimits = new Map<string, number | null>();

  function get(runId: string): Promise<RunContext> {
    let context = contexts.get(runId);
    if (!context) {
      context = load(runId).then((loaded) => {
        budgetLimits.set(runId, loaded.budgetUsd);
        return loaded;
      });
      contexts.set(runId, context);
      // The job that asked gets the error; the registry only forgets the failed load.
      context.catch(() => contexts.delete(runId));
    }
    return context;
  }

  function stopLocally(context: RunContext, reason: StopReason): void {
    if (context.controller.signal.aborted) return;
    context.stopReason = reason;
    context.controller.abort();
  }

  /** The loaded contexts; loads that failed are the jobs' to report, and are skipped here. */
  async function loaded(): Promise<[string, RunContext][]> {
    const entries = await Promise.all(
      [...contexts].map(async ([id, pending]) => {
        try {
          return [[id, await pending] as [string, RunContext]];
        } catch {
          return [];
        }
      }),
    );
    return entries.flat();
  }

  async function closeSlots(context: RunContext): Promise<void> {
    await Promise.all([...context.slots.values()].map((slots) => slots.close()));
  }

  async function checkStatuses(): Promise<void> {
    const ids = [...contexts.keys()];
    if (ids.length === 0) return;
    const { rows } = await pool.query<{ id: string; status: string }>(
      `SELECT "id", "status" FROM "EvalRun" WHERE "id" = ANY($1::text[])`,
      [ids],
    );
    const open = new Map(await loaded());
    for (const row of rows) {
      const context = open.get(row.id);
      if (!context) continue;
      context.status = row.status;
      if (row.status === "cancelled" || row.status === "failed") stopLocally(context, "cancelled");
      if (row.status === "budget_exceeded") stopLocally(context, "budget");
      if (isTerminalStatus(row.status) && context.activeJobs === 0) {
        contexts.delete(row.id);
        budgetLimits.delete(row.id);
        await closeSlots(context);
      }
    }
  }

  return {
    get,
    budgetLimit: (runId) => budgetLimits.get(runId) ?? null,
    stopLocally,
    checkStatuses,
    watch(everyMs = 1_000) {
      let isChecking = false;
      const timer = setInterval(() => {
        if (isChecking || !link.isReachable()) return;
        isChecking = true;
        checkStatuses()
          .catch((error: unknown) => link.note("watching run statuses", error))
          .finally(() => {
            isChecking = false;
          });
      }, everyMs);
      return () => clearInterval(timer);
    },
    abortAll() {
      void loaded().then((open) => {
        for (const [, context] of open) context.controller.abort();
      });
    },
    async closeAll() {
      await Promise.all((await loaded()).map(([, context]) => closeSlots(context)));
    },
  };
}
