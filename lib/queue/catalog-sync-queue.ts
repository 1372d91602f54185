import type PgBoss from "pg-boss";
import { ensureQueue } from "./ensure-queue";

/**
 * The catalogue sync queue on pg-boss: one job is one queued CatalogSyncRun (one source). The web
 * app puts "Sync now" jobs on it; the workers' hourly tick puts the schedule's.
 */

export const CATALOG_SYNC_QUEUE = "catalog-sync";

export type CatalogSyncJobData = { runId: string };

/**
 * No retries by pg-boss: a failed sync is recorded on its run and the next fire time tries again.
 * A job a dead worker held expires after 10 minutes (the download allows 60 s, applying 180 s).
 */
export function ensureCatalogSyncQueue(boss: PgBoss): Promise<void> {
  return ensureQueue(boss, CATALOG_SYNC_QUEUE, {
    policy: "standard",
    retryLimit: 0,
    expireInSeconds: 10 * 60,
  });
}

/** Queues catalogue sync runs, one job each. */
export async function sendCatalogSyncJobs(boss: PgBoss, runIds: readonly string[]): Promise<void> {
  if (runIds.length === 0) return;
  await ensureCatalogSyncQueue(boss);
  await boss.insert(
    runIds.map((runId) => ({
      name: CATALOG_SYNC_QUEUE,
      data: { runId } satisfies CatalogSyncJobData,
      retryLimit: 0,
      expireInSeconds: 10 * 60,
    })),
  );
}
