import { STATUS_CODES } from "node:http";
import type { EndpointPolicyOptions } from "@/lib/router/endpoint-policy";
import { createSafeFetch, findEndpointRefusal } from "@/lib/router/safe-fetch";
import {
  alertFactsSchema,
  type AlertDeliveryStatus,
  type AlertFacts,
  type AlertKind,
} from "@/lib/schemas/alerts";
import { buildAlertBody, buildTestAlertFacts } from "@/lib/views/alerts";
import { actorOf, recordAudit } from "../audit";
import type { KeyRing } from "../access/credentials";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import type { Db } from "../../ops/db-client";
import { asAlertKind, asDeliveryStatus, hostOf, unsafeOpenChannelSecret } from "./channels";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhookBody, TIMESTAMP_HEADER } from "./signature";

/**
 * Alert deliveries: one message to one channel, with every attempt's outcome. Queued here, sent by
 * the workers (lib/server/eval/alert-worker.ts), which retry through pg-boss with backoff.
 *
 * An attempt checks the channel's URL with the endpoint policy again (DNS can change since it was
 * saved) and refuses before any connection is made; POSTs the signed JSON body with a timeout;
 * follows no redirect; and reads no response body: only the status code is kept, with a short
 * reason in words when it failed. 2xx is delivered; 408, 429, 5xx and network errors are retried;
 * anything else (another 4xx, a redirect, a refused URL) fails at once.
 */

/** Hands new deliveries to the queue that sends them (see createAlertSender). */
export type SendAlertDeliveries = (deliveryIds: string[]) => Promise<void>;

/** How long an attempt waits for the response's status line. */
export const ALERT_TIMEOUT_MS = 10_000;

/** Queues `deliveryIds`; if the queue refuses them they are marked failed, so none waits forever. */
async function dispatch(db: Db, deliveryIds: string[], send: SendAlertDeliveries): Promise<void> {
  try {
    await send(deliveryIds);
  } catch (error) {
    await db.alertDelivery.updateMany({
      where: { id: { in: deliveryIds }, status: "pending" },
      data: { status: "failed", lastError: "Could not be queued for sending." },
    });
    throw error;
  }
}

/**
 * Creates one delivery per enabled channel per regression (none twice: a regression already
 * queued to a channel is skipped) and hands the new ones to `send`. Called by the regression
 * detector after a scheduled run; no caller, since no one asked for it.
 *
 * @returns how many deliveries were queued.
 */
