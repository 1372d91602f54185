import { formatDateTime, formatMs, formatPercent, formatUsd } from "@/lib/format";
import { describeCron } from "@/lib/schemas/schedules";

/**
 * The sentences the schedule pages and the command line write about a schedule, once.
 */

/** "Daily at 06:00 (Europe/Paris)". */
export function describeWhen(schedule: { cron: string; timezone: string }): string {
  return `${describeCron(schedule.cron)} (${schedule.timezone})`;
}

/** "$1.20 of a $5.00 cap" or "$1.20, no cap". */
export function describeMonthSpend(schedule: {
  spentThisMonthUsd: number;
  monthlyBudgetUsd: number | null;
}): string {
  return schedule.monthlyBudgetUsd === null
    ? `${formatUsd(schedule.spentThisMonthUsd)}, no cap`
    : `${formatUsd(schedule.spentThisMonthUsd)} of a ${formatUsd(schedule.monthlyBudgetUsd)} cap`;
}

/** When it fires next, or why it does not. */
export function describeNextFire(schedule: { isPaused: boolean; nextFireAt: Date | null }): string {
  if (schedule.isPaused) return "Paused";
  return schedule.nextFireAt
    ? formatDateTime(schedule.nextFireAt)
    : "Never (the cron has no next time)";
}

/** The alert thresholds in words, beside the rules that always apply. */
export function describeAlertRules(schedule: {
  alertLatencyP95Ms: number | null;
  alertErrorRate: number | null;
}): string[] {
  return [
    "A score drop against the previous run (paired 95% interval below zero)",
    "A parity verdict that changes between runs",
    schedule.alertLatencyP95Ms === null
      ? null
      : `Latency p95 above ${formatMs(schedule.alertLatencyP95Ms)}`,
    schedule.alertErrorRate === null
      ? null
      : `Error rate above ${formatPercent(schedule.alertErrorRate)}`,
  ].filter((line): line is string => line !== null);
}
