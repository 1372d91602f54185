import { buildBrief } from "./brief";
import { formatCsvRow } from "./csv";
import type { ReportTable, ReportView } from "./report-data";
import { reportTables } from "./tables";

/**
 * The report's JSON and CSV documents, built once for every way out: the app's downloads (signed
 * in and through a share link) stream them, and `npm run report` writes them. Pure.
 */

/**
 * The JSON document: the report's texts, the brief, every table with its units and the frozen
 * snapshot behind every chart.
 */
export function reportToJson(view: ReportView): string {
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
      monthlyRequests: view.monthlyRequests,
      // Page one, derived from the frozen figures as the page and the Markdown derive it.
      brief: buildBrief(view.data, { monthlyRequests: view.monthlyRequests }),
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

/**
 * The CSV document in pieces (so a download can stream it): every table as a section, a
 * `table,<name>` line, its header, its rows, and a blank line between sections. Cells are
 * formula-neutralised.
 */
export function* reportCsvPieces(view: Pick<ReportView, "data">): Generator<string> {
  const tables: ReportTable[] = reportTables(view);
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

/** The CSV document in one string. */
export function reportToCsv(view: Pick<ReportView, "data">): string {
  return [...reportCsvPieces(view)].join("");
}
