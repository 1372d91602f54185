import "server-only";
import { loadReportForExport } from "./load-report";
import { reportDownload, type ReportDownload } from "./report-export";
import type { Caller } from "@/lib/server/domain/caller";
import { getDb } from "@/lib/server/ops/db";
import { recordReportExport } from "@/lib/server/domain/reports/reports";
import { authedRoute } from "@/lib/server/http/route";

/**
 * A signed-in caller's download of a report in one format, as a route handler: authenticated and
 * authorized (viewers may read reports), audited, streamed.
 */
export function signedInDownloadRoute(format: ReportDownload) {
  return authedRoute<{ id: string }>("viewer", (caller, _request, { id }) =>
    signedInDownload(caller, id, format),
  );
}

async function signedInDownload(
  caller: Caller,
  id: string,
  format: ReportDownload,
): Promise<Response> {
  const db = getDb();
  const loaded = await loadReportForExport(caller, db, id);
  if ("response" in loaded) return loaded.response;
  await recordReportExport(caller, db, loaded.view.id, format);
  return reportDownload(loaded.view, format);
}
