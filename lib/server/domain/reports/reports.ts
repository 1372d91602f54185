import type { z } from "zod";
import type { RouterAudit } from "@/lib/routing/audit";
import { Prisma } from "@/prisma/generated/client";
import { buildMethodology } from "@/lib/report/methodology";
import type {
  ReportCatalogSnapshot,
  ReportCompare,
  ReportData,
  ReportLockin,
  ReportRouting,
  ReportRun,
  ReportView,
} from "@/lib/report/report-data";
import { readReportData, REPORT_DATA_VERSION } from "@/lib/report/report-data";
import { buildSummary, draftRecommendations } from "@/lib/report/summary";
import {
  createReportSchema,
  updateReportSchema,
  type CreateReportInput,
  type ReportExportFormat,
  type UpdateReportInput,
} from "@/lib/schemas/reports";
import { actorOf, recordAudit } from "../audit";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import { getCompareView, type CompareView } from "../comparisons/compare";
import type { Db } from "../../ops/db-client";
import { AppError } from "../errors";
import { getLockinView } from "../comparisons/lockin";
import { getRoutingView } from "../comparisons/routing";
import { getRunView, type RunView } from "../runs/runs";
import { perDatabase } from "../../ops/versioned-cache";

export type { ReportView } from "@/lib/report/report-data";

/**
 * Reports for leadership: an analyst's choice of runs, models and platforms, drafted into a frozen
 * snapshot (ReportData) from the same read functions the dashboards use, then titled, annotated and
 * shared. The snapshot never changes after drafting, so a report defends the numbers it was sent
 * with even after new runs or catalogue syncs.
 */

/** Validates with zod; errors name their field, as the action wrapper's do. */
export function parseReportInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "form";
    (fieldErrors[field] ??= []).push(issue.message);
  }
  throw new AppError(
    "INVALID_INPUT",
    parsed.error.issues[0]?.message ?? "The input is not valid.",
    fieldErrors,
  );
}

const iso = (value: Date) => value.toISOString();

function snapshotOf(
  value: { id: string; source: string; takenAt: Date } | null,
): ReportCatalogSnapshot | null {
  return value ? { id: value.id, source: value.source, takenAt: iso(value.takenAt) } : null;
}

function reportRun(run: RunView): ReportRun {
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    suite: { ...run.suite },
    createdAt: iso(run.createdAt),
    finishedAt: run.finishedAt ? iso(run.finishedAt) : null,
    isSimulated: run.isSimulated,
    catalogSnapshot: snapshotOf(run.catalogSnapshot),
    repeats: run.repeats,
    storedTrials: run.storedTrials,
    spentUsd: run.spentUsd,
    judgeLabel: run.judgeLabel,
  };
}

function reportCompare(view: CompareView, modelName: string | null): ReportCompare | null {
  if (!view.run) return null;
  return {
    runId: view.run.id,
    mode: view.mode,
    modelId: view.modelId,
    modelName,
    targets: view.targets,
    selected: view.selected,
    referenceId: view.referenceId,
    pairs: view.referenceId
      ? view.selected
          .filter((id) => id !== view.referenceId)
          .map((targetId) => ({
            targetId,
            referenceId: view.referenceId as string,
            pair: view.pairs[targetId] ?? null,
          }))
      : [],
    categories: view.categories,
    categoryDifferences: view.categoryDifferences,
  };
}

/**
 * Parity of the chosen model (or the compare page's default) in the first run, narrowed to the
 * chosen platforms when at least two of its targets are on them.
 */
async function draftCompare(
  caller: Caller,
  db: Db,
  runId: string,
  modelIds: readonly string[],
  platformIds: readonly string[],
): Promise<ReportCompare | null> {
  const view = await getCompareView(caller, db, { runId, modelId: modelIds[0] });
  const modelName = view.models.find((m) => m.modelId === view.modelId)?.modelName ?? null;
  if (platformIds.length > 0) {
    const onPlatforms = view.targets
      .filter((t) => view.selected.includes(t.id))
      .filter((t) => t.platformId !== null && platformIds.includes(t.platformId))
      .map((t) => t.id);
    if (onPlatforms.length >= 2 && onPlatforms.length < view.selected.length) {
      const narrowed = await getCompareView(caller, db, { runId, targetIds: onPlatforms });
      return reportCompare({ ...narrowed, mode: view.mode, modelId: view.modelId }, modelName);
    }
  }
  return reportCompare(view, modelName);
}

async function draftRouting(
  caller: Caller,
  db: Db,
  runId: string,
): Promise<{ routing: ReportRouting | null; reason: string | null; audit: RouterAudit[] }> {
  const view = await getRoutingView(caller, db, runId);
  const { simulation } = view;
  if (view.run.status !== "completed")
    return { routing: null, reason: "The routing simulation needs a completed run.", audit: [] };
  if (simulation.targets.length < 2 || simulation.n === 0)
    return {
      routing: null,
      reason:
        "The routing simulation needs at least two single-offering targets scored and priced on the same cases.",
      audit: view.audit,
    };
  return {
    routing: { ...simulation, runId, ignoredTargets: view.ignoredTargets },
    reason: null,
    audit: view.audit,
  };
}

