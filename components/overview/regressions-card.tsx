import { BellRing } from "lucide-react";
import Link from "next/link";

import { OverviewCard } from "@/components/overview/overview-card";
import { SimulatedBadge } from "@/components/runs/run-badges";
import { Badge } from "@/components/ui/badge";
import {
  describeRegressionSource,
  regressionCompareLinkText,
  regressionRunLinkText,
  REGRESSIONS_DESCRIPTION,
  REGRESSIONS_EMPTY,
  REGRESSIONS_TITLE,
  REGRESSIONS_WATCHED,
  type RegressionView,
} from "@/lib/views/regressions";

/** The latest stored regressions: the rule, its sentence, the run it was found in. */
export function RegressionsCard({ regressions }: { regressions: RegressionView[] }) {
  return (
    <OverviewCard icon={BellRing} title={REGRESSIONS_TITLE} description={REGRESSIONS_DESCRIPTION}>
      {regressions.length === 0 ? (
        <div className="flex flex-col gap-1">
          <p className="text-sm font-medium">{REGRESSIONS_EMPTY}</p>
          <p className="text-sm text-muted-foreground">{REGRESSIONS_WATCHED}</p>
        </div>
      ) : (
        <RegressionList regressions={regressions} />
      )}
    </OverviewCard>
  );
}

/** Regressions, newest first: the rule, its sentence, the run it was found in and a comparison. */
export function RegressionList({ regressions }: { regressions: RegressionView[] }) {
  return (
    <ul className="divide-y">
      {regressions.map((regression) => (
        <li key={regression.id} className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-center gap-2">
            <Badge variant="outline">{regression.ruleLabel}</Badge>
            {regression.run.isSimulated ? <SimulatedBadge /> : null}
            <span className="text-xs text-muted-foreground">
              {describeRegressionSource(regression)}
            </span>
          </div>
          <p className="text-sm">{regression.summary}</p>
          <p className="flex flex-wrap gap-x-3 text-xs text-muted-foreground">
            <Link
              href={`/runs/${encodeURIComponent(regression.run.id)}`}
              className="underline underline-offset-2"
            >
              {regressionRunLinkText(regression)}
            </Link>
            {regression.previousRun ? (
              <Link
                href={`/compare/runs?${new URLSearchParams({ a: regression.run.id, b: regression.previousRun.id }).toString()}`}
                className="underline underline-offset-2"
              >
                {regressionCompareLinkText(regression.previousRun)}
              </Link>
            ) : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
