import "server-only";
import type { Caller } from "@/lib/server/domain/caller";
import type { Db } from "@/lib/server/ops/db-client";
import { AppError } from "@/lib/server/domain/errors";
import { getReportView } from "@/lib/server/domain/reports/reports";
import type { ReportView } from "@/lib/report/report-data";

/** A report for an export route, or the response refusing it (404, 403) before any byte is sent. */
export async function loadReportForExport(
  caller: Caller,
  db: Db,
  id: string,
): Promise<{ view: ReportView } | { response: Response }> {
  try {
    return { view: await getReportView(caller, db, id) };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      return { response: new Response("That report was not found.", { status: 404 }) };
    }
    if (error instanceof AppError && error.code === "FORBIDDEN") {
      return { response: new Response("Your role cannot export this report.", { status: 403 }) };
    }
    throw error;
  }
}
