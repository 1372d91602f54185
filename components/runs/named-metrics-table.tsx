import { SimulatedBadge } from "@/components/runs/run-badges";
import { TableFrame } from "@/components/ui/table-frame";
import { formatCount, formatScore } from "@/lib/format";
import {
  formatMetricWeight,
  NAMED_METRICS_NOTE,
  type NamedMetricsGroup,
} from "@/lib/views/named-metrics";

const HEAD = [
  "Target",
  "Metric",
  { label: "Mean (points, 0–100)", className: "text-right" },
  { label: "Weight", className: "text-right" },
  { label: "Trials", className: "text-right" },
];

/**
 * The run's named metrics (promptfoo's `metric` on an assertion): per target, one row per name
 * with its weighted mean in points, the weight behind it and how many trials had it.
 */
export function NamedMetricsTable({ groups }: { groups: NamedMetricsGroup[] }) {
  return (
    <TableFrame
      caption={`Named metrics per target. ${NAMED_METRICS_NOTE}`}
      head={HEAD}
      headClassName="bg-muted/50 text-left align-bottom"
    >
      {groups.flatMap((group) =>
        group.metrics.map((metric, index) => (
          <tr key={`${group.id}\u0000${metric.name}`} className="border-t align-top">
            {index === 0 ? (
              <th
                scope="row"
                rowSpan={group.metrics.length}
                className="max-w-xs px-3 py-2 text-left font-medium"
              >
                <span className="flex flex-wrap items-center gap-1.5">
                  {group.label}
                  {group.isSimulated ? <SimulatedBadge /> : null}
                </span>
              </th>
            ) : null}
            <th scope="row" className="px-3 py-2 text-left font-normal break-all">
              {metric.name}
            </th>
            <td className="px-3 py-2 text-right tabular-nums">{formatScore(metric.mean)}</td>
            <td className="px-3 py-2 text-right tabular-nums">
              {formatMetricWeight(metric.weight)}
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{formatCount(metric.trials)}</td>
          </tr>
        )),
      )}
    </TableFrame>
  );
}
