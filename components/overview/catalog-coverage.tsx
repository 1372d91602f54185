import { Database } from "lucide-react";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

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
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2 className="flex items-center gap-2 text-lg">
            <Database aria-hidden className="size-5 text-primary" />
            Catalogue coverage
          </h2>
        </CardTitle>
        <CardDescription>
          {snapshotDate
            ? `Rows in the database, newest snapshot ${snapshotDate} (${snapshotSource}).`
            : "No catalogue snapshot has been loaded yet."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-3 gap-4">
          {figures.map((figure) => (
            <div key={figure.label} className="rounded-lg border p-4">
              <dt className="text-sm text-muted-foreground">{figure.label}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{figure.value}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
