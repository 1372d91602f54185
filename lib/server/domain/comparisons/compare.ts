import {
  compareTargets,
  type CaseRollup,
  type PairSummary,
  type TargetSummary,
} from "@/lib/eval/summary";
import { TERMINAL_RUN_STATUSES, type RunStatusName } from "@/lib/schemas/runs";
import type { Prisma } from "@/prisma/generated/client";
import type { Caller } from "../caller";
import { getCachedPair, pairCacheKey, setCachedPair } from "./pair-cache";
import { requireRole } from "../caller";
import type { Db } from "../../ops/db-client";
import { getRunView, loadCaseRollups, type RunView } from "../runs/runs";
import { catalogVersion } from "../catalog/catalog-version";
import { perDatabase, stableKey } from "../../ops/versioned-cache";

/**
 * Parity across platforms: the same canonical model (or any set of a run's targets) against a
 * reference target, from the run's rollups (RunTargetStats, RunCaseStats). Nothing here reads
 * raw trials.
 */

/** What the user chose (search params); anything missing or unknown falls back to a default. */
export type CompareSelection = {
  runId?: string;
  /** A canonical model id: its single-offering targets are compared. */
  modelId?: string;
  /** Explicit target ids (used when no model is chosen). */
  targetIds?: string[];
  /** The reference target id. */
  referenceId?: string;
};

export type CompareRunOption = {
  id: string;
  name: string;
  status: RunStatusName;
  isSimulated: boolean;
  createdAt: Date;
  targets: number;
};

export type CompareTarget = {
  id: string;
  label: string;
  kind: string;
  /** For a single-offering target: its canonical model and platform. */
  modelId: string | null;
  modelName: string | null;
  platformId: string | null;
  platformName: string;
  isSimulated: boolean;
  summary: TargetSummary;
};

export type CompareModelOption = {
  modelId: string;
  modelName: string;
  targetIds: string[];
  platforms: number;
};

/** A paired difference of one target against the reference, per category. */
export type CategoryDifference = {
  targetId: string;
  category: string;
  /** Mean over the category's paired cases of (target − reference); null when none paired. */
  difference: number | null;
  n: number;
};

export type CompareView = {
  runs: CompareRunOption[];
  run: RunView | null;
  models: CompareModelOption[];
  /** Every target of the run, with its model and platform. */
  targets: CompareTarget[];
  mode: "model" | "targets";
  modelId: string | null;
  /** The compared targets, in run order. */
  selected: string[];
  referenceId: string | null;
  /** Paired comparison of each selected target (other than the reference) against it: A = target. */
  pairs: Record<string, PairSummary | null>;
  categories: string[];
  categoryDifferences: CategoryDifference[];
};

/** Runs listed in the picker. */
const RUN_OPTIONS = 30;

async function listRunOptions(db: Db): Promise<CompareRunOption[]> {
  const runs = await db.evalRun.findMany({
    orderBy: { createdAt: "desc" },
    take: RUN_OPTIONS,
    select: {
      id: true,
      name: true,
      status: true,
      isSimulated: true,
      createdAt: true,
      _count: { select: { targets: true } },
    },
  });
  return runs.map((run) => ({
    id: run.id,
    name: run.name,
    status: run.status as RunStatusName,
    isSimulated: run.isSimulated,
    createdAt: run.createdAt,
    targets: run._count.targets,
  }));
}

/** The latest completed run, else the latest finished one with trials, else the latest. */
function defaultRun(runs: readonly CompareRunOption[]): CompareRunOption | undefined {
  return (
    runs.find((run) => run.status === "completed") ??
    runs.find((run) => TERMINAL_RUN_STATUSES.includes(run.status)) ??
    runs[0]
  );
}

/** A run's per-case rollups by target: the run page's loader, shared. */
export const loadRunCaseRollups = loadCaseRollups;

/**
 * Per category, the mean paired difference (target − reference) over the cases both scored,
 * repeats averaged per case first. A category with no paired case has difference null.
 */
