"use client";

import { SourceLink } from "@/components/lockin/source-link";

/** What a factor is, as the page passes it in. */
export type FactorDefinitionView = {
  id: string;
  label: string;
  defaultWeight: number;
  measures: string;
  reference: string;
  referenceUrl: string;
};

/** The rubric: what each factor measures and the regulation or standard it answers to. */
export function FactorDefinitions({ factors }: { factors: readonly FactorDefinitionView[] }) {
  return (
    <dl className="grid gap-4 md:grid-cols-2">
      {factors.map((factor) => (
        <div
          key={factor.id}
          id={`factor-${factor.id}`}
          className="scroll-mt-20 rounded-lg border p-4"
        >
          <dt className="font-medium">
            {factor.label}{" "}
            <span className="text-sm font-normal text-muted-foreground">
              (default weight {factor.defaultWeight})
            </span>
          </dt>
          <dd className="mt-1 text-sm">{factor.measures}</dd>
          <dd className="mt-2 text-xs text-muted-foreground">
            Answers to: <SourceLink href={factor.referenceUrl}>{factor.reference}</SourceLink>
          </dd>
        </div>
      ))}
    </dl>
  );
}
