import type PgBoss from "pg-boss";
import { enqueueChunks } from "@/lib/queue/eval-queue";
import { ensureQueue } from "@/lib/queue/ensure-queue";
import { SCHEDULER_CALLER } from "../domain/caller";
import { fireDueSchedules } from "../domain/schedules/schedules";
import type { Db } from "../ops/db-client";
import { resolvePlatformConnections } from "../ops/router-setup";

/**
 * The workers' side of scheduled runs: pg-boss's own cron (its monitor sends one job a minute,
 * once, whichever workers run it) wakes one worker, which launches the schedules that are due.
 * The fire times themselves are claimed in the database (see fireDueSchedules), so a tick taken
 * twice still launches a fire time once.
 */

export const SCHEDULE_TICK_QUEUE = "run-schedules-tick";
/** Every minute: the finest grain a schedule's cron has. */
const TICK_CRON = "* * * * *";

export async function startScheduler(options: {
  boss: PgBoss;
  db: Db;
  env: Record<string, string | undefined>;
  emulatorUrl: string | null;
  log: (line: string) => void;
}): Promise<void> {
  const { boss, db, env, emulatorUrl, log } = options;
  await ensureQueue(boss, SCHEDULE_TICK_QUEUE, {
    policy: "standard",
    retryLimit: 0,
    expireInSeconds: 5 * 60,
  });
  await boss.schedule(SCHEDULE_TICK_QUEUE, TICK_CRON);
  await boss.work(SCHEDULE_TICK_QUEUE, async () => {
    const connections = await resolvePlatformConnections(db, env, emulatorUrl);
    const fired = await fireDueSchedules(SCHEDULER_CALLER, db, {
      connections,
      enqueue: (jobs) => enqueueChunks(boss, jobs),
      awsAccountId: env.AWS_ACCOUNT_ID ?? null,
    });
    for (const { scheduleId, outcome } of fired) {
      log(
        `schedule ${scheduleId}: ${outcome.kind === "launched" ? `launched run ${outcome.runId}` : `${outcome.kind}: ${outcome.reason}`}`,
      );
    }
  });
}
