import type { ColumnUnit } from "@/lib/format";
import type { PairSummary, TargetSummary } from "@/lib/eval/summary";
import type { FactorId, LockinWeights, PlatformLockin, WorkloadProfile } from "@/lib/lockin";
import type { RouterAudit } from "@/lib/routing/audit";
import type { RoutingSimulation } from "@/lib/routing/types";

/**
 * The frozen snapshot a report is drawn from, as stored in Report.data. Dates are ISO strings
 * (the snapshot is JSON). Pure: built by lib/server/domain/reports/reports.ts from the compare, lock-in and
 * routing views, read by the report page, the exports and the summary.
 */

/** Bumped when the shape changes, so old reports can be told apart. */
export const REPORT_DATA_VERSION = 3;

/**
 * How a snapshot of an older version becomes the current one, keyed by the version it upgrades
 * from; each bump adds its step here, so stored reports keep opening.
 */
const REPORT_DATA_MIGRATIONS: Record<
  number,
  (data: Record<string, unknown>) => Record<string, unknown>
> = {
  // 1 -> 2: pairs carry `casesNeeded`. A version-1 snapshot froze no per-case data to estimate
  // it from, so its pairs say nothing about it (null), as a conclusive verdict would.
  1: (data) => {
    const compare = data.compare as { pairs?: { pair: Record<string, unknown> | null }[] } | null;
    const pairs = compare?.pairs?.map((entry) => ({
      ...entry,
      pair: entry.pair && { casesNeeded: null, ...entry.pair },
    }));
    return { ...data, version: 2, ...(compare && pairs ? { compare: { ...compare, pairs } } : {}) };
  },
  // 2 -> 3: the offline "native router (emulated)" policies are gone (their vendor preference was
  // assumed, not measured), and the measured audit of run router targets is frozen as
  // `routerAudit`. A version-2 snapshot had no router targets to audit.
  2: (data) => {
    const routing = data.routing as {
      policies: { id: string; kind: string }[];
      frontier: { policyId: string }[];
    } | null;
    const native = new Set(
      (routing?.policies ?? []).filter((p) => p.kind === "native").map((p) => p.id),
    );
    return {
      ...data,
      version: 3,
      routerAudit: [],
      ...(routing
        ? {
            routing: {
              ...routing,
              policies: routing.policies.filter((p) => !native.has(p.id)),
              frontier: routing.frontier.filter((p) => !native.has(p.policyId)),
            },
          }
        : {}),
    };
  },
};

/**
 * A stored snapshot, checked on read: its version is the current one (after any migrations), so a
 * report written by another version of Crossbench is an error naming the report, not a page that
 * breaks on a missing field.
 */
export function readReportData(json: unknown, where: string): ReportData {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new Error(`${where}: the stored snapshot is not an object`);
  let data = json as Record<string, unknown>;
  for (let step = 0; step < 100 && data.version !== REPORT_DATA_VERSION; step++) {
    const migrate =
      typeof data.version === "number" ? REPORT_DATA_MIGRATIONS[data.version] : undefined;
    if (migrate === undefined)
      throw new Error(
        `${where}: the stored snapshot has version ${JSON.stringify(data.version)}, which this version of Crossbench cannot read (it reads ${REPORT_DATA_VERSION})`,
      );
    data = migrate(data);
  }
  return data as ReportData;
}

/** A catalogue snapshot the figures were computed against. */
export type ReportCatalogSnapshot = { id: string; source: string; takenAt: string };

/** One run the report covers. */
export type ReportRun = {
  id: string;
  name: string;
  status: string;
  suite: { id: string; name: string; caseCount: number };
  createdAt: string;
  finishedAt: string | null;
  isSimulated: boolean;
  catalogSnapshot: ReportCatalogSnapshot | null;
  repeats: number;
  storedTrials: number;
  spentUsd: number;
  judgeLabel: string | null;
};

/** A target of the compared run, with its summary (score and pass-rate intervals, cost, latency). */
export type ReportTarget = {
  id: string;
  label: string;
  kind: string;
  modelId: string | null;
  modelName: string | null;
  platformId: string | null;
  platformName: string;
  isSimulated: boolean;
  summary: TargetSummary;
};

/** One compared target against the reference: A = target, B = reference. */
export type ReportPair = {
  targetId: string;
  referenceId: string;
  /** Null when the two share no scored case. */
  pair: PairSummary | null;
};

/** Parity and cost against quality, from the first run. */
export type ReportCompare = {
  runId: string;
  mode: "model" | "targets";
  modelId: string | null;
  modelName: string | null;
  /** Every target of the run (for cost against quality); `selected` are the compared ones. */
  targets: ReportTarget[];
  selected: string[];
  referenceId: string | null;
  pairs: ReportPair[];
  categories: string[];
  categoryDifferences: {
    targetId: string;
    category: string;
    difference: number | null;
    n: number;
  }[];
};

/** The lock-in scores for the caller's weights and workload profile in force at drafting. */
export type ReportLockin = {
  asOf: string;
  snapshot: ReportCatalogSnapshot | null;
  weights: LockinWeights;
  isDefaultWeights: boolean;
  profile: WorkloadProfile;
  isExampleProfile: boolean;
  unknownModels: string[];
  /** Platforms covered (the chosen ones, or all), in catalogue order. */
  platforms: PlatformLockin[];
};

/** The routing simulation of the first run (every field of the simulation), when it qualifies. */
export type ReportRouting = RoutingSimulation & {
  runId: string;
  /** Routing-policy targets of the run: not replayed (they already route). */
  ignoredTargets: string[];
};

/** One sentence of the executive summary: the words, and the figure it rests on. */
export type SummarySentence = { text: string; figure: string };

export type ReportMethodology = {
  metrics: { name: string; definition: string }[];
  statistics: string[];
  /** Lock-in factor weights in force, with labels. */
  lockinWeights: { id: FactorId; label: string; weight: number }[];
  routingPolicies: { id: string; label: string; description: string }[];
};

export type ReportData = {
  version: typeof REPORT_DATA_VERSION;
  draftedAt: string;
  isSimulated: boolean;
  selection: { runIds: string[]; modelIds: string[]; platformIds: string[] };
  runs: ReportRun[];
  /** The latest catalogue snapshot when the report was drafted. */
  catalogSnapshot: ReportCatalogSnapshot | null;
  compare: ReportCompare | null;
  lockin: ReportLockin;
  routing: ReportRouting | null;
  /** Why routing is null (e.g. the run has fewer than two priced targets). */
  routingReason: string | null;
  /** The measured neutrality audit of the first run's cloud router targets (empty without one). */
  routerAudit: RouterAudit[];
  summary: SummarySentence[];
  methodology: ReportMethodology;
};

/** A saved report as its page, the exports and share links see it. */
export type ReportView = {
  id: string;
  title: string;
  annotations: string;
  recommendations: string;
  /** Requests a month entered on the report for the brief's monthly cost; null: the profile's. */
  monthlyRequests: number | null;
  isSimulated: boolean;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  data: ReportData;
  shareLinks: ReportShareLinkView[];
};

export type ReportShareLinkView = {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  isActive: boolean;
};

/** A table of a report, for CSV export: one file per table. */
/** A table of a report: its columns' labels and units, and its rows in the columns' order. */
export type ReportTable = {
  name: string;
  header: string[];
  units: ColumnUnit[];
  rows: (string | number | null)[][];
};

export { reportTables } from "./tables";
