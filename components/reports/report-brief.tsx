import type { ReactNode } from "react";

import type { Brief } from "@/lib/views/brief";

/**
 * Page one of a report: the answer, the recommendation (generated from the data, with the
 * analyst's own beside it), key numbers, monthly cost, the main risk and provenance. Sized to fit
 * one A4 page when printed; on a phone its columns stack and the cost table scrolls.
 */
export function ReportBrief({
  brief,
  recommendations,
}: {
  brief: Brief;
  /** The analyst's recommendations, as written (editable on the report page). */
  recommendations: ReactNode;
}) {
  const rec = brief.recommendation;
  return (
    <section
      aria-labelledby="report-brief"
      data-report-brief
      className="flex flex-col gap-4 rounded-lg border-2 border-primary/30 p-4 print:break-after-page print:border print:p-3"
    >
      <h2 id="report-brief" className="text-xl font-semibold">
        Brief
      </h2>
      <p className="text-lg leading-snug font-medium print:text-base">{brief.headline}</p>

      <section aria-labelledby="report-recommendations" className="flex flex-col gap-2">
        <h3 id="report-recommendations" className="text-base font-semibold">
          Recommendations
        </h3>
        <div className="grid gap-3 md:grid-cols-2 print:grid-cols-2">
          <div className="flex flex-col gap-1 text-sm">
            <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
              Generated from the data (rules in the methodology)
            </p>
            <p className="font-medium">{rec.text}</p>
            <p>{rec.why}</p>
            {rec.runnerUp ? <p>{rec.runnerUp}</p> : null}
            <p>
              <span className="font-medium">What would change it: </span>
              {rec.wouldChange}
            </p>
          </div>
          <div className="flex flex-col gap-1 text-sm">
            <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
              The analyst&apos;s recommendations
            </p>
            {recommendations}
          </div>
        </div>
      </section>

      {brief.keyNumbers.length ? (
        <section aria-labelledby="report-key-numbers" className="flex flex-col gap-2">
          <h3 id="report-key-numbers" className="text-base font-semibold">
            Key numbers
          </h3>
          <dl className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3 print:grid-cols-3">
            {brief.keyNumbers.map((number) => (
              <div key={number.label} className="rounded-md border p-2">
                <dt className="text-xs text-muted-foreground">{number.label}</dt>
                <dd className="text-lg font-semibold tabular-nums">{number.value}</dd>
                <dd className="text-xs text-muted-foreground tabular-nums">
                  {number.interval}; {number.n}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      {brief.monthlyCost ? (
        <section aria-labelledby="report-monthly-cost" className="flex flex-col gap-2">
          <h3 id="report-monthly-cost" className="text-base font-semibold">
            Monthly cost at your volume
          </h3>
          <div className="overflow-x-auto" tabIndex={0} aria-label="Monthly cost, scrolls sideways">
            <table className="w-full min-w-[28rem] text-left text-sm">
              <caption className="sr-only">
                Monthly cost of the recommended option and alternatives
              </caption>
              <thead>
                <tr className="border-b">
                  {["Option", "Role", "Per case", "Per month"].map((head) => (
                    <th
                      key={head}
                      scope="col"
                      className="py-1 pr-3 font-medium text-muted-foreground"
                    >
                      {head}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {brief.monthlyCost.rows.map((row) => (
                  <tr key={`${row.role}:${row.label}`} className="border-b last:border-0">
                    <td className="py-1 pr-3">{row.label}</td>
                    <td className="py-1 pr-3">{row.role}</td>
                    <td className="py-1 pr-3 tabular-nums">{row.perCase}</td>
                    <td className="py-1 font-medium tabular-nums">{row.perMonth}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="text-xs text-muted-foreground">{brief.monthlyCost.assumption}</p>
        </section>
      ) : null}

      {brief.risk ? (
        <p className="text-sm">
          <span className="font-semibold">Main risk: </span>
          {brief.risk}
        </p>
      ) : null}
      <p className="text-xs text-muted-foreground">
        <span className="font-medium">Provenance: </span>
        {brief.provenance}
      </p>
    </section>
  );
}