export async function queueRegressionAlerts(
  db: Db,
  regressionIds: string[],
  send: SendAlertDeliveries,
): Promise<number> {
  if (regressionIds.length === 0) return 0;
  const channels = await db.alertChannel.findMany({
    where: { isEnabled: true },
    select: { id: true },
  });
  if (channels.length === 0) return 0;
  const regressions = await db.regression.findMany({
    where: { id: { in: regressionIds } },
    include: { schedule: { select: { id: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const runs = await db.evalRun.findMany({
    where: { id: { in: [...new Set(regressions.map((regression) => regression.runId))] } },
    select: {
      id: true,
      isSimulated: true,
      targets: { select: { label: true, isSimulated: true } },
    },
  });
  const runById = new Map(runs.map((run) => [run.id, run]));
  const queued = await db.alertDelivery.findMany({
    where: { regressionId: { in: regressionIds } },
    select: { regressionId: true, channelId: true },
  });
  const isQueued = new Set(queued.map((row) => `${row.regressionId}/${row.channelId}`));

  const rows = regressions.flatMap((regression) => {
    const run = runById.get(regression.runId);
    const target = run?.targets.find((candidate) => candidate.label === regression.targetLabel);
    const facts: AlertFacts = {
      kind: "regression",
      rule: regression.rule,
      summary: regression.summary,
      target: regression.targetLabel,
      regressionId: regression.id,
      runId: regression.runId,
      previousRunId: regression.previousRunId,
      schedule: regression.schedule,
      createdAt: regression.createdAt.toISOString(),
      simulated: target?.isSimulated ?? run?.isSimulated ?? false,
    };
    return channels
      .filter((channel) => !isQueued.has(`${regression.id}/${channel.id}`))
      .map((channel) => ({
        channelId: channel.id,
        regressionId: regression.id,
        kind: "regression",
        payload: facts,
      }));
  });
  if (rows.length === 0) return 0;
  const created = await db.alertDelivery.createManyAndReturn({ data: rows, select: { id: true } });
  const ids = created.map((row) => row.id);
  await dispatch(db, ids, send);
  return ids.length;
}

/**
 * Queues a test message to one channel, enabled or not (a channel can be tried before it is turned
 * on), and records who asked. Admins only.
 */
export async function sendTestMessage(
  caller: Caller,
  db: Db,
  input: { channelId: string },
  send: SendAlertDeliveries,
): Promise<{ deliveryId: string }> {
  requireRole(caller, "admin");
  const channel = await db.alertChannel.findUnique({
    where: { id: input.channelId },
    select: { id: true, name: true, url: true },
  });
  if (!channel) notFound("That alert channel");
  const delivery = await db.$transaction(async (tx) => {
    const created = await tx.alertDelivery.create({
      data: {
        channelId: channel.id,
        kind: "test",
        payload: buildTestAlertFacts(channel.name, new Date()),
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      action: "alert_channel.tested",
      actor: actorOf(caller),
      targetType: "alert_channel",
      targetId: channel.id,
      detail: { name: channel.name, host: hostOf(channel.url), deliveryId: created.id },
      ipAddress: caller.ipAddress,
    });
    return created;
  });
  await dispatch(db, [delivery.id], send);
  return { deliveryId: delivery.id };
}

/** A delivery as the Settings page lists it. */
export type AlertDeliveryView = {
  id: string;
  createdAt: Date;
  channelId: string;
  channelName: string;
  kind: AlertKind;
  status: AlertDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  /** The earliest time of the next attempt, while one is due. */
  nextAttemptAt: Date | null;
  /** The regression's target, for regression alerts. */
  target: string | null;
};

/** The most recent deliveries, newest first (at most `limit`, default 50). Admins only. */
export async function listAlertDeliveries(
  caller: Caller,
  db: Db,
  options: { limit?: number } = {},
): Promise<AlertDeliveryView[]> {
  requireRole(caller, "admin");
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 200);
  const rows = await db.alertDelivery.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      createdAt: true,
      channelId: true,
      channel: { select: { name: true } },
      regression: { select: { targetLabel: true } },
      kind: true,
      status: true,
      attempts: true,
      lastStatusCode: true,
      lastError: true,
      deliveredAt: true,
      nextAttemptAt: true,
    },
  });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    channelId: row.channelId,
    channelName: row.channel.name,
    kind: asAlertKind(row.kind),
    status: asDeliveryStatus(row.status),
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt : null,
    target: row.regression?.targetLabel ?? null,
  }));
}

export type DeliveryAttemptDeps = {
  keys: KeyRing;
  /** The same policy channels were saved under (endpointPolicyFromEnv in the app and workers). */
  endpointPolicy: EndpointPolicyOptions;
  /** The app's public address, for links in the body (CROSSBENCH_URL). */
  baseUrl: string;
  /** When a retryable failure is tried again, at the earliest; null: this is the last attempt. */
  nextAttemptAt: Date | null;
  timeoutMs?: number;
  now?: () => Date;
};

/** What an attempt did. `pending`: it failed in a way worth retrying, and a retry is due. */
export type DeliveryOutcome =
  | {
      status: AlertDeliveryStatus;
      attempts: number;
      statusCode: number | null;
      error: string | null;
    }
  | { status: "skipped"; reason: string };

type Answer =
  | { kind: "answered"; statusCode: number }
  | { kind: "refused"; error: string }
  | { kind: "unreachable"; error: string };

// One safe fetch per policy: its connection pool checks every address it connects to.
const fetchers = new WeakMap<EndpointPolicyOptions, typeof fetch>();

function safeFetchFor(policy: EndpointPolicyOptions): typeof fetch {
  let safeFetch = fetchers.get(policy);
  if (!safeFetch) {
    // No redirect is followed: a receiver that moved must be saved under its new address.
    safeFetch = createSafeFetch({ ...policy, maxRedirects: 0 });
    fetchers.set(policy, safeFetch);
  }
  return safeFetch;
}

function describeStatus(statusCode: number): string {
  const reason = STATUS_CODES[statusCode];
  return `The endpoint answered ${statusCode}${reason ? ` ${reason}` : ""}`;
}

function errorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return null;
}

