import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCsvCell, formatCsvRow } from "./csv";

/** A small RFC 4180 reader, enough to check the round trip. */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      cells.push(cell);
      cell = "";
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

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
        const line = formatCsvRow(values).slice(0, -2);
        const read = parseCsvLine(line);
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
