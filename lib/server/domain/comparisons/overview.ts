import type { Band } from "@/lib/lockin/bands";
import { compareLockin } from "@/lib/lockin/comparable";
import type { PlatformLockin } from "@/lib/lockin";
import type { Caller } from "../caller";
import { requireRole } from "../caller";
import { listParityGaps, type ParityGap } from "./compare";
import { getLockinView } from "./lockin";
import { listRuns, type RunListItem } from "../runs/runs";
import { listRegressions, type RegressionView } from "../alerts/regressions";
import type { Db } from "../../ops/db-client";
import { perDatabase } from "../../ops/versioned-cache";
import { catalogVersion } from "../catalog/catalog-version";

export type CatalogCoverage = {
  platforms: number;
  models: number;
  offerings: number;
  latestSnapshot: { source: string; takenAt: Date } | null;
};

/** Coverage per catalogue version: the counts change only when the catalogue does. Never mutated. */
const coverageCache = perDatabase<CatalogCoverage>({ maxEntries: 2 });

/** How many coverage counts ran and were reused (tests and benchmarks). */
export function coverageCacheStats(db: Db) {
  return coverageCache(db).stats();
}

/**
 * How much of the catalogue is loaded: counted in SQL, never by loading rows, once per catalogue
 * version. Offerings withdrawn from their source are not coverage, nor is a model whose offerings
 * are all withdrawn.
 */
export async function getCatalogCoverage(db: Db): Promise<CatalogCoverage> {
  return coverageCache(db).get("coverage", await catalogVersion(db), () => countCoverage(db));
}

async function countCoverage(db: Db): Promise<CatalogCoverage> {
  const [platforms, models, offerings, latest] = await Promise.all([
    db.platform.count(),
    db.model.count({
      where: { OR: [{ offerings: { none: {} } }, { offerings: { some: { withdrawnAt: null } } }] },
    }),
    db.offering.count({ where: { withdrawnAt: null } }),
    db.catalogSnapshot.findFirst({
      orderBy: { takenAt: "desc" },
      select: { source: true, takenAt: true },
    }),
  ]);
  return { platforms, models, offerings, latestSnapshot: latest };
}

/** A platform's lock-in score on the Overview (the caller's weights and workload profile). */
export type OverviewLockin = {
  platforms: {
    platformId: string;
    platformName: string;
    score: number;
    band: Band;
    /** What the score leaves out of the workload (then not ranked with the others), or null. */
    coverageGap: string | null;
  }[];
  /** Platforms that offer none of the profile's models (no score). */
  unscored: number;
  isExampleProfile: boolean;
  isDefaultWeights: boolean;
  snapshot: { source: string; takenAt: Date } | null;
};

/** Something missing, and what to do about it. */
export type OverviewHint = {
  id: "catalogue" | "credentials" | "first-run" | "parity-run" | "running";
  title: string;
  description: string;
  href: string;
  action: string;
  minRole: "viewer" | "operator" | "admin";
};

export type Overview = {
  coverage: CatalogCoverage;
  latestRuns: RunListItem[];
  parityGaps: ParityGap[];
  /** How many recent finished runs were scanned for parity gaps. */
  gapRunsScanned: number;
  /** Null when the lock-in scores could not be computed (the reason is logged). */
  lockin: OverviewLockin | null;
  /** The latest regressions found after scheduled runs, newest first. */
  regressions: RegressionView[];
  hints: OverviewHint[];
};

/** Recent finished runs scanned for parity gaps: bounds the rollup rows the Overview reads. */
const GAP_RUNS = 10;
/** Regressions listed on the Overview. */
const LATEST_REGRESSIONS = 5;

async function getLockinSummary(caller: Caller, db: Db): Promise<OverviewLockin | null> {
  try {
    const view = await getLockinView(caller, db);
    // Fully scored platforms first, highest risk first; then those scored on part of the
    // workload, which are not ranked against them (see compareLockin).
    const { ranked, partial } = compareLockin(view.platforms);
    const row = (p: PlatformLockin, coverageGap: string | null) =>
      p.score === null || p.band === null
        ? []
        : [
            {
              platformId: p.platformId,
              platformName: p.platformName,
              score: p.score,
              band: p.band,
              coverageGap,
            },
          ];
    const scored = [
      ...ranked.flatMap((p) => row(p, null)),
      ...partial.flatMap(({ platform, missing }) => row(platform, missing)),
    ];
    return {
      platforms: scored,
      unscored: view.platforms.length - scored.length,
      isExampleProfile: view.isExampleProfile,
      isDefaultWeights: view.isDefaultWeights,
      snapshot: view.snapshot
        ? { source: view.snapshot.source, takenAt: view.snapshot.takenAt }
        : null,
    };
  } catch (error) {
    console.error("overview: lock-in scores failed", error);
    return null;
  }
}

/**
 * Everything the Overview shows: catalogue coverage, the latest runs, the largest parity gaps of
 * recent finished runs (from rollups), the latest regressions of scheduled runs, each platform's
 * lock-in score, and what is missing. Viewers.
 */
export async function getOverview(caller: Caller, db: Db): Promise<Overview> {
  requireRole(caller, "viewer");
  const [coverage, latestRuns, parityGaps, lockin, credentials, regressions] = await Promise.all([
    getCatalogCoverage(db),
    listRuns(caller, db, 5),
    listParityGaps(caller, db, { runs: GAP_RUNS, limit: 5 }),
    getLockinSummary(caller, db),
    db.providerCredential.count(),
    listRegressions(caller, db, { limit: LATEST_REGRESSIONS }),
  ]);
  const hints: OverviewHint[] = [];
  if (coverage.offerings === 0) {
    hints.push({
      id: "catalogue",
      title: "The catalogue is empty",
      description: "Load platforms, models and offerings before launching runs or scoring lock-in.",
      href: "/settings/catalog",
      action: "Load the catalogue",
      minRole: "admin",
    });
  }
  if (credentials === 0) {
    hints.push({
      id: "credentials",
      title: "No provider credentials: runs are simulated",
      description:
        "Every platform runs against the local emulator, and every figure from it is labelled simulated. Add credentials to measure the real platforms.",
      href: "/settings/credentials",
      action: "Add credentials",
      minRole: "admin",
    });
  }
  if (latestRuns.length === 0) {
    hints.push({
      id: "first-run",
      title: "No evaluation run yet",
      description: "Launch a run: a suite of test cases against the offerings you want to compare.",
      href: "/runs/new",
      action: "Launch a run",
      minRole: "operator",
    });
  } else if (parityGaps.length === 0) {
    hints.push({
      id: "parity-run",
      title: "No parity measured yet",
      description:
        "Parity needs a finished run with the same model on two or more platforms (for example a Claude model on Anthropic, Bedrock and Vertex).",
      href: "/runs/new",
      action: "Launch a run with the same model on two or more platforms",
      minRole: "operator",
    });
  }
  const running = latestRuns.find((run) => run.status === "running" || run.status === "queued");
  if (running) {
    hints.push({
      id: "running",
      title: `“${running.name}” is ${running.status}`,
      description:
        "Its figures fill in as trials are stored; the comparison is final when it finishes.",
      href: `/runs/${encodeURIComponent(running.id)}`,
      action: "Watch the run",
      minRole: "viewer",
    });
  }
  return {
    coverage,
    latestRuns,
    parityGaps,
    gapRunsScanned: GAP_RUNS,
    lockin,
    regressions,
    hints,
  };
}
