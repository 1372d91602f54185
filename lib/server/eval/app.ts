import "server-only";
import type PgBoss from "pg-boss";
import { enqueueChunks, openEvalQueue, type ChunkJobData } from "@/lib/queue/eval-queue";
import { getDb } from "../ops/db";
import { requireDatabaseUrl } from "../ops/env";
import { resolvePlatformConnections, type PlatformConnections } from "../ops/router-setup";

/**
 * What the web app's run pages and actions need from the running server: the platform
 * connections (real or simulated) and a queue to put jobs on. Workers have their own.
 */

const globalForQueue = globalThis as unknown as { crossbenchQueue?: Promise<PgBoss> };

/** Connections as a worker would resolve them now: stored credentials, env, else the emulator. */
export async function getAppConnections(): Promise<PlatformConnections> {
  return resolvePlatformConnections(
    getDb(),
    process.env,
    process.env.CROSSBENCH_EMULATOR_URL ?? null,
  );
}

/** The app's one pg-boss instance, for sending jobs (no maintenance: workers do that). */
export function getAppQueue(): Promise<PgBoss> {
  globalForQueue.crossbenchQueue ??= openEvalQueue({
    connectionString: requireDatabaseUrl(),
    supervise: false,
    max: 2,
  }).catch((error: unknown) => {
    globalForQueue.crossbenchQueue = undefined;
    throw error;
  });
  return globalForQueue.crossbenchQueue;
}

/** Queues jobs through the app's one pg-boss sender. */
export async function enqueueFromApp(jobs: ChunkJobData[]): Promise<void> {
  await enqueueChunks(await getAppQueue(), jobs);
}
