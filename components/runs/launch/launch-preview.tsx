import { SimulatedBadge } from "@/components/runs/run-badges";
import { formatCount, formatUsd } from "@/lib/format";
import type { LaunchPreview } from "@/lib/views/launch";
import { describeParityOutlook } from "@/lib/views/runs";

/** The live estimate beside the form: trials, cost (expected and at most), parity outlook. */
export function LaunchPreviewPanel({
  preview,
  error,
  isLoading,
  isValid,
  problems,
  budgetUsd,
}: {
  preview: LaunchPreview | null;
  error: string | null;
  isLoading: boolean;
  isValid: boolean;
  problems: string[];
  budgetUsd: number | null;
}) {
  return (
    <div className="flex flex-col gap-3 rounded-xl border bg-card p-4 text-sm">
      <h2 id="launch-preview" className="text-base font-semibold">
        Preview
      </h2>
      <div aria-live="polite" aria-busy={isLoading} className="flex flex-col gap-3">
        {!isValid ? (
          <>
            <p className="text-muted-foreground">
              Choose a suite and at least one target, with valid parameters, to see how many calls
              the run makes and what it costs.
            </p>
            {problems.length ? (
              <ul className="list-disc pl-5 text-destructive">
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : error ? (
          <p className="text-destructive">{error}</p>
        ) : !preview ? (
          <p className="text-muted-foreground">Estimating…</p>
        ) : (
          <>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="text-muted-foreground">Trials</dt>
              <dd className="text-right tabular-nums">{formatCount(preview.estimate.trials)}</dd>
              {preview.estimate.judgeCalls > 0 ? (
                <>
                  <dt className="text-muted-foreground">Judge calls</dt>
                  <dd className="text-right tabular-nums">
                    {formatCount(preview.estimate.judgeCalls)}
                  </dd>
                </>
              ) : null}
              <dt className="text-muted-foreground">Expected cost</dt>
              <dd className="text-right font-medium tabular-nums">
                {formatUsd(preview.estimate.expectedUsd)}
              </dd>
              <dt className="text-muted-foreground">At most</dt>
              <dd className="text-right tabular-nums">{formatUsd(preview.estimate.maxUsd)}</dd>
            </dl>
            {preview.parity ? (
              <p className="text-xs">
                <span className="font-medium">Parity: </span>
                {describeParityOutlook(preview.parity)}
              </p>
            ) : null}
            {budgetUsd !== null &&
            preview.estimate.expectedUsd !== null &&
            preview.estimate.expectedUsd > budgetUsd ? (
              <p className="text-destructive">
                The expected cost is above the budget cap: the run will stop early.
              </p>
            ) : null}
            <p className="text-xs text-muted-foreground">
              Expected assumes outputs as long as the references; at most assumes every output
              reaches max tokens. Catalogue prices; — when a price is unknown.
            </p>
            <ul className="flex flex-col gap-2 border-t pt-3">
              {preview.estimate.targets.map((target) => (
                <li key={target.label} className="flex flex-col gap-0.5">
                  <span className="flex flex-wrap items-center gap-1.5 font-medium">
                    {target.label}
                    {preview.simulatedTargets.includes(target.label) ? <SimulatedBadge /> : null}
                  </span>
                  <span className="text-xs text-muted-foreground tabular-nums">
                    {formatCount(target.trials)} trials · {formatUsd(target.expectedUsd)} expected ·{" "}
                    {formatUsd(target.maxUsd)} at most
                  </span>
                </li>
              ))}
              {preview.needsJudge ? (
                <li className="flex flex-col gap-0.5">
                  <span className="flex flex-wrap items-center gap-1.5 font-medium">
                    Judge
                    {preview.simulatedTargets.includes("the judge") ? <SimulatedBadge /> : null}
                  </span>
                  <span className="text-xs text-muted-foreground tabular-nums">
                    {formatCount(preview.estimate.judgeCalls)} calls ·{" "}
                    {formatUsd(preview.estimate.judgeUsd)}
                  </span>
                </li>
              ) : null}
            </ul>
            {preview.simulatedTargets.length > 0 ? (
              <p className="text-xs">
                <SimulatedBadge className="mr-1" /> {preview.simulatedTargets.length} of{" "}
                {preview.estimate.targets.length + (preview.needsJudge ? 1 : 0)} run against the
                emulator; their results will be labelled simulated.
              </p>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
