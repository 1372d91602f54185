import type { TargetNamedMetrics } from "@/lib/views/named-metrics";
import type { Caller } from "../caller";
import type { Db } from "../../ops/db-client";
import { reuseRunView } from "./run-view-cache";
import { listRunNamedMetrics } from "./run-view-named-metrics";
import { getRunView, type RunView } from "./runs";

/** The top of the run page: the run view and, once the run has ended, its named metrics. */
export type RunPageView = { view: RunView; namedMetrics: TargetNamedMetrics[] };

/**
 * For `caller` (a viewer), the top of run `runId`'s page at `version` (from getRunViewVersion):
 * the run view from the rollups and the named metrics from the trials, computed together once per
 * version and shared. The named metrics read every trial that names one, so a run that has not
 * ended (`version` null, computed on every view while its progress moves) has none yet.
 */
export function getRunPageView(
  caller: Caller,
  db: Db,
  runId: string,
  version: string | null,
): Promise<RunPageView> {
  return reuseRunView(caller, runId, version, "run", null, async () => {
    const [view, namedMetrics] = await Promise.all([
      getRunView(caller, db, runId),
      version === null ? [] : listRunNamedMetrics(caller, db, runId),
    ]);
    return { view, namedMetrics };
  });
}
