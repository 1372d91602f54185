"use client";

import { SourceLink } from "@/components/lockin/source-link";

import { HeadCells } from "@/components/ui/table-frame";
import type { ReferenceFactRow } from "@/lib/charts/lockin";

const FACTOR_LABELS: Record<ReferenceFactRow["factor"], string> = {
  "data-gravity": "Data gravity and switching cost",
  "proprietary-services": "Proprietary platform services",
  "hosting-locus": "Hosting locus",
};

/** Whether a reference fact was confirmed against its source when last checked. */
export function CheckNote({
  check,
  checkedOn,
}: {
  check: "confirmed" | "unconfirmed";
  checkedOn: string;
}) {
  return check === "confirmed" ? (
    <span className="text-muted-foreground">
      checked <time dateTime={checkedOn}>{checkedOn}</time>
    </span>
  ) : (
    <span className="text-amber-700 dark:text-amber-400">
      written <time dateTime={checkedOn}>{checkedOn}</time>, not yet confirmed against its source
    </span>
  );
}

/**
 * The facts the lock-in factors take from outside the catalogue (egress prices, exit waivers and
 * their conditions, service lock scores, pass-through hosting, the EU Data Act), each with its
 * source and the date it was checked.
 */
export function ReferenceFacts({ rows }: { rows: readonly ReferenceFactRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border">
      <table className="w-full text-sm">
        <caption className="sr-only">
          Reference facts behind the lock-in factors, with the factor each feeds, its source and the
          date it was checked
        </caption>
        <thead className="bg-muted/50">
          <tr className="text-left text-xs text-muted-foreground">
            <HeadCells
              className="px-3 py-2 font-medium"
              cells={["Fact", "What it says", "Feeds", "Source and check"]}
            />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} id={`fact-${row.id}`} className="border-t align-top">
              <th scope="row" className="w-56 px-3 py-2 text-left font-medium">
                {row.subject}
              </th>
              <td className="px-3 py-2 leading-snug">{row.fact}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                <a
                  href={`#factor-${row.factor}`}
                  className="underline decoration-dotted underline-offset-2"
                >
                  {FACTOR_LABELS[row.factor]}
                </a>
              </td>
              <td className="px-3 py-2 text-xs">
                <SourceLink href={row.sourceUrl}>{new URL(row.sourceUrl).hostname}</SourceLink>
                <span className="block">
                  <CheckNote check={row.check} checkedOn={row.checkedOn} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
