import "server-only";
import { formatCsvRow } from "@/lib/report/csv";
import type { ReportTable, ReportView } from "@/lib/report/report-data";
import { bytesDownload, textDownload } from "@/lib/server/http/download";
import { reportToMarkdown } from "@/lib/report/markdown";
import { buildBrief } from "@/lib/report/brief";
import { reportTables } from "@/lib/report/tables";

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

/** Every table as a CSV section: a `table,<name>` line, its header, its rows, a blank line. */
function* csvSections(tables: ReportTable[]): Generator<string> {
  for (const [index, table] of tables.entries()) {
    if (index > 0) yield "\r\n";
    yield formatCsvRow(["table", table.name]);
    yield formatCsvRow(table.header);
    let batch = "";
    for (const [n, row] of table.rows.entries()) {
      batch += formatCsvRow(row);
      if (n % 200 === 199) {
        yield batch;
        batch = "";
      }
    }
    if (batch) yield batch;
  }
}

/** The JSON export: the report's text and the frozen data behind every chart. */
function reportJson(view: ReportView): string {
  return JSON.stringify(
    {
      id: view.id,
      title: view.title,
      isSimulated: view.isSimulated,
      simulated: view.isSimulated ? "simulated: some figures came from the emulator" : null,
      createdAt: view.createdAt.toISOString(),
      updatedAt: view.updatedAt.toISOString(),
      createdBy: view.createdBy,
      recommendations: view.recommendations,
      annotations: view.annotations,
      // Page one, derived from the frozen figures as the page and the Markdown derive it.
      brief: buildBrief(view.data),
      // The figures as every page and the CSV show them, each column with its unit (quality in
      // points 0–100, shares in percent, USD, ms).
      tables: reportTables(view).map((table) => ({
        name: table.name,
        columns: table.header.map((label, i) => ({ label, unit: table.units[i] })),
        rows: table.rows,
      })),
      // The frozen snapshot the tables are built from, as stored: scores and differences are
      // fractions in [0, 1] (× 100 = points), costs USD, latencies ms.
      data: view.data,
    },
    null,
    2,
  );
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
            pieces: () => chunksOf(reportJson(view)),
          }
        : {
            type: "text/csv; charset=utf-8",
            name: `${stem}-tables.csv`,
            pieces: () => csvSections(reportTables(view)),
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
