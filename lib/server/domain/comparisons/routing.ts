import type { Prisma } from "@/prisma/generated/client";
import { getNativeRouter } from "@/lib/catalog/native-routers";
import { getPlatform } from "@/lib/catalog/platforms";
import { mapServedModel, routerPoolModelIds } from "@/lib/catalog/served-models";
import {
  auditRouters,
  type AuditModel,
  type AuditRouterInput,
  type RouterAudit,
} from "@/lib/routing/audit";
import { simulateRouting } from "@/lib/routing/simulate";
import type { CaseResult, RoutingSimulation } from "@/lib/routing/types";
import type { AuditSingle } from "@/lib/routing/audit";
import { parseStoredTargets } from "@/lib/eval/stored-json";
import type { SaveRoutingPolicyInput, SavedPolicyKind } from "@/lib/schemas/routing";
import { formatScoreWithUnit } from "@/lib/format";
import { savedPolicyConfigSchema, type RunStatusName } from "@/lib/schemas/runs";
import { actorOf, recordAudit } from "../audit";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import type { Db } from "../../ops/db-client";
import { AppError } from "../errors";
import { catalogVersion } from "../catalog/catalog-version";
import { perDatabase } from "../../ops/versioned-cache";
import { getFinishedRunVersion } from "./compare";

/**
 * The routing page's data: a finished run's per-case rollups (RunCaseStats, never raw trials)
 * replayed through the routing policies of lib/routing, and routing policies saved from them.
 */

/** A run the routing page can simulate. */
export type RoutingRunItem = {
  id: string;
  name: string;
  suiteName: string;
  singleTargets: number;
  routerTargets: number;
  isSimulated: boolean;
  createdAt: Date;
};

/**
 * Completed runs with at least two single-offering targets (policies to replay) or a cloud's own
 * router (an audit to show), newest first.
 */
export async function listRoutingRuns(
  caller: Caller,
  db: Db,
  limit = 100,
): Promise<RoutingRunItem[]> {
  requireRole(caller, "viewer");
  const rows = await db.$queryRaw<
    {
      id: string;
      name: string;
      suite_name: string;
      single_targets: number;
      router_targets: number;
      is_simulated: boolean;
      created_at: Date;
    }[]
  >`
    SELECT r."id", r."name", s."name" AS suite_name, r."isSimulated" AS is_simulated,
           r."createdAt" AS created_at,
           (count(t."id") FILTER (WHERE t."kind" = 'offering'))::int AS single_targets,
           (count(t."id") FILTER (WHERE t."kind" = 'router'))::int AS router_targets
    FROM "EvalRun" r
    JOIN "Suite" s ON s."id" = r."suiteId"
    JOIN "RunTarget" t ON t."runId" = r."id"
    WHERE r."status" = 'completed'
    GROUP BY r."id", s."name"
    HAVING count(t."id") FILTER (WHERE t."kind" = 'offering') >= 2
        OR count(t."id") FILTER (WHERE t."kind" = 'router') >= 1
    ORDER BY r."createdAt" DESC
    LIMIT ${limit}`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    suiteName: row.suite_name,
    singleTargets: row.single_targets,
    routerTargets: row.router_targets,
    isSimulated: row.is_simulated,
    createdAt: row.created_at,
  }));
}

/** The routing page for one run. */
export type RoutingView = {
  run: {
    id: string;
    name: string;
    status: RunStatusName;
    suiteName: string;
    isSimulated: boolean;
    createdAt: Date;
    finishedAt: Date | null;
    catalogSnapshot: { id: string; source: string; takenAt: Date } | null;
  };
  /** Routing-policy and router targets of the run: not replayed (they already route). */
  ignoredTargets: string[];
  simulation: RoutingSimulation;
  /** The measured neutrality audit of each cloud router target of the run (empty without one). */
  audit: RouterAudit[];
};

