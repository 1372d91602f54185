"use client";

import { useEffect, useRef, useState } from "react";

import { BandBadge } from "@/components/lockin/band-badge";
import { CsvDownload } from "@/components/routing/csv-download";
import { HeadCells } from "@/components/ui/table-frame";
import { type PreparedLockinChart } from "@/lib/charts/lockin";
import { formatRisk } from "@/lib/format";

/**
 * The numbers behind the lock-in chart, and the same numbers (with factor values) as CSV. Drawn
 * from the chart's own data (the page sends it once, for the chart) and only once opened: closed,
 * as it starts, it shows nothing of it.
 */
export function LockinDataTable({
  chart,
  csv,
  fileName,
}: {
  chart: PreparedLockinChart;
  csv: string;
  fileName: string;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  // Opened before the page was interactive: the toggle event came before React listened for it.
  useEffect(() => {
    if (ref.current?.open) setIsOpen(true);
  }, []);
  return (
    <details
      ref={ref}
      className="rounded-lg border px-4 py-2"
      onToggle={(event) => setIsOpen(event.currentTarget.open)}
    >
      <summary className="cursor-pointer py-1 text-sm font-medium">
        Show the numbers as a table
      </summary>
      {isOpen ? (
        <div className="mt-2 flex flex-col gap-3">
          <div>
            <CsvDownload
              csv={csv}
              fileName={fileName}
              label="Download CSV (scores, factor values, weights, contributions)"
            />
          </div>
          <div className="overflow-x-auto">
            <table className="w-full text-xs">
              <caption className="sr-only">
                Lock-in score and factor contributions per platform, in points of 100
              </caption>
              <thead>
                <tr className="border-b text-left text-muted-foreground">
                  <HeadCells
                    className="py-2 pr-3 font-medium"
                    cells={[
                      "Platform",
                      { label: "Score", className: "text-right" },
                      "Band",
                      { label: "Weight with data", className: "text-right" },
                      ...chart.series.map((series) => ({
                        label: series.label,
                        className: "text-right",
                      })),
                    ]}
                  />
                </tr>
              </thead>
              <tbody>
                {chart.bars.map((bar) => (
                  <tr key={bar.platformId} className="border-b last:border-0">
                    <th scope="row" className="py-1.5 pr-3 text-left font-medium">
                      {bar.label}
                    </th>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{formatRisk(bar.score)}</td>
                    <td className="py-1.5 pr-3">
                      <BandBadge band={bar.band} />
                    </td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">
                      {Math.round(bar.coverage * 100)}%
                    </td>
                    {chart.series.map((series) => (
                      <td key={series.id} className="py-1.5 pr-3 text-right tabular-nums">
                        {formatRisk(bar.contributions[series.id])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="text-xs text-muted-foreground">
            Contributions are points of the 0–100 score (value × weight ÷ sum of the weights with
            data); &quot;—&quot; means the factor has no value for that platform (no data, or the
            requirement cannot be met there; the evidence below says which), not zero.
          </p>
        </div>
      ) : null}
    </details>
  );
}
