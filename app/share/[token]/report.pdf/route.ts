import { pdfDownload } from "@/app/(app)/reports/[id]/report-export";
import { getDb } from "@/lib/server/ops/db";
import { BrowserUnavailableError, printPagePdf } from "@/lib/server/domain/reports/report-pdf";
import { recordReportExport } from "@/lib/server/domain/reports/reports";
import { publicRoute } from "@/lib/server/http/route";
import { loadSharedReport } from "../load-shared";
import { SHARE_LINK_REASON } from "../shared-download";

export const dynamic = "force-dynamic";

/** The shared report printed to PDF: the share page itself, loaded without any cookie. */
export const GET = publicRoute<{ token: string }>(
  SHARE_LINK_REASON,
  async (_request, { token }) => {
    const view = await loadSharedReport(token);
    if (!view) return new Response("This share link is not valid.", { status: 404 });
    let pdf: Uint8Array;
    try {
      pdf = await printPagePdf({
        // loadSharedReport accepted the token, so it holds base64url characters and dots only.
        path: `/share/${encodeURIComponent(token)}?print=1`,
        cookie: null,
        footerLabel: `${view.title}${view.isSimulated ? " · SIMULATED DATA" : ""}`,
      });
    } catch (error) {
      if (error instanceof BrowserUnavailableError) {
        return new Response(`PDF export needs Chromium on the server. ${error.message}`, {
          status: 503,
        });
      }
      console.error("[share report.pdf] printing failed:", error);
      return new Response("The PDF could not be printed. Try again, or export Markdown.", {
        status: 500,
      });
    }
    await recordReportExport(null, getDb(), view.id, "pdf", "share");
    return pdfDownload(view, pdf);
  },
);
