import { isTerminalStatus } from "@/lib/eval/run-lifecycle";
import type { Caller } from "../caller";
import { requireRole } from "../caller";
import { catalogVersion } from "../catalog/catalog-version";
import type { Db } from "../../ops/db-client";
import { createVersionedCache, stableKey } from "../../ops/versioned-cache";

/**
 * The run page's data is computed once per version of a finished run and reused by every viewer:
 * twenty people opening the same run compute it once. Only caller-independent data is cached (the
 * run view, the case grid, the trial list, the paired comparison); what depends on the caller
 * (role, ownership) is decided per request by the page. A run that has not ended is never cached:
 * its progress changes between views.
 */

/** Entries across runs and page parts (a filtered grid page is one entry). */
const MAX_ENTRIES = 200;

const cache = createVersionedCache<unknown>({ maxEntries: MAX_ENTRIES });

type VersionRow = {
  status: string;
  status_message: string | null;
  finished_at: Date | null;
  stored_trials: number;
  spent_usd: string;
  targets: number;
  stats_at: Date | null;
};

/**
 * The text a version is made of. Every write that changes what the page shows moves one of
 * these: the trial store adds to the stored count and the spend and stamps the target rollups
 * (RunTargetStats.updatedAt) in the transaction that writes the trials and the per-case rollups;
 * retrying errors lowers the stored count, stamps the rollups and reopens the run; status moves
 * change the status, the message or the end time. Labels of the offerings that served routing
 * targets come from the catalogue, so its version is part of the run's.
 */
export function formatRunVersion(row: VersionRow, catalog: string): string {
  return [
    row.status,
    row.finished_at?.toISOString() ?? "-",
    row.stored_trials,
    row.spent_usd,
    row.targets,
    row.stats_at?.toISOString() ?? "-",
    catalog,
    row.status_message ?? "",
  ].join("\u0000");
}

/**
 * The version of run `runId`'s page data, or null when it must not be cached: the run has not
 * ended (queued, running) or does not exist (the page's own query then says "not found").
 */
export async function getRunViewVersion(db: Db, runId: string): Promise<string | null> {
  const [rows, catalog] = await Promise.all([
    db.$queryRaw<VersionRow[]>`
      SELECT r.status::text AS status, r."statusMessage" AS status_message,
        r."finishedAt" AS finished_at, r."storedTrials" AS stored_trials,
        r."spentUsd"::text AS spent_usd,
        (SELECT count(*)::int FROM "RunTarget" t WHERE t."runId" = r.id) AS targets,
        (SELECT max(s."updatedAt") FROM "RunTargetStats" s WHERE s."runId" = r.id) AS stats_at
      FROM "EvalRun" r WHERE r.id = ${runId}`,
    catalogVersion(db),
  ]);
  const row = rows[0];
  if (!row || !isTerminalStatus(row.status)) return null;
  return formatRunVersion(row, catalog);
}

/**
 * For `caller` (a viewer), part `part` of run `runId`'s page at `version` (from
 * {@link getRunViewVersion}): computed once per version and key and shared, or computed for this
 * view alone when `version` is null. `key` tells apart values of the same part (a filter, a pair
 * of targets). `compute` must not depend on the caller beyond the viewer role checked here.
 */
export async function reuseRunView<T>(
  caller: Caller,
  runId: string,
  version: string | null,
  part: string,
  key: unknown,
  compute: () => Promise<T>,
): Promise<T> {
  requireRole(caller, "viewer");
  if (version === null) return compute();
  return cache.get(`${runId}\u0000${part}\u0000${stableKey(key)}`, version, compute) as Promise<T>;
}

/** The cache's hits, misses and size, for tests and benchmarks. */
export function runViewCacheStats(): { hits: number; misses: number; size: number } {
  return cache.stats();
}
