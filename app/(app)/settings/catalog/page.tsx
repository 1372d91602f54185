import type { Metadata } from "next";

import { saveCatalogSyncScheduleAction, syncCatalogAction, syncCatalogNowAction } from "./actions";
import { PageHeader } from "@/components/page-header";
import { CatalogSnapshots } from "@/components/settings/catalog-snapshots";
import { CatalogSyncForm } from "@/components/settings/catalog-sync-form";
import { CatalogSyncRuns } from "@/components/settings/catalog-sync-runs";
import { CatalogSyncScheduleForm } from "@/components/settings/catalog-sync-schedule-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listCatalogSnapshots } from "@/lib/server/domain/catalog/catalog-sync";
import {
  getCatalogSyncSchedule,
  listCatalogSyncRuns,
} from "@/lib/server/domain/catalog/catalog-sync-schedule";
import { formatDateTime } from "@/lib/format";
import { getDb } from "@/lib/server/ops/db";
import { requirePageCaller } from "@/lib/server/http/session";

export const metadata: Metadata = { title: "Catalogue syncs" };

const SHOWN_RUNS = 10;

export default async function CatalogSyncsPage() {
  const caller = await requirePageCaller("admin");
  const db = getDb();
  const [{ total, snapshots }, schedule, runs] = await Promise.all([
    listCatalogSnapshots(caller, db),
    getCatalogSyncSchedule(caller, db),
    listCatalogSyncRuns(caller, db, SHOWN_RUNS),
  ]);

  return (
    <>
      <PageHeader
        title="Catalogue syncs"
        description="Refresh platforms, models and offerings from LiteLLM's cost map or models.dev. Each sync is one new snapshot, all or nothing."
      />
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2 className="text-lg">Scheduled sync</h2>
          </CardTitle>
          <CardDescription>
            {schedule.nextDueAt
              ? `On: the next sync is due ${formatDateTime(schedule.nextDueAt)}.`
              : "Off: nothing syncs on its own."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CatalogSyncScheduleForm
            settings={schedule.settings}
            saveSchedule={saveCatalogSyncScheduleAction}
            syncNow={syncCatalogNowAction}
          />
        </CardContent>
      </Card>
      <section aria-labelledby="sync-runs-heading" className="flex flex-col gap-3">
        <h2 id="sync-runs-heading" className="text-lg font-semibold">
          Latest scheduled syncs
        </h2>
        <p className="text-sm text-muted-foreground">
          The last {SHOWN_RUNS} syncs a worker ran or will run, one row per source. Each finished
          sync links to the report stored with its snapshot.
        </p>
        <CatalogSyncRuns runs={runs} />
      </section>
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
