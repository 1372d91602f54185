import { MonitorCog } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { IconSymbol, IconUse } from "@/components/ui/icon-symbol";
import { RUN_STATUS_LABELS, type RunStatusName } from "@/lib/schemas/runs";

/**
 * A red badge that keeps AA contrast in both themes: the destructive colour itself is too light
 * for small text on its own 10% tint (axe measured it under 4.5:1 in the light theme).
 */
export const DANGER_BADGE_CLASS =
  "border-destructive/40 bg-destructive/10 text-red-800 dark:text-red-200";

const STATUS_STYLE: Record<RunStatusName, string> = {
  queued: "border-border bg-secondary text-secondary-foreground",
  running: "border-primary/40 bg-accent text-accent-foreground",
  completed: "border-transparent bg-primary text-primary-foreground",
  failed: DANGER_BADGE_CLASS,
  cancelled: "border-border bg-background text-muted-foreground",
  budget_exceeded: DANGER_BADGE_CLASS,
};

export function RunStatusBadge({ status }: { status: RunStatusName }) {
  return (
    <Badge variant="outline" className={STATUS_STYLE[status]}>
      {RUN_STATUS_LABELS[status]}
    </Badge>
  );
}

const SIMULATED_ICON_ID = "simulated-badge-icon";

/**
 * The simulated badge's icon (lucide's MonitorCog), drawn once on a page that shows many simulated
 * badges: badges given `hasSharedIcon` point at this drawing instead of each carrying a copy of it.
 * Render it once on such a page.
 */
export function SimulatedBadgeIcon() {
  return (
    <IconSymbol id={SIMULATED_ICON_ID}>
      <path d="M12 17v4" />
      <path d="m14.305 7.53.923-.382" />
      <path d="m15.228 4.852-.923-.383" />
      <path d="m16.852 3.228-.383-.924" />
      <path d="m16.852 8.772-.383.923" />
      <path d="m19.148 3.228.383-.924" />
      <path d="m19.53 9.696-.382-.924" />
      <path d="m20.772 4.852.924-.383" />
      <path d="m20.772 7.148.924.383" />
      <path d="M22 13v2a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h7" />
      <path d="M8 21h8" />
      <circle cx="18" cy="6" r="3" />
    </IconSymbol>
  );
}

/** The page's SimulatedBadgeIcon, drawn where it stands (size it with `className`). */
export function SharedSimulatedIcon({ className }: { className?: string }) {
  return <IconUse id={SIMULATED_ICON_ID} className={className} />;
}

/**
 * Marks a figure, row or run that came from the emulator rather than a real platform. With
 * `hasSharedIcon`, its icon is the page's SimulatedBadgeIcon (which the page must render).
 */
export function SimulatedBadge({
  className,
  title,
  hasSharedIcon = false,
}: {
  className?: string;
  title?: string;
  hasSharedIcon?: boolean;
}) {
  return (
    <Badge
      variant="outline"
      className={cn(
        "border-amber-500/50 bg-amber-500/10 text-amber-800 dark:text-amber-200",
        className,
      )}
      title={title ?? "Ran against the local emulator, not a real platform"}
    >
      {hasSharedIcon ? (
        <SharedSimulatedIcon className="size-3" />
      ) : (
        <MonitorCog aria-hidden className="size-3" />
      )}
      Simulated
    </Badge>
  );
}

export type TrialOutcome = "pass" | "fail" | "error" | "unscored";

export function trialOutcome(trial: { status: string; pass: boolean | null }): TrialOutcome {
  if (trial.status === "error") return "error";
  if (trial.pass === true) return "pass";
  if (trial.pass === false) return "fail";
  return "unscored";
}

const OUTCOME_STYLE: Record<TrialOutcome, { label: string; className: string }> = {
  pass: { label: "Pass", className: "border-transparent bg-primary text-primary-foreground" },
  fail: {
    label: "Fail",
    className: DANGER_BADGE_CLASS,
  },
  error: {
    label: "Error",
    className: "border-amber-500/50 bg-amber-500/10 text-amber-800 dark:text-amber-200",
  },
  unscored: { label: "Not scored", className: "text-muted-foreground" },
};

export function OutcomeBadge({ outcome }: { outcome: TrialOutcome }) {
  const style = OUTCOME_STYLE[outcome];
  return (
    <Badge variant="outline" className={style.className}>
      {style.label}
    </Badge>
  );
}

export type Verdict = "equivalent" | "different" | "inconclusive";

const VERDICT_STYLE: Record<Verdict, { label: string; className: string }> = {
  equivalent: {
    label: "Equivalent",
    className: "border-transparent bg-primary text-primary-foreground",
  },
  different: {
    label: "Different",
    className: DANGER_BADGE_CLASS,
  },
  inconclusive: { label: "Inconclusive", className: "bg-secondary text-secondary-foreground" },
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const style = VERDICT_STYLE[verdict];
  return (
    <Badge variant="outline" className={cn("text-sm", style.className)}>
      {style.label}
    </Badge>
  );
}