async function post(
  url: string,
  init: { body: string; headers: Record<string, string> },
  policy: EndpointPolicyOptions,
  timeoutMs: number,
): Promise<Answer> {
  const signal = AbortSignal.timeout(timeoutMs);
  const host = hostOf(url);
  try {
    const response = await safeFetchFor(policy)(url, {
      method: "POST",
      headers: init.headers,
      body: init.body,
      signal,
    });
    // The body is never read or stored: a receiver's answer is not ours to keep.
    await response.body?.cancel().catch(() => undefined);
    return { kind: "answered", statusCode: response.status };
  } catch (error) {
    const refusal = findEndpointRefusal(error);
    if (refusal?.reason === "too-many-redirects" || refusal?.reason === "cross-host-redirect") {
      return {
        kind: "refused",
        error:
          "The endpoint answered with a redirect, which deliveries do not follow: save the address it redirects to.",
      };
    }
    if (refusal) return { kind: "refused", error: `Refused before connecting: ${refusal.message}` };
    if (signal.aborted) {
      return {
        kind: "unreachable",
        error: `No answer from ${host} within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}.`,
      };
    }
    const code = errorCode(error);
    return { kind: "unreachable", error: `Could not reach ${host}${code ? ` (${code})` : ""}.` };
  }
}

const isRetryableStatus = (statusCode: number) =>
  statusCode === 408 || statusCode === 429 || statusCode >= 500;

/**
 * Makes one attempt at a delivery and records it. A delivery that is no longer pending (sent by an
 * earlier run of the same job, or settled) or whose channel was deleted is skipped; a regression
 * alert to a channel disabled since it was queued is not sent.
 */
export async function attemptDelivery(
  db: Db,
  deliveryId: string,
  deps: DeliveryAttemptDeps,
): Promise<DeliveryOutcome> {
  const now = deps.now ?? (() => new Date());
  const delivery = await db.alertDelivery.findUnique({
    where: { id: deliveryId },
    include: {
      channel: { select: { id: true, url: true, sealedSecret: true, isEnabled: true } },
    },
  });
  if (!delivery) return { status: "skipped", reason: "the delivery or its channel was deleted" };
  if (delivery.status !== "pending") {
    return { status: "skipped", reason: `the delivery is already ${delivery.status}` };
  }

  const settle = async (
    status: AlertDeliveryStatus,
    result: { statusCode: number | null; error: string | null; isAttempt: boolean },
  ): Promise<DeliveryOutcome> => {
    const attempts = delivery.attempts + (result.isAttempt ? 1 : 0);
    const at = now();
    await db.alertDelivery.updateMany({
      where: { id: deliveryId, status: "pending" },
      data: {
        status,
        attempts,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        nextAttemptAt: status === "pending" ? deps.nextAttemptAt : null,
        deliveredAt: status === "delivered" ? at : null,
      },
    });
    return { status, attempts, statusCode: result.statusCode, error: result.error };
  };

  if (delivery.kind === "regression" && !delivery.channel.isEnabled) {
    return settle("failed", {
      statusCode: null,
      error: "Not sent: the channel was disabled after this alert was queued.",
      isAttempt: false,
    });
  }
  const facts = alertFactsSchema.safeParse(delivery.payload);
  if (!facts.success) {
    return settle("failed", {
      statusCode: null,
      error: "Not sent: the stored message is not in a shape this version reads.",
      isAttempt: false,
    });
  }
  let secret: string;
  try {
    secret = unsafeOpenChannelSecret(deps.keys, delivery.channel);
  } catch {
    return settle("failed", {
      statusCode: null,
      error:
        "Not sent: the channel's signing secret was sealed under a key this server no longer has; delete the channel and add it again.",
      isAttempt: false,
    });
  }

  const body = JSON.stringify(buildAlertBody(facts.data, deps.baseUrl));
  const timestamp = Math.floor(now().getTime() / 1000);
  const answer = await post(
    delivery.channel.url,
    {
      body,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Crossbench-Webhook/1",
        [DELIVERY_HEADER]: delivery.id,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhookBody(secret, timestamp, body),
      },
    },
    deps.endpointPolicy,
    deps.timeoutMs ?? ALERT_TIMEOUT_MS,
  );

  if (answer.kind === "answered" && answer.statusCode >= 200 && answer.statusCode < 300) {
    return settle("delivered", { statusCode: answer.statusCode, error: null, isAttempt: true });
  }
  const statusCode = answer.kind === "answered" ? answer.statusCode : null;
  const isRetryable =
    answer.kind === "unreachable" ||
    (answer.kind === "answered" && isRetryableStatus(answer.statusCode));
  const error =
    answer.kind === "answered"
      ? `${describeStatus(answer.statusCode)}${isRetryable ? "." : "; not retried."}`
      : answer.error;
  if (!isRetryable) return settle("failed", { statusCode, error, isAttempt: true });
  if (deps.nextAttemptAt) return settle("pending", { statusCode, error, isAttempt: true });
  const attempts = delivery.attempts + 1;
  return settle("failed", {
    statusCode,
    error: `${error} Gave up after ${attempts} attempt${attempts === 1 ? "" : "s"}.`,
    isAttempt: true,
  });
}
