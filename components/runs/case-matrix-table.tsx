"use client";

import { useState, type SyntheticEvent } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { GridKeys } from "@/components/runs/grid-keys";
import { SimulatedBadge } from "@/components/runs/run-badges";
import { ExpandableText } from "@/components/runs/suite-cases";
import { TableFrame } from "@/components/ui/table-frame";
import { formatMs, formatScore } from "@/lib/format";
import {
  cellVerdict,
  describeRepeats,
  type CaseMatrixCell,
  type CaseMatrixPage,
  type CaseMatrixRepeat,
  type CaseMatrixRow,
  type CellVerdict,
} from "@/lib/views/case-matrix";

/**
 * The case × target grid, drawn in the browser from data: the page sends each cell's summary and
 * first repeat, and a cell's other repeats are fetched when the reader opens them, so a grid of
 * many repeats costs the page one repeat per cell.
 */

/**
 * What a cell shows of its first repeat; the rest of the repeat is in the cell's summary. The
 * error and "served by" are absent when there are none.
 */
export type ShownRepeat = Pick<CaseMatrixRepeat, "output"> & {
  errorKind?: string | null;
  errorMessage?: string | null;
  servedBy?: string | null;
};

/** A cell as the page sends it: its summary, its first repeat, how many others there are. */
export type ShownCaseMatrixCell = Pick<
  CaseMatrixCell,
  "trials" | "errors" | "scored" | "passed" | "meanScore" | "meanLatencyMs"
> & { first: ShownRepeat | null; otherRepeats: number };
export type ShownCaseMatrixPage = Omit<CaseMatrixPage, "rows"> & {
  rows: (Omit<CaseMatrixRow, "cells"> & { cells: (ShownCaseMatrixCell | null)[] })[];
};

/** Which cell's other repeats to fetch. */
export type CellKey = { runId: string; targetId: string; caseId: string };
export type ListCellRepeats = ServerAction<CellKey, CaseMatrixRepeat[]>;

const VERDICT_LABELS: Record<CellVerdict, string> = {
  pass: "Pass",
  fail: "Fail",
  mixed: "Mixed",
  error: "Error",
  unscored: "Not scored",
};

/**
 * A cell's verdict badge, styled by the grid's classes (see GRID_CLASSES) rather than its own:
 * the look of the outline badges the page uses elsewhere, a sixth of the markup.
 */
function VerdictBadge({ cell }: { cell: ShownCaseMatrixCell }) {
  const verdict = cellVerdict(cell);
  return <span data-verdict={verdict}>{VERDICT_LABELS[verdict]}</span>;
}

function RepeatOutput({ repeat }: { repeat: ShownRepeat }) {
  const hasError = Boolean(repeat.errorKind) || Boolean(repeat.errorMessage);
  return (
    <>
      {repeat.output === null ? (
        <p className="text-muted-foreground">No output</p>
      ) : (
        <ExpandableText text={repeat.output} label="Show output" isStyledByTable />
      )}
      {hasError ? (
        <p className="mt-1 text-destructive">
          {`${repeat.errorKind ?? "error"}${repeat.errorMessage ? `: ${repeat.errorMessage}` : ""}`}
        </p>
      ) : null}
      {repeat.servedBy ? (
        <p className="mt-1 text-muted-foreground">{`served by ${repeat.servedBy}`}</p>
      ) : null}
    </>
  );
}

function repeatOutcome(repeat: CaseMatrixRepeat): string {
  if (repeat.status === "error") return "error";
  if (repeat.pass === null) return "not scored";
  return repeat.pass ? "passed" : "failed";
}

type Loaded =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "loaded"; repeats: CaseMatrixRepeat[] }
  | { state: "failed"; message: string };

/**
 * "The other n repeats": a disclosure whose content is fetched the first time it opens. A failed
 * fetch says so and is tried again the next time it opens. Keyed by the count, so a running run's
 * new repeats are fetched afresh.
 */
