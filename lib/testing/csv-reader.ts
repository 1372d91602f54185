/**
 * Reading CSV back in tests, the way a spreadsheet would: an RFC 4180 reader (quoted cells may
 * hold commas, quotes and line breaks) and the check for a cell a spreadsheet would run as a
 * formula. Tests only.
 */

/** Every record of a CSV document (CRLF or LF line ends); a trailing line end adds no record. */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (isQuoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') isQuoted = false;
      else cell += char;
    } else if (char === '"') isQuoted = true;
    else if (char === ",") {
      record.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      continue;
    } else if (char === "\n") {
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
    } else cell += char;
  }
  if (cell !== "" || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

/** A plain number as the writer prints numbers: a spreadsheet reads it as a number, not a formula. */
const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/** True when a spreadsheet would evaluate the cell: it starts with = + - @, a tab or a CR. */
export function isFormulaCell(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell) && !NUMBER.test(cell);
}

/** The cell a neutralising writer makes of `text`: an apostrophe before a formula start. */
export function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A table of a sectioned CSV (the report's tables.csv): its name, header and rows. */
export type CsvSection = { name: string; header: string[]; rows: string[][] };

/**
 * The sections of a report's tables.csv: a `table,<name>` record, the header, the rows, and a
 * blank line before the next section. Throws when a section does not start with its marker.
 */
export function readCsvSections(text: string): CsvSection[] {
  const records = readCsv(text);
  const isBlank = (record: string[] | undefined) => record?.length === 1 && record[0] === "";
  const sections: CsvSection[] = [];
  let index = 0;
  while (index < records.length) {
    if (isBlank(records[index])) {
      index++;
      continue;
    }
    const [marker, name = ""] = records[index] ?? [];
    if (marker !== "table") throw new Error(`Expected a table marker at record ${index}.`);
    const header = records[index + 1] ?? [];
    const rows: string[][] = [];
    index += 2;
    while (index < records.length && !isBlank(records[index])) rows.push(records[index++] ?? []);
    sections.push({ name, header, rows });
  }
  return sections;
}
