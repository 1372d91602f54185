import { formatPointsDifference } from "@/lib/format";
import type { PreparedHeatmap } from "@/lib/charts/heatmap";

/**
 * Draws a prepared heat map of score differences vs the reference: categories down, targets
 * across. Gaps are hatched and marked "no data", never shown as zero.
 */
export function ParityHeatmap({
  chart,
  referenceLabel,
}: {
  chart: PreparedHeatmap;
  referenceLabel: string;
}) {
  return (
    <div className="flex flex-col gap-3">
      <div className="overflow-x-auto">
        <table className="border-separate border-spacing-1 text-sm">
          <caption className="sr-only">
            Mean paired score difference per category against {referenceLabel}, in points
          </caption>
          <thead>
            <tr>
              <th scope="col" className="px-2 text-left text-xs font-medium text-muted-foreground">
                Category
              </th>
              {chart.columns.map((column) => (
                <th
                  key={column.id}
                  scope="col"
                  className="max-w-40 px-2 text-left text-xs font-medium text-muted-foreground"
                >
                  {column.label}
                  {column.isReference ? " (reference)" : ""}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chart.rows.map((row, r) => (
              <tr key={row}>
                <th scope="row" className="px-2 text-left font-normal whitespace-nowrap">
                  {row}
                </th>
                {chart.cells[r]?.map((cell) =>
                  cell.isGap ? (
                    <td
                      key={cell.column}
                      className="h-10 min-w-24 rounded border border-dashed text-center text-xs text-muted-foreground"
                      style={{
                        backgroundImage:
                          "repeating-linear-gradient(135deg, transparent 0 6px, var(--color-border) 6px 7px)",
                      }}
                      title="No case of this category was scored on both targets"
                    >
                      ⨯ no data
                    </td>
                  ) : (
                    <td
                      key={cell.column}
                      className="h-10 min-w-24 rounded text-center text-xs tabular-nums"
                      style={{ background: cell.background ?? undefined }}
                      title={`${row}: ${formatPointsDifference(cell.difference)} vs ${referenceLabel}, n = ${cell.n} paired cases`}
                    >
                      <span className="font-medium">{formatPointsDifference(cell.difference)}</span>
                      <span className="block text-[10px] opacity-80">n = {cell.n}</span>
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <span>Below the reference</span>
        {chart.legend.map((step) => (
          <span
            key={step.difference}
            className="flex h-6 min-w-14 items-center justify-center rounded border text-[11px] text-foreground tabular-nums"
            style={{ background: step.background }}
          >
            {formatPointsDifference(step.difference)}
          </span>
        ))}
        <span>Above the reference</span>
        <span
          className="ml-2 flex h-6 items-center rounded border border-dashed px-2"
          style={{
            backgroundImage:
              "repeating-linear-gradient(135deg, transparent 0 6px, var(--color-border) 6px 7px)",
          }}
        >
          ⨯ no paired case
        </span>
      </div>
    </div>
  );
}
