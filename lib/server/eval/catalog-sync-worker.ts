import type PgBoss from "pg-boss";
import {
  CATALOG_SYNC_QUEUE,
  ensureCatalogSyncQueue,
  sendCatalogSyncJobs,
  type CatalogSyncJobData,
} from "@/lib/queue/catalog-sync-queue";
import { ensureQueue } from "@/lib/queue/ensure-queue";
import type { EndpointPolicyOptions } from "@/lib/router/endpoint-policy";
import { downloadCatalogSource } from "../domain/catalog/catalog-download";
import { applyCatalogSourceInChild } from "../domain/catalog/catalog-sync-child-runner";
import {
  claimDueCatalogSyncs,
  runCatalogSync,
  type CatalogSyncDeps,
} from "../domain/catalog/catalog-sync-schedule";
import type { Db } from "../ops/db-client";
import { describeError } from "./db-link";

/**
 * The workers' side of the scheduled catalogue sync. pg-boss's cron sends one tick every 15
 * minutes (once, whichever workers run it); the worker that takes it claims the fire time now due
 * (see claimDueCatalogSyncs) and queues one job per source. A job downloads its source through
 * the endpoint policy and applies it in a child process, so the parse never holds this event loop
 * (which `npm start` shares with the web server). Nothing here throws into pg-boss for a failed
 * sync: it is recorded on its run, and the next fire time tries again.
 */

export const CATALOG_SYNC_TICK_QUEUE = "catalog-sync-tick";
/** Every 15 minutes: a fire time is taken within 15 minutes of its hour, or after a restart. */
const TICK_CRON = "*/15 * * * *";

/** The dependencies a real worker uses: the download with its budget, the child importer. */
export function catalogSyncDeps(options: {
  databaseUrl: string;
  policy: EndpointPolicyOptions;
  log: (line: string) => void;
}): CatalogSyncDeps {
  return {
    download: (url) => downloadCatalogSource(url, { policy: options.policy }),
    apply: (input, text) => applyCatalogSourceInChild(options.databaseUrl, input, text),
    log: options.log,
  };
}

export async function startCatalogSyncWorker(options: {
  boss: PgBoss;
  db: Db;
  deps: CatalogSyncDeps;
  log: (line: string) => void;
  pollingIntervalSeconds?: number;
}): Promise<void> {
  const { boss, db, deps, log } = options;
  await ensureCatalogSyncQueue(boss);
  await ensureQueue(boss, CATALOG_SYNC_TICK_QUEUE, {
    policy: "standard",
    retryLimit: 0,
    expireInSeconds: 5 * 60,
  });
  await boss.schedule(CATALOG_SYNC_TICK_QUEUE, TICK_CRON);
  await boss.work(CATALOG_SYNC_TICK_QUEUE, async () => {
    const runIds = await claimDueCatalogSyncs(db);
    if (runIds.length > 0) log(`catalogue sync due: queued ${runIds.length} source(s)`);
    await sendCatalogSyncJobs(boss, runIds);
  });
  await boss.work<CatalogSyncJobData>(
    CATALOG_SYNC_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
    async (jobs) => {
      for (const job of jobs) {
        try {
          const status = await runCatalogSync(db, job.data.runId, deps);
          if (status) log(`catalogue sync ${job.data.runId}: ${status}`);
        } catch (error) {
          // The database went away mid-run: the stale-run sweep marks it failed later.
          log(`catalogue sync ${job.data.runId} could not be recorded: ${describeError(error)}`);
        }
      }
    },
  );
}
