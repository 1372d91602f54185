import { formatCsvRow } from "@/lib/report/csv";
import { formatScoreWithUnit } from "@/lib/format";
import {
  isUpperBound,
  type PolicyKind,
  type PolicyResult,
  type RoutingSimulation,
} from "@/lib/routing/types";

/**
 * Prepares the routing page's charts from a simulation: the quality-cost chart (each policy's
 * point or curve, and the Pareto frontier), the neutrality audit (each policy's traffic by vendor
 * group) and the CSV behind them. Curves longer than `maxPoints` are thinned here, on the server,
 * so the browser never receives thousands of points. Components only draw.
 */

const KIND_COLORS: Record<PolicyKind, string> = {
  single: "oklch(0.6 0.03 265)",
  "random-mix": "oklch(0.6 0.03 265)",
  threshold: "var(--color-primary)",
  cascade: "var(--color-chart-3)",
  oracle: "oklch(0.62 0.16 150)",
};

/** Colours of vendor groups in the neutrality audit, in the order groups are listed. */
const GROUP_COLORS = [
  "oklch(0.58 0.16 268)",
  "oklch(0.68 0.15 70)",
  "oklch(0.62 0.15 150)",
  "oklch(0.6 0.19 25)",
  "oklch(0.64 0.12 220)",
  "oklch(0.6 0.17 320)",
  "oklch(0.68 0.14 110)",
  "oklch(0.55 0.05 265)",
];

export const KIND_LABELS: Record<PolicyKind, string> = {
  single: "Single target",
  "random-mix": "Random mix",
  threshold: "Threshold router",
  cascade: "Cascade (upper bound)",
  oracle: "Oracle (upper bound)",
};

export type RoutingChartPoint = {
  /** Cost, USD per 1,000 cases. */
  x: number;
  /** Mean score, 0–1. */
  y: number;
  policy: string;
  /**
   * The number drawn beside a single target's point ("1", "2"…), keyed to its full "Model on
   * Platform" label in `keys`; "" for other points. Names drawn in the plot ran into each other and
   * left the platform out.
   */
  tag: string;
  /** "threshold 80.0 points", "70% to the best target", or "" for an unparametrised policy. */
  param: string;
  isOperating: boolean;
};

export type RoutingSeries = {
  id: string;
  label: string;
  kind: PolicyKind;
  color: string;
  /** True for a swept policy: its points are joined by a line. */
  isCurve: boolean;
  isDashed: boolean;
  points: RoutingChartPoint[];
  /** Points before thinning. */
  totalPoints: number;
};

export type PreparedRoutingChart = {
  series: RoutingSeries[];
  frontier: RoutingChartPoint[];
  scale: "log" | "linear";
  /** Why a log scale was asked for but not used. */
  scaleNote: string | null;
  xDomain: [number, number];
  /** Tick values of the cost axis; null lets the chart choose (linear scale). */
  xTicks: number[] | null;
  /** The single targets' numbers and full labels, in number order. */
  keys: { tag: string; label: string }[];
  n: number;
  isEmpty: boolean;
};

function describeParam(policy: PolicyResult, param: number | null): string {
  if (param === null) return "";
  if (policy.kind === "random-mix") return `${Math.round(param * 100)}% to the best target`;
  if (policy.kind === "cascade") return `passes at score ≥ ${formatScoreWithUnit(param)}`;
  return `threshold ${formatScoreWithUnit(param)}`;
}

/**
 * Evenly spaced indices of a curve of `length` points, at most `max`, always keeping the first,
 * the last and `keep` (the operating point).
 */
export function downsampleIndices(length: number, max: number, keep: number): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const picked = new Set<number>([0, length - 1, keep]);
  const slots = Math.max(2, max - 1);
  for (let k = 0; k <= slots; k++) picked.add(Math.round((k * (length - 1)) / slots));
  return [...picked].filter((i) => i >= 0 && i < length).sort((a, b) => a - b);
}

const per1k = (costPerCase: number) => costPerCase * 1000;

