import "server-only";
import { loadReportForExport } from "./load-report";
import { reportDownload, type ReportDownload } from "./report-export";
import { getDb } from "@/lib/server/db";
import { recordReportExport } from "@/lib/server/reports";
import { decodeRouteParam } from "@/lib/server/route-params";
import { getCaller } from "@/lib/server/session";

/** A signed-in caller's download of a report: authenticated, authorized, audited, streamed. */
export async function signedInDownload(
  params: Promise<{ id: string }>,
  format: ReportDownload,
): Promise<Response> {
  const caller = await getCaller();
  if (!caller) return new Response("Sign in to download this report.", { status: 401 });
  const id = decodeRouteParam((await params).id);
  if (id === null) return new Response("That report was not found.", { status: 404 });
  const db = getDb();
  const loaded = await loadReportForExport(caller, db, id);
  if ("response" in loaded) return loaded.response;
  await recordReportExport(caller, db, loaded.view.id, format);
  return reportDownload(loaded.view, format);
}
