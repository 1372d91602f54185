import type PgBoss from "pg-boss";
import { ensureQueue } from "@/lib/queue/ensure-queue";
import { attemptDelivery, type SendAlertDeliveries } from "../domain/alerts/deliveries";
import type { Db } from "../ops/db-client";
import { parseEnv, type Env } from "../ops/env";
import { endpointPolicyFromEnv, keyRingFromEnv } from "../ops/server-deps";
import { describeError } from "./db-link";

/**
 * The workers' side of webhook alerts: a pg-boss queue of deliveries, one job per delivery. A job
 * makes one attempt; when the attempt failed in a way worth retrying (network, timeout, 408, 429,
 * 5xx) the handler throws, so pg-boss retries the job with exponential backoff. The retries live
 * in the queue's table, not in a worker's memory, so they survive a worker crash or restart.
 */

export const ALERT_QUEUE = "alert-deliveries";

/**
 * Retries after the first attempt. pg-boss waits between `retryDelay × 2^(n-1)` and twice that
 * before retry n, so with 30 s: 30–60 s, 1–2 min, 2–4 min, 4–8 min, 8–16 min (six attempts over
 * roughly 15 to 30 minutes).
 */
export const ALERT_RETRY_LIMIT = 5;
export const ALERT_RETRY_DELAY_SECONDS = 30;
/** A job still active this long (a worker died mid-attempt) is failed and retried by pg-boss. */
const ALERT_EXPIRE_SECONDS = 2 * 60;

type DeliveryJob = { deliveryId: string };

/** Makes sure the queue exists (once per pg-boss instance); several processes may race. */
export function ensureAlertQueue(boss: PgBoss): Promise<void> {
  return ensureQueue(boss, ALERT_QUEUE, {
    policy: "standard",
    retryLimit: ALERT_RETRY_LIMIT,
    retryDelay: ALERT_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    expireInSeconds: ALERT_EXPIRE_SECONDS,
  });
}

/**
 * Puts deliveries on the queue, one job each. `retryDelaySeconds` is for tests; the queue's own
 * settings apply otherwise.
 */
export function createAlertSender(
  boss: PgBoss,
  options: { retryDelaySeconds?: number } = {},
): SendAlertDeliveries {
  return async (deliveryIds) => {
    if (deliveryIds.length === 0) return;
    await ensureAlertQueue(boss);
    await boss.insert(
      deliveryIds.map((deliveryId) => ({
        name: ALERT_QUEUE,
        data: { deliveryId } satisfies DeliveryJob,
        retryLimit: ALERT_RETRY_LIMIT,
        retryDelay: options.retryDelaySeconds ?? ALERT_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: ALERT_EXPIRE_SECONDS,
      })),
    );
  };
}

/** The address users open the app at: CROSSBENCH_URL, else http://localhost:PORT (as sign-in uses). */
export function appBaseUrlFromEnv(env: Env): string {
  return env.CROSSBENCH_URL?.replace(/\/+$/, "") ?? `http://localhost:${env.PORT}`;
}

/** The earliest time pg-boss will retry a job that fails now (see ALERT_RETRY_DELAY_SECONDS). */
function earliestRetry(job: PgBoss.JobWithMetadata<DeliveryJob>, now: Date): Date | null {
  if (job.retryCount >= job.retryLimit) return null;
  const seconds = job.retryBackoff ? job.retryDelay * 2 ** job.retryCount : job.retryDelay;
  return new Date(now.getTime() + seconds * 1000);
}

/** Thrown so that pg-boss retries the job; the attempt is already recorded. */
class RetryLater extends Error {
  override readonly name = "RetryLater";
}

/** Registers this worker as a consumer of the delivery queue. */
export async function startAlertWorker(options: {
  boss: PgBoss;
  db: Db;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  pollingIntervalSeconds?: number;
}): Promise<void> {
  const { boss, db, log } = options;
  const env = parseEnv(options.env);
  const endpointPolicy = endpointPolicyFromEnv(env);
  const baseUrl = appBaseUrlFromEnv(env);
  await ensureAlertQueue(boss);
  await boss.work<DeliveryJob>(
    ALERT_QUEUE,
    {
      includeMetadata: true,
      batchSize: 1,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    },
    async (jobs) => {
      for (const job of jobs) {
        const { deliveryId } = job.data;
        try {
          const outcome = await attemptDelivery(db, deliveryId, {
            // Read per job: a worker started without a key still takes its other work.
            keys: keyRingFromEnv(env),
            endpointPolicy,
            baseUrl,
            nextAttemptAt: earliestRetry(job, new Date()),
          });
          if (outcome.status === "pending") {
            throw new RetryLater(`alert delivery ${deliveryId}: ${outcome.error ?? "retrying"}`);
          }
        } catch (error) {
          if (error instanceof RetryLater) throw error;
          log(`alert delivery ${deliveryId} could not be attempted: ${describeError(error)}`);
          if (job.retryCount >= job.retryLimit) {
            await db.alertDelivery.updateMany({
              where: { id: deliveryId, status: "pending" },
              data: {
                status: "failed",
                nextAttemptAt: null,
                lastError: "Not sent: the worker met an error (its log says which).",
              },
            });
          }
          throw error;
        }
      }
    },
  );
}
