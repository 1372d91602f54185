import "server-only";
import type { ReportView } from "@/lib/report/report-data";
import { getDb } from "@/lib/server/ops/db";
import { decodeRouteParam } from "@/lib/server/http/route-params";
import { getSharedReport, shareLinkKeyFromEnv } from "@/lib/server/domain/reports/share-links";

/** The report a share token opens, or null when the token is unknown, expired or revoked. */
export async function loadSharedReport(rawToken: string): Promise<ReportView | null> {
  const token = decodeRouteParam(rawToken);
  // Tokens are base64url parts joined by dots; anything else is refused without a query.
  if (token === null || !/^[A-Za-z0-9_.-]{16,400}$/.test(token)) return null;
  return getSharedReport(getDb(), token, shareLinkKeyFromEnv());
}
