import { describe, expect, it } from "vitest";
import { isFormulaCell, neutralised, readCsvSections } from "@/lib/testing/csv-reader";
import { HOSTILE_TEXTS, hostileReportView } from "@/lib/testing/hostile-report";
import { reportDownload, type ReportDownload } from "./report-export";

/**
 * Every report download (Markdown, JSON, CSV) with hostile text in the title, the annotations,
 * the recommendations and every name of the snapshot: what a reader of each file would notice.
 * The PDF is the report page printed by Chromium; its one string-built part, the footer, is
 * covered in lib/report/pdf-footer.security.test.ts.
 */

async function download(text: string, format: ReportDownload) {
  const response = reportDownload(hostileReportView(text), format);
  return { headers: response.headers, body: await response.text() };
}

describe("report downloads with hostile text", () => {
  it.each(HOSTILE_TEXTS)("Markdown of %j has no HTML and an inert file name", async (text) => {
    const { headers, body } = await download(text, "markdown");
    expect(headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("content-disposition")).toMatch(
      /^attachment; filename="crossbench-report-[a-z0-9-]+\.md"$/,
    );
    expect(body).not.toContain("<");
    expect(body.split("\n")[0]).not.toMatch(/[\r\t]/);
  });

  it.each(HOSTILE_TEXTS)("JSON gives back %j exactly", async (text) => {
    const { headers, body } = await download(text, "json");
    expect(headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const view = hostileReportView(text);
    expect(parsed).toMatchObject({
      title: text,
      annotations: text,
      recommendations: text,
      createdBy: text,
    });
    expect(parsed.data).toEqual(view.data);
  });

  it.each(HOSTILE_TEXTS)(
    "CSV keeps every row's columns and neutralises formulas for %j",
    async (text) => {
      const { headers, body } = await download(text, "csv");
      expect(headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const sections = readCsvSections(body);
      expect(sections.map((s) => s.name)).toContain("runs");
      for (const section of sections) {
        for (const row of section.rows) {
          expect(row, `${section.name}: ${JSON.stringify(row)}`).toHaveLength(
            section.header.length,
          );
          for (const cell of row) expect(isFormulaCell(cell), JSON.stringify(cell)).toBe(false);
        }
      }
      const runs = sections.find((s) => s.name === "runs");
      expect(runs?.rows[0]?.[runs.header.indexOf("run")]).toBe(neutralised(text));
      const lockin = sections.find((s) => s.name === "lock-in scores");
      expect(lockin?.rows[0]?.[0]).toBe(neutralised(text));
    },
  );
});