const VENDOR_NAMES: Record<string, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  google: "Google",
  amazon: "Amazon",
  microsoft: "Microsoft",
  meta: "Meta",
  mistral: "Mistral AI",
  cohere: "Cohere",
  deepseek: "DeepSeek",
  xai: "xAI",
  alibaba: "Alibaba",
  ibm: "IBM",
};

/** A model vendor slug's display name, e.g. "openai" → "OpenAI". */
function vendorGroupOf(vendor: string): string {
  return VENDOR_NAMES[vendor] ?? vendor.charAt(0).toUpperCase() + vendor.slice(1);
}

type CaseRow = {
  target_id: string;
  case_id: string;
  category: string;
  score: number | null;
  cost: number | null;
};

/** Per target, per case: mean score and mean cost per call, averaged in SQL; gaps stay null. */
async function loadCaseResults(db: Db, runId: string): Promise<Map<string, CaseResult[]>> {
  const rows = await db.$queryRaw<CaseRow[]>`
    SELECT "targetId" AS target_id, "caseId" AS case_id, "category",
           CASE WHEN "scored" > 0 THEN "scoreSum" / "scored" END AS score,
           CASE WHEN "costed" > 0 THEN "costSum" / "costed" END AS cost
    FROM "RunCaseStats"
    WHERE "runId" = ${runId}`;
  const byTarget = new Map<string, CaseResult[]>();
  for (const row of rows) {
    const list = byTarget.get(row.target_id) ?? [];
    list.push({
      caseId: row.case_id,
      category: row.category,
      score: row.score === null ? null : Number(row.score),
      cost: row.cost === null ? null : Number(row.cost),
    });
    byTarget.set(row.target_id, list);
  }
  return byTarget;
}

/**
 * Routing views per finished run, by the run's and the catalogue's version (offerings, vendor
 * ties and platforms are read from the catalogue). Nothing about the caller. Never mutated.
 */
const routingCache = perDatabase<RoutingView>({ maxEntries: 50 });

/** How many routing replays ran and were reused (tests and benchmarks). */
export function routingCacheStats(db: Db) {
  return routingCache(db).stats();
}

/**
 * Replays a run's recorded results through every routing policy, once per version of a finished
 * run and the catalogue. Viewers.
 */
export async function getRoutingView(caller: Caller, db: Db, runId: string): Promise<RoutingView> {
  requireRole(caller, "viewer");
  const [runVersion, catalog] = await Promise.all([
    getFinishedRunVersion(db, runId),
    catalogVersion(db),
  ]);
  if (runVersion === null) return replayRun(db, runId);
  return routingCache(db).get(runId, `${runVersion}|${catalog}`, () => replayRun(db, runId));
}

async function replayRun(db: Db, runId: string): Promise<RoutingView> {
  const run = await db.evalRun.findUnique({
    where: { id: runId },
    include: {
      suite: { select: { name: true } },
      targets: { orderBy: { position: "asc" } },
    },
  });
  if (!run) notFound("That run");
  const singles = run.targets.filter((t) => t.kind === "offering" && t.offeringIds.length === 1);
  const offeringIds = singles.map((t) => t.offeringIds[0]!);
  const [offerings, ties, results, snapshot] = await Promise.all([
    db.offering.findMany({
      where: { id: { in: offeringIds } },
      select: {
        id: true,
        platformId: true,
        modelId: true,
        model: { select: { vendor: true } },
        platform: { select: { name: true, kind: true, owner: true } },
      },
    }),
    db.vendorTie.findMany({ select: { platformOwner: true, vendor: true, kind: true } }),
    loadCaseResults(db, runId),
    run.catalogSnapshotId
      ? db.catalogSnapshot.findUnique({
          where: { id: run.catalogSnapshotId },
          select: { id: true, source: true, takenAt: true },
        })
      : null,
  ]);
  const offeringById = new Map(offerings.map((o) => [o.id, o]));
  const targets: AuditSingle[] = [];
  for (const target of singles) {
    const offering = offeringById.get(target.offeringIds[0]!);
    // An offering deleted from the catalogue since the run: its vendor and platform are unknown.
    if (!offering) continue;
    targets.push({
      id: target.id,
      label: target.label,
      offeringId: offering.id,
      platformId: offering.platformId,
      platformName: offering.platform.name,
      platformOwner: offering.platform.owner,
      isCloud: offering.platform.kind === "cloud",
      vendor: offering.model.vendor,
      vendorGroup: vendorGroupOf(offering.model.vendor),
      modelId: offering.modelId,
    });
  }
  const simulation = simulateRouting({
    targets,
    results,
    ties: ties.map((tie) => ({ ...tie, kind: String(tie.kind) })),
    splitSalt: run.id,
  });
  const missingOffering = singles.filter((t) => !offeringById.has(t.offeringIds[0]!));
  simulation.exclusions.targets.push(
    ...missingOffering.map((t) => ({
      id: t.id,
      label: t.label,
      reason: "its offering is no longer in the catalogue",
    })),
  );
  return {
    run: {
      id: run.id,
      name: run.name,
      status: run.status as RunStatusName,
      suiteName: run.suite.name,
      isSimulated: run.isSimulated,
      createdAt: run.createdAt,
      finishedAt: run.finishedAt,
      catalogSnapshot: snapshot,
    },
    ignoredTargets: run.targets.filter((t) => !singles.includes(t)).map((t) => t.label),
    simulation,
    audit: await loadRouterAudit(db, run, { targets, results, ties, simulation }),
  };
}

