import { RotateCcw, type LucideIcon } from "lucide-react";
import Link from "next/link";

import { areas } from "@/components/nav-items";
import { Button } from "@/components/ui/button";

type Step = { href: string; label: string; icon: LucideIcon };

/**
 * Where to go from a run page: Compare and Routing with this run chosen, the report builder with
 * it ticked, and the New run form with its settings. The page decides which the caller may use
 * and which make sense for the run; only those are shown.
 */
export function RunNextSteps({
  runId,
  canCompare,
  canRoute,
  canReport,
  canLaunchAgain,
}: {
  runId: string;
  canCompare: boolean;
  canRoute: boolean;
  canReport: boolean;
  canLaunchAgain: boolean;
}) {
  const run = encodeURIComponent(runId);
  const steps: Step[] = [
    ...(canCompare
      ? [{ href: `/compare?run=${run}`, label: "Compare this run", icon: areas.compare.icon }]
      : []),
    ...(canRoute
      ? [{ href: `/routing?run=${run}`, label: "Routing for this run", icon: areas.routing.icon }]
      : []),
    ...(canReport
      ? [
          {
            href: `/reports?run=${run}#new-report`,
            label: "Build a report from it",
            icon: areas.reports.icon,
          },
        ]
      : []),
    ...(canLaunchAgain
      ? [{ href: `/runs/new?from=${run}`, label: "Launch again", icon: RotateCcw }]
      : []),
  ];
  if (steps.length === 0) return null;
  return (
    <nav aria-label="Next steps for this run">
      <ul className="flex flex-wrap gap-2">
        {steps.map(({ href, label, icon: Icon }) => (
          <li key={href}>
            <Button asChild variant="outline" size="sm">
              <Link href={href}>
                <Icon aria-hidden />
                {label}
              </Link>
            </Button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
