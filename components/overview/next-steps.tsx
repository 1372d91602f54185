import { ArrowRight, Lightbulb } from "lucide-react";
import Link from "next/link";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export type NextStep = {
  id: string;
  title: string;
  description: string;
  href: string;
  action: string;
  /** False when the user's role cannot do it: the step says who can. */
  canDo: boolean;
  minRole: string;
};

/** What is missing, and what to do about it. */
export function NextSteps({ steps }: { steps: NextStep[] }) {
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="next-steps" className="flex flex-col gap-2">
      <h2 id="next-steps" className="sr-only">
        What to do next
      </h2>
      {steps.map((step) => (
        <Alert key={step.id} variant="info">
          <Lightbulb aria-hidden />
          <div className="flex flex-1 flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
            <div>
              <p className="font-medium">{step.title}</p>
              <p>{step.description}</p>
            </div>
            {step.canDo ? (
              <Button asChild variant="outline" size="sm" className="self-start sm:self-center">
                <Link href={step.href}>
                  {step.action}
                  <ArrowRight aria-hidden />
                </Link>
              </Button>
            ) : (
              <p className="text-sm text-muted-foreground sm:shrink-0">
                Needs the {step.minRole} role
              </p>
            )}
          </div>
        </Alert>
      ))}
    </section>
  );
}
