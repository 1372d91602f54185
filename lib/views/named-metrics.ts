import type { NamedMetric } from "@/lib/eval/named-metrics";
import { formatCount, formatScore, toPoints } from "@/lib/format";

/**
 * A run's named metrics (promptfoo's `metric` on an assertion) as the run page, the CLI's table
 * and its `--json` show them: per target, each name's mean in points (0–100, the unit of every
 * score), the total weight behind it and how many trials had it. One set of functions, so the
 * figures read the same on every surface.
 */

export type { NamedMetric };

/** One target's named metrics, sorted by name (empty when its trials name none). */
export type TargetNamedMetrics = { targetId: string; metrics: NamedMetric[] };

/** What a named-metrics table needs to know of a target. */
export type NamedMetricsTarget = { id: string; label: string; isSimulated: boolean };

/** A target with its named metrics, as the run page lists them. */
export type NamedMetricsGroup = NamedMetricsTarget & { metrics: NamedMetric[] };

/**
 * The targets that have named metrics, in `targets`' order, each with its metrics; empty when no
 * target has any (the page and the CLI then show nothing).
 */
export function groupNamedMetrics(
  targets: readonly NamedMetricsTarget[],
  named: readonly TargetNamedMetrics[],
): NamedMetricsGroup[] {
  const byTarget = new Map(named.map((entry) => [entry.targetId, entry.metrics]));
  return targets.flatMap((target) => {
    const metrics = byTarget.get(target.id) ?? [];
    return metrics.length ? [{ ...target, metrics }] : [];
  });
}

/** A named metric for machine-readable outputs: its mean in points, as every page shows it. */
export type NamedMetricExport = {
  name: string;
  /** Weighted mean in points (0–100); null when the metric's weight is 0. */
  mean: number | null;
  weight: number;
  trials: number;
};

/** Target `targetId`'s named metrics for machine-readable outputs (empty when it has none). */
export function namedMetricsExport(
  named: readonly TargetNamedMetrics[],
  targetId: string,
): NamedMetricExport[] {
  const metrics = named.find((entry) => entry.targetId === targetId)?.metrics ?? [];
  return metrics.map((metric) => ({
    name: metric.name,
    mean: toPoints(metric.mean),
    weight: metric.weight,
    trials: metric.trials,
  }));
}

/** A metric's total weight: whole weights as counts ("1,200"), others to two decimals ("2.5"). */
export function formatMetricWeight(weight: number): string {
  if (Number.isInteger(weight)) return formatCount(weight);
  return weight.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** What the tables say the figures are. */
export const NAMED_METRICS_NOTE =
  "Mean: the weighted mean score of the assertions under each name (promptfoo's `metric`), in points (0–100); weight: the total weight behind it; trials: trials with that name.";

/**
 * The CLI's "Named metrics" table, after its summary: a heading, the note and one row per target
 * and name; "" when no target has a named metric.
 */
export function formatNamedMetricsTable(
  targets: readonly NamedMetricsTarget[],
  named: readonly TargetNamedMetrics[],
): string {
  const groups = groupNamedMetrics(targets, named);
  if (groups.length === 0) return "";
  const header = ["target", "metric", "mean (points)", "weight", "trials"];
  const rows = groups.flatMap((group) =>
    group.metrics.map((metric) => [
      `${group.label}${group.isSimulated ? " (simulated)" : ""}`,
      metric.name,
      formatScore(metric.mean),
      formatMetricWeight(metric.weight),
      formatCount(metric.trials),
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    "Named metrics",
    NAMED_METRICS_NOTE,
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ].join("\n");
}
