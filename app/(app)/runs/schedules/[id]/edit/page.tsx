import type { Metadata } from "next";

import { saveScheduleAction } from "../../actions";
import { previewLaunchAction, launchRunAction } from "../../../actions";
import { loadLaunchChoices, scheduleTimeZones } from "../../../launch-form-data";
import { PageHeader } from "@/components/page-header";
import { DraftNotice } from "@/components/runs/launch/draft-notice";
import { LaunchForm } from "@/components/runs/launch/launch-form";
import { Alert } from "@/components/ui/alert";
import { pickFromCron } from "@/lib/schemas/schedules";
import { draftFromDefinition } from "@/lib/server/domain/runs/launch-draft";
import { getDb } from "@/lib/server/ops/db";
import { requirePageCaller } from "@/lib/server/http/session";
import { loadSchedule } from "../../load-schedule";

export const metadata: Metadata = { title: "Edit schedule" };

/** Edits a schedule's settings; saving makes a new version and past runs keep theirs. */
export default async function EditSchedulePage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller("operator");
  const db = getDb();
  const [schedule, choices] = await Promise.all([
    params.then(({ id }) => loadSchedule(caller, id)),
    loadLaunchChoices(caller),
  ]);
  const { suites, offerings, routers, savedPolicies, connections } = choices;
  const draft = schedule.definition
    ? await draftFromDefinition(caller, db, schedule.definition, schedule.name, connections)
    : undefined;
  const pick = pickFromCron(schedule.cron);
  return (
    <>
      <PageHeader
        title={`Edit “${schedule.name}”`}
        description={`Version ${schedule.version}. Saving makes version ${schedule.version + 1}; runs already made keep the version they ran.`}
      />
      {draft ? (
        <DraftNotice
          draft={draft}
          message={null}
          heading={`The settings of version ${schedule.version}`}
          lead="Change what you need and save."
        />
      ) : (
        <Alert variant="error" role="alert">
          <p>
            The stored definition no longer reads as a run (the launch form changed since it was
            saved): choose its suite and targets again.
          </p>
        </Alert>
      )}
      <LaunchForm
        suites={suites}
        offerings={offerings}
        routers={routers}
        savedPolicies={savedPolicies}
        initial={draft}
        previewLaunch={previewLaunchAction}
        launchRun={launchRunAction}
        schedule={{
          id: schedule.id,
          initial: {
            scheduleName: schedule.name,
            frequency: pick.frequency,
            time: pick.time,
            weekday: String(pick.weekday),
            cron: schedule.cron,
            timezone: schedule.timezone,
            monthlyBudgetUsd:
              schedule.monthlyBudgetUsd === null ? "" : String(schedule.monthlyBudgetUsd),
            alertLatencyP95Ms:
              schedule.alertLatencyP95Ms === null ? "" : String(schedule.alertLatencyP95Ms),
            alertErrorRatePercent:
              schedule.alertErrorRate === null
                ? ""
                : String(+(schedule.alertErrorRate * 100).toFixed(4)),
          },
          timeZones: scheduleTimeZones(),
          save: saveScheduleAction,
        }}
      />
    </>
  );
}
