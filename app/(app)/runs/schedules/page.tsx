import { CalendarClock, CircleCheck, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { SchedulesTable } from "@/components/runs/schedules/schedules-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { hasRole } from "@/lib/schemas/roles";
import { listSchedules } from "@/lib/server/domain/schedules/schedules";
import { requirePageCaller } from "@/lib/server/http/session";
import { getDb } from "@/lib/server/ops/db";
import {
  describeLastFire,
  describeMonthSpend,
  describeNextFire,
  describeWhen,
} from "@/lib/views/schedules";

export const metadata: Metadata = { title: "Schedules" };

export default async function SchedulesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const caller = await requirePageCaller("viewer");
  const wasDeleted = (await searchParams).deleted === "1";
  const schedules = await listSchedules(caller, getDb());
  const canSchedule = hasRole(caller.role, "operator");
  return (
    <>
      <PageHeader
        title="Schedules"
        description="Run definitions the workers launch on their own, so a parity verdict stays true after the day it was measured."
      />
      {wasDeleted ? (
        <Alert variant="success" role="status">
          <CircleCheck aria-hidden />
          <p>The schedule was deleted. Its runs stay in the list of runs.</p>
        </Alert>
      ) : null}
      {canSchedule ? (
        <div className="flex flex-wrap gap-2">
          <Button asChild>
            <Link href="/runs/schedules/new">
              <Plus aria-hidden />
              New schedule
            </Link>
          </Button>
        </div>
      ) : null}
      {schedules.length === 0 ? (
        <EmptyState
          icon={CalendarClock}
          title="No schedules yet"
          description="A schedule launches a run definition (suite, targets, repeats, budget) hourly, daily, weekly or on any cron, within a monthly budget cap, and compares each run with the one before."
          nextStep={
            canSchedule
              ? "Choose New schedule, pick what to measure and when. Runs against the emulator are labelled simulated."
              : "Operators and admins create schedules; ask one, or ask for the operator role."
          }
        />
      ) : (
        <SchedulesTable
          rows={schedules.map((schedule) => ({
            id: schedule.id,
            name: schedule.name,
            when: describeWhen(schedule),
            next: describeNextFire(schedule).replace(" UTC", ""),
            isPaused: schedule.isPaused,
            lastRun: schedule.lastRun,
            lastOutcome: schedule.lastOutcome ? describeLastFire(schedule) : null,
            spend: describeMonthSpend(schedule),
            runs: schedule.runs,
            version: schedule.version,
          }))}
        />
      )}
    </>
  );
}
