import { z } from "zod";
import { getPlatform } from "@/lib/catalog/platforms";
import {
  detectRegressionFindings,
  REGRESSION_RULES,
  type AlertThresholds,
  type RegressionRule,
  type RegressionRun,
  type RegressionTarget,
} from "@/lib/eval/regressions";
import { emptyTargetRollup } from "@/lib/eval/summary";
import {
  describeRegression,
  REGRESSION_RULE_LABELS,
  type RegressionView,
} from "@/lib/views/regressions";
import type { Caller } from "../caller";
import { requireRole } from "../caller";
import { AppError } from "../errors";
import { loadCaseRollups, toRollup } from "../runs/runs";
import type { Db } from "../../ops/db-client";

/**
 * Stored regressions: after a scheduled run completes, the rules of lib/eval/regressions compare
 * it with the schedule's previous completed run and with the schedule's thresholds, and each
 * finding is stored once (a run, rule and target identify it). Detection reads rollups only.
 */

export type { RegressionView };

/** A run's targets with their rollups; router targets keep their served models aside. */
async function loadRunTargets(db: Db, runId: string) {
  const [targets, stats, cases] = await Promise.all([
    db.runTarget.findMany({
      where: { runId },
      orderBy: { position: "asc" },
      select: {
        id: true,
        kind: true,
        label: true,
        policy: true,
        offeringIds: true,
        platformIds: true,
      },
    }),
    db.runTargetStats.findMany({ where: { runId } }),
    loadCaseRollups(db, runId),
  ]);
  const statsOf = new Map(stats.map((row) => [row.targetId, row]));
  return targets.map((target) => {
    const row = statsOf.get(target.id);
    return {
      target,
      rollup: row ? toRollup(row) : emptyTargetRollup(),
      cases: cases.get(target.id) ?? [],
      servedModels: (row?.servedModels ?? {}) as Record<string, number>,
    };
  });
}

type LoadedTargets = Awaited<ReturnType<typeof loadRunTargets>>;

/**
 * What the rules need from the catalogue for both runs: each single offering's model and
 * platform, each router's platform owner, the vendor ties and the vendor of every served model.
 */
async function loadCatalogFacts(db: Db, runIds: readonly string[], loaded: LoadedTargets) {
  const targets = loaded.map((entry) => entry.target);
  const routers = loaded.filter((entry) => entry.target.kind === "router");
  const servedKeys = [...new Set(routers.flatMap((entry) => Object.keys(entry.servedModels)))];
  const routerPlatformIds = [
    ...new Set(routers.flatMap((entry) => entry.target.platformIds.slice(0, 1))),
  ];
  const [offerings, platforms, ties, models, mapped] = await Promise.all([
    db.offering.findMany({
      where: {
        id: {
          in: targets.flatMap((t) => (t.kind === "offering" ? t.offeringIds.slice(0, 1) : [])),
        },
      },
      select: { id: true, modelId: true, platformId: true },
    }),
    db.platform.findMany({
      where: { id: { in: routerPlatformIds } },
      select: { id: true, owner: true },
    }),
    routers.length
      ? db.vendorTie.findMany({ select: { platformOwner: true, vendor: true } })
      : Promise.resolve([]),
    db.model.findMany({ where: { id: { in: servedKeys } }, select: { id: true, vendor: true } }),
    // A served id the served-model table mapped is a canonical "<vendor>/<model>" id even when the
    // catalogue has no such model; raw ids (unmapped) have no vendor. As the routers' audit reads.
    routers.length
      ? db.trial.findMany({
          where: {
            runId: { in: [...runIds] },
            targetId: { in: routers.map((entry) => entry.target.id) },
            servedModelId: { not: null },
          },
          distinct: ["servedModelId"],
          select: { servedModelId: true },
        })
      : Promise.resolve([]),
  ]);
  const vendors = new Map(models.map((model) => [model.id, model.vendor]));
  for (const row of mapped) {
    const vendor = row.servedModelId?.split("/")[0];
    if (row.servedModelId && vendor && !vendors.has(row.servedModelId)) {
      vendors.set(row.servedModelId, vendor);
    }
  }
  const owners = new Map(platforms.map((platform) => [platform.id, platform.owner]));
  return {
    offerings: new Map(offerings.map((offering) => [offering.id, offering])),
    ownerOf: (platformId: string) => owners.get(platformId) ?? getPlatform(platformId)?.owner,
    ties,
    vendorOf: (served: string) => vendors.get(served) ?? null,
  };
}

type CatalogFacts = Awaited<ReturnType<typeof loadCatalogFacts>>;

function toRegressionTarget(entry: LoadedTargets[number], facts: CatalogFacts): RegressionTarget {
  const { target } = entry;
  const offering =
    target.kind === "offering" && target.offeringIds.length === 1
      ? facts.offerings.get(target.offeringIds[0]!)
      : undefined;
  const platformId = target.platformIds[0];
  const owner = target.kind === "router" && platformId ? facts.ownerOf(platformId) : undefined;
  return {
    id: target.id,
    kind: target.kind,
    label: target.label,
    policy: target.policy,
    offeringIds: target.offeringIds,
    model: offering ? { modelId: offering.modelId, platformId: offering.platformId } : null,
    rollup: entry.rollup,
    cases: entry.cases,
    router:
      platformId && owner !== undefined
        ? { platform: { id: platformId, owner }, servedModels: entry.servedModels }
        : null,
  };
}

