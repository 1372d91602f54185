import { FlaskConical } from "lucide-react";
import Link from "next/link";

import { formatCount, formatDateTime, formatWholePercent } from "@/lib/format";
import { OverviewCard } from "@/components/overview/overview-card";
import { RunStatusBadge, SimulatedBadge } from "@/components/runs/run-badges";
import type { RunStatusName } from "@/lib/schemas/runs";

export type LatestRun = {
  id: string;
  name: string;
  suiteName: string;
  status: RunStatusName;
  storedTrials: number;
  expectedTrials: number;
  targets: number;
  isSimulated: boolean;
  createdAt: Date;
};

/** The newest runs: status, progress, simulated mark and a link to each. */
export function LatestRuns({ runs }: { runs: LatestRun[] }) {
  return (
    <OverviewCard
      icon={FlaskConical}
      title="Latest runs"
      description={
        <>
          {runs.length === 1
            ? "The newest evaluation run."
            : `The ${runs.length} newest evaluation runs.`}{" "}
          <Link href="/runs" className="underline underline-offset-2">
            All runs
          </Link>
        </>
      }
    >
      {runs.length === 0 ? (
        <p className="text-sm text-muted-foreground">No run yet.</p>
      ) : (
        <ul className="divide-y">
          {runs.map((run) => {
            const progress = run.expectedTrials > 0 ? run.storedTrials / run.expectedTrials : 0;
            return (
              <li key={run.id} className="flex flex-col gap-1.5 py-3 first:pt-0 last:pb-0">
                <div className="flex flex-wrap items-center gap-2">
                  <Link
                    href={`/runs/${encodeURIComponent(run.id)}`}
                    className="font-medium underline-offset-2 hover:underline"
                  >
                    {run.name}
                  </Link>
                  <RunStatusBadge status={run.status} />
                  {run.isSimulated ? <SimulatedBadge /> : null}
                </div>
                <p className="text-xs text-muted-foreground">
                  {run.suiteName} · {run.targets} target{run.targets === 1 ? "" : "s"} ·{" "}
                  {formatDateTime(run.createdAt)} ·{" "}
                  <span className="tabular-nums">
                    {formatCount(run.storedTrials)} of {formatCount(run.expectedTrials)} trials (
                    {formatWholePercent(progress)})
                  </span>
                </p>
                <div
                  role="progressbar"
                  aria-label={`${run.name}: trials stored`}
                  aria-valuemin={0}
                  aria-valuemax={run.expectedTrials}
                  aria-valuenow={run.storedTrials}
                  className="h-1.5 w-full overflow-hidden rounded-full bg-secondary"
                >
                  <div
                    className="h-full rounded-full bg-primary"
                    style={{ width: `${Math.min(100, progress * 100)}%` }}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </OverviewCard>
  );
}
