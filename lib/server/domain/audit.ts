import type { Prisma } from "@/prisma/generated/client";
import type { Db } from "../ops/db-client";
import type { Caller } from "./caller";
import { requireRole } from "./caller";

/** Audit actions; later features add theirs (runs, suites, syncs, exports). */
export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_out"
  | "auth.password_changed"
  | "user.first_admin_created"
  | "user.created"
  | "user.role_changed"
  | "credential.saved"
  | "credential.deleted"
  | "credential.rotated"
  | "catalog.synced"
  | "catalog.sync_schedule_saved"
  | "catalog.sync_requested"
  | "suite.imported"
  | "run.launched"
  | "run.cancelled"
  | "run.deleted"
  | "run.exported"
  | "schedule.created"
  | "schedule.paused"
  | "schedule.resumed"
  | "schedule.deleted"
  | "schedule.run_now"
  | "schedule.edited"
  | "alert_channel.created"
  | "alert_channel.enabled"
  | "alert_channel.disabled"
  | "alert_channel.deleted"
  | "alert_channel.tested"
  | "alert_channel.rotated"
  | "routing_policy.saved"
  | "report.created"
  | "report.updated"
  | "report.exported"
  | "share_link.created"
  | "share_link.revoked";

export type AuditEntry = {
  action: AuditAction;
  actor?: { id: string | null; email: string | null } | null;
  targetType?: string;
  targetId?: string;
  /** Never a secret: callers pass names, roles, platform ids, last-four hints at most. */
  detail?: Prisma.InputJsonValue;
  ipAddress?: string | null;
};

type AuditWriter = Pick<Db, "auditEvent">;

/** Records one event. Takes a transaction client when the event belongs to a change. */
export async function recordAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: entry.action,
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      detail: entry.detail,
      ipAddress: entry.ipAddress ?? null,
    },
  });
}

export function actorOf(caller: Caller) {
  return { id: caller.userId, email: caller.email };
}

export type AuditFilter = {
  action?: string;
  actor?: string;
  /** Rows strictly older than this one in (at, id) order: the last row of the previous page. */
  before?: Date;
  beforeId?: string;
  limit?: number;
};

/** Prisma passes `startsWith` and `contains` to LIKE as they are: `%` and `_` must match themselves. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** The audit log, newest first, for admins. */
export async function listAuditEvents(caller: Caller, db: Db, filter: AuditFilter = {}) {
  requireRole(caller, "admin");
  // A limit from a query string may be NaN (which Prisma rejects) or fractional.
  const requested =
    filter.limit === undefined || Number.isNaN(filter.limit) ? 100 : Math.trunc(filter.limit);
  const limit = Math.min(Math.max(requested, 1), 500);
  return db.auditEvent.findMany({
    where: {
      ...(filter.action ? { action: { startsWith: likeLiteral(filter.action) } } : {}),
      ...(filter.actor
        ? { actorEmail: { contains: likeLiteral(filter.actor), mode: "insensitive" as const } }
        : {}),
      // Events of one transaction share a timestamp, so the cursor is (at, id), not at alone.
      ...(filter.before
        ? filter.beforeId
          ? {
              OR: [
                { at: { lt: filter.before } },
                { at: filter.before, id: { lt: filter.beforeId } },
              ],
            }
          : { at: { lt: filter.before } }
        : {}),
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
}

/**
 * better-auth answers a rate-limited sign-in before its hooks run, so the auth route records it
 * from the request it refused (the email only, never the password).
 */
export async function recordRateLimitedSignIn(
  db: Db,
  request: Request,
  ipAddress: string | null,
): Promise<void> {
  let email: string | null = null;
  try {
    const body: unknown = await request.json();
    if (
      typeof body === "object" &&
      body !== null &&
      "email" in body &&
      typeof body.email === "string"
    ) {
      email = body.email.slice(0, 254).toLowerCase();
    }
  } catch {
    // Not JSON: record the attempt without an email.
  }
  await recordAudit(db, {
    action: "auth.sign_in_failed",
    actor: { id: null, email },
    detail: { reason: "rate limited" },
    ipAddress,
  });
}