/**
 * The measured neutrality audit (lib/routing/audit) of a run's cloud router targets: what served
 * their calls (the rollups' served models), their per-case results, the run's single targets and,
 * when the run has one, Crossbench's quality-threshold policy as it ran.
 */
async function loadRouterAudit(
  db: Db,
  run: {
    id: string;
    targets: { id: string; kind: string; label: string; policy: string | null; targets: unknown }[];
  },
  loaded: {
    targets: AuditSingle[];
    results: Map<string, CaseResult[]>;
    ties: { platformOwner: string; vendor: string }[];
    simulation: RoutingSimulation;
  },
): Promise<RouterAudit[]> {
  const routerTargets = run.targets.flatMap((target) => {
    if (target.kind !== "router") return [];
    // The stored target was validated when the run launched; a row that no longer parses (or a
    // router this version does not know) is left out of the audit rather than failing the page.
    let choice: { routerId: string; mode: string } | undefined;
    try {
      choice = parseStoredTargets(target.targets, `run ${run.id}, ${target.label}`)[0]?.router;
    } catch {
      return [];
    }
    const router = choice ? getNativeRouter(choice.routerId) : null;
    return router && choice ? [{ target, router, mode: choice.mode }] : [];
  });
  if (routerTargets.length === 0) return [];
  const policyTarget =
    run.targets.find((t) => t.kind === "policy" && t.policy === "quality-floor") ?? null;
  const stats = await db.runTargetStats.findMany({
    where: {
      runId: run.id,
      targetId: {
        in: [...routerTargets.map((r) => r.target.id), ...(policyTarget ? [policyTarget.id] : [])],
      },
    },
    select: { targetId: true, servedModels: true, servedBy: true },
  });
  const statsOf = new Map(stats.map((row) => [row.targetId, row]));
  const servedOf = (id: string) => (statsOf.get(id)?.servedModels ?? {}) as Record<string, number>;
  const policyServed = policyTarget
    ? ((statsOf.get(policyTarget.id)?.servedBy ?? {}) as Record<string, number>)
    : {};
  const poolIds = routerTargets.map((r) => routerPoolModelIds(r.router));
  const modelIds = [
    ...new Set([
      ...poolIds.flat(),
      ...routerTargets.flatMap((r) => Object.keys(servedOf(r.target.id))),
    ]),
  ];
  const [models, platforms, policyOfferings, servedRows] = await Promise.all([
    db.model.findMany({
      where: { id: { in: modelIds } },
      select: { id: true, name: true, vendor: true },
    }),
    db.platform.findMany({
      where: { id: { in: routerTargets.map((r) => r.router.platformId) } },
      select: { id: true, name: true, owner: true },
    }),
    db.offering.findMany({
      where: { id: { in: Object.keys(policyServed) } },
      select: { id: true, model: { select: { vendor: true } } },
    }),
    db.trial.findMany({
      where: {
        runId: run.id,
        targetId: { in: routerTargets.map((r) => r.target.id) },
        servedModelId: { not: null },
      },
      distinct: ["servedModelId"],
      select: { servedModelId: true },
    }),
  ]);
  // A served id the table maps is a canonical "<vendor>/<model>" id even when the catalogue has
  // no such model (Bedrock's Anthropic router still serves Claude 3.5 Sonnet): its vendor is the
  // id's prefix. Raw (unmapped) ids get no vendor and stay out of the shares.
  const mapped = new Set([
    ...servedRows.flatMap((row) => (row.servedModelId ? [row.servedModelId] : [])),
    ...routerTargets.flatMap(({ router }) =>
      router.pool.flatMap((member) => {
        const mapping = mapServedModel(router.platformId, member.servedId);
        return mapping.kind === "mapped" ? [mapping.modelId] : [];
      }),
    ),
  ]);
  const auditModels = new Map<string, AuditModel>(
    models.map((m) => [m.id, { vendor: m.vendor, name: m.name }]),
  );
  for (const id of mapped) {
    const vendor = id.split("/")[0];
    if (!auditModels.has(id) && vendor) auditModels.set(id, { vendor, name: id });
  }
  const platformOf = new Map(platforms.map((p) => [p.id, p]));
  const vendorOfOffering = new Map(policyOfferings.map((o) => [o.id, o.model.vendor]));
  const callsByVendor: Record<string, number> = {};
  for (const [offeringId, count] of Object.entries(policyServed)) {
    const vendor = vendorOfOffering.get(offeringId);
    if (vendor) callsByVendor[vendor] = (callsByVendor[vendor] ?? 0) + count;
  }
  const routers: AuditRouterInput[] = routerTargets.flatMap(({ target, router, mode }, i) => {
    // The catalogue's row, else the registry's facts (a platform added since the database was
    // seeded has no row until the next start).
    const known = getPlatform(router.platformId);
    const platform =
      platformOf.get(router.platformId) ??
      (known ? { id: known.id, name: known.name, owner: known.owner } : undefined);
    if (!platform) return [];
    return [
      {
        id: target.id,
        label: target.label,
        platform,
        mode,
        poolModelIds: poolIds[i]!,
        servedModels: servedOf(target.id),
        results: loaded.results.get(target.id) ?? [],
      },
    ];
  });
  const threshold = loaded.simulation.policies.find((p) => p.kind === "threshold");
  return auditRouters({
    routers,
    singles: loaded.targets,
    results: loaded.results,
    models: auditModels,
    vendorName: vendorGroupOf,
    ties: loaded.ties,
    policy: policyTarget
      ? {
          id: policyTarget.id,
          label: policyTarget.label,
          results: loaded.results.get(policyTarget.id) ?? [],
          callsByVendor,
        }
      : null,
    operatingThreshold: threshold?.curve[threshold.operatingIndex]?.param ?? null,
    splitSalt: run.id,
  });
}

