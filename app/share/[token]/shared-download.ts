import "server-only";
import { reportDownload, type ReportDownload } from "@/app/(app)/reports/[id]/report-export";
import { getDb } from "@/lib/server/db";
import { recordReportExport } from "@/lib/server/reports";
import { loadSharedReport } from "./load-shared";

/** A download through a share link: refused (404) once the link is expired or revoked; audited. */
export async function sharedDownload(
  params: Promise<{ token: string }>,
  format: ReportDownload,
): Promise<Response> {
  const { token } = await params;
  const view = await loadSharedReport(token);
  if (!view) return new Response("This share link is not valid.", { status: 404 });
  await recordReportExport(null, getDb(), view.id, format, "share");
  return reportDownload(view, format);
}
