import { Info } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { launchRunAction, previewLaunchAction } from "../actions";
import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { LaunchForm } from "@/components/runs/launch/launch-form";
import { Alert } from "@/components/ui/alert";
import { launchFromSchema } from "@/lib/schemas/runs";
import type { Caller } from "@/lib/server/domain/caller";
import { getDb } from "@/lib/server/ops/db";
import { getAppConnections } from "@/lib/server/eval/app";
import type { PlatformConnections } from "@/lib/server/ops/router-setup";
import { listSavedPolicies } from "@/lib/server/domain/comparisons/routing";
import { getLaunchDraft } from "@/lib/server/domain/runs/launch-draft";
import { listLaunchOfferings, listLaunchRouters } from "@/lib/server/domain/runs/runs";
import { requirePageCaller } from "@/lib/server/http/session";
import { ensureBuiltinSuites, listSuites } from "@/lib/server/domain/runs/suites";

export const metadata: Metadata = { title: "New run" };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The starting values for `?from=<run id>` ("Launch again" on a run page), with what to tell the
 * user; no draft and no message without the parameter.
 */
async function loadDraft(caller: Caller, params: SearchParams, connections: PlatformConnections) {
  if (params.from === undefined) return { draft: undefined, message: null };
  const parsed = launchFromSchema.safeParse(params);
  if (!parsed.success) {
    return { draft: undefined, message: "That link does not name a run: the form starts empty." };
  }
  const draft = await getLaunchDraft(caller, getDb(), parsed.data.from, connections);
  return draft
    ? { draft, message: null }
    : { draft: undefined, message: "That run no longer exists: the form starts empty." };
}

export default async function NewRunPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const caller = await requirePageCaller("operator");
  const db = getDb();
  await ensureBuiltinSuites(db);
  const connections = getAppConnections();
  const [suites, offerings, savedPolicies, params] = await Promise.all([
    listSuites(caller, db),
    connections.then((resolved) => listLaunchOfferings(caller, db, resolved)),
    listSavedPolicies(caller, db),
    searchParams,
  ]);
  const requestedSuite = typeof params.suite === "string" ? params.suite : undefined;
  const { draft, message } = await loadDraft(caller, params, await connections);
  const routers = listLaunchRouters(caller, await connections);

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
      {message || draft ? (
        <Alert variant="info" role="status">
          <Info aria-hidden />
          <div>
            <p className="font-medium">
              {draft ? `Settings copied from the run “${draft.sourceRunName}”` : message}
            </p>
            {draft ? (
              <p>Check them, change what you need, and launch: this makes a new run.</p>
            ) : null}
            {draft && draft.leftOut.length > 0 ? (
              <>
                <p className="mt-2 font-medium">Not carried over, because it cannot run now:</p>
                <ul className="list-disc pl-5">
                  {draft.leftOut.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </Alert>
      ) : null}
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
          routers={routers}
          savedPolicies={savedPolicies.map((saved) => ({
            id: saved.id,
            name: saved.name,
            summary: saved.summary,
          }))}
          defaultSuiteId={suites.find((suite) => suite.id === requestedSuite)?.id}
          initial={draft}
          previewLaunch={previewLaunchAction}
          launchRun={launchRunAction}
        />
      )}
    </>
  );
}
