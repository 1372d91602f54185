import type { Metadata } from "next";
import Link from "next/link";

import { launchRunAction, previewLaunchAction } from "../actions";
import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { DraftNotice } from "@/components/runs/launch/draft-notice";
import { LaunchForm } from "@/components/runs/launch/launch-form";
import { requirePageCaller } from "@/lib/server/http/session";
import { loadDraft, loadLaunchChoices } from "../launch-form-data";

export const metadata: Metadata = { title: "New run" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function NewRunPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const caller = await requirePageCaller("operator");
  const [choices, params] = await Promise.all([loadLaunchChoices(caller), searchParams]);
  const { suites, offerings, routers, savedPolicies, connections } = choices;
  const requestedSuite = typeof params.suite === "string" ? params.suite : undefined;
  const { draft, message } = await loadDraft(caller, params, connections);

  return (
    <>
      <PageHeader
        title="New run"
        description="Run a suite of test cases against one or more offerings or routing policies. Every number the run produces says whether it came from a real platform or the emulator."
      />
      <p className="text-sm">
        <Link href="/runs/suites" className="underline underline-offset-2">
          Import a suite
        </Link>{" "}
        (JSONL, CSV or a promptfoo configuration) to run your own cases.
      </p>
      <DraftNotice draft={draft} message={message} />
      {offerings.length === 0 ? (
        <EmptyState
          icon={areas.catalog.icon}
          title="No offerings to run against"
          description="A run calls offerings from the catalogue; the catalogue is empty or every offering is retired."
          nextStep="An admin loads the catalogue (Settings → Catalogue, or npm run catalog:sync)."
        />
      ) : (
        <LaunchForm
          suites={suites}
          offerings={offerings}
          routers={routers}
          savedPolicies={savedPolicies}
          defaultSuiteId={suites.find((suite) => suite.id === requestedSuite)?.id}
          initial={draft}
          previewLaunch={previewLaunchAction}
          launchRun={launchRunAction}
        />
      )}
    </>
  );
}
