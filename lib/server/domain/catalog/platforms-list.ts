import type { Band } from "@/lib/lockin/bands";
import { lockinCoverageGap } from "@/lib/lockin/comparable";
import type { Caller } from "../caller";
import { requireRole } from "../caller";
import { getLockinView } from "../comparisons/lockin";
import type { Db } from "../../ops/db-client";

/**
 * The Platforms list: every catalogue platform with its size and how often it has been measured,
 * counted in SQL (one query) rather than by loading offerings, targets or trials.
 */

export type PlatformListItem = {
  id: string;
  name: string;
  kind: "cloud" | "vendor_api" | "self_hosted";
  owner: string;
  /** Live offerings (retired and withdrawn ones are left out, as on the platform's page). */
  offerings: number;
  /** Distinct models among the live offerings. */
  models: number;
  /**
   * Completed runs with a target that called this platform alone (an offering on it): the runs
   * its page's measured reliability is drawn from. Routing policies and routers across several
   * platforms are not counted.
   */
  measuredRuns: number;
  /** When the latest of those runs finished; null when none has. */
  lastMeasuredAt: Date | null;
};

/** Every platform, by name, with its live offerings and the completed runs that measured it. */
export async function listPlatformSummaries(caller: Caller, db: Db): Promise<PlatformListItem[]> {
  requireRole(caller, "viewer");
  const rows = await db.$queryRaw<
    {
      id: string;
      name: string;
      kind: PlatformListItem["kind"];
      owner: string;
      offerings: number;
      models: number;
      measured_runs: number;
      last_measured_at: Date | null;
    }[]
  >`
    WITH live AS (
      SELECT o."platformId" AS platform_id, count(*)::int AS offerings,
        count(DISTINCT o."modelId")::int AS models
      FROM "Offering" o
      WHERE o.lifecycle <> 'retired' AND o."withdrawnAt" IS NULL
      GROUP BY o."platformId"
    ),
    measured AS (
      SELECT t."platformIds"[1] AS platform_id, count(DISTINCT t."runId")::int AS runs,
        max(r."finishedAt") AS last_at
      FROM "RunTarget" t JOIN "EvalRun" r ON r.id = t."runId"
      WHERE t.kind = 'offering' AND cardinality(t."platformIds") = 1
        AND cardinality(t."offeringIds") = 1
        AND r.status = 'completed' AND r."finishedAt" IS NOT NULL
      GROUP BY t."platformIds"[1]
    )
    SELECT p.id, p.name, p.kind::text AS kind, p.owner,
      coalesce(live.offerings, 0) AS offerings, coalesce(live.models, 0) AS models,
      coalesce(measured.runs, 0) AS measured_runs, measured.last_at AS last_measured_at
    FROM "Platform" p
    LEFT JOIN live ON live.platform_id = p.id
    LEFT JOIN measured ON measured.platform_id = p.id
    ORDER BY p.name, p.id`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    owner: row.owner,
    offerings: row.offerings,
    models: row.models,
    measuredRuns: row.measured_runs,
    lastMeasuredAt: row.last_measured_at,
  }));
}

/** A platform's lock-in score as the Lock-in page computes it for the caller. */
export type PlatformLockinScore = {
  /** 0–100 (0 = free to leave, 100 = locked in); null when the platform could not be scored. */
  score: number | null;
  band: Band | null;
  /** What the score leaves out of the workload (then it is not ranked with the others), or null. */
  coverageGap: string | null;
  /** Why there is no score, in the Lock-in page's words; null when scored. */
  unscoredReason: string | null;
};

export type PlatformLockinScores = {
  byPlatform: Record<string, PlatformLockinScore>;
  isExampleProfile: boolean;
  isDefaultWeights: boolean;
  snapshot: { source: string; takenAt: Date } | null;
};

/**
 * Every platform's lock-in score for the caller's workload profile and weights (the example
 * profile and default weights until they save their own): the Lock-in page's and the Overview's
 * scores, from getLockinView. Null when they cannot be computed (logged), as on the Overview.
 */
export async function getPlatformLockinScores(
  caller: Caller,
  db: Db,
): Promise<PlatformLockinScores | null> {
  requireRole(caller, "viewer");
  try {
    const view = await getLockinView(caller, db);
    const byPlatform: Record<string, PlatformLockinScore> = {};
    for (const platform of view.platforms) {
      const isScored = platform.score !== null && platform.band !== null;
      byPlatform[platform.platformId] = {
        score: isScored ? platform.score : null,
        band: isScored ? platform.band : null,
        coverageGap: isScored ? lockinCoverageGap(platform) : null,
        unscoredReason: isScored
          ? null
          : platform.modelsCounted.length === 0
            ? "offers none of the profile's models"
            : "no factor with a weight has data",
      };
    }
    return {
      byPlatform,
      isExampleProfile: view.isExampleProfile,
      isDefaultWeights: view.isDefaultWeights,
      snapshot: view.snapshot
        ? { source: view.snapshot.source, takenAt: view.snapshot.takenAt }
        : null,
    };
  } catch (error) {
    console.error("platforms: lock-in scores failed", error);
    return null;
  }
}
