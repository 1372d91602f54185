import { formatDateTime, formatMs, formatPercent, formatUsd } from "@/lib/format";
import { describeCron } from "@/lib/schemas/schedules";
import { REGRESSION_RULE_LABELS } from "./regressions";

/**
 * The sentences the schedule pages and the command line write about a schedule, once.
 */

/** "Daily at 06:00 (Europe/Paris)". */
export function describeWhen(schedule: { cron: string; timezone: string }): string {
  return `${describeCron(schedule.cron)} (${schedule.timezone})`;
}

/**
 * "$1.20 of a $5.00 cap" or "$1.20, no cap", with "(simulated)" when any of the month's runs ran
 * against the emulator: their cost is what the catalogue's prices would have charged.
 */
export function describeMonthSpend(schedule: {
  spentThisMonthUsd: number;
  monthlyBudgetUsd: number | null;
  isSpendSimulated: boolean;
}): string {
  const spent = `${formatUsd(schedule.spentThisMonthUsd)}${schedule.isSpendSimulated ? " (simulated)" : ""}`;
  return schedule.monthlyBudgetUsd === null
    ? `${spent}, no cap`
    : `${spent} of a ${formatUsd(schedule.monthlyBudgetUsd)} cap`;
}

/** When it fires next, or why it does not. */
export function describeNextFire(schedule: { isPaused: boolean; nextFireAt: Date | null }): string {
  if (schedule.isPaused) return "Paused";
  return schedule.nextFireAt
    ? formatDateTime(schedule.nextFireAt)
    : "Never (the cron has no next time)";
}

/** The rules watched after each run of a schedule, in words, with its thresholds. */
export function describeAlertRules(schedule: {
  alertLatencyP95Ms: number | null;
  alertErrorRate: number | null;
}): string[] {
  const label = REGRESSION_RULE_LABELS;
  return [
    `${label.score_drop}: the paired 95% interval against the previous run lies below zero`,
    `${label.parity_changed}: a parity verdict between platforms withdrawn since the previous run`,
    `${label.router_shift}: a cloud router's share of calls to its owner's models moves (p < 0.01)`,
    schedule.alertLatencyP95Ms === null
      ? `${label.latency_p95}: no threshold set`
      : `${label.latency_p95}: above ${formatMs(schedule.alertLatencyP95Ms)}`,
    schedule.alertErrorRate === null
      ? `${label.error_rate}: no threshold set`
      : `${label.error_rate}: its 95% interval above ${formatPercent(schedule.alertErrorRate)}`,
  ];
}

const counted = (n: number, one: string, many: string) =>
  n === 0 ? null : `${n} ${n === 1 ? one : many}`;

/** What a definition's targets are: "openai/gpt-5.5 on every platform; 2 offerings; 1 router". */
export function describeDefinitionTargets(
  targets: readonly { kind: string; modelId?: string }[],
): string {
  const of = (kind: string) => targets.filter((target) => target.kind === kind).length;
  return [
    ...targets.flatMap((target) =>
      target.kind === "model" ? [`${target.modelId} on every platform`] : [],
    ),
    counted(of("offering"), "offering", "offerings"),
    counted(of("policy") + of("saved-policy"), "routing policy", "routing policies"),
    counted(of("router"), "router", "routers"),
  ]
    .filter((part): part is string => part !== null)
    .join("; ");
}

/** What the last fire did: "Launched a run" (the runs list has it), or why nothing ran. */
export function describeLastFire(schedule: { lastOutcome: string | null }): string {
  const outcome = schedule.lastOutcome;
  if (!outcome) return "Not fired yet";
  if (outcome.startsWith("launched run "))
    return `Launched a run${outcome.endsWith("(run now)") ? " (Run now)" : ""}`;
  return outcome.charAt(0).toUpperCase() + outcome.slice(1);
}
