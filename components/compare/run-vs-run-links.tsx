import { GitCompareArrows, History } from "lucide-react";
import Link from "next/link";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** The run-against-run page with `a` (and `b`, when given) chosen. */
export function runAgainstRunHref(a: string, b?: string | null): string {
  const search = new URLSearchParams({ a, ...(b ? { b } : {}) });
  return `/compare/runs?${search.toString()}`;
}

/**
 * From a run page to run against run: the previous completed run of its schedule (when it was
 * scheduled and one exists), and any other run of its suite.
 */
export function RunAgainstRunLinks({
  runId,
  previousRunId,
}: {
  runId: string;
  previousRunId: string | null;
}) {
  return (
    <nav aria-label="Compare with other runs">
      <ul className="flex flex-wrap gap-2">
        {previousRunId ? (
          <li>
            <Button asChild variant="outline" size="sm">
              <Link href={runAgainstRunHref(runId, previousRunId)}>
                <History aria-hidden />
                Compare with previous run of this schedule
              </Link>
            </Button>
          </li>
        ) : null}
        <li>
          <Button asChild variant="outline" size="sm">
            <Link href={runAgainstRunHref(runId)}>
              <GitCompareArrows aria-hidden />
              Compare with another run
            </Link>
          </Button>
        </li>
      </ul>
    </nav>
  );
}

const COMPARE_VIEWS = [
  { id: "targets", href: "/compare", label: "Platforms in one run" },
  { id: "runs", href: "/compare/runs", label: "Run against run" },
] as const;

/** The two ways to compare, as links: targets within one run, and one run against another. */
export function CompareViewTabs({ current }: { current: (typeof COMPARE_VIEWS)[number]["id"] }) {
  return (
    <nav aria-label="Compare views">
      <ul className="flex flex-wrap gap-1 border-b">
        {COMPARE_VIEWS.map((view) => {
          const isCurrent = view.id === current;
          return (
            <li key={view.id}>
              <Link
                href={view.href}
                aria-current={isCurrent ? "page" : undefined}
                className={cn(
                  "-mb-px inline-flex border-b-2 px-3 py-2 text-sm font-medium",
                  isCurrent
                    ? "border-primary text-foreground"
                    : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {view.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
