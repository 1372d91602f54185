/**
 * CSV writing per RFC 4180, with spreadsheet formula injection neutralised: a cell that begins
 * with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so a spreadsheet
 * shows it as text instead of running it.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | boolean | Date | null | undefined;

/** One cell: neutralised, then quoted when it holds a comma, quote or line break. */
export function formatCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  // Numbers are written as numbers: a negative amount stays a number, not text.
  if (typeof value !== "number" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line, ending in CRLF. */
export function formatCsvRow(values: readonly CsvValue[]): string {
  return `${values.map(formatCsvCell).join(",")}\r\n`;
}
