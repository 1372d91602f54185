import type { Metadata } from "next";
import Link from "next/link";

import { launchRunAction, previewLaunchAction } from "../actions";
import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { LaunchForm } from "@/components/runs/launch-form";
import { getDb } from "@/lib/server/ops/db";
import { getAppConnections } from "@/lib/server/eval/app";
import { listSavedPolicies } from "@/lib/server/domain/comparisons/routing";
import { listLaunchOfferings } from "@/lib/server/domain/runs/runs";
import { requirePageCaller } from "@/lib/server/http/session";
import { ensureBuiltinSuites, listSuites } from "@/lib/server/domain/runs/suites";

export const metadata: Metadata = { title: "New run" };

export default async function NewRunPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const caller = await requirePageCaller("operator");
  const db = getDb();
  await ensureBuiltinSuites(db);
  const [suites, offerings, savedPolicies, params] = await Promise.all([
    listSuites(caller, db),
    getAppConnections().then((connections) => listLaunchOfferings(caller, db, connections)),
    listSavedPolicies(caller, db),
    searchParams,
  ]);
  const requestedSuite = typeof params.suite === "string" ? params.suite : undefined;

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
      {offerings.length === 0 ? (
        <EmptyState
          icon={areas.catalog.icon}
          title="No offerings to run against"
          description="A run calls offerings from the catalogue; the catalogue is empty or every offering is retired."
          nextStep="An admin loads the catalogue (Settings → Catalogue, or npm run catalog:sync)."
        />
      ) : (
        <LaunchForm
          suites={suites.map((suite) => ({
            id: suite.id,
            name: suite.name,
            caseCount: suite.caseCount,
            categories: suite.categories,
            hasJudge: suite.hasJudge,
            judgedCaseCount: suite.judgedCaseCount,
          }))}
          offerings={offerings}
          savedPolicies={savedPolicies.map((saved) => ({
            id: saved.id,
            name: saved.name,
            summary: saved.summary,
          }))}
          defaultSuiteId={suites.find((suite) => suite.id === requestedSuite)?.id}
          previewLaunch={previewLaunchAction}
          launchRun={launchRunAction}
        />
      )}
    </>
  );
}
