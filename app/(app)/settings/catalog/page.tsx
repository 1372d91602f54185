import type { Metadata } from "next";

import { syncCatalogAction } from "./actions";
import { PageHeader } from "@/components/page-header";
import { CatalogSnapshots } from "@/components/settings/catalog-snapshots";
import { CatalogSyncForm } from "@/components/settings/catalog-sync-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listCatalogSnapshots } from "@/lib/server/domain/catalog/catalog-sync";
import { getDb } from "@/lib/server/ops/db";
import { requirePageCaller } from "@/lib/server/http/session";

export const metadata: Metadata = { title: "Catalogue syncs" };

export default async function CatalogSyncsPage() {
  const caller = await requirePageCaller("admin");
  const { total, snapshots } = await listCatalogSnapshots(caller, getDb());

  return (
    <>
      <PageHeader
        title="Catalogue syncs"
        description="Refresh platforms, models and offerings from LiteLLM's cost map or models.dev. Each sync is one new snapshot, all or nothing."
      />
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2 className="text-lg">Run a sync</h2>
          </CardTitle>
          <CardDescription>
            A dry run reports what would be created, updated, left unchanged and skipped, and writes
            nothing. Curated model names and families are never overwritten.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CatalogSyncForm syncCatalog={syncCatalogAction} />
        </CardContent>
      </Card>
      <section aria-labelledby="snapshots-heading" className="flex flex-col gap-3">
        <h2 id="snapshots-heading" className="text-lg font-semibold">
          Snapshots
        </h2>
        <p className="text-sm text-muted-foreground">
          {total === 1 ? "1 snapshot" : `${total} snapshots`}, newest first
          {total > snapshots.length ? ` (the latest ${snapshots.length} shown)` : ""}. Counts are
          offerings, with the other kinds under them.
        </p>
        <CatalogSnapshots snapshots={snapshots} />
      </section>
    </>
  );
}
