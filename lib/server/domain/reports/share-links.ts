import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { ReportView } from "@/lib/report/report-data";
import {
  createShareLinkSchema,
  revokeShareLinkSchema,
  type CreateShareLinkInput,
  type RevokeShareLinkInput,
} from "@/lib/schemas/reports";
import { actorOf, recordAudit } from "../audit";
import type { Caller } from "../caller";
import type { KeyRing } from "../access/credentials";
import { notFound, requireRole } from "../caller";
import type { Db } from "../../ops/db-client";
import { getEnv } from "../../ops/env";
import { parseReportInput, unsafeGetReportForShare } from "./reports";
import { keyRingFromEnv } from "../../ops/server-deps";

/**
 * Share links: a read-only link to one report that works without an account. The token is
 * `<secret>.<signature>`: 32 random bytes, and an HMAC-SHA256 over (link id, report id, expiry,
 * secret) keyed from CROSSBENCH_SECRET_KEY. Only a SHA-256 of the secret is stored, so the
 * database alone cannot produce a working link, and a link stops working when it expires, is
 * revoked, or the key changes.
 */

const SECRET_BYTES = 32;
const DAY_MS = 24 * 60 * 60 * 1000;
/** base64url of 32 bytes, without padding. */
const TOKEN_PART = /^[A-Za-z0-9_-]{43}$/;

/** The signing key: derived from the credentials key so the two uses never share a key. */
function signingKey(secretKey: Buffer): Buffer {
  return createHmac("sha256", secretKey).update("crossbench share-link v1").digest();
}

/**
 * The keys share links are signed with, from CROSSBENCH_SECRET_KEY: new links are signed with the
 * current key; links signed with a previous key (CROSSBENCH_SECRET_KEY_PREVIOUS) still verify.
 */
export function shareLinkKeyFromEnv(): KeyRing {
  return keyRingFromEnv(getEnv());
}

/** A single key (tests) or a key ring. */
export type ShareLinkKey = Buffer | KeyRing;

function keysOf(key: ShareLinkKey): { current: Buffer; all: Buffer[] } {
  if (Buffer.isBuffer(key)) return { current: key, all: [key] };
  return { current: key.current, all: [key.current, ...key.previous] };
}

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function sign(
  key: Buffer,
  link: { id: string; reportId: string; expiresAt: Date },
  secret: string,
): Buffer {
  return createHmac("sha256", signingKey(key))
    .update([link.id, link.reportId, link.expiresAt.toISOString(), secret].join("\n"))
    .digest();
}

/**
 * Creates a share link to a saved report (analysts and above). The token is returned once and
 * never stored.
 */
export async function createShareLink(
  caller: Caller,
  db: Db,
  input: CreateShareLinkInput,
  key: ShareLinkKey = shareLinkKeyFromEnv(),
  now: Date = new Date(),
): Promise<{ id: string; token: string; expiresAt: Date }> {
  requireRole(caller, "analyst");
  const { reportId, days } = parseReportInput(createShareLinkSchema, input);
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  return db.$transaction(async (tx) => {
    const report = await tx.report.findUnique({ where: { id: reportId }, select: { id: true } });
    if (!report) notFound("That report");
    const link = await tx.shareLink.create({
      data: {
        reportId,
        tokenHash: hashSecret(secret),
        expiresAt,
        createdById: caller.userId || null,
      },
      select: { id: true, reportId: true, expiresAt: true },
    });
    await recordAudit(tx, {
      action: "share_link.created",
      actor: actorOf(caller),
      targetType: "report",
      targetId: reportId,
      detail: { linkId: link.id, days, expiresAt: expiresAt.toISOString() },
      ipAddress: caller.ipAddress,
    });
    const signature = sign(keysOf(key).current, link, secret).toString("base64url");
    return { id: link.id, token: `${secret}.${signature}`, expiresAt: link.expiresAt };
  });
}

/** Revokes a share link (analysts and above); revoking twice keeps the first time. */
export async function revokeShareLink(
  caller: Caller,
  db: Db,
  input: RevokeShareLinkInput,
  now: Date = new Date(),
): Promise<{ id: string; reportId: string; revokedAt: Date }> {
  requireRole(caller, "analyst");
  const { linkId } = parseReportInput(revokeShareLinkSchema, input);
  return db.$transaction(async (tx) => {
    const link = await tx.shareLink.findUnique({
      where: { id: linkId },
      select: { id: true, reportId: true, revokedAt: true },
    });
    if (!link) notFound("That share link");
    if (link.revokedAt) return { id: link.id, reportId: link.reportId, revokedAt: link.revokedAt };
    const updated = await tx.shareLink.update({
      where: { id: linkId },
      data: { revokedAt: now },
      select: { id: true, reportId: true, revokedAt: true },
    });
    await recordAudit(tx, {
      action: "share_link.revoked",
      actor: actorOf(caller),
      targetType: "report",
      targetId: link.reportId,
      detail: { linkId },
      ipAddress: caller.ipAddress,
    });
    return { id: updated.id, reportId: updated.reportId, revokedAt: updated.revokedAt ?? now };
  });
}

/**
 * The report behind a share-link token, for anyone holding it: null when the token is malformed,
 * unknown, wrongly signed, expired or revoked. Returns that one report and nothing else (no
 * share links, no author).
 */
export async function getSharedReport(
  db: Db,
  token: string,
  key: ShareLinkKey = shareLinkKeyFromEnv(),
  now: Date = new Date(),
): Promise<ReportView | null> {
  const [secret, signature, ...rest] = token.split(".");
  if (!secret || !signature || rest.length > 0) return null;
  if (!TOKEN_PART.test(secret) || !TOKEN_PART.test(signature)) return null;
  const link = await db.shareLink.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: { id: true, reportId: true, expiresAt: true, revokedAt: true },
  });
  if (!link) return null;
  const given = Buffer.from(signature, "base64url");
  // Base64url decoding ignores the unused low bits of the last character; only the canonical
  // spelling is the signature, so a changed character is always refused.
  if (given.toString("base64url") !== signature) return null;
  // Every key is checked (no early exit), so timing does not tell which key matched.
  let isValid = false;
  for (const candidate of keysOf(key).all) {
    const expected = sign(candidate, link, secret);
    if (given.length === expected.length && timingSafeEqual(given, expected)) isValid = true;
  }
  if (!isValid) return null;
  if (link.revokedAt !== null || link.expiresAt.getTime() <= now.getTime()) return null;
  return unsafeGetReportForShare(db, link.reportId);
}
