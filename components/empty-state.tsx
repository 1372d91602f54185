import { ArrowRight, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

interface EmptyStateProps {
  icon: LucideIcon;
  title: string;
  /** What will appear here once there is data. */
  description: ReactNode;
  /** How the user gets that data: who does what, and where. */
  nextStep?: ReactNode;
  children?: ReactNode;
}

/** An area with nothing to show yet: says what will be here and how to get it, never fake data. */
export function EmptyState({
  icon: Icon,
  title,
  description,
  nextStep,
  children,
}: EmptyStateProps) {
  return (
    <Card className="border-dashed shadow-none">
      <CardHeader className="gap-3">
        <span className="flex size-10 items-center justify-center rounded-full bg-accent text-accent-foreground">
          <Icon aria-hidden className="size-5" />
        </span>
        <CardTitle asChild>
          <h2 className="text-lg">{title}</h2>
        </CardTitle>
        <CardDescription className="max-w-prose text-base">{description}</CardDescription>
        {nextStep ? (
          <p className="flex max-w-prose gap-2 text-sm font-medium">
            <ArrowRight aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
            <span>{nextStep}</span>
          </p>
        ) : null}
      </CardHeader>
      {children ? <CardContent>{children}</CardContent> : null}
    </Card>
  );
}
