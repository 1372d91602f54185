import type { Metadata } from "next";
import Link from "next/link";

import {
  deleteScheduleAction,
  pauseScheduleAction,
  resumeScheduleAction,
  runScheduleNowAction,
} from "../actions";
import { loadSchedule } from "../load-schedule";
import { EmptyState } from "@/components/empty-state";
import { ScheduleTrends } from "@/components/history/schedule-trends";
import { RegressionList } from "@/components/overview/regressions-card";
import { listRegressions } from "@/lib/server/domain/alerts/regressions";
import { getScheduleHistory } from "@/lib/server/domain/history/history";
import { getDb } from "@/lib/server/ops/db";
import { REGRESSIONS_EMPTY, REGRESSIONS_WATCHED } from "@/lib/views/regressions";
import { ScheduleActions } from "@/components/runs/schedules/schedule-actions";
import { ScheduleRunsTable } from "@/components/runs/schedules/schedule-runs-table";
import { Badge } from "@/components/ui/badge";
import { formatCount, formatDateTime, formatUsd } from "@/lib/format";
import { hasRole } from "@/lib/schemas/roles";
import { requirePageCaller } from "@/lib/server/http/session";
import {
  describeAlertRules,
  describeDefinitionTargets,
  describeLastFire,
  describeMonthSpend,
  describeNextFire,
  describeWhen,
} from "@/lib/views/schedules";
import { CalendarClock } from "lucide-react";

export const metadata: Metadata = { title: "Schedule" };

/** One schedule: when it runs, what it spent, what it found, its runs and its versions. */
export default async function SchedulePage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller("viewer");
  const schedule = await loadSchedule(caller, (await params).id);
  const [regressions, history] = await Promise.all([
    listRegressions(caller, getDb(), { scheduleId: schedule.id, limit: 20 }),
    getScheduleHistory(caller, getDb(), { scheduleId: schedule.id }),
  ]);
  const canOperate = hasRole(caller.role, "operator");
  // "Previous" is the run launched before, among the runs listed (newest first).
  const runs = schedule.history.map((run, index) => ({
    ...run,
    previousId: schedule.history[index + 1]?.id ?? null,
  }));
  const facts: [string, string][] = [
    ["When", describeWhen(schedule)],
    ["Next run", describeNextFire(schedule)],
    [
      "Then",
      schedule.upcoming
        .slice(1)
        .map((at) => formatDateTime(at))
        .join("; ") || "—",
    ],
    ["Spend this month", describeMonthSpend(schedule)],
    [
      "Each run",
      schedule.definition
        ? `${schedule.suite?.name ?? "a suite that no longer exists"}; ${describeDefinitionTargets(schedule.definition.targets)}; ${schedule.definition.repeats} repeat${schedule.definition.repeats === 1 ? "" : "s"}; budget ${schedule.definition.budgetUsd === undefined ? "none" : formatUsd(schedule.definition.budgetUsd)}`
        : "The stored definition no longer reads as a run: edit the schedule.",
    ],
    ["Last fire", describeLastFire(schedule)],
  ];

  return (
    <>
      <header className="flex flex-col gap-3">
        <p className="text-sm">
          <Link href="/runs/schedules" className="underline underline-offset-2">
            ← All schedules
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight md:text-3xl">{schedule.name}</h1>
          <Badge variant={schedule.isPaused ? "outline" : "secondary"}>
            {schedule.isPaused ? "Paused" : "Active"}
          </Badge>
          <span className="text-sm text-muted-foreground">version {schedule.version}</span>
        </div>
        {canOperate ? (
          <ScheduleActions
            id={schedule.id}
            isPaused={schedule.isPaused}
            runNow={runScheduleNowAction}
            pause={pauseScheduleAction}
            resume={resumeScheduleAction}
            remove={deleteScheduleAction}
          />
        ) : null}
      </header>

      <section aria-labelledby="schedule-facts" className="flex flex-col gap-3">
        <h2 id="schedule-facts" className="text-lg font-semibold">
          Settings
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {facts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium">{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          <dt className="font-medium">Alerts on</dt>
          <dd>
            <ul className="list-disc pl-5">
              {describeAlertRules(schedule).map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </dd>
        </dl>
      </section>

      <section aria-labelledby="schedule-regressions" className="flex flex-col gap-3">
        <h2 id="schedule-regressions" className="text-lg font-semibold">
          Regressions
        </h2>
        {regressions.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {REGRESSIONS_EMPTY}. {REGRESSIONS_WATCHED}
          </p>
        ) : (
          <RegressionList regressions={regressions} />
        )}
      </section>

      <ScheduleTrends history={history} />

      <section aria-labelledby="schedule-runs" className="flex flex-col gap-3">
        <h2 id="schedule-runs" className="text-lg font-semibold">
          Runs
        </h2>
        {runs.length === 0 ? (
          <EmptyState
            icon={CalendarClock}
            title="No runs yet"
            description={`The first run starts ${schedule.isPaused ? "once the schedule is resumed" : `at ${describeNextFire(schedule)}`}.`}
            nextStep={canOperate ? "Or press Run now to start one at once." : undefined}
          />
        ) : (
          <>
            {schedule.runs > runs.length ? (
              <p className="text-sm text-muted-foreground">
                The latest {formatCount(runs.length)} of {formatCount(schedule.runs)} runs.
              </p>
            ) : null}
            <ScheduleRunsTable rows={runs} />
          </>
        )}
      </section>

      <section aria-labelledby="schedule-versions" className="flex flex-col gap-3">
        <h2 id="schedule-versions" className="text-lg font-semibold">
          Versions
        </h2>
        <ol className="flex flex-col gap-1 text-sm">
          {schedule.versions.map((version) => (
            <li key={version.version}>
              <span className="font-medium">Version {version.version}</span>, saved{" "}
              {formatDateTime(version.createdAt)}: {describeWhen(version)};{" "}
              {version.definition
                ? `${describeDefinitionTargets(version.definition.targets)}, ${version.definition.repeats} repeat${version.definition.repeats === 1 ? "" : "s"}`
                : "a definition that no longer reads"}
              ; monthly cap{" "}
              {version.monthlyBudgetUsd === null ? "none" : formatUsd(version.monthlyBudgetUsd)}.
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