/** A saved routing policy, as the routing page and the launch form list it. */
export type SavedPolicyItem = {
  id: string;
  name: string;
  kind: SavedPolicyKind;
  offeringIds: string[];
  /** "threshold 80.0 points", "70% to the strongest", for a one-line description. */
  summary: string;
  sourceRunId: string | null;
  createdAt: Date;
};

function summarize(kind: string, config: Prisma.JsonValue, offeringCount: number): string {
  const parsed = savedPolicyConfigSchema.safeParse(config);
  const over = `over ${offeringCount} offering${offeringCount === 1 ? "" : "s"}`;
  if (kind === "weighted") {
    const weights = Object.values(parsed.success ? (parsed.data.weights ?? {}) : {});
    const total = weights.reduce((s, w) => s + w, 0);
    return `random mix ${over}${total > 0 ? ` (weights ${weights.map((w) => `${Math.round((w / total) * 100)}%`).join(" / ")})` : ""}`;
  }
  const threshold = parsed.success ? parsed.data.threshold : undefined;
  return `quality threshold ${formatScoreWithUnit(threshold)} ${over}`;
}

/** Saved routing policies, newest first. Viewers. */
export async function listSavedPolicies(caller: Caller, db: Db): Promise<SavedPolicyItem[]> {
  requireRole(caller, "viewer");
  const rows = await db.savedRoutingPolicy.findMany({ orderBy: { createdAt: "desc" }, take: 200 });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind === "weighted" ? "weighted" : "quality-floor",
    offeringIds: row.offeringIds,
    summary: summarize(row.kind, row.config, row.offeringIds.length),
    sourceRunId: row.sourceRunId,
    createdAt: row.createdAt,
  }));
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/**
 * Saves a policy learned from a run as a routing target a run can launch: a quality threshold
 * (with each offering's mean score per category on the run) or the random mix between the
 * cheapest and the best target. Records an audit event. Analysts.
 */
