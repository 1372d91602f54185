import type { TrendPointInput, TrendPriceChangeInput } from "@/lib/charts/trend";
import type { ReliabilityPointInput } from "@/lib/charts/trend-reliability";
import { hashSeed } from "@/lib/eval/random";
import { targetIdentityKey } from "@/lib/eval/run-against-run";
import { summarizeTarget, type CaseRollup } from "@/lib/eval/summary";
import { requireRole, type Caller } from "../caller";
import { catalogVersion } from "../catalog/catalog-version";
import type { Db } from "../../ops/db-client";
import { perDatabase, stableKey } from "../../ops/versioned-cache";
import { toRollup } from "../runs/runs";

/**
 * Measurements over time (issue 18): per (model, platform) and per schedule target, one point per
 * completed run with the figures summarizeTarget gives the run page (same rollups, same bootstrap
 * seed), read from the rollups in one query for the targets, one for their stats and one for their
 * case rollups; catalogue price changes (OfferingPrice across snapshots) inside the runs' time
 * range as annotations; a platform's errors by kind per run from RunTargetStats.errorsByKind.
 */

export const DEFAULT_HISTORY_LIMIT = 30;

export type HistoryPoint = TrendPointInput;
export type HistorySeries = { id: string; label: string; points: HistoryPoint[] };
export type HistoryPriceChange = TrendPriceChangeInput;
export type History = { series: HistorySeries[]; priceChanges: HistoryPriceChange[] };

type TargetRow = {
  id: string;
  runId: string;
  kind: string;
  label: string;
  policy: string | null;
  offeringIds: string[];
  platformIds: string[];
  run: { id: string; name: string; finishedAt: Date | null; isSimulated: boolean };
};

const targetSelect = {
  id: true,
  runId: true,
  kind: true,
  label: true,
  policy: true,
  offeringIds: true,
  platformIds: true,
  run: { select: { id: true, name: true, finishedAt: true, isSimulated: true } },
} as const;

/** Points for targets: one query for their stats, one for their case rollups. */
async function pointsOf(db: Db, targets: readonly TargetRow[]): Promise<Map<string, HistoryPoint>> {
  const ids = targets.map((t) => t.id);
  const [stats, cases] = await Promise.all([
    db.runTargetStats.findMany({ where: { targetId: { in: ids } } }),
    db.runCaseStats.findMany({
      where: { targetId: { in: ids } },
      select: {
        targetId: true,
        caseId: true,
        category: true,
        trials: true,
        scored: true,
        passed: true,
        scoreSum: true,
      },
    }),
  ]);
  const statsOf = new Map(stats.map((row) => [row.targetId, row]));
  const casesOf = new Map<string, CaseRollup[]>();
  for (const row of cases) casesOf.set(row.targetId, [...(casesOf.get(row.targetId) ?? []), row]);
  const out = new Map<string, HistoryPoint>();
  for (const target of targets) {
    const row = statsOf.get(target.id);
    if (!row || !target.run.finishedAt) continue;
    const s = summarizeTarget(
      toRollup(row),
      casesOf.get(target.id) ?? [],
      hashSeed(target.runId, target.id),
    );
    out.set(target.id, {
      runId: target.runId,
      runName: target.run.name,
      finishedAt: target.run.finishedAt,
      isSimulated: target.run.isSimulated,
      score: s.score,
      passRate: s.passRate,
      latencyMs: { p50: s.latencyMs.p50, p95: s.latencyMs.p95 },
      ttftMs: { p50: s.ttftMs.p50 },
      outputTokensPerSecond: s.outputTokensPerSecond,
      errorRate: s.errorRate,
      costPer1kUsd: s.costPer1kUsd,
    });
  }
  return out;
}