export function categoryDifferences(
  targetId: string,
  target: readonly CaseRollup[],
  reference: readonly CaseRollup[],
  categories: readonly string[],
): CategoryDifference[] {
  const refMeans = new Map<string, number>();
  for (const row of reference)
    if (row.scored > 0) refMeans.set(row.caseId, row.scoreSum / row.scored);
  const sums = new Map<string, { sum: number; n: number }>();
  for (const row of target) {
    const ref = refMeans.get(row.caseId);
    if (row.scored === 0 || ref === undefined) continue;
    const entry = sums.get(row.category) ?? { sum: 0, n: 0 };
    entry.sum += row.scoreSum / row.scored - ref;
    entry.n += 1;
    sums.set(row.category, entry);
  }
  return categories.map((category) => {
    const entry = sums.get(category);
    return {
      targetId,
      category,
      difference: entry && entry.n > 0 ? entry.sum / entry.n : null,
      n: entry?.n ?? 0,
    };
  });
}

type OfferingInfo = {
  modelId: string;
  modelName: string;
  platformId: string;
  platformName: string;
};

async function loadOfferings(db: Db, ids: readonly string[]): Promise<Map<string, OfferingInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db.offering.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: {
      id: true,
      modelId: true,
      platformId: true,
      model: { select: { name: true } },
      platform: { select: { name: true } },
    },
  });
  return new Map(
    rows.map((row) => [
      row.id,
      {
        modelId: row.modelId,
        modelName: row.model.name,
        platformId: row.platformId,
        platformName: row.platform.name,
      },
    ]),
  );
}

/** Canonical models with a single-offering target in the run, most platforms first. */
function modelOptions(targets: readonly CompareTarget[]): CompareModelOption[] {
  const byModel = new Map<string, CompareModelOption>();
  for (const target of targets) {
    if (!target.modelId || !target.modelName) continue;
    const entry = byModel.get(target.modelId) ?? {
      modelId: target.modelId,
      modelName: target.modelName,
      targetIds: [],
      platforms: 0,
    };
    entry.targetIds.push(target.id);
    byModel.set(target.modelId, entry);
  }
  for (const [modelId, entry] of byModel) {
    entry.platforms = new Set(
      targets.filter((t) => t.modelId === modelId).map((t) => t.platformId),
    ).size;
  }
  return [...byModel.values()].sort(
    (a, b) => b.platforms - a.platforms || a.modelName.localeCompare(b.modelName),
  );
}

/**
 * A run's version for caches of data computed from it: a finished run's rollups change only when
 * trials are stored or removed (storedTrials, spend) or it runs again (status, finish time). Null
 * while the run is queued or running (its figures, ETA and holds move: computed per request) or
 * when it does not exist.
 */
export async function getFinishedRunVersion(db: Db, runId: string): Promise<string | null> {
  const state = await db.evalRun.findUnique({
    where: { id: runId },
    select: { status: true, storedTrials: true, spentUsd: true, finishedAt: true, name: true },
  });
  if (!state || !TERMINAL_RUN_STATUSES.includes(state.status as RunStatusName)) return null;
  return stableKey({
    status: state.status,
    storedTrials: state.storedTrials,
    spentUsd: state.spentUsd.toString(),
    finishedAt: state.finishedAt?.toISOString() ?? null,
    name: state.name,
  });
}

/** The compare page's data for one run and selection: everything but the run picker. */
type CompareRunData = Omit<CompareView, "runs">;

/**
 * Compare data per finished run and selection, by the run's and the catalogue's version (target
 * names come from the catalogue). Nothing about the caller is in it. Shared: never mutated.
 */
const compareCache = perDatabase<CompareRunData>({ maxEntries: 200 });

/** How many compare computations ran and were reused (tests and benchmarks). */
export function compareCacheStats(db: Db) {
  return compareCache(db).stats();
}

/**
 * The compare page: the chosen (or latest finished) run, the chosen targets, each one's summary
 * and paired difference against the reference, and per-category differences. Viewers. A finished
 * run's figures are computed once per version of the run and the catalogue.
 */
