import "server-only";

import { launchFromSchema } from "@/lib/schemas/runs";
import type { Caller } from "@/lib/server/domain/caller";
import { getLaunchDraft } from "@/lib/server/domain/runs/launch-draft";
import type { PlatformConnections } from "@/lib/server/ops/router-setup";
import { listSavedPolicies } from "@/lib/server/domain/comparisons/routing";
import { listLaunchOfferings, listLaunchRouters } from "@/lib/server/domain/runs/runs";
import { ensureBuiltinSuites, listSuites } from "@/lib/server/domain/runs/suites";
import { getAppConnections } from "@/lib/server/eval/app";
import { getDb } from "@/lib/server/ops/db";

/**
 * What the launch form needs to show its choices: the suites, the launchable offerings, the
 * clouds' routers and the saved routing policies. New run, New schedule and Edit schedule share it.
 */
export async function loadLaunchChoices(caller: Caller) {
  const db = getDb();
  await ensureBuiltinSuites(db);
  const connections = await getAppConnections();
  const [suites, offerings, savedPolicies] = await Promise.all([
    listSuites(caller, db),
    listLaunchOfferings(caller, db, connections),
    listSavedPolicies(caller, db),
  ]);
  return {
    connections,
    offerings,
    routers: listLaunchRouters(caller, connections),
    suites: suites.map((suite) => ({
      id: suite.id,
      name: suite.name,
      caseCount: suite.caseCount,
      categories: suite.categories,
      hasJudge: suite.hasJudge,
      judgedCaseCount: suite.judgedCaseCount,
    })),
    savedPolicies: savedPolicies.map((saved) => ({
      id: saved.id,
      name: saved.name,
      summary: saved.summary,
    })),
  };
}

/** The time zones the schedule form offers: UTC first, then every zone this runtime knows. */
export function scheduleTimeZones(): string[] {
  const known =
    typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...known.filter((zone) => zone !== "UTC")];
}

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The starting values for `?from=<run id>` ("Launch again" on a run page), with what to tell the
 * user; no draft and no message without the parameter.
 */
export async function loadDraft(
  caller: Caller,
  params: SearchParams,
  connections: PlatformConnections,
) {
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
