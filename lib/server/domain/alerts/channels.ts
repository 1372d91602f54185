import { checkEndpointUrl, type EndpointPolicyOptions } from "@/lib/router/endpoint-policy";
import {
  ALERT_DELIVERY_STATUSES,
  ALERT_KINDS,
  createAlertChannelSchema,
  type AlertDeliveryStatus,
  type AlertKind,
  type CreateAlertChannelInput,
} from "@/lib/schemas/alerts";
import { actorOf, recordAudit } from "../audit";
import type { KeyRing } from "../access/credentials";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import { AppError } from "../errors";
import { parseReportInput as parseInput } from "../reports/reports";
import type { Db } from "../../ops/db-client";
import {
  decryptSecret,
  encryptSecret,
  isSealedWith,
  lastFour,
  reencryptSecret,
  secretKeyId,
} from "../../ops/secret-box";
import { generateSigningSecret } from "./signature";

/**
 * Webhook alert channels, managed by admins. The URL is checked by the endpoint policy when saved
 * (and again before every delivery, see deliveries.ts); the signing secret is sealed like a
 * provider credential, bound to its channel. The full URL never leaves this module either: a
 * webhook URL is often a credential itself (Slack's carry their token in the path), so views,
 * audit events and logs name its host only.
 */

export type AlertChannelView = {
  id: string;
  name: string;
  /** The URL's host (and port): enough to tell channels apart, not enough to post to them. */
  host: string;
  isEnabled: boolean;
  /** The secret's last four characters ("" when too short to show any); null when unreadable. */
  secretHint: string | null;
  /** False when the secret was sealed under a key this server no longer has. */
  isSecretReadable: boolean;
  createdAt: Date;
  /** The channel's most recent delivery, whatever its kind; null before the first. */
  lastDelivery: LastDeliveryView | null;
};

/** What a channel shows of its most recent delivery. */
export type LastDeliveryView = {
  id: string;
  kind: AlertKind;
  status: AlertDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
};

export type AlertChannelDeps = { keys: KeyRing; endpointPolicy: EndpointPolicyOptions };

type ChannelRow = {
  id: string;
  name: string;
  url: string;
  isEnabled: boolean;
  sealedSecret: string;
  createdAt: Date;
  deliveries?: {
    id: string;
    kind: string;
    status: string;
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    createdAt: Date;
  }[];
};

/** A stored kind or status as its type (the values are only ever written by this module's kin). */
export const asAlertKind = (value: string): AlertKind =>
  ALERT_KINDS.find((kind) => kind === value) ?? "regression";
export const asDeliveryStatus = (value: string): AlertDeliveryStatus =>
  ALERT_DELIVERY_STATUSES.find((status) => status === value) ?? "failed";

const aad = (channelId: string) => `alert-channel:${channelId}:secret`;

/** The host of a stored URL (it passed the policy, so it parses). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "an invalid address";
  }
}

/** Opens a channel's signing secret. Never send it anywhere but into a signature. */
export function unsafeOpenChannelSecret(
  keys: KeyRing,
  channel: { id: string; sealedSecret: string },
): string {
  return decryptSecret([keys.current, ...keys.previous], channel.sealedSecret, aad(channel.id));
}

function toView(row: ChannelRow, keys: KeyRing): AlertChannelView {
  const last = row.deliveries?.[0];
  let secretHint: string | null = null;
  try {
    secretHint = lastFour(unsafeOpenChannelSecret(keys, row));
  } catch {
    // Sealed under a key that is gone: the view says so instead of failing the whole page.
  }
  return {
    id: row.id,
    name: row.name,
    host: hostOf(row.url),
    isEnabled: row.isEnabled,
    secretHint,
    isSecretReadable: secretHint !== null,
    createdAt: row.createdAt,
    lastDelivery: last
      ? {
          id: last.id,
          kind: asAlertKind(last.kind),
          status: asDeliveryStatus(last.status),
          attempts: last.attempts,
          lastStatusCode: last.lastStatusCode,
          lastError: last.lastError,
          createdAt: last.createdAt,
        }
      : null,
  };
}

const CHANNEL_COLUMNS = {
  id: true,
  name: true,
  url: true,
  isEnabled: true,
  sealedSecret: true,
  createdAt: true,
} as const;

/**
 * Saves a new webhook channel, enabled. Without a secret in the input one is generated and
 * returned (once: it is stored sealed and never shown again), for the receiver to verify with.
 * Admins only.
 */
