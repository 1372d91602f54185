import Link from "next/link";

import { DANGER_BADGE_CLASS, OutcomeBadge, SimulatedBadge } from "@/components/runs/run-badges";
import { ExpandableText } from "@/components/runs/suite-cases";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { TableFrame } from "@/components/ui/table-frame";
import { GridKeys } from "@/components/runs/grid-keys";
import { formatMs, formatScore, formatScoreWithUnit } from "@/lib/format";
import type { RunResultView } from "@/lib/schemas/runs";
import {
  CASE_DISAGREEMENT_SPREAD,
  cellVerdict,
  describeRepeats,
  type CaseMatrixCell,
  type CaseMatrixPage,
  type CaseMatrixRepeat,
} from "@/lib/views/case-matrix";

const VIEW_LABELS: Record<RunResultView, string> = { cases: "By case", trials: "Trials" };

/** "By case" or "Trials": two links, so the choice is in the URL and reachable by Tab and Enter. */
export function RunResultViewSwitch({
  view,
  hrefFor,
}: {
  view: RunResultView;
  hrefFor: (view: RunResultView) => string;
}) {
  return (
    <nav aria-label="Show the per-case results" className="flex gap-1 text-sm">
      {(["cases", "trials"] as const).map((option) => (
        <Link
          key={option}
          href={hrefFor(option)}
          aria-current={option === view ? "page" : undefined}
          className={cn(
            "rounded-md border px-3 py-1.5 font-medium underline-offset-2 hover:underline",
            option === view
              ? "border-primary bg-primary text-primary-foreground"
              : "bg-background text-foreground",
          )}
        >
          {VIEW_LABELS[option]}
        </Link>
      ))}
    </nav>
  );
}

/** The checkbox of the filter form that keeps only the cases whose targets disagree. */
export function DisagreementFilter({ isChecked }: { isChecked: boolean }) {
  return (
    <label className="flex h-9 items-center gap-2 text-sm">
      <input
        type="checkbox"
        name="disagree"
        defaultChecked={isChecked}
        className="size-4 accent-primary"
      />
      Only cases where the targets disagree
    </label>
  );
}

/** What "disagree" means, in the words the page uses. */
export function DisagreementNote() {
  return (
    <p className="text-xs text-muted-foreground">
      Targets disagree on a case when their shares of passing repeats differ (with one repeat: one
      passed, another failed) or their mean scores are more than{" "}
      {formatScoreWithUnit(CASE_DISAGREEMENT_SPREAD)} apart. Scores are in points, 0–100; a case
      shows when any target&apos;s results match the filters.
    </p>
  );
}

function VerdictBadge({ cell }: { cell: CaseMatrixCell }) {
  const verdict = cellVerdict(cell);
  if (verdict !== "mixed") return <OutcomeBadge outcome={verdict} />;
  return (
    <Badge variant="outline" className="bg-secondary text-secondary-foreground">
      Mixed
    </Badge>
  );
}

function RepeatError({ repeat }: { repeat: CaseMatrixRepeat }) {
  if (!repeat.errorKind && !repeat.errorMessage) return null;
  return (
    <p className="mt-1 text-destructive">
      {repeat.errorKind ?? "error"}
      {repeat.errorMessage ? `: ${repeat.errorMessage}` : ""}
    </p>
  );
}

function RepeatOutput({ repeat }: { repeat: CaseMatrixRepeat }) {
  return (
    <>
      {repeat.output === null ? (
        <p className="text-muted-foreground">No output</p>
      ) : (
        <ExpandableText text={repeat.output} label="Show output" />
      )}
      <RepeatError repeat={repeat} />
      {repeat.servedBy ? (
        <p className="mt-1 text-muted-foreground">served by {repeat.servedBy}</p>
      ) : null}
    </>
  );
}

function Cell({ cell }: { cell: CaseMatrixCell | null }) {
  if (!cell) return <span className="text-muted-foreground">No trial stored yet</span>;
  const [first, ...others] = cell.repeats;
  const mean = cell.trials > 1 ? "mean " : "";
  return (
    <div className="flex flex-col gap-1.5">
      <div>
        <VerdictBadge cell={cell} />
      </div>
      <p className="text-muted-foreground tabular-nums">
        {describeRepeats(cell)} · {mean}score {formatScore(cell.meanScore)} · {mean}latency{" "}
        {formatMs(cell.meanLatencyMs)}
      </p>
      {first ? <RepeatOutput repeat={first} /> : null}
      {others.length > 0 ? (
        <details>
          <summary className="cursor-pointer text-xs font-medium text-primary underline underline-offset-2">
            {others.length === 1 ? "The other repeat" : `The other ${others.length} repeats`}
          </summary>
          <ol className="mt-1 flex flex-col gap-2">
            {others.map((repeat) => (
              <li key={repeat.repeat} className="border-l-2 pl-2">
                <p className="text-muted-foreground tabular-nums">
                  Repeat {repeat.repeat + 1}:{" "}
                  {repeat.status === "error"
                    ? "error"
                    : repeat.pass === null
                      ? "not scored"
                      : repeat.pass
                        ? "passed"
                        : "failed"}{" "}
                  · score {formatScore(repeat.score)} · latency {formatMs(repeat.latencyMs)}
                </p>
                <RepeatOutput repeat={repeat} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}

/** A focused grid cell's ring, inside the cell so the table's scroll box does not clip it. */
const GRID_CELL_FOCUS =
  "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset";

/**
 * The case × target grid: a row per case (what was asked, and whether the targets disagree), a
 * column per target, each cell the target's output, verdict, score and latency over its repeats.
 */
export function CaseMatrixTable({ matrix }: { matrix: CaseMatrixPage }) {
  return (
    <GridKeys label="Cases × targets grid">
      <TableFrame
        caption="Cases × targets: one row per case, one column per target"
        head={[
          { label: "Case", className: "min-w-56" },
          ...matrix.targets.map((target) => ({
            label: (
              <span className="flex flex-col gap-1">
                {target.label}
                {target.isSimulated ? <SimulatedBadge className="w-fit" /> : null}
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
              className={cn("max-w-xs px-3 py-2 text-left text-xs font-normal", GRID_CELL_FOCUS)}
            >
              <code className="font-medium">{row.caseId}</code>
              <span className="block text-muted-foreground">{row.category}</span>
              {row.isDisagreement ? (
                <Badge variant="outline" className={cn("my-1", DANGER_BADGE_CLASS)}>
                  Targets disagree
                </Badge>
              ) : null}
              {row.scoreSpread !== null ? (
                <span className="block text-muted-foreground tabular-nums">
                  score spread {formatScore(row.scoreSpread)} points
                </span>
              ) : null}
              <div className="mt-1">
                <ExpandableText text={row.prompt} label="Show prompt" />
              </div>
              {row.reference ? (
                <div className="mt-1 text-muted-foreground">
                  Reference: <ExpandableText text={row.reference} label="Show reference" />
                </div>
              ) : null}
            </th>
            {row.cells.map((cell, index) => (
              <td
                key={matrix.targets[index]?.id ?? index}
                data-grid-cell
                tabIndex={-1}
                className={cn("max-w-sm px-3 py-2 text-xs", GRID_CELL_FOCUS)}
              >
                <Cell cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </TableFrame>
    </GridKeys>
  );
}
