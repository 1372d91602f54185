import "server-only";
import { reportCsvPieces, reportToJson } from "@/lib/report/exports";
import type { ReportView } from "@/lib/report/report-data";
import { bytesDownload, textDownload } from "@/lib/server/http/download";
import { reportToMarkdown } from "@/lib/report/markdown";

/**
 * The report's downloads, shared by the signed-in routes and the share page's: each a stream
 * (encoded piece by piece as the client reads) with a file name saying what it is.
 */

export type ReportDownload = "markdown" | "json" | "csv";

/** Characters per streamed piece of a text built in one go (Markdown, JSON). */
const PIECE = 64 * 1024;

function fileStem(view: ReportView): string {
  const slug = view.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `crossbench-report-${slug || view.id.replace(/[^A-Za-z0-9_-]/g, "")}`;
}

function* chunksOf(text: string): Generator<string> {
  for (let at = 0; at < text.length; at += PIECE) yield text.slice(at, at + PIECE);
}

/** A streamed download of one report in the given format. */
export function reportDownload(view: ReportView, format: ReportDownload): Response {
  const stem = fileStem(view);
  const file =
    format === "markdown"
      ? {
          type: "text/markdown; charset=utf-8",
          name: `${stem}.md`,
          pieces: () => chunksOf(reportToMarkdown(view)),
        }
      : format === "json"
        ? {
            type: "application/json; charset=utf-8",
            name: `${stem}.json`,
            pieces: () => chunksOf(reportToJson(view)),
          }
        : {
            type: "text/csv; charset=utf-8",
            name: `${stem}-tables.csv`,
            pieces: () => reportCsvPieces(view),
          };
  return textDownload({ fileName: file.name, contentType: file.type, pieces: file.pieces() });
}

/** A PDF already printed, as a download. */
export function pdfDownload(view: ReportView, pdf: Uint8Array): Response {
  return bytesDownload({
    fileName: `${fileStem(view)}.pdf`,
    contentType: "application/pdf",
    bytes: pdf,
  });
}