/** Drafts the snapshot. Exported for tests; createReport is the way in. */
export async function draftReportData(
  caller: Caller,
  db: Db,
  selection: { runIds: string[]; modelIds: string[]; platformIds: string[] },
  now: Date = new Date(),
): Promise<ReportData> {
  const runViews = await Promise.all(selection.runIds.map((id) => getRunView(caller, db, id)));
  const runs = runViews.map(reportRun);
  const first = runs[0];
  const [compare, lockinView, routed] = await Promise.all([
    first
      ? draftCompare(caller, db, first.id, selection.modelIds, selection.platformIds)
      : Promise.resolve(null),
    getLockinView(caller, db, { now }),
    first
      ? draftRouting(caller, db, first.id)
      : Promise.resolve({ routing: null, reason: "No run was chosen.", audit: [] }),
  ]);
  const lockin: ReportLockin = {
    asOf: lockinView.asOf,
    snapshot: snapshotOf(lockinView.snapshot),
    weights: lockinView.weights,
    isDefaultWeights: lockinView.isDefaultWeights,
    profile: lockinView.profile,
    isExampleProfile: lockinView.isExampleProfile,
    unknownModels: lockinView.unknownModels,
    platforms:
      selection.platformIds.length > 0
        ? lockinView.platforms.filter((p) => selection.platformIds.includes(p.platformId))
        : lockinView.platforms,
  };
  const isSimulated = runs.some((run) => run.isSimulated);
  const partial = { isSimulated, compare, lockin, routing: routed.routing };
  const data: ReportData = {
    version: REPORT_DATA_VERSION,
    draftedAt: iso(now),
    isSimulated,
    selection: {
      runIds: [...selection.runIds],
      modelIds: [...selection.modelIds],
      platformIds: [...selection.platformIds],
    },
    runs,
    catalogSnapshot: lockin.snapshot,
    compare,
    lockin,
    routing: routed.routing,
    routingReason: routed.reason,
    routerAudit: routed.audit,
    summary: buildSummary(partial),
    methodology: buildMethodology(lockin.weights, routed.routing?.policies ?? []),
  };
  // A JSON round trip: what is stored is exactly what is read back (no Dates, no undefined).
  return JSON.parse(JSON.stringify(data)) as ReportData;
}

/** Drafts and saves a report from the chosen runs, models and platforms (analysts and above). */
export async function createReport(
  caller: Caller,
  db: Db,
  input: CreateReportInput,
  options: { now?: Date } = {},
): Promise<{ id: string }> {
  requireRole(caller, "analyst");
  const selection = parseReportInput(createReportSchema, input);
  const runIds = [...new Set(selection.runIds)];
  const found = await db.evalRun.findMany({
    where: { id: { in: runIds } },
    select: { id: true },
  });
  const known = new Set(found.map((run) => run.id));
  const unknown = runIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError("INVALID_INPUT", "Runs: a chosen run no longer exists.", {
      runIds: [`Unknown run${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}.`],
    });
  }
  const data = await draftReportData(
    caller,
    db,
    { runIds, modelIds: selection.modelIds, platformIds: selection.platformIds },
    options.now,
  );
  return db.$transaction(async (tx) => {
    const report = await tx.report.create({
      data: {
        title: selection.title,
        monthlyRequests: selection.monthlyRequests,
        createdById: caller.userId || null,
        runIds,
        modelIds: selection.modelIds,
        platformIds: selection.platformIds,
        recommendations: draftRecommendations(data),
        data: data as unknown as Prisma.InputJsonValue,
        isSimulated: data.isSimulated,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      action: "report.created",
      actor: actorOf(caller),
      targetType: "report",
      targetId: report.id,
      detail: { title: selection.title, runIds },
      ipAddress: caller.ipAddress,
    });
    return report;
  });
}

/** Saves the title, annotations and recommendations (analysts and above). */
export async function updateReport(
  caller: Caller,
  db: Db,
  input: UpdateReportInput,
): Promise<{ id: string }> {
  requireRole(caller, "analyst");
  const edit = parseReportInput(updateReportSchema, input);
  return db.$transaction(async (tx) => {
    const { count } = await tx.report.updateMany({
      where: { id: edit.id },
      data: {
        title: edit.title,
        annotations: edit.annotations,
        recommendations: edit.recommendations,
        monthlyRequests: edit.monthlyRequests,
      },
    });
    if (count === 0) notFound("That report");
    await recordAudit(tx, {
      action: "report.updated",
      actor: actorOf(caller),
      targetType: "report",
      targetId: edit.id,
      detail: { title: edit.title, monthlyRequests: edit.monthlyRequests },
      ipAddress: caller.ipAddress,
    });
    return { id: edit.id };
  });
}

export type ReportListItem = {
  id: string;
  title: string;
  isSimulated: boolean;
  runIds: string[];
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  activeShareLinks: number;
};

async function userNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({
    where: { id: { in: wanted } },
    select: { id: true, name: true, email: true },
  });
  return new Map(users.map((user) => [user.id, user.name || user.email]));
}