export async function createAlertChannel(
  caller: Caller,
  db: Db,
  input: CreateAlertChannelInput,
  deps: AlertChannelDeps,
): Promise<{ channel: AlertChannelView; generatedSecret: string | null }> {
  requireRole(caller, "admin");
  const channel = parseInput(createAlertChannelSchema, input);
  const check = await checkEndpointUrl(channel.url, deps.endpointPolicy);
  if (!check.ok) throw new AppError("INVALID_INPUT", check.message, { url: [check.message] });
  const url = check.url.toString();
  const generatedSecret = channel.secret === "" ? generateSigningSecret() : null;
  const secret = generatedSecret ?? channel.secret;

  const row = await db.$transaction(async (tx) => {
    // The sealed secret is bound to the row's id, which exists once the row does.
    const created = await tx.alertChannel.create({
      data: {
        name: channel.name,
        url,
        sealedSecret: "",
        keyId: secretKeyId(deps.keys.current),
        createdById: caller.userId || null,
      },
      select: { id: true },
    });
    const saved = await tx.alertChannel.update({
      where: { id: created.id },
      data: { sealedSecret: encryptSecret(deps.keys.current, secret, aad(created.id)) },
      select: CHANNEL_COLUMNS,
    });
    await recordAudit(tx, {
      action: "alert_channel.created",
      actor: actorOf(caller),
      targetType: "alert_channel",
      targetId: created.id,
      detail: {
        name: channel.name,
        host: check.url.host,
        secretGenerated: generatedSecret !== null,
      },
      ipAddress: caller.ipAddress,
    });
    return saved;
  });
  return { channel: toView(row, deps.keys), generatedSecret };
}

/** Every channel, oldest first, without its URL's path or its secret. Admins only. */
export async function listAlertChannels(
  caller: Caller,
  db: Db,
  keys: KeyRing,
): Promise<AlertChannelView[]> {
  requireRole(caller, "admin");
  const rows = await db.alertChannel.findMany({
    select: {
      ...CHANNEL_COLUMNS,
      deliveries: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1,
        select: {
          id: true,
          kind: true,
          status: true,
          attempts: true,
          lastStatusCode: true,
          lastError: true,
          createdAt: true,
        },
      },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => toView(row, keys));
}

/** Turns a channel's regression alerts on or off. Admins only. */
export async function setAlertChannelEnabled(
  caller: Caller,
  db: Db,
  input: { channelId: string; isEnabled: boolean },
): Promise<{ id: string; isEnabled: boolean }> {
  requireRole(caller, "admin");
  return db.$transaction(async (tx) => {
    const updated = await tx.alertChannel.updateMany({
      where: { id: input.channelId },
      data: { isEnabled: input.isEnabled },
    });
    if (updated.count === 0) notFound("That alert channel");
    await recordAudit(tx, {
      action: input.isEnabled ? "alert_channel.enabled" : "alert_channel.disabled",
      actor: actorOf(caller),
      targetType: "alert_channel",
      targetId: input.channelId,
      ipAddress: caller.ipAddress,
    });
    return { id: input.channelId, isEnabled: input.isEnabled };
  });
}

/** Deletes a channel and its delivery history. Admins only. */
export async function deleteAlertChannel(caller: Caller, db: Db, channelId: string): Promise<void> {
  requireRole(caller, "admin");
  await db.$transaction(async (tx) => {
    const channel = await tx.alertChannel.findUnique({
      where: { id: channelId },
      select: { name: true, url: true },
    });
    if (!channel) notFound("That alert channel");
    await tx.alertChannel.delete({ where: { id: channelId } });
    await recordAudit(tx, {
      action: "alert_channel.deleted",
      actor: actorOf(caller),
      targetType: "alert_channel",
      targetId: channelId,
      detail: { name: channel.name, host: hostOf(channel.url) },
      ipAddress: caller.ipAddress,
    });
  });
}

/**
 * Re-seals every channel's secret under `newKey`, in one transaction, skipping those already under
 * it (so an interrupted rotation can be re-run). The companion of unsafeRotateCredentialKey.
 */
export async function unsafeRotateAlertChannelKey(
  db: Db,
  oldKeys: readonly Buffer[],
  newKey: Buffer,
): Promise<{ channels: number }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`LOCK TABLE "AlertChannel" IN SHARE ROW EXCLUSIVE MODE`;
    const rows = await tx.alertChannel.findMany({ select: { id: true, sealedSecret: true } });
    for (const row of rows) {
      if (isSealedWith(row.sealedSecret, newKey)) continue;
      await tx.alertChannel.update({
        where: { id: row.id },
        data: {
          sealedSecret: reencryptSecret(oldKeys, newKey, row.sealedSecret, aad(row.id)),
          keyId: secretKeyId(newKey),
        },
      });
    }
    await recordAudit(tx, {
      action: "alert_channel.rotated",
      actor: { id: null, email: "command line" },
      detail: { channels: rows.length, keyId: secretKeyId(newKey) },
    });
    return { channels: rows.length };
  });
}