function OtherRepeats({
  count,
  cellKey,
  listRepeats,
}: {
  count: number;
  cellKey: CellKey;
  listRepeats: ListCellRepeats;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ state: "idle" });
  async function onToggle(event: SyntheticEvent<HTMLDetailsElement>) {
    if (!event.currentTarget.open) return;
    if (loaded.state === "loading" || loaded.state === "loaded") return;
    setLoaded({ state: "loading" });
    try {
      const result = await listRepeats(cellKey);
      setLoaded(
        result.ok
          ? { state: "loaded", repeats: result.data }
          : { state: "failed", message: result.error.message },
      );
    } catch {
      setLoaded({ state: "failed", message: "The server could not be reached." });
    }
  }
  return (
    <details onToggle={onToggle}>
      <summary data-more>{count === 1 ? "The other repeat" : `The other ${count} repeats`}</summary>
      {loaded.state === "loaded" ? (
        <ol className="mt-1 flex flex-col gap-2">
          {loaded.repeats.map((repeat) => (
            <li key={repeat.repeat} className="border-l-2 pl-2">
              <p className="text-muted-foreground tabular-nums">
                {`Repeat ${repeat.repeat + 1}: ${repeatOutcome(repeat)} · score ${formatScore(repeat.score)} · latency ${formatMs(repeat.latencyMs)}`}
              </p>
              <RepeatOutput repeat={repeat} />
            </li>
          ))}
        </ol>
      ) : loaded.state === "idle" ? null : (
        <p role="status" className="mt-1 text-muted-foreground">
          {loaded.state === "failed"
            ? `The repeats could not be loaded: ${loaded.message} Close and open again to retry.`
            : "Loading the other repeats…"}
        </p>
      )}
    </details>
  );
}

function Cell({
  cell,
  cellKey,
  listRepeats,
}: {
  cell: ShownCaseMatrixCell | null;
  cellKey: CellKey;
  listRepeats: ListCellRepeats;
}) {
  if (!cell) return <span className="text-muted-foreground">No trial stored yet</span>;
  const { first } = cell;
  const mean = cell.trials > 1 ? "mean " : "";
  return (
    <div>
      <VerdictBadge cell={cell} />
      <p data-summary>
        {`${describeRepeats(cell)} · ${mean}score ${formatScore(cell.meanScore)} · ${mean}latency ${formatMs(cell.meanLatencyMs)}`}
      </p>
      {first ? <RepeatOutput repeat={first} /> : null}
      {cell.otherRepeats > 0 ? (
        <OtherRepeats
          key={cell.otherRepeats}
          count={cell.otherRepeats}
          cellKey={cellKey}
          listRepeats={listRepeats}
        />
      ) : null}
    </div>
  );
}

/**
 * What every cell repeats (padding, focus ring, the column of a cell's parts, the verdict badge
 * and the "other repeats" link) is styled once, by the table's classes, rather than carried by
 * each of a page's 125 cells: the same look, a fraction of the markup.
 */
