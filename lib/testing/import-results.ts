import { formatImportIssue, type ImportIssue, type ImportResult } from "@/lib/eval/import";
import type { Suite } from "@/lib/eval/types";

/** The imported suite; throws with the import's issues when it failed. */
export function expectSuite(result: ImportResult): Suite {
  if (!result.ok) throw new Error(result.errors.map(formatImportIssue).join("\n"));
  return result.suite;
}

/** The import's issues; throws when it succeeded. */
export function expectErrors(result: ImportResult): ImportIssue[] {
  if (result.ok) throw new Error("expected the import to fail");
  return result.errors;
}
