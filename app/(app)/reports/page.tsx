import type { Metadata } from "next";

import { createReportAction } from "./actions";
import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { NewReportForm } from "@/components/reports/new-report-form";
import { ReportsTable } from "@/components/reports/reports-table";
import { formatDay } from "@/lib/format";
import { RUN_STATUS_LABELS } from "@/lib/schemas/runs";
import { hasRole } from "@/lib/schemas/roles";
import type { Caller } from "@/lib/server/domain/caller";
import { getDb } from "@/lib/server/ops/db";
import { getLockinView } from "@/lib/server/domain/comparisons/lockin";
import { listReports } from "@/lib/server/domain/reports/reports";
import { listRuns } from "@/lib/server/domain/runs/runs";
import { requirePageCaller } from "@/lib/server/http/session";

const area = areas.reports;

export const metadata: Metadata = { title: area.label };

// Lists reports and finished runs at request time.
export const dynamic = "force-dynamic";

/** What the report builder offers: finished runs, and the catalogue's models and platforms. */
async function loadBuilderOptions(caller: Caller) {
  const db = getDb();
  const [runs, lockin] = await Promise.all([listRuns(caller, db), getLockinView(caller, db)]);
  return {
    runs: runs
      .filter((run) => run.status !== "queued" && run.status !== "running")
      .map((run) => ({
        id: run.id,
        label: run.name,
        hint: `${run.suiteName} · ${RUN_STATUS_LABELS[run.status]} · ${formatDay(run.createdAt)} · ${run.targets} targets${run.isSimulated ? " · simulated" : ""}`,
      })),
    models: lockin.modelOptions.map((model) => ({ id: model.id, label: model.name })),
    platforms: lockin.platforms.map((p) => ({ id: p.platformId, label: p.platformName })),
  };
}

export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const caller = await requirePageCaller("viewer");
  const canCreate = hasRole(caller.role, "analyst");
  const [reports, options, search] = await Promise.all([
    listReports(caller, getDb()),
    canCreate ? loadBuilderOptions(caller) : Promise.resolve(null),
    searchParams,
  ]);
  // "Build a report from it" on a run page ticks that run (when the builder offers it).
  const requestedRun = options?.runs.find((run) => run.id === search.run);
  const checkedRunIds = requestedRun ? [requestedRun.id] : [];

  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      {reports.length === 0 ? (
        <EmptyState
          icon={area.icon}
          title="No reports yet"
          description="A report turns finished runs into a document for leadership: an executive summary with every number and its interval, the key charts, recommendations, methodology and provenance, exported as PDF, Markdown, JSON or CSV, or shared by a link that expires."
          nextStep={
            canCreate
              ? "Draft one below from a finished run."
              : "An analyst can draft one from a finished run."
          }
        />
      ) : (
        <ReportsTable
          rows={reports.map((report) => ({
            id: report.id,
            title: report.title,
            isSimulated: report.isSimulated,
            runs: report.runIds.length,
            createdAt: formatDay(report.createdAt),
            updatedAt: formatDay(report.updatedAt),
            createdBy: report.createdBy,
            activeShareLinks: report.activeShareLinks,
          }))}
        />
      )}
      {options ? (
        <section aria-labelledby="new-report" className="flex flex-col gap-3">
          <h2 id="new-report" className="text-lg font-semibold">
            New report
          </h2>
          {options.runs.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              A report needs a finished run: launch one from New run, and come back when it has
              finished.
            </p>
          ) : (
            <NewReportForm
              runs={options.runs}
              checkedRunIds={checkedRunIds}
              models={options.models}
              platforms={options.platforms}
              createReport={createReportAction}
            />
          )}
        </section>
      ) : null}
    </>
  );
}
