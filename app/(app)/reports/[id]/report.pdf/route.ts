import { loadReportForExport } from "../load-report";
import { pdfDownload } from "../report-export";
import { getDb } from "@/lib/server/ops/db";
import { BrowserUnavailableError, printPagePdf } from "@/lib/server/domain/reports/report-pdf";
import { recordReportExport } from "@/lib/server/domain/reports/reports";
import { authedRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/**
 * The report printed to PDF by headless Chromium: the report page (print styles, charts as SVG)
 * loaded on this server as the caller, whose session cookie is forwarded.
 */
export const GET = authedRoute<{ id: string }>("viewer", async (caller, request, { id }) => {
  const db = getDb();
  const loaded = await loadReportForExport(caller, db, id);
  if ("response" in loaded) return loaded.response;
  const { view } = loaded;
  let pdf: Uint8Array;
  try {
    pdf = await printPagePdf({
      path: `/reports/${encodeURIComponent(view.id)}?print=1`,
      cookie: request.headers.get("cookie"),
      footerLabel: `${view.title}${view.isSimulated ? " · SIMULATED DATA" : ""}`,
    });
  } catch (error) {
    if (error instanceof BrowserUnavailableError) {
      return new Response(`PDF export needs Chromium on the server. ${error.message}`, {
        status: 503,
      });
    }
    console.error("[report.pdf] printing failed:", error);
    return new Response("The PDF could not be printed. Try again, or export Markdown.", {
      status: 500,
    });
  }
  await recordReportExport(caller, db, view.id, "pdf");
  return pdfDownload(view, pdf);
});
