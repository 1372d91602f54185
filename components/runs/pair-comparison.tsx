"use client";

import { FilterSelect, GetForm } from "@/components/forms/get-form";
import { VerdictBadge } from "@/components/runs/run-badges";
import { Button } from "@/components/ui/button";
import {
  formatCount,
  formatDifferenceCi,
  formatMargin,
  formatPValue,
  formatPointsDifference,
  formatScore,
} from "@/lib/format";
import { describeCasesNeeded, type PairSummary } from "@/lib/charts/parity";

export type PairResult = PairSummary;

/**
 * Paired comparison of two targets on the cases both scored. The picker is a GET form, so the
 * choice lives in the URL (`a`, `b`) and works without JavaScript. Drawn in the browser from the
 * targets and the result (a client component), so the page sends them once, as data.
 */
export function PairComparison({
  action,
  hidden,
  targets,
  a,
  b,
  result,
  isSimulated,
}: {
  action: string;
  /** Other search params to keep (the per-case filters). */
  hidden: Record<string, string>;
  targets: { id: string; label: string }[];
  a: string | undefined;
  b: string | undefined;
  result: PairResult | null;
  isSimulated: boolean;
}) {
  const labelOf = (id: string | undefined) => targets.find((t) => t.id === id)?.label ?? "—";
  return (
    <div className="flex flex-col gap-4">
      <GetForm action={action} label="Choose two targets to compare" hidden={hidden}>
        {(["a", "b"] as const).map((side) => (
          <FilterSelect
            key={side}
            id={`pair-${side}`}
            name={side}
            label={`Target ${side.toUpperCase()}`}
            defaultValue={(side === "a" ? a : b) ?? ""}
            options={targets}
            className="min-w-56 flex-1"
          />
        ))}
        <Button type="submit" variant="outline">
          Compare
        </Button>
      </GetForm>
      {a && b && a === b ? (
        <p className="text-sm text-muted-foreground">Choose two different targets.</p>
      ) : !result ? (
        <p className="text-sm text-muted-foreground">
          No case has been scored on both targets yet: the comparison appears once they have.
        </p>
      ) : (
        <div className="flex flex-col gap-3 rounded-xl border p-4">
          <div className="flex flex-wrap items-center gap-3">
            <VerdictBadge verdict={result.verdict} />
            <p className="text-sm">
              <span className="font-medium">{labelOf(a)}</span> −{" "}
              <span className="font-medium">{labelOf(b)}</span>:{" "}
              <span className="font-semibold tabular-nums">
                {formatPointsDifference(result.difference)}
              </span>{" "}
              <span className="text-muted-foreground tabular-nums">
                ({formatDifferenceCi(result.low, result.high)}; n = {formatCount(result.n)} cases
                {isSimulated ? "; simulated" : ""})
              </span>
            </p>
          </div>
          {describeCasesNeeded(result) ? (
            <p className="text-sm">Inconclusive: {describeCasesNeeded(result)}.</p>
          ) : null}
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Mean score A</dt>
            <dd className="tabular-nums">{formatScore(result.meanA)}</dd>
            <dt className="text-muted-foreground">Mean score B</dt>
            <dd className="tabular-nums">{formatScore(result.meanB)}</dd>
            <dt className="text-muted-foreground">McNemar (pass/fail)</dt>
            <dd className="tabular-nums">
              {result.mcnemar
                ? `${formatPValue(result.mcnemar.pValue)}; only A passed ${result.mcnemar.aOnly}, only B passed ${result.mcnemar.bOnly}`
                : "— (needs exactly one scored trial per case on both targets)"}
            </dd>
          </dl>
          <p className="text-xs text-muted-foreground">
            Repeats are averaged per case, then paired (bootstrap). Equivalent: the CI lies within{" "}
            {formatMargin(result.margin)}; different: the CI excludes 0; otherwise inconclusive.
          </p>
        </div>
      )}
    </div>
  );
}
