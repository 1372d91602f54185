import "server-only";
import { reportDownload, type ReportDownload } from "@/app/(app)/reports/[id]/report-export";
import { getDb } from "@/lib/server/ops/db";
import { publicRoute } from "@/lib/server/http/route";
import { recordReportExport } from "@/lib/server/domain/reports/reports";
import { loadSharedReport } from "./load-shared";

/** Why share downloads are public: the token in the URL is the credential, checked here. */
export const SHARE_LINK_REASON =
  "a share link's token is its credential: it is verified (signature, expiry, revocation) before anything is read";

/** A download through a share link: refused (404) once the link is expired or revoked; audited. */
export function sharedDownloadRoute(format: ReportDownload) {
  return publicRoute<{ token: string }>(SHARE_LINK_REASON, (_request, { token }) =>
    sharedDownload(token, format),
  );
}

async function sharedDownload(token: string, format: ReportDownload): Promise<Response> {
  const view = await loadSharedReport(token);
  if (!view) return new Response("This share link is not valid.", { status: 404 });
  await recordReportExport(null, getDb(), view.id, format, "share");
  return reportDownload(view, format);
}