/** Price changes of the offerings inside `range`, oldest first; "all": whenever they happened. */
async function priceChanges(
  db: Db,
  offeringIds: readonly string[],
  range: { from: number; to: number } | "all" | null,
): Promise<HistoryPriceChange[]> {
  if (!range || offeringIds.length === 0) return [];
  const rows = await db.offeringPrice.findMany({
    where: { offeringId: { in: [...offeringIds] } },
    select: {
      offeringId: true,
      inputPrice: true,
      outputPrice: true,
      snapshot: { select: { takenAt: true } },
      offering: { select: { platform: { select: { name: true } } } },
    },
    // Two syncs of the same day share their facts' date; the later load is the newer price.
    orderBy: [
      { offeringId: "asc" },
      { snapshot: { takenAt: "asc" } },
      { snapshot: { createdAt: "asc" } },
    ],
  });
  const out: HistoryPriceChange[] = [];
  const num = (v: unknown) => (v === null ? null : Number(v));
  for (let i = 1; i < rows.length; i++) {
    const before = rows[i - 1]!;
    const row = rows[i]!;
    if (before.offeringId !== row.offeringId) continue;
    const from = { inputPrice: num(before.inputPrice), outputPrice: num(before.outputPrice) };
    const to = { inputPrice: num(row.inputPrice), outputPrice: num(row.outputPrice) };
    if (from.inputPrice === to.inputPrice && from.outputPrice === to.outputPrice) continue;
    const at = row.snapshot.takenAt;
    if (range !== "all" && (at.getTime() < range.from || at.getTime() > range.to)) continue;
    out.push({ at, offeringId: row.offeringId, platform: row.offering.platform.name, from, to });
  }
  return out.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

function rangeOf(series: readonly HistorySeries[]) {
  const times = series.flatMap((s) => s.points.map((p) => new Date(p.finishedAt).getTime()));
  return times.length ? { from: Math.min(...times), to: Math.max(...times) } : null;
}

/**
 * History is computed once per version of what it reads: the completed runs with their rollups,
 * and the catalogue (offerings, price changes). Shared by every caller; authorization stays on
 * every call. Cached values are shared: never mutated.
 */
const historyCache = perDatabase<unknown>({ maxEntries: 300 });

/** The version of everything history reads: completed runs, their rollups, the catalogue. */
async function historyVersion(db: Db): Promise<string> {
  const [[row], catalog] = await Promise.all([
    db.$queryRaw<
      {
        runs: number;
        completed: number;
        finished: Date | null;
        stats: number;
        stats_at: Date | null;
      }[]
    >`
      SELECT (SELECT count(*)::int FROM "EvalRun") AS runs,
        (SELECT count(*)::int FROM "EvalRun" WHERE status = 'completed') AS completed,
        (SELECT max("finishedAt") FROM "EvalRun") AS finished,
        (SELECT count(*)::int FROM "RunTargetStats") AS stats,
        (SELECT max("updatedAt") FROM "RunTargetStats") AS stats_at`,
    catalogVersion(db),
  ]);
  return [
    row?.runs,
    row?.completed,
    row?.finished?.toISOString(),
    row?.stats,
    row?.stats_at?.toISOString(),
    catalog,
  ].join("|");
}

async function byHistoryVersion<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  return historyCache(db).get(key, await historyVersion(db), compute) as Promise<T>;
}

/** Forgets every cached history value (tests that must compare two computations). */
export function clearHistoryCache(db: Db): void {
  historyCache(db).invalidate();
}

/** How many history computations ran and were reused (tests). */
export function historyCacheStats(db: Db) {
  return historyCache(db).stats();
}

/**
 * Every catalogue price change of a model's offerings (a sync that brought a new price), newest
 * first: the dated annotations beside the model's price chart.
 */
export async function listModelPriceChanges(
  caller: Caller,
  db: Db,
  input: { modelId: string },
): Promise<HistoryPriceChange[]> {
  requireRole(caller, "viewer");
  return byHistoryVersion(db, `prices:${input.modelId}`, async () => {
    const offerings = await db.offering.findMany({
      where: { modelId: input.modelId },
      select: { id: true },
    });
    const changes = await priceChanges(
      db,
      offerings.map((offering) => offering.id),
      "all",
    );
    return changes.reverse();
  });
}