/**
 * Ticks of a log axis over [low, high]: 1, 2 and 5 times powers of ten, or every integer multiple
 * when that gives fewer than three ticks, or the ends of the range when even that gives one.
 * Empty unless 0 < low < high.
 */
export function logTicks(low: number, high: number): number[] {
  if (!(low > 0 && high > low)) return [];
  const pick = (multiples: number[]) => {
    const ticks: number[] = [];
    for (let k = Math.floor(Math.log10(low)); k <= Math.ceil(Math.log10(high)); k++) {
      for (const m of multiples) {
        const value = Number((m * 10 ** k).toPrecision(12));
        if (value >= low && value <= high) ticks.push(value);
      }
    }
    return ticks;
  };
  const coarse = pick([1, 2, 5]);
  if (coarse.length >= 3) return coarse;
  const fine = pick([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // A range inside one step: label its ends so the axis still reads.
  return fine.length >= 2 ? fine : [low, ...fine, high];
}

/** The quality-cost chart: one series per policy, thinned to `maxPoints`, and the frontier. */
export function prepareRoutingChart(
  sim: RoutingSimulation,
  options: { scale: "log" | "linear"; maxPoints?: number },
): PreparedRoutingChart {
  const maxPoints = options.maxPoints ?? 60;
  const label = new Map(sim.policies.map((p) => [p.id, p.label]));
  const keys = sim.policies
    .filter((policy) => policy.kind === "single")
    .map((policy, index) => ({ id: policy.id, tag: String(index + 1), label: policy.label }));
  const tagOf = new Map(keys.map((key) => [key.id, key.tag]));
  const series: RoutingSeries[] = sim.policies.map((policy) => {
    const color = KIND_COLORS[policy.kind];
    return {
      id: policy.id,
      label: policy.label,
      kind: policy.kind,
      color,
      isCurve: policy.curve.length > 1,
      isDashed: policy.kind === "random-mix",
      totalPoints: policy.curve.length,
      points: downsampleIndices(policy.curve.length, maxPoints, policy.operatingIndex)
        .map((i) => {
          const point = policy.curve[i]!;
          return {
            x: per1k(point.costPerCase),
            y: point.quality,
            policy: policy.label,
            tag: tagOf.get(policy.id) ?? "",
            param: describeParam(policy, point.param),
            isOperating: i === policy.operatingIndex,
          };
        })
        // Drawn left to right: a sweep's points in parameter order would zig-zag across the chart.
        .sort((a, b) => a.x - b.x || a.y - b.y),
    };
  });
  const frontier = sim.frontier.map((point) => ({
    x: per1k(point.costPerCase),
    y: point.quality,
    policy: label.get(point.policyId) ?? point.policyId,
    tag: "",
    param: "",
    isOperating: false,
  }));
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const hasZero = xs.some((x) => x <= 0);
  const scale = options.scale === "log" && !hasZero ? "log" : "linear";
  const min = xs.length ? Math.min(...xs) : 0;
  const max = xs.length ? Math.max(...xs) : 1;
  const xDomain: [number, number] =
    scale === "log" ? [min / 1.25, max * 1.25] : [0, max > 0 ? max * 1.05 : 1];
  return {
    series,
    frontier,
    scale,
    scaleNote:
      options.scale === "log" && hasZero
        ? "A policy costs $0, which a log axis cannot show: the axis is linear."
        : null,
    xDomain,
    xTicks: scale === "log" ? logTicks(xDomain[0], xDomain[1]) : null,
    keys: keys.map(({ tag, label }) => ({ tag, label })),
    n: sim.n,
    isEmpty: sim.policies.length === 0,
  };
}

export type NeutralityRow = {
  id: string;
  label: string;
  kind: PolicyKind;
  /** Operating point: mean score and USD per 1,000 cases. */
  quality: number;
  costPer1k: number;
  param: string;
  /** Share of calls per vendor group, 0–1; a group the policy never calls is absent. */
  shares: Record<string, number>;
};

export type PreparedNeutrality = {
  rows: NeutralityRow[];
  groups: { name: string; color: string }[];
  isEmpty: boolean;
};

/** The neutrality audit: each routing policy's traffic share by vendor group at its operating point. */
export function prepareNeutrality(sim: RoutingSimulation): PreparedNeutrality {
  const routed = sim.policies.filter((p) => p.kind !== "single");
  const groups = sim.vendorGroups.map((name, i) => ({
    name,
    color: GROUP_COLORS[i % GROUP_COLORS.length]!,
  }));
  const rows = routed.map((policy) => {
    const point = policy.curve[policy.operatingIndex]!;
    return {
      id: policy.id,
      label: policy.label,
      kind: policy.kind,
      quality: point.quality,
      costPer1k: per1k(point.costPerCase),
      param: describeParam(policy, point.param),
      shares: Object.fromEntries(point.traffic.map((t) => [t.group, t.share])),
    };
  });
  return { rows, groups, isEmpty: rows.length === 0 };
}

export type PolicyRow = {
  id: string;
  label: string;
  kind: PolicyKind;
  kindLabel: string;
  description: string;
  param: string;
  quality: number;
  costPerCase: number;
  costPer1k: number;
  n: number;
  aiq: number | null;
  /** Threshold routers only; null elsewhere (shown as "—"). */
  cpt50: number | null;
  cpt80: number | null;
  isThreshold: boolean;
  isOnFrontier: boolean;
  /** Cascade and oracle: they need the grade before choosing (see isUpperBound). */
  isUpperBound: boolean;
};

/** The policy table: each policy at its operating point, best quality first. */
export function preparePolicyRows(sim: RoutingSimulation): PolicyRow[] {
  const onFrontier = new Set(sim.frontier.map((f) => f.policyId));
  return sim.policies
    .map((policy) => {
      const point = policy.curve[policy.operatingIndex]!;
      return {
        id: policy.id,
        label: policy.label,
        kind: policy.kind,
        kindLabel: KIND_LABELS[policy.kind],
        description: policy.description,
        param: describeParam(policy, point.param),
        quality: point.quality,
        costPerCase: point.costPerCase,
        costPer1k: per1k(point.costPerCase),
        n: policy.n,
        aiq: policy.aiq,
        cpt50: policy.cpt50,
        cpt80: policy.cpt80,
        isThreshold: policy.kind === "threshold",
        isOnFrontier: onFrontier.has(policy.id),
        isUpperBound: isUpperBound(policy.kind),
      };
    })
    .sort((a, b) => b.quality - a.quality || a.costPerCase - b.costPerCase);
}

/**
 * Every point of every policy (not thinned) and its traffic by vendor group, as CSV with the run,
 * the catalogue snapshot and whether it is simulated on every row.
 */
export function formatRoutingCsv(
  sim: RoutingSimulation,
  meta: { runId: string; snapshot: string; isSimulated: boolean },
): string {
  const header = [
    "policy",
    "kind",
    "parameter",
    "is_operating_point",
    "mean_score",
    "cost_usd_per_case",
    "cost_usd_per_1000_cases",
    "strong_target_call_share",
    ...sim.vendorGroups.map((g) => `share_${g}`),
    "aiq",
    "cpt_50",
    "cpt_80",
    "n_cases",
    "run_id",
    "catalog_snapshot",
    "simulated",
  ];
  let csv = formatCsvRow(header);
  for (const policy of sim.policies) {
    policy.curve.forEach((point, i) => {
      const shares = new Map(point.traffic.map((t) => [t.group, t.share]));
      csv += formatCsvRow([
        policy.label,
        policy.kind,
        point.param,
        i === policy.operatingIndex,
        point.quality,
        point.costPerCase,
        per1k(point.costPerCase),
        point.strongShare,
        ...sim.vendorGroups.map((g) => shares.get(g) ?? 0),
        policy.aiq,
        policy.cpt50,
        policy.cpt80,
        policy.n,
        meta.runId,
        meta.snapshot,
        meta.isSimulated,
      ]);
    });
  }
  return csv;
}