export async function getCompareView(
  caller: Caller,
  db: Db,
  selection: CompareSelection = {},
): Promise<CompareView> {
  requireRole(caller, "viewer");
  const runs = await listRunOptions(db);
  const chosen =
    (selection.runId ? runs.find((run) => run.id === selection.runId) : undefined) ??
    (selection.runId
      ? await db.evalRun
          .findUnique({ where: { id: selection.runId }, select: { id: true } })
          .then((row) => (row ? { id: row.id } : undefined))
      : undefined) ??
    defaultRun(runs);
  if (!chosen) {
    return {
      runs,
      run: null,
      models: [],
      targets: [],
      mode: "targets",
      modelId: null,
      selected: [],
      referenceId: null,
      pairs: {},
      categories: [],
      categoryDifferences: [],
    };
  }
  const [runVersion, catalog] = await Promise.all([
    getFinishedRunVersion(db, chosen.id),
    catalogVersion(db),
  ]);
  const compute = () => computeCompare(caller, db, chosen.id, selection);
  const data =
    runVersion === null
      ? await compute()
      : await compareCache(db).get(
          stableKey({
            runId: chosen.id,
            modelId: selection.modelId ?? null,
            targetIds: selection.targetIds ?? null,
            referenceId: selection.referenceId ?? null,
          }),
          `${runVersion}|${catalog}`,
          compute,
        );
  return { runs, ...data };
}

async function computeCompare(
  caller: Caller,
  db: Db,
  runId: string,
  selection: CompareSelection,
): Promise<CompareRunData> {
  const run = await getRunView(caller, db, runId);
  const offerings = await loadOfferings(
    db,
    run.targets.flatMap((t) => t.offeringIds),
  );
  const targets = run.targets.map((target): CompareTarget => {
    const single =
      target.kind === "offering" && target.offeringIds.length === 1
        ? offerings.get(target.offeringIds[0] as string)
        : undefined;
    return {
      id: target.id,
      label: target.label,
      kind: target.kind,
      modelId: single?.modelId ?? null,
      modelName: single?.modelName ?? null,
      platformId:
        single?.platformId ??
        (target.platformIds.length === 1 ? (target.platformIds[0] ?? null) : null),
      platformName: single?.platformName ?? target.label,
      isSimulated: target.isSimulated,
      summary: target.summary,
    };
  });
  const models = modelOptions(targets);
  const ids = new Set(targets.map((t) => t.id));
  const explicit = (selection.targetIds ?? []).filter((id) => ids.has(id));
  const requestedModel = selection.modelId
    ? models.find((m) => m.modelId === selection.modelId)
    : undefined;
  let mode: CompareView["mode"];
  let modelId: string | null = null;
  let selectedSet: Set<string>;
  if (requestedModel) {
    mode = "model";
    modelId = requestedModel.modelId;
    selectedSet = new Set(requestedModel.targetIds);
  } else if (explicit.length > 0) {
    mode = "targets";
    selectedSet = new Set(explicit);
  } else {
    const best = models[0];
    if (best && best.platforms >= 2) {
      mode = "model";
      modelId = best.modelId;
      selectedSet = new Set(best.targetIds);
    } else {
      mode = "targets";
      selectedSet = ids;
    }
  }
  const selected = targets.filter((t) => selectedSet.has(t.id)).map((t) => t.id);
  const referenceId =
    selection.referenceId && selected.includes(selection.referenceId)
      ? selection.referenceId
      : (selected[0] ?? null);
  const cases = await loadRunCaseRollups(db, run.id, selected);
  const pairs: Record<string, PairSummary | null> = {};
  const categoryRows: CategoryDifference[] = [];
  const reference = referenceId ? (cases.get(referenceId) ?? []) : [];
  for (const id of selected) {
    if (!referenceId) break;
    const rows = cases.get(id) ?? [];
    categoryRows.push(...categoryDifferences(id, rows, reference, run.categories));
    if (id === referenceId) continue;
    pairs[id] = compareTargets(
      run.id,
      { targetId: id, cases: rows },
      { targetId: referenceId, cases: reference },
    );
  }
  return {
    run,
    models,
    targets,
    mode,
    modelId,
    selected,
    referenceId,
    pairs,
    categories: run.categories,
    categoryDifferences: categoryRows,
  };
}

export type ParityGap = {
  runId: string;
  runName: string;
  isSimulated: boolean;
  finishedAt: Date | null;
  modelId: string;
  modelName: string;
  a: { targetId: string; platformName: string };
  b: { targetId: string; platformName: string };
  /** Paired comparison, A − B. */
  pair: PairSummary;
};

/**
 * Parity gaps by (runs scanned, limit), by the version of the recent finished runs they read (each
 * one's id, status and stored trials: a newly finished run, or trials stored into one, is a new
 * version) and the catalogue's (model and platform names). Nothing about the caller. Never mutated.
 */
const gapsCache = perDatabase<ParityGap[]>({ maxEntries: 20 });

