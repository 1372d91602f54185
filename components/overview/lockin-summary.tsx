import { LockKeyhole } from "lucide-react";
import Link from "next/link";

import { OverviewCard } from "@/components/overview/overview-card";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { DANGER_BADGE_CLASS } from "@/components/runs/run-badges";
import { formatRisk } from "@/lib/format";

export type LockinSummaryRow = {
  platformId: string;
  platformName: string;
  score: number;
  band: "low" | "moderate" | "high" | "critical";
  bandLabel: string;
  /** What the score leaves out of the workload (then it is not ranked), or null. */
  coverageGap: string | null;
};

const BAND_STYLE: Record<LockinSummaryRow["band"], string> = {
  low: "border-transparent bg-secondary text-secondary-foreground",
  moderate: "border-amber-500/50 bg-amber-500/10 text-amber-800 dark:text-amber-200",
  high: DANGER_BADGE_CLASS,
  critical: "border-transparent bg-destructive text-white",
};

/**
 * Each platform's lock-in score (0 = free to leave, 100 = locked in) and band, or an honest note
 * when the scores are not available.
 */
export function LockinSummary({
  rows,
  unscored,
  note,
  isAvailable,
}: {
  rows: LockinSummaryRow[];
  unscored: number;
  /** Which profile and weights the scores use, and the snapshot. */
  note: string;
  isAvailable: boolean;
}) {
  return (
    <OverviewCard
      icon={LockKeyhole}
      title="Lock-in risk per platform"
      description={
        <>
          {isAvailable
            ? `Score 0–100 (0 = free to leave, 100 = locked in). ${note}`
            : "The lock-in scores could not be computed right now."}{" "}
          <Link href="/lock-in" className="underline underline-offset-2">
            Open Lock-in
          </Link>
        </>
      }
    >
      {!isAvailable ? (
        <p className="text-sm text-muted-foreground">
          See the Lock-in page for the factors, weights and evidence.
        </p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          No platform offers the workload profile&apos;s models: set the profile on the Lock-in
          page.
        </p>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Lock-in score per platform">
          {rows.map((row) => (
            <li
              key={row.platformId}
              className="grid grid-cols-[minmax(8rem,12rem)_1fr_auto] items-center gap-x-3 gap-y-0.5 text-sm"
            >
              <span className="truncate">
                {row.platformName}
                {row.coverageGap ? <span className="text-muted-foreground"> (partial)</span> : null}
              </span>
              <span aria-hidden className="h-2 overflow-hidden rounded-full bg-secondary">
                <span
                  className="block h-full rounded-full bg-primary"
                  style={{ width: `${Math.min(100, Math.max(0, row.score))}%` }}
                />
              </span>
              <span className="flex items-center gap-2">
                <span className="w-12 text-right font-medium tabular-nums">
                  {formatRisk(row.score)}
                </span>
                <Badge
                  variant="outline"
                  className={cn("w-20 justify-center", BAND_STYLE[row.band])}
                >
                  {row.bandLabel}
                </Badge>
              </span>
              {row.coverageGap ? (
                <span className="col-span-3 text-xs text-muted-foreground">
                  Not ranked with the others: {row.coverageGap}.
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {isAvailable && unscored > 0 ? (
        <p className="mt-3 text-xs text-muted-foreground">
          {unscored} platform{unscored === 1 ? "" : "s"} offer none of the profile&apos;s models and
          have no score.
        </p>
      ) : null}
    </OverviewCard>
  );
}
