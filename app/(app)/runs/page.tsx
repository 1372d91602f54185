import { CalendarClock, CircleCheck, ListChecks, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import { formatDateTime } from "@/lib/format";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { RunsTable } from "@/components/runs/runs-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { hasRole } from "@/lib/schemas/roles";
import { getDb } from "@/lib/server/ops/db";
import { listRuns } from "@/lib/server/domain/runs/runs";
import { requirePageCaller } from "@/lib/server/http/session";

const area = areas.runs;

export const metadata: Metadata = { title: area.label };

export default async function RunsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const caller = await requirePageCaller("viewer");
  // Set by "Delete run" on a run page once the run is gone.
  const wasDeleted = (await searchParams).deleted === "1";
  const runs = await listRuns(caller, getDb());
  const canLaunch = hasRole(caller.role, "operator");

  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      {wasDeleted ? (
        <Alert variant="success" role="status">
          <CircleCheck aria-hidden />
          <p>
            The run was deleted with its trials and results. Reports made from it keep their copy of
            its figures.
          </p>
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {canLaunch ? (
          <Button asChild>
            <Link href="/runs/new">
              <Plus aria-hidden />
              New run
            </Link>
          </Button>
        ) : null}
        <Button asChild variant="outline">
          <Link href="/runs/suites">
            <ListChecks aria-hidden />
            Suites
          </Link>
        </Button>
        <Button asChild variant="outline">
          <Link href="/runs/schedules">
            <CalendarClock aria-hidden />
            Schedules
          </Link>
        </Button>
      </div>
      {runs.length === 0 ? (
        <EmptyState
          icon={area.icon}
          title="No runs yet"
          description="Evaluation runs (a suite of test cases × targets) will be listed here with their status, progress, cost, who launched them, and whether they ran against real or simulated platforms."
          nextStep={
            canLaunch
              ? "Choose New run, pick a suite and the offerings to compare, and launch it. Platforms without credentials run against the emulator and are labelled simulated."
              : "An operator or admin launches runs; ask one to start a run, or to give you the operator role."
          }
        />
      ) : (
        <RunsTable
          rows={runs.map((run) => ({
            id: run.id,
            name: run.name,
            suiteName: run.suiteName,
            status: run.status,
            expectedTrials: run.expectedTrials,
            storedTrials: run.storedTrials,
            targets: run.targets,
            spentUsd: run.spentUsd,
            isSimulated: run.isSimulated,
            createdAt: formatDateTime(run.createdAt).replace(" UTC", ""),
            launchedBy: run.launchedBy,
          }))}
        />
      )}
    </>
  );
}
