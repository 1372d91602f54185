import { ArrowRight, ListChecks } from "lucide-react";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import type { NavItem } from "@/components/nav-items";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

export interface SetupStep {
  title: string;
  description: string;
  /** The area where the step is done. */
  area: NavItem;
  /** The page inside the area where the step is done, when it is not the area's own page. */
  href?: string;
  isOptional?: boolean;
  /** False when the user's role cannot open the area: the step is listed without a link. */
  canOpen?: boolean;
}

interface GettingStartedProps {
  steps: readonly SetupStep[];
  /** True once a run exists: the steps are then a reminder, not a to-do list. */
  hasRuns?: boolean;
}

export function GettingStarted({ steps, hasRuns = false }: GettingStartedProps) {
  return (
    <EmptyState
      icon={ListChecks}
      title="Getting started"
      description={
        hasRuns
          ? "The steps that fill in the dashboard, in order."
          : "Nothing has been measured yet. These steps fill in the dashboard, in order."
      }
    >
      <ol className="divide-y rounded-lg border bg-card">
        {steps.map((step, index) => (
          <li
            key={step.title}
            className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between"
          >
            <div className="flex gap-3">
              <span
                aria-hidden
                className="flex size-6 shrink-0 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground"
              >
                {index + 1}
              </span>
              <div className="flex flex-col gap-1">
                <h3 className="flex flex-wrap items-center gap-2 font-medium">
                  {step.title}
                  {step.isOptional ? <Badge variant="outline">Optional</Badge> : null}
                </h3>
                <p className="text-sm text-muted-foreground">{step.description}</p>
              </div>
            </div>
            {step.canOpen === false ? (
              <p className="ml-9 text-sm text-muted-foreground sm:ml-0 sm:shrink-0">
                {step.area.minRole ? `Needs the ${step.area.minRole} role` : null}
              </p>
            ) : (
              <Button
                asChild
                variant="outline"
                size="sm"
                className="ml-9 self-start sm:ml-0 sm:self-center"
              >
                <Link href={step.href ?? step.area.href}>
                  Open {step.area.label}
                  <ArrowRight aria-hidden />
                </Link>
              </Button>
            )}
          </li>
        ))}
      </ol>
    </EmptyState>
  );
}
