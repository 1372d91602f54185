import { parse } from "csv-parse/sync";
import {
  CASE_CATEGORIES,
  type Assertion,
  type CaseCategory,
  type CaseMessage,
  type EvalCase,
} from "../types";
import { parseAssertionShorthand } from "./assertion";
import type { IssueLog } from "./issues";
import { MAX_CSV_COLUMNS, MAX_IMPORT_CASES } from "./limits";

/** One CSV data record with the 1-based line its first field starts on. */
export type CsvRow = { line: number; cells: Record<string, string> };

export type CsvTable = { header: string[]; rows: CsvRow[] };

type CsvRecordWithInfo = { record: string[]; raw: string; info: { lines: number } };

/**
 * `__expected`, `__expected1`, `__expected_tone`, …: promptfoo's assertion shorthand columns (its
 * src/csv.ts testCaseFromCsvRow reads every column whose name starts with `__expected`).
 */
export function isExpectedColumn(column: string): boolean {
  return column.startsWith("__expected");
}

/**
 * Parses CSV with a header row. Each row reports the line its record starts on (the header is
 * line 1), so a quoted multi-line field still points at the record's first line.
 */
export function parseCsvTable(text: string, file: string, log: IssueLog): CsvTable | null {
  let records: CsvRecordWithInfo[];
  try {
    records = parse(text, {
      info: true,
      raw: true,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as CsvRecordWithInfo[];
  } catch (error) {
    const line =
      typeof error === "object" && error !== null && "lines" in error ? error.lines : null;
    const message =
      error instanceof Error ? error.message.replace(/\s+at line \d+/, "") : "invalid CSV";
    log.error(file, typeof line === "number" ? line : null, `invalid CSV: ${message}`);
    return null;
  }
  const [head, ...body] = records;
  if (head === undefined) {
    log.error(file, null, "the file has no header row");
    return null;
  }
  if (head.record.length > MAX_CSV_COLUMNS) {
    log.error(
      file,
      1,
      `the header has ${head.record.length.toLocaleString("en-US")} columns (at most ${MAX_CSV_COLUMNS})`,
    );
    return null;
  }
  const header = head.record.map((name) => name.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (name === "") log.error(file, 1, "the header has an empty column name");
    else if (seen.has(name)) log.error(file, 1, `the header repeats the column "${name}"`);
    seen.add(name);
  }
  const rows: CsvRow[] = [];
  for (const { record, raw, info } of body) {
    if (log.isFull) break;
    // info.lines is the record's last line; raw includes skipped blank lines before it.
    const content = raw.replace(/^[\r\n]+/, "").replace(/\r?\n$/, "");
    const line = info.lines - (content.match(/\n/g)?.length ?? 0);
    if (record.length !== header.length) {
      log.error(
        file,
        line,
        `expected ${header.length} fields (as in the header), found ${record.length}`,
      );
      continue;
    }
    const cells: Record<string, string> = {};
    header.forEach((name, index) => {
      cells[name] = record[index] ?? "";
    });
    rows.push({ line, cells });
  }
  return { header, rows };
}

const INPUT_COLUMNS = ["input", "prompt"];
const REFERENCE_COLUMNS = ["ideal", "reference", "expected"];
const OTHER_COLUMNS = ["category", "tags", "system"];

function isCategory(value: string): value is CaseCategory {
  return (CASE_CATEGORIES as readonly string[]).includes(value);
}

/**
 * Reads a Crossbench CSV suite: `input` (or `prompt`), optional `ideal`/`reference`/`expected`,
 * `category`, `tags`, `system` and `__expected*` assertion shorthand. Case ids are `line-<n>`.
 */
export function parseCsvCases(text: string, file: string, log: IssueLog): EvalCase[] {
  const table = parseCsvTable(text, file, log);
  if (table === null) return [];
  const { header, rows } = table;
  const tableErrorCount = log.errors.length;
  const inputColumns = INPUT_COLUMNS.filter((name) => header.includes(name));
  const inputColumn = inputColumns[0];
  if (inputColumn === undefined) {
    log.error(file, 1, 'the header needs an "input" (or "prompt") column');
    return [];
  }
  if (inputColumns.length > 1)
    log.error(file, 1, 'use either an "input" or a "prompt" column, not both');
  const referenceColumns = REFERENCE_COLUMNS.filter((name) => header.includes(name));
  if (referenceColumns.length > 1)
    log.error(
      file,
      1,
      `use one reference column, not ${referenceColumns.map((name) => `"${name}"`).join(" and ")}`,
    );
  const referenceColumn = referenceColumns[0];
  for (const name of header) {
    const isKnown =
      INPUT_COLUMNS.includes(name) ||
      REFERENCE_COLUMNS.includes(name) ||
      OTHER_COLUMNS.includes(name) ||
      isExpectedColumn(name);
    if (!isKnown && name !== "") log.warn(`Unknown CSV column "${name}" was ignored.`);
  }
  if (log.errors.length > tableErrorCount) return [];

  const expectedColumns = header.filter(isExpectedColumn);
  const cases: EvalCase[] = [];
  for (const { line, cells } of rows) {
    if (log.isFull) break;
    if (cases.length >= MAX_IMPORT_CASES) {
      log.error(file, line, `too many cases: at most ${MAX_IMPORT_CASES} per suite`);
      break;
    }
    let isValid = true;
    const report = (message: string) => {
      isValid = false;
      log.error(file, line, message);
    };
    const input = cells[inputColumn] ?? "";
    if (input.trim() === "") report(`"${inputColumn}" must not be empty`);
    const category = (cells.category ?? "").trim();
    if (category !== "" && !isCategory(category))
      report(`category must be one of ${CASE_CATEGORIES.join(", ")} (got "${category}")`);
    const reference = referenceColumn === undefined ? "" : (cells[referenceColumn] ?? "");
    const assertions: Assertion[] = [];
    if (reference.trim() !== "") assertions.push({ type: "exact-match", value: reference });
    for (const column of expectedColumns) {
      const cell = cells[column] ?? "";
      if (cell.trim() === "") continue;
      const assertion = parseAssertionShorthand(cell, report, (message) => log.warn(message));
      if (assertion !== null) assertions.push(assertion);
    }
    if (!isValid) continue;
    const messages: CaseMessage[] = [];
    const system = cells.system ?? "";
    if (system.trim() !== "") messages.push({ role: "system", content: system });
    messages.push({ role: "user", content: input });
    cases.push({
      id: `line-${line}`,
      category: category !== "" && isCategory(category) ? category : "general",
      tags: (cells.tags ?? "")
        .split(/[;,]/)
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ""),
      messages,
      reference: reference.trim() === "" ? null : reference,
      assertions,
    });
  }
  return cases;
}