/** How many parity-gap computations ran and were reused (tests and benchmarks). */
export function parityGapsCacheStats(db: Db) {
  return gapsCache(db).stats();
}

/** The finished runs the Overview scans for parity gaps: those with stored trials, newest first. */
const gapRunsWhere = {
  status: { in: ["completed", "budget_exceeded", "cancelled"] },
  storedTrials: { gt: 0 },
} satisfies Prisma.EvalRunWhereInput;

/**
 * The largest parity gaps across the most recent finished runs: for every pair of
 * single-offering targets with the same canonical model on different platforms, the paired
 * difference, largest |difference| first. Reads at most `runs` runs' rollups, once per version of
 * those runs and the catalogue. Viewers.
 */
export async function listParityGaps(
  caller: Caller,
  db: Db,
  options: { runs?: number; limit?: number } = {},
): Promise<ParityGap[]> {
  requireRole(caller, "viewer");
  const runCount = options.runs ?? 10;
  const limit = options.limit ?? 5;
  const [recent, catalog] = await Promise.all([
    db.evalRun.findMany({
      where: gapRunsWhere,
      orderBy: { createdAt: "desc" },
      take: runCount,
      select: { id: true, status: true, storedTrials: true, name: true },
    }),
    catalogVersion(db),
  ]);
  const version = `${stableKey(recent)}|${catalog}`;
  return gapsCache(db).get(`${runCount}:${limit}`, version, () =>
    computeParityGaps(db, runCount, limit),
  );
}

async function computeParityGaps(db: Db, runCount: number, limit: number): Promise<ParityGap[]> {
  const recent = await db.evalRun.findMany({
    where: gapRunsWhere,
    orderBy: { createdAt: "desc" },
    take: runCount,
    select: {
      id: true,
      name: true,
      isSimulated: true,
      finishedAt: true,
      storedTrials: true,
      targets: {
        select: { id: true, kind: true, offeringIds: true },
        orderBy: { position: "asc" },
      },
    },
  });
  const offerings = await loadOfferings(
    db,
    recent.flatMap((run) => run.targets.flatMap((t) => t.offeringIds)),
  );
  const gaps: ParityGap[] = [];
  for (const run of recent) {
    const singles = run.targets.flatMap((target) => {
      const info =
        target.kind === "offering" && target.offeringIds.length === 1
          ? offerings.get(target.offeringIds[0] as string)
          : undefined;
      return info ? [{ targetId: target.id, ...info }] : [];
    });
    const candidates: [(typeof singles)[number], (typeof singles)[number]][] = [];
    for (let i = 0; i < singles.length; i++) {
      for (let j = i + 1; j < singles.length; j++) {
        const a = singles[i];
        const b = singles[j];
        if (a && b && a.modelId === b.modelId && a.platformId !== b.platformId) {
          candidates.push([a, b]);
        }
      }
    }
    if (candidates.length === 0) continue;
    const keys = candidates.map(([a, b]) =>
      pairCacheKey(run.id, run.storedTrials, a.targetId, b.targetId),
    );
    // Only finished runs are listed, so their pairs are computed once per process.
    const cases = keys.every((key) => getCachedPair(key) !== undefined)
      ? null
      : await loadRunCaseRollups(db, run.id, [
          ...new Set(candidates.flatMap(([a, b]) => [a.targetId, b.targetId])),
        ]);
    for (const [index, [a, b]] of candidates.entries()) {
      const key = keys[index] as string;
      let pair = getCachedPair(key);
      if (pair === undefined) {
        pair = compareTargets(
          run.id,
          { targetId: a.targetId, cases: cases?.get(a.targetId) ?? [] },
          { targetId: b.targetId, cases: cases?.get(b.targetId) ?? [] },
        );
        setCachedPair(key, pair);
      }
      if (!pair) continue;
      gaps.push({
        runId: run.id,
        runName: run.name,
        isSimulated: run.isSimulated,
        finishedAt: run.finishedAt,
        modelId: a.modelId,
        modelName: a.modelName,
        a: { targetId: a.targetId, platformName: a.platformName },
        b: { targetId: b.targetId, platformName: b.platformName },
        pair,
      });
    }
  }
  return gaps
    .sort((x, y) => Math.abs(y.pair.difference) - Math.abs(x.pair.difference))
    .slice(0, limit);
}