const GRID_CLASSES = [
  "[&_[data-grid-cell]]:px-3 [&_[data-grid-cell]]:py-2 [&_[data-grid-cell]]:text-xs",
  "[&_[data-grid-cell]:focus-visible]:ring-2 [&_[data-grid-cell]:focus-visible]:ring-ring",
  "[&_[data-grid-cell]:focus-visible]:ring-inset [&_[data-grid-cell]:focus-visible]:outline-none",
  "[&_tbody_td]:max-w-sm [&_td>div]:flex [&_td>div]:flex-col [&_td>div]:gap-1.5",
  // The outline badge (components/ui/badge), coloured as OutcomeBadge colours each outcome.
  "[&_[data-verdict]]:inline-flex [&_[data-verdict]]:w-fit [&_[data-verdict]]:shrink-0",
  "[&_[data-verdict]]:items-center [&_[data-verdict]]:gap-1 [&_[data-verdict]]:rounded-md",
  "[&_[data-verdict]]:border [&_[data-verdict]]:px-2 [&_[data-verdict]]:py-0.5",
  "[&_[data-verdict]]:text-xs [&_[data-verdict]]:font-medium [&_[data-verdict]]:whitespace-nowrap",
  "[&_[data-verdict=pass]]:border-transparent [&_[data-verdict=pass]]:bg-primary",
  "[&_[data-verdict=pass]]:text-primary-foreground",
  "[&_[data-verdict=fail]]:border-destructive/40 [&_[data-verdict=fail]]:bg-destructive/10",
  "[&_[data-verdict=fail]]:text-red-800 dark:[&_[data-verdict=fail]]:text-red-200",
  "[&_[data-verdict=error]]:border-amber-500/50 [&_[data-verdict=error]]:bg-amber-500/10",
  "[&_[data-verdict=error]]:text-amber-800 dark:[&_[data-verdict=error]]:text-amber-200",
  "[&_[data-verdict=mixed]]:bg-secondary [&_[data-verdict=mixed]]:text-secondary-foreground",
  "[&_[data-verdict=unscored]]:text-muted-foreground",
  // Short texts (ExpandableText's), as ExpandableText styles them.
  "[&_[data-text]]:break-words [&_[data-text]]:whitespace-pre-wrap",
  // A cell's summary line, and a case's "Targets disagree" badge (the outline badge in the colours
  // of DANGER_BADGE_CLASS).
  "[&_[data-summary]]:text-muted-foreground [&_[data-summary]]:tabular-nums",
  "[&_[data-disagree]]:my-1 [&_[data-disagree]]:inline-flex [&_[data-disagree]]:w-fit [&_[data-disagree]]:shrink-0",
  "[&_[data-disagree]]:items-center [&_[data-disagree]]:gap-1 [&_[data-disagree]]:rounded-md",
  "[&_[data-disagree]]:border [&_[data-disagree]]:px-2 [&_[data-disagree]]:py-0.5 [&_[data-disagree]]:text-xs",
  "[&_[data-disagree]]:font-medium [&_[data-disagree]]:whitespace-nowrap",
  "[&_[data-disagree]]:border-destructive/40 [&_[data-disagree]]:bg-destructive/10",
  "[&_[data-disagree]]:text-red-800 dark:[&_[data-disagree]]:text-red-200",
  "[&_[data-more]]:cursor-pointer [&_[data-more]]:text-xs [&_[data-more]]:font-medium",
  "[&_[data-more]]:text-primary [&_[data-more]]:underline [&_[data-more]]:underline-offset-2",
].join(" ");

/**
 * The case × target grid (on the run page, which renders SimulatedBadgeIcon for its simulated
 * columns' badges): a row per case (what was asked, and whether the targets disagree), a
 * column per target, each cell the target's output, verdict, score and latency over its repeats.
 */
export function CaseMatrixTable({
  runId,
  matrix,
  listRepeats,
}: {
  runId: string;
  matrix: ShownCaseMatrixPage;
  listRepeats: ListCellRepeats;
}) {
  return (
    <GridKeys label="Cases × targets grid">
      <TableFrame
        caption="Cases × targets: one row per case, one column per target"
        tableClassName={GRID_CLASSES}
        head={[
          { label: "Case", className: "min-w-56" },
          ...matrix.targets.map((target) => ({
            label: (
              <span className="flex flex-col gap-1">
                {target.label}
                {target.isSimulated ? <SimulatedBadge className="w-fit" hasSharedIcon /> : null}
              </span>
            ),
            className: "min-w-64 align-top",
          })),
        ]}
      >
        {matrix.rows.map((row, rowIndex) => (
          <tr key={row.caseId} className="border-t align-top">
            <th
              scope="row"
              data-grid-cell
              tabIndex={rowIndex === 0 ? 0 : -1}
              className="max-w-xs text-left font-normal"
            >
              <code className="font-medium">{row.caseId}</code>
              <span className="block text-muted-foreground">{row.category}</span>
              {row.isDisagreement ? <span data-disagree>Targets disagree</span> : null}
              {row.scoreSpread !== null ? (
                <span className="block text-muted-foreground tabular-nums">
                  {`score spread ${formatScore(row.scoreSpread)} points`}
                </span>
              ) : null}
              <div className="mt-1">
                <ExpandableText text={row.prompt} label="Show prompt" isStyledByTable />
              </div>
              {row.reference ? (
                <div className="mt-1 text-muted-foreground">
                  Reference:{" "}
                  <ExpandableText text={row.reference} label="Show reference" isStyledByTable />
                </div>
              ) : null}
            </th>
            {row.cells.map((cell, index) => {
              const targetId = matrix.targets[index]?.id ?? "";
              return (
                <td key={targetId || index} data-grid-cell tabIndex={-1}>
                  <Cell
                    cell={cell}
                    cellKey={{ runId, targetId, caseId: row.caseId }}
                    listRepeats={listRepeats}
                  />
                </td>
              );
            })}
          </tr>
        ))}
      </TableFrame>
    </GridKeys>
  );
}