/** Saved reports, newest first (viewers and above). */
export async function listReports(
  caller: Caller,
  db: Db,
  options: { now?: Date } = {},
): Promise<ReportListItem[]> {
  requireRole(caller, "viewer");
  const now = options.now ?? new Date();
  const reports = await db.report.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      title: true,
      isSimulated: true,
      runIds: true,
      createdAt: true,
      updatedAt: true,
      createdById: true,
      _count: { select: { shareLinks: { where: { revokedAt: null, expiresAt: { gt: now } } } } },
    },
  });
  const names = await userNames(
    db,
    reports.map((r) => r.createdById),
  );
  return reports.map((report) => ({
    id: report.id,
    title: report.title,
    isSimulated: report.isSimulated,
    runIds: report.runIds,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    createdBy: report.createdById ? (names.get(report.createdById) ?? null) : null,
    activeShareLinks: report._count.shareLinks,
  }));
}

/** Everything of a report row but its frozen snapshot, which is read through reportDataCache. */
const reportMetaSelect = {
  id: true,
  title: true,
  annotations: true,
  recommendations: true,
  isSimulated: true,
  createdAt: true,
  updatedAt: true,
  createdById: true,
  monthlyRequests: true,
} satisfies Prisma.ReportSelect;

type ReportRow = Prisma.ReportGetPayload<{
  select: typeof reportMetaSelect & { data: true };
}>;
type ReportMetaRow = Prisma.ReportGetPayload<{ select: typeof reportMetaSelect }>;

/**
 * Each report's frozen snapshot, read and migrated once per report version (its updatedAt, which
 * every write to the row moves): the snapshot is the bulk of the row (a few hundred KB of JSON for
 * a report on the full catalogue), and twenty people opening the same report or share link would
 * otherwise each read and parse it. Holds report data only, nothing about the caller. Shared
 * between requests: never mutated.
 */
const reportDataCache = perDatabase<ReportData>({ maxEntries: 100 });

/** How many snapshot reads ran and were reused (tests and benchmarks). */
export function reportCacheStats(db: Db) {
  return reportDataCache(db).stats();
}

async function readCachedReportData(db: Db, row: ReportMetaRow): Promise<ReportData> {
  return reportDataCache(db).get(row.id, row.updatedAt.toISOString(), async () => {
    const stored = await db.report.findUnique({ where: { id: row.id }, select: { data: true } });
    if (!stored) notFound("That report");
    return readReportData(stored.data, `report ${row.id}`);
  });
}

function viewOf(
  row: ReportMetaRow,
  data: ReportData,
  createdBy: string | null,
  shareLinks: ReportView["shareLinks"],
): ReportView {
  return {
    id: row.id,
    title: row.title,
    annotations: row.annotations,
    recommendations: row.recommendations,
    monthlyRequests: row.monthlyRequests,
    isSimulated: row.isSimulated,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy,
    data,
    shareLinks,
  };
}

/** A stored row as the view; `createdBy` and `shareLinks` come from the caller. */
export function toReportView(
  row: ReportRow,
  createdBy: string | null,
  shareLinks: ReportView["shareLinks"],
): ReportView {
  return viewOf(row, readReportData(row.data, `report ${row.id}`), createdBy, shareLinks);
}

/**
 * Unsafe: reads one report with no role check, for the public share-link page (which has already
 * verified its token). Share links are left out.
 */
export async function unsafeGetReportForShare(db: Db, id: string): Promise<ReportView | null> {
  const row = await db.report.findUnique({ where: { id }, select: reportMetaSelect });
  return row ? viewOf(row, await readCachedReportData(db, row), null, []) : null;
}

/** One report with its share links (viewers and above). */
export async function getReportView(
  caller: Caller,
  db: Db,
  id: string,
  options: { now?: Date } = {},
): Promise<ReportView> {
  requireRole(caller, "viewer");
  const now = options.now ?? new Date();
  const row = await db.report.findUnique({
    where: { id },
    select: {
      ...reportMetaSelect,
      shareLinks: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, createdAt: true, expiresAt: true, revokedAt: true },
      },
    },
  });
  if (!row) notFound("That report");
  const [names, data] = await Promise.all([
    userNames(db, [row.createdById]),
    readCachedReportData(db, row),
  ]);
  return viewOf(
    row,
    data,
    row.createdById ? (names.get(row.createdById) ?? null) : null,
    row.shareLinks.map((link) => ({
      ...link,
      isActive: link.revokedAt === null && link.expiresAt > now,
    })),
  );
}

/**
 * Records an export in the audit log. `caller` is null for a download through a share link
 * (then `via` is "share").
 */
export async function recordReportExport(
  caller: Caller | null,
  db: Db,
  reportId: string,
  format: ReportExportFormat,
  via?: "share",
): Promise<void> {
  if (caller) requireRole(caller, "viewer");
  await recordAudit(db, {
    action: "report.exported",
    actor: caller ? actorOf(caller) : null,
    targetType: "report",
    targetId: reportId,
    detail: via ? { format, via } : { format },
    ipAddress: caller?.ipAddress ?? null,
  });
}
