import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsv } from "@/lib/testing/csv-reader";
import { formatCsvCell, formatCsvRow } from "./csv";

describe("CSV", () => {
  it("neutralises cells that a spreadsheet would run as formulas", () => {
    for (const text of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"]) {
      expect(formatCsvCell(text).replace(/^"/, "").startsWith("'")).toBe(true);
    }
    expect(formatCsvCell(-2.5)).toBe("-2.5");
  });

  it("any string survives a write-and-read round trip and no cell can start a formula", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (values) => {
        const records = readCsv(formatCsvRow(values));
        expect(records).toHaveLength(1);
        const read = records[0] ?? [];
        expect(read).toHaveLength(values.length);
        read.forEach((cell, index) => {
          const original = values[index] ?? "";
          expect(cell).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
          expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
        });
      }),
    );
  });
});
