import type { Metadata } from "next";

import { saveScheduleAction } from "../actions";
import { previewLaunchAction, launchRunAction } from "../../actions";
import { loadDraft, loadLaunchChoices, scheduleTimeZones } from "../../launch-form-data";
import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { DraftNotice } from "@/components/runs/launch/draft-notice";
import { LaunchForm } from "@/components/runs/launch/launch-form";
import { requirePageCaller } from "@/lib/server/http/session";

export const metadata: Metadata = { title: "New schedule" };

/**
 * A run definition saved with a schedule: the New run form, plus when to run it, a monthly cap
 * across its runs and alert thresholds. `?from=<run id>` starts from that run's settings.
 */
export default async function NewSchedulePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const caller = await requirePageCaller("operator");
  const [choices, params] = await Promise.all([loadLaunchChoices(caller), searchParams]);
  const { suites, offerings, routers, savedPolicies, connections } = choices;
  const { draft, message } = await loadDraft(caller, params, connections);
  return (
    <>
      <PageHeader
        title="New schedule"
        description="Keep measuring: the workers launch this run definition on a schedule, compare each run with the one before, and record what moved."
      />
      <DraftNotice
        draft={draft}
        message={message}
        lead="Check them, choose when to run, and save: nothing runs until the first fire time (or Run now)."
      />
      {offerings.length === 0 ? (
        <EmptyState
          icon={areas.catalog.icon}
          title="No offerings to run against"
          description="A schedule runs offerings from the catalogue; the catalogue is empty or every offering is retired."
          nextStep="An admin loads the catalogue (Settings → Catalogue, or npm run catalog:sync)."
        />
      ) : (
        <LaunchForm
          suites={suites}
          offerings={offerings}
          routers={routers}
          savedPolicies={savedPolicies}
          initial={draft}
          previewLaunch={previewLaunchAction}
          launchRun={launchRunAction}
          schedule={{
            initial: {
              scheduleName: draft ? draft.sourceRunName.slice(0, 120) : "",
              frequency: "daily",
              time: "06:00",
              weekday: "1",
              cron: "",
              timezone: "UTC",
              monthlyBudgetUsd: "",
              alertLatencyP95Ms: "",
              alertErrorRatePercent: "",
            },
            timeZones: scheduleTimeZones(),
            save: saveScheduleAction,
          }}
        />
      )}
    </>
  );
}
