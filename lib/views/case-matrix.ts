/**
 * The case × target grid of a run page: one row per case, one cell per target holding that
 * target's repeats of the case. The domain query builds it (lib/server/domain/runs/case-matrix)
 * and the grid component draws it, both from these types.
 */

/**
 * Two targets "disagree" on a case when their shares of passing repeats differ (with one repeat:
 * one passed, the other failed), or when their mean scores are more than this far apart (0–1,
 * shown as 20 points).
 */
export const CASE_DISAGREEMENT_SPREAD = 0.2;

/** One target of the run, as a column of the grid. */
export type CaseMatrixTarget = { id: string; label: string; isSimulated: boolean };

/** One repeat of a case on a target: what came back and how it was scored. */
export type CaseMatrixRepeat = {
  repeat: number;
  /** "ok" or "error". */
  status: string;
  output: string | null;
  pass: boolean | null;
  /** 0–1, shown in points. */
  score: number | null;
  latencyMs: number | null;
  errorKind: string | null;
  errorMessage: string | null;
  /** For a routing target: "Model on Platform" of the offering that answered. */
  servedBy: string | null;
};

/** A target's results for one case, its repeats summarised. */
export type CaseMatrixCell = {
  targetId: string;
  trials: number;
  errors: number;
  /** Repeats that returned an output and were scored. */
  scored: number;
  passed: number;
  /** Mean score of the scored repeats (0–1, shown in points); null when none was scored. */
  meanScore: number | null;
  /** Mean latency of the repeats that returned an output, ms. */
  meanLatencyMs: number | null;
  /** In repeat order. */
  repeats: CaseMatrixRepeat[];
};

/** One case of the run: what was asked, and each target's cell (null: nothing stored yet). */
export type CaseMatrixRow = {
  caseId: string;
  category: string;
  prompt: string;
  reference: string | null;
  /** See {@link CASE_DISAGREEMENT_SPREAD}. */
  isDisagreement: boolean;
  /** Highest minus lowest mean score across the targets (0–1); null with fewer than two scored. */
  scoreSpread: number | null;
  /** In the order of {@link CaseMatrixPage.targets}. */
  cells: (CaseMatrixCell | null)[];
};

/** One page of the grid, with how many cases match the filters in all. */
export type CaseMatrixPage = {
  targets: CaseMatrixTarget[];
  rows: CaseMatrixRow[];
  /** Cases that match the filters, on every page. */
  total: number;
  page: number;
  pageSize: number;
};

/** What a cell says at a glance about a target's repeats of a case. */
export type CellVerdict = "pass" | "fail" | "mixed" | "error" | "unscored";

/**
 * Every scored repeat passed, none did, or some did; "error" when no repeat returned an output;
 * "unscored" when outputs came back but none was scored.
 */
export function cellVerdict(
  cell: Pick<CaseMatrixCell, "trials" | "errors" | "scored" | "passed">,
): CellVerdict {
  if (cell.scored === 0)
    return cell.errors > 0 && cell.errors === cell.trials ? "error" : "unscored";
  if (cell.passed === cell.scored) return "pass";
  return cell.passed === 0 ? "fail" : "mixed";
}

/** "2 of 2 passed", "1 of 3 passed, 1 error", "1 error", "not scored". */
export function describeRepeats(
  cell: Pick<CaseMatrixCell, "trials" | "errors" | "scored" | "passed">,
): string {
  const parts: string[] = [];
  if (cell.scored > 0) parts.push(`${cell.passed} of ${cell.scored} passed`);
  if (cell.errors > 0) parts.push(`${cell.errors} error${cell.errors === 1 ? "" : "s"}`);
  const unscored = cell.trials - cell.errors - cell.scored;
  if (unscored > 0) parts.push(`${unscored} not scored`);
  return parts.length > 0 ? parts.join(", ") : "no trial";
}