/** The thresholds of the schedule version the run ran, else the schedule's own. */
async function thresholdsOf(
  db: Db,
  scheduleId: string,
  version: number | null,
): Promise<AlertThresholds> {
  const row =
    (version !== null
      ? await db.runScheduleVersion.findUnique({
          where: { scheduleId_version: { scheduleId, version } },
          select: { alertLatencyP95Ms: true, alertErrorRate: true },
        })
      : null) ??
    (await db.runSchedule.findUnique({
      where: { id: scheduleId },
      select: { alertLatencyP95Ms: true, alertErrorRate: true },
    }));
  return { latencyP95Ms: row?.alertLatencyP95Ms ?? null, errorRate: row?.alertErrorRate ?? null };
}

/**
 * Applies the regression rules to a completed scheduled run against the schedule's previous
 * completed run (the latest created before it, when it ran the same suite) and stores what they
 * find. Idempotent: a finding already stored for the run is left as it is, so detection can run
 * again after a crash. A run that is not scheduled or not completed has nothing to detect. No
 * caller: the workers run it when a run finishes.
 *
 * @returns The ids of the regressions this call stored (none for those stored before).
 */
export async function detectRegressions(db: Db, runId: string): Promise<string[]> {
  const run = await db.evalRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      status: true,
      scheduleId: true,
      scheduleVersion: true,
      createdAt: true,
      isSimulated: true,
      suiteId: true,
    },
  });
  if (!run || run.status !== "completed" || run.scheduleId === null) return [];
  const latest = await db.evalRun.findFirst({
    where: { scheduleId: run.scheduleId, status: "completed", createdAt: { lt: run.createdAt } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, suiteId: true },
  });
  // Cases pair by id within a suite: after an edit that changed the suite there is nothing to
  // pair with, and only the thresholds apply.
  const previous = latest?.suiteId === run.suiteId ? latest : null;
  const [loadedRun, loadedPrevious, thresholds] = await Promise.all([
    loadRunTargets(db, run.id),
    previous ? loadRunTargets(db, previous.id) : Promise.resolve([]),
    thresholdsOf(db, run.scheduleId, run.scheduleVersion),
  ]);
  const facts = await loadCatalogFacts(db, previous ? [run.id, previous.id] : [run.id], [
    ...loadedRun,
    ...loadedPrevious,
  ]);
  const asRun = (id: string, loaded: LoadedTargets): RegressionRun => ({
    id,
    targets: loaded.map((entry) => toRegressionTarget(entry, facts)),
  });
  const findings = detectRegressionFindings({
    run: asRun(run.id, loadedRun),
    previous: previous ? asRun(previous.id, loadedPrevious) : null,
    thresholds,
    ties: facts.ties,
    vendorOf: facts.vendorOf,
  });
  if (findings.length === 0) return [];
  const created = await db.regression.createManyAndReturn({
    data: findings.map((finding) => ({
      scheduleId: run.scheduleId,
      runId: run.id,
      previousRunId: previous?.id ?? null,
      rule: finding.rule,
      targetLabel: finding.targetLabel,
      summary: describeRegression(finding, { isSimulated: run.isSimulated }),
      detail: { ...finding.detail, isSimulated: run.isSimulated },
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  return created.map((row) => row.id);
}

/** Every regression stored for a run (what an alert for the run covers), oldest first. */
export async function listRunRegressionIds(db: Db, runId: string): Promise<string[]> {
  const rows = await db.regression.findMany({
    where: { runId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

export const listRegressionsSchema = z.object({
  scheduleId: z.string().min(1).max(100).optional(),
  limit: z.number().int().min(1).max(100).default(10),
});

export type ListRegressionsInput = z.input<typeof listRegressionsSchema>;

const asRule = (value: string): RegressionRule | null =>
  REGRESSION_RULES.find((rule) => rule === value) ?? null;

/** The latest regressions, newest first; of one schedule when `scheduleId` is given. Viewers. */
export async function listRegressions(
  caller: Caller,
  db: Db,
  input: ListRegressionsInput = {},
): Promise<RegressionView[]> {
  requireRole(caller, "viewer");
  const parsed = listRegressionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", "That list of regressions cannot be shown.");
  }
  const { scheduleId, limit } = parsed.data;
  const rows = await db.regression.findMany({
    where: scheduleId ? { scheduleId } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      rule: true,
      targetLabel: true,
      summary: true,
      createdAt: true,
      runId: true,
      previousRunId: true,
      schedule: { select: { id: true, name: true } },
    },
  });
  const runIds = [
    ...new Set(
      rows.flatMap((row) => [row.runId, ...(row.previousRunId ? [row.previousRunId] : [])]),
    ),
  ];
  const runs = new Map(
    (
      await db.evalRun.findMany({
        where: { id: { in: runIds } },
        select: { id: true, name: true, isSimulated: true },
      })
    ).map((run) => [run.id, run]),
  );
  return rows.flatMap((row): RegressionView[] => {
    const rule = asRule(row.rule);
    const run = runs.get(row.runId);
    // A run deleted since leaves its regression nothing to link to: it is not listed.
    if (!rule || !run) return [];
    const previous = row.previousRunId ? runs.get(row.previousRunId) : undefined;
    return [
      {
        id: row.id,
        rule,
        ruleLabel: REGRESSION_RULE_LABELS[rule],
        summary: row.summary,
        targetLabel: row.targetLabel,
        createdAt: row.createdAt,
        run: { id: run.id, name: run.name, isSimulated: run.isSimulated },
        previousRun: previous ? { id: previous.id, name: previous.name } : null,
        schedule: row.schedule,
      },
    ];
  });
}
