import { Database } from "lucide-react";

import { OverviewCard } from "@/components/overview/overview-card";

interface CatalogCoverageProps {
  platforms: number;
  models: number;
  offerings: number;
  /** ISO date of the newest catalogue snapshot, or null when none exists. */
  snapshotDate: string | null;
  snapshotSource: string | null;
}

/** What the database holds today: counts, with the snapshot they come from. */
export function CatalogCoverage({
  platforms,
  models,
  offerings,
  snapshotDate,
  snapshotSource,
}: CatalogCoverageProps) {
  const figures = [
    { label: "Platforms", value: platforms },
    { label: "Canonical models", value: models },
    { label: "Offerings", value: offerings },
  ];
  return (
    <OverviewCard
      icon={Database}
      title="Catalogue coverage"
      description={
        snapshotDate
          ? `Rows in the database, newest snapshot ${snapshotDate} (${snapshotSource}).`
          : "No catalogue snapshot has been loaded yet."
      }
    >
      <dl className="grid grid-cols-3 gap-4">
        {figures.map((figure) => (
          <div key={figure.label} className="rounded-lg border p-4">
            <dt className="text-sm text-muted-foreground">{figure.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{figure.value}</dd>
          </div>
        ))}
      </dl>
    </OverviewCard>
  );
}