export async function getOfferingHistory(
  caller: Caller,
  db: Db,
  input: { modelId: string; platformIds?: readonly string[]; limit?: number },
): Promise<History> {
  requireRole(caller, "viewer");
  return byHistoryVersion(db, `offering:${stableKey(input)}`, async () => {
    const limit = input.limit ?? DEFAULT_HISTORY_LIMIT;
    const offerings = await db.offering.findMany({
      where: {
        modelId: input.modelId,
        ...(input.platformIds ? { platformId: { in: [...input.platformIds] } } : {}),
      },
      select: { id: true, platformId: true, platform: { select: { name: true } } },
    });
    const targets = (
      await db.runTarget.findMany({
        where: {
          kind: "offering",
          offeringIds: { hasSome: offerings.map((o) => o.id) },
          run: { status: "completed", finishedAt: { not: null } },
        },
        select: targetSelect,
        orderBy: { run: { finishedAt: "desc" } },
      })
    ).filter((t) => t.offeringIds.length === 1);
    const platformOf = new Map(offerings.map((o) => [o.id, o]));
    const byPlatform = new Map<string, TargetRow[]>();
    for (const t of targets) {
      const platformId = platformOf.get(t.offeringIds[0]!)!.platformId;
      const list = byPlatform.get(platformId) ?? [];
      if (list.length < limit) list.push(t);
      byPlatform.set(platformId, list);
    }
    const kept = [...byPlatform.values()].flat();
    const points = await pointsOf(db, kept);
    const names = new Map(offerings.map((o) => [o.platformId, o.platform.name]));
    const series = [...byPlatform].map(([platformId, list]) => ({
      id: platformId,
      label: names.get(platformId) ?? platformId,
      points: list.flatMap((t) => (points.has(t.id) ? [points.get(t.id)!] : [])).reverse(),
    }));
    return {
      series,
      priceChanges: await priceChanges(
        db,
        [...new Set(kept.map((t) => t.offeringIds[0]!))],
        rangeOf(series),
      ),
    };
  });
}

export async function getScheduleHistory(
  caller: Caller,
  db: Db,
  input: { scheduleId: string; limit?: number },
): Promise<History> {
  requireRole(caller, "viewer");
  return byHistoryVersion(db, `schedule:${stableKey(input)}`, async () => {
    const runs = await db.evalRun.findMany({
      where: { scheduleId: input.scheduleId, status: "completed", finishedAt: { not: null } },
      orderBy: { finishedAt: "desc" },
      take: input.limit ?? DEFAULT_HISTORY_LIMIT,
      select: { id: true },
    });
    const targets = await db.runTarget.findMany({
      where: { runId: { in: runs.map((r) => r.id) } },
      select: targetSelect,
      orderBy: [{ run: { finishedAt: "asc" } }, { position: "asc" }],
    });
    const points = await pointsOf(db, targets);
    const byKey = new Map<string, HistorySeries>();
    for (const t of targets) {
      const key = targetIdentityKey(t);
      const series = byKey.get(key) ?? { id: key, label: t.label, points: [] };
      series.label = t.label;
      const point = points.get(t.id);
      if (point) series.points.push(point);
      byKey.set(key, series);
    }
    const series = [...byKey.values()];
    const offeringIds = [
      ...new Set(targets.filter((t) => t.kind === "offering").flatMap((t) => t.offeringIds)),
    ];
    return { series, priceChanges: await priceChanges(db, offeringIds, rangeOf(series)) };
  });
}

export async function getPlatformReliability(
  caller: Caller,
  db: Db,
  input: { platformId: string; limit?: number },
): Promise<{ points: ReliabilityPointInput[] }> {
  requireRole(caller, "viewer");
  return byHistoryVersion(db, `reliability:${stableKey(input)}`, async () => {
    const targets = (
      await db.runTarget.findMany({
        where: {
          kind: "offering",
          platformIds: { equals: [input.platformId] },
          run: { status: "completed", finishedAt: { not: null } },
        },
        select: targetSelect,
      })
    ).filter((t) => t.offeringIds.length === 1);
    const stats = await db.runTargetStats.findMany({
      where: { targetId: { in: targets.map((t) => t.id) } },
      select: { targetId: true, trials: true, errorsByKind: true },
    });
    const statsOf = new Map(stats.map((s) => [s.targetId, s]));
    const byRun = new Map<string, ReliabilityPointInput>();
    for (const t of targets) {
      const s = statsOf.get(t.id);
      if (!s) continue;
      const point = byRun.get(t.runId) ?? {
        runId: t.runId,
        runName: t.run.name,
        finishedAt: t.run.finishedAt!,
        isSimulated: t.run.isSimulated,
        trials: 0,
        errorsByKind: {},
      };
      const kinds = { ...point.errorsByKind } as Record<string, number>;
      for (const [k, v] of Object.entries((s.errorsByKind ?? {}) as Record<string, number>))
        kinds[k] = (kinds[k] ?? 0) + v;
      byRun.set(t.runId, { ...point, trials: point.trials + s.trials, errorsByKind: kinds });
    }
    return {
      points: [...byRun.values()]
        .sort((a, b) => new Date(a.finishedAt).getTime() - new Date(b.finishedAt).getTime())
        .slice(-(input.limit ?? DEFAULT_HISTORY_LIMIT)),
    };
  });
}
