/**
 * Suite importers: JSONL (OpenAI evals style), CSV and promptfoo configs become a Crossbench
 * {@link Suite}. Pure: files referenced with `file://` are read through an injected `readFile`.
 */
import type { EvalCase, Suite } from "../types";
import { parseCsvCases } from "./csv";
import { IssueLog, type ImportIssue, type ImportResult } from "./issues";
import { parseJsonlCases } from "./jsonl";
import { MAX_IMPORT_BYTES, getBaseName, getDisplayName, slugFromFileName } from "./limits";
import { parsePromptfooConfig, type ReadFile } from "./promptfoo";

export {
  formatImportIssue,
  MAX_IMPORT_ERRORS,
  type ImportIssue,
  type ImportResult,
} from "./issues";
export { MAX_IMPORT_BYTES, MAX_IMPORT_CASES, getDisplayName } from "./limits";
export { decodeUtf8 } from "./utf8";
export type { ReadFile } from "./promptfoo";

/** One uploaded file, already decoded. */
export type UploadedFile = { fileName: string; text: string };

/**
 * Imports a suite from uploaded files: the first is the suite (JSONL, CSV or a promptfoo YAML
 * config); the others are files it references (`file://prompts.txt`), matched by base name.
 */
export function importUploadedFiles(files: readonly UploadedFile[]): ImportResult {
  const [main, ...rest] = files;
  if (main === undefined)
    return { ok: false, errors: [{ file: "", line: null, message: "choose a suite file" }] };
  const others = new Map(rest.map((file) => [getDisplayName(file.fileName), file.text]));
  return importSuite({
    fileName: main.fileName,
    text: main.text,
    readFile: (path) => others.get(getDisplayName(path.replace(/^file:\/\//, ""))) ?? null,
  });
}

export type ImportInput = {
  /** The uploaded file's name; its extension picks the format. */
  fileName: string;
  text: string;
  /** Reads a `file://` reference, relative to the config's folder; null when missing. */
  readFile?: ReadFile;
};

type Format = "jsonl" | "csv" | "promptfoo";

function getFormat(fileName: string): Format | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".jsonl")) return "jsonl";
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "promptfoo";
  return null;
}

/** Groups issues by file (in order of first mention) and orders each file's issues by line. */
function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  const fileOrder = [...new Set(issues.map((issue) => issue.file))];
  return issues.toSorted(
    (a, b) =>
      fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
}

function countBytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Imports one suite file. All or nothing: any error returns no suite and lists every error found
 * (up to 50), each with its file and line; warnings (ignored columns, providers) come with a suite.
 */
export function importSuite(input: ImportInput): ImportResult {
  const file = getDisplayName(input.fileName);
  const format = getFormat(input.fileName);
  if (format === null)
    return {
      ok: false,
      errors: [
        {
          file,
          line: null,
          message: "unsupported file type: use .jsonl, .csv or a promptfoo .yaml config",
        },
      ],
    };
  // A UTF-16 string never needs more than 3 UTF-8 bytes per code unit: skip encoding small files.
  if (input.text.length * 3 > MAX_IMPORT_BYTES && countBytes(input.text) > MAX_IMPORT_BYTES)
    return {
      ok: false,
      errors: [
        {
          file,
          line: null,
          message: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
        },
      ],
    };
  const text = input.text.replace(/^\uFEFF/, "");
  if (text.trim() === "")
    return { ok: false, errors: [{ file, line: null, message: "the file is empty" }] };

  const log = new IssueLog();
  const baseName = getBaseName(input.fileName);
  let cases: EvalCase[] = [];
  let name = baseName;
  let description: string;
  if (format === "promptfoo") {
    const parsed = parsePromptfooConfig(text, file, input.readFile, log);
    if (parsed !== null) {
      cases = parsed.cases;
      name = parsed.description ?? baseName;
      description = `Imported from the promptfoo config ${file}: ${parsed.promptCount} prompts × ${parsed.testCount} tests.`;
    }
  } else if (format === "jsonl") {
    cases = parseJsonlCases(text, file, log);
  } else {
    cases = parseCsvCases(text, file, log);
  }
  if (!log.hasErrors && cases.length === 0) log.error(file, null, "the file has no cases");
  if (log.hasErrors) return { ok: false, errors: sortIssues(log.errors) };

  description ??= `Imported from the ${format === "jsonl" ? "JSONL (OpenAI evals style)" : "CSV"} file ${file}.`;
  const unscored = cases.filter((testCase) => testCase.assertions.length === 0).length;
  if (unscored > 0)
    log.warn(
      `${unscored} of ${cases.length} cases have no assertions, so nothing checks their output.`,
    );
  const suite: Suite = { slug: slugFromFileName(input.fileName), name, description, cases };
  return { ok: true, suite, warnings: log.warnings };
}