export async function saveRoutingPolicy(
  caller: Caller,
  db: Db,
  input: SaveRoutingPolicyInput,
): Promise<{ id: string; name: string }> {
  requireRole(caller, "analyst");
  const view = await getRoutingView(caller, db, input.runId);
  const { simulation } = view;
  if (view.run.status !== "completed" || simulation.targets.length < 2 || simulation.n === 0) {
    throw new AppError(
      "INVALID_INPUT",
      "Run: a policy can be saved from a completed run with at least two priced targets.",
      { runId: ["Choose a completed run with at least two priced single-offering targets."] },
    );
  }
  const offeringOf = new Map(simulation.targets.map((t) => [t.id, t.offeringId]));
  let offeringIds: string[];
  let config: Prisma.InputJsonValue;
  if (input.kind === "quality-floor") {
    offeringIds = simulation.targets.map((t) => t.offeringId);
    const scores: Record<string, Record<string, number>> = {};
    for (const [targetId, byCategory] of Object.entries(simulation.categoryScores)) {
      const offeringId = offeringOf.get(targetId);
      if (!offeringId) continue;
      scores[offeringId] = Object.fromEntries(
        Object.entries(byCategory).map(([category, score]) => [category, clamp01(score)]),
      );
    }
    config = savedPolicyConfigSchema.parse({ threshold: (input.threshold ?? 0) / 100, scores });
  } else {
    const weak = simulation.weakId ? offeringOf.get(simulation.weakId) : undefined;
    const strong = simulation.strongId ? offeringOf.get(simulation.strongId) : undefined;
    if (!weak || !strong || weak === strong) {
      throw new AppError(
        "INVALID_INPUT",
        "Policy: the cheapest target is also the best one, so there is nothing to mix.",
        { kind: ["The cheapest target is also the best one: there is nothing to mix."] },
      );
    }
    const share = input.strongShare ?? 50;
    offeringIds = [weak, strong];
    config = savedPolicyConfigSchema.parse({
      weights: { [weak]: 100 - share, [strong]: share },
    });
  }
  return db.$transaction(async (tx) => {
    const saved = await tx.savedRoutingPolicy.create({
      data: {
        name: input.name,
        kind: input.kind,
        offeringIds,
        config,
        sourceRunId: view.run.id,
        createdById: caller.userId || null,
      },
    });
    await recordAudit(tx, {
      action: "routing_policy.saved",
      actor: caller.userId ? actorOf(caller) : { id: null, email: caller.email },
      targetType: "routing_policy",
      targetId: saved.id,
      detail: {
        name: saved.name,
        kind: saved.kind,
        sourceRunId: view.run.id,
        offerings: offeringIds.length,
      },
      ipAddress: caller.ipAddress,
    });
    return { id: saved.id, name: saved.name };
  });
}
