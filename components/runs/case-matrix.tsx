import Link from "next/link";

import { cn } from "@/components/ui/cn";
import { formatScoreWithUnit } from "@/lib/format";
import type { RunResultView } from "@/lib/schemas/runs";
import { CASE_DISAGREEMENT_SPREAD } from "@/lib/views/case-matrix";

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
