import { ExternalLink } from "@/components/ui/external-link";

import { BandBadge } from "@/components/lockin/band-badge";
import { CheckNote } from "@/components/lockin/reference-facts";
import { HeadCells } from "@/components/ui/table-frame";
import { type PlatformLockin } from "@/lib/charts/lockin";
import { formatRisk } from "@/lib/format";

function EvidenceList({ evidence }: { evidence: PlatformLockin["factors"][number]["evidence"] }) {
  if (evidence.length === 0) return <span className="text-muted-foreground">No evidence.</span>;
  return (
    <ul className="flex flex-col gap-1">
      {evidence.map((row, index) => (
        <li key={index} className="leading-snug">
          {row.text}
          {row.source ? (
            <>
              {" "}
              <ExternalLink href={row.source}>source</ExternalLink>
            </>
          ) : (
            <span className="text-muted-foreground"> (your workload profile)</span>
          )}
          {row.snapshotDate && row.check ? (
            <>
              {" · "}
              <CheckNote check={row.check} checkedOn={row.snapshotDate} />
            </>
          ) : row.snapshotDate ? (
            <span className="text-muted-foreground">
              {" "}
              · as of <time dateTime={row.snapshotDate}>{row.snapshotDate}</time>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** One platform's factor table: value, weight, contribution and the evidence of each factor. */
export function PlatformFactors({
  platform,
  modelNames,
  isOpen = false,
}: {
  platform: PlatformLockin;
  modelNames: Record<string, string>;
  isOpen?: boolean;
}) {
  const name = (id: string) => modelNames[id] ?? id;
  return (
    <details
      open={isOpen}
      className="rounded-lg border bg-card"
      id={`platform-${platform.platformId}`}
    >
      <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
        <span className="font-medium">{platform.platformName}</span>
        {platform.score !== null && platform.band ? (
          <>
            <span className="tabular-nums">{formatRisk(platform.score)} / 100</span>
            <BandBadge band={platform.band} />
          </>
        ) : (
          <span className="text-sm text-muted-foreground">not scored</span>
        )}
        <span className="text-xs text-muted-foreground">
          {platform.modelsCounted.length} of{" "}
          {platform.modelsCounted.length + platform.modelsNotOffered.length} profile models offered
          {platform.score !== null && platform.weightCovered < platform.weightTotal
            ? ` · ${platform.weightCovered} of ${platform.weightTotal} weight points had data`
            : ""}
        </span>
      </summary>
      <div className="flex flex-col gap-3 border-t px-4 py-3">
        {platform.modelsNotOffered.length ? (
          <p className="text-sm text-muted-foreground">
            Not offered here (left out): {platform.modelsNotOffered.map(name).join(", ")}.
          </p>
        ) : null}
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">
              Lock-in factors of {platform.platformName}: value 0–100, weight, contribution in
              points, evidence
            </caption>
            <thead>
              <tr className="border-b text-left text-xs text-muted-foreground">
                <HeadCells
                  className="py-2 pr-3 font-medium"
                  cells={[
                    "Factor",
                    { label: "Value (0–100)", className: "text-right whitespace-nowrap" },
                    { label: "Weight", className: "text-right" },
                    { label: "Contribution (points)", className: "text-right" },
                    { label: "Evidence (source, snapshot or check date)", className: "pr-0" },
                  ]}
                />
              </tr>
            </thead>
            <tbody>
              {platform.factors.map((factor) => (
                <tr key={factor.id} className="border-b align-top last:border-0">
                  <th scope="row" className="w-48 py-2 pr-3 text-left font-medium">
                    <a
                      href={`#factor-${factor.id}`}
                      className="underline decoration-dotted underline-offset-2"
                      title={factor.measures}
                    >
                      {factor.label}
                    </a>
                    <span className="mt-0.5 block text-xs font-normal text-muted-foreground">
                      {factor.reference}
                    </span>
                  </th>
                  <td className="py-2 pr-3 text-right tabular-nums">
                    {factor.value === null ? (
                      <span title="No value: left out of the score, weights renormalised; the evidence says why">
                        — left out
                      </span>
                    ) : (
                      formatRisk(factor.value)
                    )}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums">{factor.weight}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">
                    {formatRisk(factor.contribution)}
                  </td>
                  <td className="py-2 text-xs">
                    <EvidenceList evidence={factor.evidence} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </details>
  );
}
