"use client";

import { useState } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { BandBadge } from "@/components/lockin/band-badge";
import { CheckNote } from "@/components/lockin/reference-facts";
import { SourceLink } from "@/components/lockin/source-link";
import { HeadCells } from "@/components/ui/table-frame";
import { type PlatformHeading, type PlatformLockin } from "@/lib/charts/lockin";
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
              <SourceLink href={row.source}>source</SourceLink>
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

/** The factors of one platform as the lazy loader returns them. */
export type PlatformFactorsData = { platform: PlatformLockin; modelNames: Record<string, string> };

export type LoadPlatformFactors = ServerAction<{ platformId: string }, PlatformFactorsData>;

/**
 * One platform's factor table: value, weight, contribution and the evidence of each factor, in a
 * disclosure. The open platform's factors come with the page; a closed one's are fetched when it
 * is opened (they are most of the page's weight, and most are never opened).
 */
export function PlatformFactors({
  heading,
  initial,
  loadFactors,
  isOpen = false,
}: {
  heading: PlatformHeading;
  initial?: PlatformFactorsData;
  loadFactors: LoadPlatformFactors;
  isOpen?: boolean;
}) {
  const [data, setData] = useState<PlatformFactorsData | undefined>(initial);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);

  async function load() {
    if (data || isLoading) return;
    setIsLoading(true);
    setError(null);
    try {
      const outcome = await loadFactors({ platformId: heading.platformId });
      if (outcome.ok) setData(outcome.data);
      else setError(outcome.error.message);
    } catch {
      setError("The factors could not be loaded: the server did not answer. Try again.");
    } finally {
      setIsLoading(false);
    }
  }

  return (
    <details
      open={isOpen}
      className="rounded-lg border bg-card"
      id={`platform-${heading.platformId}`}
      onToggle={(event) => {
        if (event.currentTarget.open) void load();
      }}
    >
      <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
        <span className="font-medium">{heading.platformName}</span>
        {heading.score !== null && heading.band ? (
          <>
            <span className="tabular-nums">{formatRisk(heading.score)} / 100</span>
            <BandBadge band={heading.band} />
          </>
        ) : (
          <span className="text-sm text-muted-foreground">not scored</span>
        )}
        <span className="text-xs text-muted-foreground">
          {heading.modelsCounted} of {heading.modelsTotal} profile models offered
          {heading.score !== null && heading.weightCovered < heading.weightTotal
            ? ` · ${heading.weightCovered} of ${heading.weightTotal} weight points had data`
            : ""}
        </span>
      </summary>
      {data ? (
        <FactorsBody platform={data.platform} modelNames={data.modelNames} />
      ) : (
        <div className="border-t px-4 py-3 text-sm" aria-live="polite">
          {error ? (
            <p className="flex flex-wrap items-center gap-2 text-destructive">
              {error}
              <button
                type="button"
                className="rounded-md border px-2 py-0.5 text-foreground"
                onClick={() => void load()}
              >
                Try again
              </button>
            </p>
          ) : (
            <p className="text-muted-foreground">Loading the factors…</p>
          )}
        </div>
      )}
    </details>
  );
}

function FactorsBody({
  platform,
  modelNames,
}: {
  platform: PlatformLockin;
  modelNames: Record<string, string>;
}) {
  const name = (id: string) => modelNames[id] ?? id;
  return (
    <div className="flex flex-col gap-3 border-t px-4 py-3">
      {platform.modelsNotOffered.length ? (
        <p className="text-sm text-muted-foreground">
          Not offered here (left out): {platform.modelsNotOffered.map(name).join(", ")}.
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">
            Lock-in factors of {platform.platformName}: value 0–100, weight, contribution in points,
            evidence
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
  );
}
