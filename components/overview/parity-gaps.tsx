import { Scale } from "lucide-react";
import Link from "next/link";

import { OverviewCard } from "@/components/overview/overview-card";
import { SimulatedBadge, VerdictBadge, type Verdict } from "@/components/runs/run-badges";
import { DEFAULT_PARITY_MARGIN } from "@/lib/charts/parity";
import { formatDifferenceCi, formatMargin, formatPointsDifference } from "@/lib/format";

export type ParityGapRow = {
  key: string;
  runId: string;
  runName: string;
  isSimulated: boolean;
  modelId: string;
  modelName: string;
  platformA: string;
  platformB: string;
  referenceTargetId: string;
  difference: number;
  low: number;
  high: number;
  n: number;
  verdict: Verdict;
};

/** The largest paired score differences between platforms serving the same model. */
export function ParityGaps({ gaps, runsScanned }: { gaps: ParityGapRow[]; runsScanned: number }) {
  return (
    <OverviewCard
      icon={Scale}
      title="Largest parity gaps"
      description={
        <>
          Same model, different platforms: paired score difference (A − B) in points with its 95%
          CI, verdict at a margin of {formatMargin(DEFAULT_PARITY_MARGIN)} and n cases, across the{" "}
          {runsScanned} most recent finished runs.
        </>
      }
    >
      {gaps.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          No finished run has the same model on two platforms yet.
        </p>
      ) : (
        <ul className="divide-y">
          {gaps.map((gap) => (
            <li key={gap.key} className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{gap.modelName}</span>
                <VerdictBadge verdict={gap.verdict} />
                {gap.isSimulated ? <SimulatedBadge /> : null}
              </div>
              <p className="text-sm">
                {gap.platformA} − {gap.platformB}:{" "}
                <span className="font-semibold tabular-nums">
                  {formatPointsDifference(gap.difference)}
                </span>{" "}
                <span className="text-muted-foreground tabular-nums">
                  ({formatDifferenceCi(gap.low, gap.high)}; n = {gap.n} cases)
                </span>
              </p>
              <p className="text-xs text-muted-foreground">
                <Link
                  href={`/compare?${new URLSearchParams({ run: gap.runId, model: gap.modelId, ref: gap.referenceTargetId }).toString()}`}
                  className="underline underline-offset-2"
                >
                  Compare in {gap.runName}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </OverviewCard>
  );
}
