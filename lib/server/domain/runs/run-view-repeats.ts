import { z } from "zod";
import { formatMs, formatScore } from "@/lib/format";
import type {
  CaseMatrixCell,
  CaseMatrixPage,
  CaseMatrixRepeat,
  CaseMatrixRow,
} from "@/lib/views/case-matrix";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import type { Db } from "../../ops/db-client";

/**
 * The case grid sends one repeat per cell (the first) and says how many others there are; a
 * reader who opens "The other n repeats" fetches them here. A grid of 25 cases × 5 targets × 10
 * repeats would otherwise send 1,250 outputs, nine tenths of them in closed disclosures.
 */

/**
 * What a cell shows of its first repeat; the rest of the repeat is in the cell's summary. The
 * error and "served by" are left out when there are none (most repeats), rather than sent as null.
 */
export type ShownRepeat = Pick<CaseMatrixRepeat, "output"> & {
  errorKind?: string;
  errorMessage?: string;
  servedBy?: string;
};

/**
 * A cell of the grid as sent: its summary, its first repeat's output, and the count of the
 * others. The target is the column's, so the cell does not repeat it.
 */
export type ShownCaseMatrixCell = Pick<
  CaseMatrixCell,
  "trials" | "errors" | "scored" | "passed" | "meanScore" | "meanLatencyMs"
> & { first: ShownRepeat | null; otherRepeats: number };
export type ShownCaseMatrixRow = Omit<CaseMatrixRow, "cells"> & {
  cells: (ShownCaseMatrixCell | null)[];
};
export type ShownCaseMatrixPage = Omit<CaseMatrixPage, "rows"> & { rows: ShownCaseMatrixRow[] };

/**
 * The shortest of `candidates` (roundings of `value`) that `format` shows exactly as it shows
 * `value`, else `value`: the grid sends the figures it shows, not their sixteen digits.
 */
function shownAs(
  value: number | null,
  format: (value: number) => string,
  candidates: (value: number) => number[],
): number | null {
  if (value === null) return null;
  const shown = format(value);
  return candidates(value).find((candidate) => format(candidate) === shown) ?? value;
}

const shownScore = (value: number | null) =>
  shownAs(value, formatScore, (v) => [Math.round(v * 1e3) / 1e3, Math.round(v * 1e4) / 1e4]);
const shownMs = (value: number | null) =>
  shownAs(value, formatMs, (v) => [Math.round(v), Math.round(v * 10) / 10]);

function toShownRepeat(repeat: CaseMatrixRepeat): ShownRepeat {
  const shown: ShownRepeat = { output: repeat.output };
  if (repeat.errorKind !== null) shown.errorKind = repeat.errorKind;
  if (repeat.errorMessage !== null) shown.errorMessage = repeat.errorMessage;
  if (repeat.servedBy !== null) shown.servedBy = repeat.servedBy;
  return shown;
}

function toShownCell(cell: CaseMatrixCell): ShownCaseMatrixCell {
  const { trials, errors, scored, passed, meanScore, meanLatencyMs, repeats } = cell;
  const [first] = repeats;
  return {
    trials,
    errors,
    scored,
    passed,
    meanScore: shownScore(meanScore),
    meanLatencyMs: shownMs(meanLatencyMs),
    first: first ? toShownRepeat(first) : null,
    otherRepeats: Math.max(0, repeats.length - 1),
  };
}

/** The grid page with each cell's repeats after the first left to be fetched on demand. */
export function keepFirstRepeats(page: CaseMatrixPage): ShownCaseMatrixPage {
  return {
    ...page,
    rows: page.rows.map((row) => ({
      ...row,
      scoreSpread: shownScore(row.scoreSpread),
      cells: row.cells.map((cell) => (cell ? toShownCell(cell) : null)),
    })),
  };
}

/** Which cell's repeats to fetch: a run, one of its targets, one of its cases. */
export const cellRepeatsSchema = z.object({
  runId: z.string().min(1).max(64),
  targetId: z.string().min(1).max(64),
  caseId: z.string().min(1).max(200),
});
export type CellRepeatsInput = z.infer<typeof cellRepeatsSchema>;

/**
 * A cell's repeats after the first, in repeat order, as the grid shows them (the "served by" of a
 * routing policy's repeats named "Model on Platform"). Viewers; NOT_FOUND for a target that is not
 * the run's.
 */
export async function listCellRepeats(
  caller: Caller,
  db: Db,
  input: CellRepeatsInput,
): Promise<CaseMatrixRepeat[]> {
  requireRole(caller, "viewer");
  const target = await db.runTarget.findFirst({
    where: { id: input.targetId, runId: input.runId },
    select: { kind: true },
  });
  if (!target) notFound("That run target");
  const rows = await db.$queryRaw<CaseMatrixRepeat[]>`
    SELECT t.repeat, t.status::text AS status, t.output, t.pass, t.score,
      t."latencyMs" AS "latencyMs", t."errorKind" AS "errorKind",
      t."errorMessage" AS "errorMessage",
      coalesce(m.name || ' on ' || pl.name, t."servedBy") AS "servedBy"
    FROM "Trial" t
    LEFT JOIN "Offering" o ON o.id = t."servedBy"
    LEFT JOIN "Model" m ON m.id = o."modelId"
    LEFT JOIN "Platform" pl ON pl.id = o."platformId"
    WHERE t."runId" = ${input.runId} AND t."targetId" = ${input.targetId}
      AND t."caseId" = ${input.caseId}
    ORDER BY t.repeat
    OFFSET 1`;
  // An offering target's "served by" is the target itself: only routing policies say it.
  const isPolicy = target.kind === "policy";
  return rows.map((repeat) => ({
    ...repeat,
    servedBy: isPolicy ? repeat.servedBy : null,
  }));
}
