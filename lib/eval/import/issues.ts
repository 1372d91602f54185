import type { Suite } from "../types";

/** One problem found while importing, pointing at a file and (where known) a 1-based line. */
export type ImportIssue = { file: string; line: number | null; message: string };

/** All or nothing: a suite with its warnings, or every error found (up to {@link MAX_IMPORT_ERRORS}). */
export type ImportResult =
  { ok: true; suite: Suite; warnings: string[] } | { ok: false; errors: ImportIssue[] };

/** Errors collected before an import gives up listing more. */
export const MAX_IMPORT_ERRORS = 50;

/** Warnings listed in one answer; the rest are counted ("…and 12 more warnings"). */
export const MAX_IMPORT_WARNINGS = 20;

/** Formats an issue for people: `tests.csv line 4: unsupported assertion type "javascript"`. */
export function formatImportIssue(issue: ImportIssue): string {
  const where = issue.line === null ? issue.file : `${issue.file} line ${issue.line}`;
  return `${where}: ${issue.message}`;
}

/** Collects errors (capped) and warnings (deduplicated) while a format parser walks its input. */
export class IssueLog {
  readonly errors: ImportIssue[] = [];
  private readonly warningSet = new Set<string>();

  error(file: string, line: number | null, message: string): void {
    if (this.errors.length < MAX_IMPORT_ERRORS) this.errors.push({ file, line, message });
  }

  warn(message: string): void {
    this.warningSet.add(message);
  }

  get warnings(): string[] {
    const all = [...this.warningSet];
    if (all.length <= MAX_IMPORT_WARNINGS) return all;
    const more = all.length - MAX_IMPORT_WARNINGS;
    return [
      ...all.slice(0, MAX_IMPORT_WARNINGS),
      `…and ${more.toLocaleString("en-US")} more ${more === 1 ? "warning" : "warnings"}.`,
    ];
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  /** Parsers stop walking once the cap is reached: further errors would be dropped anyway. */
  get isFull(): boolean {
    return this.errors.length >= MAX_IMPORT_ERRORS;
  }
}

/** Describes a zod issue path the way a suite author reads it: `input[1].role`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}
