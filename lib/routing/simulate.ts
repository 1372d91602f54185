import { computeAiq, computeCpt, paretoFrontier } from "./metrics";
import { caseFold } from "./split";
import type {
  CaseResult,
  FrontierPoint,
  PolicyPoint,
  PolicyResult,
  RoutingExclusions,
  RoutingInput,
  RoutingSimulation,
  RoutingTarget,
  VendorShare,
} from "./types";

/**
 * Offline routing simulation over a run's recorded per-case results. Each policy assigns each case
 * to one or more targets; its quality and cost are read from what those targets recorded for that
 * case. Nobody is called. Pure: no Next, React, Prisma or env.
 *
 * Every policy is measured on the same cases: those every kept target scored and priced. A target
 * with no priced (or no scored) case is left out, and so is a case some kept target has no score
 * or no known cost for; both are counted in `exclusions`, never filled with zeros.
 */

const EPS = 1e-12;

/** The matrix the policies read: kept targets × common cases. */
export type RoutingMatrix = {
  targets: RoutingTarget[];
  cases: { id: string; category: string; fold: 0 | 1 }[];
  /** score[t][i]: target t's mean score on case i. */
  score: number[][];
  /** cost[t][i]: target t's mean cost of one call on case i, USD. */
  cost: number[][];
  /** Mean score and cost per case of each target over every case. */
  quality: number[];
  meanCost: number[];
  /** Target indices, cheapest first (mean cost per case; ties in run order). */
  byCost: number[];
  weak: number;
  strong: number;
};

const mean = (values: readonly number[]) =>
  values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : Number.NaN;

/**
 * Builds the matrix: drops unpriceable targets, keeps the cases every remaining target scored and
 * priced, and ranks the targets. `weak` is the cheapest target, `strong` the best (highest mean
 * score; the cheaper on a tie). With no target both are -1.
 */
export function buildRoutingMatrix(input: RoutingInput): {
  matrix: RoutingMatrix;
  exclusions: RoutingExclusions;
} {
  const exclusions: RoutingExclusions = { targets: [], casesMissingScore: 0, casesMissingCost: 0 };
  const kept: { target: RoutingTarget; byCase: Map<string, CaseResult> }[] = [];
  for (const target of input.targets) {
    const rows = input.results.get(target.id) ?? [];
    const byCase = new Map(rows.map((row) => [row.caseId, row]));
    const scored = rows.some((row) => row.score !== null);
    const priced = rows.some((row) => row.score !== null && row.cost !== null);
    if (!scored || !priced) {
      exclusions.targets.push({
        id: target.id,
        label: target.label,
        reason: !scored ? "no scored case" : "no known cost (no price or token count)",
      });
      continue;
    }
    kept.push({ target, byCase });
  }
  const allCaseIds = [...new Set(kept.flatMap((k) => [...k.byCase.keys()]))].sort();
  const cases: RoutingMatrix["cases"] = [];
  for (const caseId of allCaseIds) {
    const rows = kept.map((k) => k.byCase.get(caseId));
    if (rows.some((row) => row === undefined || row.score === null)) {
      exclusions.casesMissingScore++;
      continue;
    }
    if (rows.some((row) => row?.cost === null)) {
      exclusions.casesMissingCost++;
      continue;
    }
    cases.push({
      id: caseId,
      category: rows[0]?.category ?? "",
      fold: caseFold(input.splitSalt, caseId),
    });
  }
  const score = kept.map((k) => cases.map((c) => k.byCase.get(c.id)?.score ?? Number.NaN));
  const cost = kept.map((k) => cases.map((c) => k.byCase.get(c.id)?.cost ?? Number.NaN));
  const quality = score.map(mean);
  const meanCost = cost.map(mean);
  const byCost = kept.map((_, i) => i).sort((a, b) => meanCost[a]! - meanCost[b]! || a - b);
  let strong = -1;
  kept.forEach((_, i) => {
    if (
      strong < 0 ||
      quality[i]! > quality[strong]! + EPS ||
      (Math.abs(quality[i]! - quality[strong]!) <= EPS && meanCost[i]! < meanCost[strong]!)
    )
      strong = i;
  });
  return {
    matrix: {
      targets: kept.map((k) => k.target),
      cases,
      score,
      cost,
      quality,
      meanCost,
      byCost,
      weak: byCost[0] ?? -1,
      strong,
    },
    exclusions,
  };
}

/** Shares of calls by vendor group, largest first (ties by name). */
function trafficOf(matrix: RoutingMatrix, calls: readonly number[]): VendorShare[] {
  const total = calls.reduce((sum, c) => sum + c, 0);
  const byGroup = new Map<string, number>();
  calls.forEach((count, t) => {
    if (count <= 0) return;
    const group = matrix.targets[t]!.vendorGroup;
    byGroup.set(group, (byGroup.get(group) ?? 0) + count);
  });
  return [...byGroup.entries()]
    .map(([group, count]) => ({ group, share: total > 0 ? count / total : 0 }))
    .sort((a, b) => b.share - a.share || a.group.localeCompare(b.group));
}

function pointOf(
  matrix: RoutingMatrix,
  totals: { score: number; cost: number },
  calls: readonly number[],
  param: number | null,
): PolicyPoint {
  const n = matrix.cases.length;
  const total = calls.reduce((sum, c) => sum + c, 0);
  return {
    quality: totals.score / n,
    costPerCase: totals.cost / n,
    param,
    strongShare: total > 0 ? (calls[matrix.strong] ?? 0) / total : 0,
    traffic: trafficOf(matrix, calls),
  };
}

/** One target answers every case. */
export function simulateSingle(matrix: RoutingMatrix, t: number): PolicyPoint {
  const calls = matrix.targets.map((_, i) => (i === t ? matrix.cases.length : 0));
  return pointOf(
    matrix,
    {
      score: matrix.score[t]!.reduce((s, v) => s + v, 0),
      cost: matrix.cost[t]!.reduce((s, v) => s + v, 0),
    },
    calls,
    null,
  );
}

/**
 * Random mix: each case goes to target `b` with probability `p` and to `a` otherwise. Expected
 * quality and cost are (1 − p)·single(a) + p·single(b): the straight line between the two, the
 * line any router with no intelligence lies on.
 */
export function simulateRandomMix(
  matrix: RoutingMatrix,
  a: number,
  b: number,
  p: number,
): PolicyPoint {
  const n = matrix.cases.length;
  const calls = matrix.targets.map((_, i) => (i === a ? (1 - p) * n : 0) + (i === b ? p * n : 0));
  const sum = (rows: number[][], t: number) => rows[t]!.reduce((s, v) => s + v, 0);
  return pointOf(
    matrix,
    {
      score: (1 - p) * sum(matrix.score, a) + p * sum(matrix.score, b),
      cost: (1 - p) * sum(matrix.cost, a) + p * sum(matrix.cost, b),
    },
    calls,
    p,
  );
}

/**
 * Per-category quality estimates for each half of the cases, each learned on the *other* half
 * (two-fold cross-fitting): `estimates[fold][t]` maps a category (and "*", all cases) to target
 * t's mean score over the other half's cases. A category the other half lacks falls back to "*";
 * an empty other half falls back to the target's mean over every case.
 */
export function estimateByFold(matrix: RoutingMatrix): Map<string, number>[][] {
  return ([0, 1] as const).map((fold) =>
    matrix.targets.map((_, t) => {
      const sums = new Map<string, { sum: number; n: number }>();
      matrix.cases.forEach((c, i) => {
        if (c.fold === fold) return;
        for (const key of [c.category, "*"]) {
          const acc = sums.get(key) ?? { sum: 0, n: 0 };
          acc.sum += matrix.score[t]![i]!;
          acc.n++;
          sums.set(key, acc);
        }
      });
      const estimates = new Map([...sums].map(([key, acc]) => [key, acc.sum / acc.n]));
      if (!estimates.has("*")) estimates.set("*", matrix.quality[t]!);
      return estimates;
    }),
  );
}

/** Options of a threshold router. */
export type ThresholdRouterOptions = {
  /** The targets it may use (default: all). */
  candidates?: readonly number[];
  /** Targets it prefers among those that clear the threshold (a cloud's house and tied vendors). */
  preferred?: ReadonlySet<number>;
};

/**
 * Quality-threshold routing: for each case, the cheapest candidate whose estimated quality for
 * the case's category is at least `threshold` (preferred candidates first, when given); when none
 * clears it, the candidate with the best estimate (the cheaper on a tie). Estimates come from the
 * other half of the cases (see `estimateByFold`); the score and cost are the ones recorded.
 */
export function simulateThreshold(
  matrix: RoutingMatrix,
  threshold: number,
  options: ThresholdRouterOptions = {},
  estimates: Map<string, number>[][] = estimateByFold(matrix),
): PolicyPoint {
  const calls = matrix.targets.map(() => 0);
  const totals = { score: 0, cost: 0 };
  thresholdChoices(matrix, threshold, options, estimates).forEach((chosen, i) => {
    calls[chosen]!++;
    totals.score += matrix.score[chosen]![i]!;
    totals.cost += matrix.cost[chosen]![i]!;
  });
  return pointOf(matrix, totals, calls, threshold);
}

/**
 * The threshold router's choice for each case of the matrix (a target index per case, in case
 * order): the first candidate, cheapest first (preferred ones before the rest when `preferred` is
 * given), whose quality for the case's category, estimated on the other fold, reaches the
 * threshold; when none does, the candidate with the best estimate.
 */
export function thresholdChoices(
  matrix: RoutingMatrix,
  threshold: number,
  options: ThresholdRouterOptions = {},
  estimates: Map<string, number>[][] = estimateByFold(matrix),
): number[] {
  const candidates = options.candidates ?? matrix.byCost;
  const ordered = [...candidates].sort(
    (a, b) =>
      (options.preferred
        ? Number(!options.preferred.has(a)) - Number(!options.preferred.has(b))
        : 0) ||
      matrix.meanCost[a]! - matrix.meanCost[b]! ||
      a - b,
  );
  return matrix.cases.map((c) => {
    const est = (t: number) => {
      const map = estimates[c.fold]![t]!;
      return map.get(c.category) ?? map.get("*")!;
    };
    const chosen = ordered.find((t) => est(t) >= threshold);
    if (chosen !== undefined) return chosen;
    return [...candidates].sort(
      (a, b) => est(b) - est(a) || matrix.meanCost[a]! - matrix.meanCost[b]! || a - b,
    )[0]!;
  });
}

/** The thresholds at which a threshold router's choices change: 0, every estimate, and 1. */
export function thresholdSweep(
  estimates: Map<string, number>[][],
  candidates: readonly number[],
): number[] {
  const values = new Set<number>([0, 1]);
  for (const fold of estimates)
    for (const t of candidates) for (const v of fold[t]?.values() ?? []) values.add(v);
  return [...values].sort((a, b) => a - b);
}

/**
 * Cascade: try the candidates cheapest first and stop at the first whose recorded score for the
 * case is at least `passMark` (the last one answers regardless). Every call tried is paid for.
 * The recorded score stands in for a perfect verifier, so this is the cascade's best case.
 */
export function simulateCascade(matrix: RoutingMatrix, passMark: number): PolicyPoint {
  const calls = matrix.targets.map(() => 0);
  const totals = { score: 0, cost: 0 };
  matrix.cases.forEach((_, i) => {
    for (const [k, t] of matrix.byCost.entries()) {
      calls[t]!++;
      totals.cost += matrix.cost[t]![i]!;
      const score = matrix.score[t]![i]!;
      if (score >= passMark || k === matrix.byCost.length - 1) {
        totals.score += score;
        break;
      }
    }
  });
  return pointOf(matrix, totals, calls, passMark);
}

/**
 * Oracle: for each case, the cheapest target (for that case) among those with the best recorded
 * score. No policy can score higher, and none scoring as high can cost less: an upper bound.
 */
export function simulateOracle(matrix: RoutingMatrix): PolicyPoint {
  const calls = matrix.targets.map(() => 0);
  const totals = { score: 0, cost: 0 };
  matrix.cases.forEach((_, i) => {
    let best = -1;
    matrix.targets.forEach((_, t) => {
      if (best < 0) {
        best = t;
        return;
      }
      const s = matrix.score[t]![i]!;
      const b = matrix.score[best]![i]!;
      if (s > b + EPS || (Math.abs(s - b) <= EPS && matrix.cost[t]![i]! < matrix.cost[best]![i]!))
        best = t;
    });
    calls[best]!++;
    totals.score += matrix.score[best]![i]!;
    totals.cost += matrix.cost[best]![i]!;
  });
  return pointOf(matrix, totals, calls, null);
}

/**
 * The operating point shown in tables and the neutrality audit: the cheapest point whose quality
 * reaches `share` of the best single target's quality; without one, the best point.
 */
export function chooseOperatingIndex(
  curve: readonly PolicyPoint[],
  bestQuality: number,
  share: number,
): number {
  const goal = share * bestQuality - EPS;
  let index = -1;
  curve.forEach((point, i) => {
    if (point.quality < goal) return;
    const current = curve[index];
    if (
      !current ||
      point.costPerCase < current.costPerCase ||
      (point.costPerCase === current.costPerCase && point.quality > current.quality)
    )
      index = i;
  });
  if (index >= 0) return index;
  curve.forEach((point, i) => {
    const current = curve[index];
    if (
      !current ||
      point.quality > current.quality ||
      (point.quality === current.quality && point.costPerCase < current.costPerCase)
    )
      index = i;
  });
  return Math.max(0, index);
}

type DraftPolicy = Omit<PolicyResult, "aiq" | "operatingIndex" | "cpt50" | "cpt80" | "n">;

const MIX_STEPS = 20;

/**
 * Simulates every policy on a run's results: each single target; the random mix between the
 * cheapest and the best target; the quality-threshold router (swept); the cascade; the oracle.
 * Adds the Pareto frontier over every point, AIQ per policy and CPT(50%) / CPT(80%) for the
 * threshold router. The clouds' own routers are not emulated here: they are run as targets and
 * audited from what they did (lib/routing/audit).
 */
export function simulateRouting(input: RoutingInput): RoutingSimulation {
  const { matrix, exclusions } = buildRoutingMatrix(input);
  const passMark = input.cascadePassMark ?? 0.5;
  const operatingShare = input.operatingShare ?? 0.95;
  const n = matrix.cases.length;
  const vendorGroups = [...new Set(matrix.targets.map((t) => t.vendorGroup))].sort();
  const categoryScores = learnCategoryScores(matrix);
  const empty: RoutingSimulation = {
    n,
    targets: matrix.targets,
    policies: [],
    frontier: [],
    costRange: null,
    weakId: matrix.targets[matrix.weak]?.id ?? null,
    strongId: matrix.targets[matrix.strong]?.id ?? null,
    vendorGroups,
    exclusions,
    categoryScores,
  };
  if (n === 0 || matrix.targets.length === 0) return empty;

  const all = matrix.targets.map((_, i) => i);
  const ids = (list: readonly number[]) => list.map((t) => matrix.targets[t]!.id);
  const drafts: DraftPolicy[] = matrix.targets.map((target, t) => ({
    id: `single:${target.id}`,
    kind: "single",
    label: target.label,
    description: "Every case goes to this target.",
    curve: [simulateSingle(matrix, t)],
    targetIds: [target.id],
  }));

  const estimates = estimateByFold(matrix);
  const weak = matrix.targets[matrix.weak]!;
  const strong = matrix.targets[matrix.strong]!;
  if (matrix.targets.length >= 2) {
    if (matrix.weak !== matrix.strong) {
      drafts.push({
        id: "random-mix",
        kind: "random-mix",
        label: "Random mix",
        description: `Each case goes at random to ${strong.label} with probability p, otherwise to ${weak.label}; swept over p from 0 to 1.`,
        curve: Array.from({ length: MIX_STEPS + 1 }, (_, k) =>
          simulateRandomMix(matrix, matrix.weak, matrix.strong, k / MIX_STEPS),
        ),
        targetIds: ids([matrix.weak, matrix.strong]),
      });
    }
    drafts.push({
      id: "threshold",
      kind: "threshold",
      label: "Quality threshold",
      description:
        "Cheapest target whose quality for the case's category, estimated on the other half of the cases, is at least the threshold; swept over thresholds.",
      curve: thresholdSweep(estimates, all).map((threshold) =>
        simulateThreshold(matrix, threshold, {}, estimates),
      ),
      targetIds: ids(all),
    });
    drafts.push({
      id: "cascade",
      kind: "cascade",
      label: "Cascade (upper bound)",
      description: `Cheapest first; escalate to the next dearer target while the case scores below ${passMark}; every call tried is paid for. It needs each case's grade before choosing, so it is an upper bound, not a router you can run.`,
      curve: [simulateCascade(matrix, passMark)],
      targetIds: ids(matrix.byCost),
    });
    drafts.push({
      id: "oracle",
      kind: "oracle",
      label: "Oracle (upper bound)",
      description:
        "For each case, the cheapest target with the best recorded score: no real router can beat it.",
      curve: [simulateOracle(matrix)],
      targetIds: ids(all),
    });
  }

  const everyPoint = drafts.flatMap((d) => d.curve);
  const costs = everyPoint.map((p) => p.costPerCase);
  const costRange = { min: Math.min(...costs), max: Math.max(...costs) };
  const bestQuality = matrix.quality[matrix.strong]!;
  const weakQuality = matrix.quality[matrix.weak]!;
  const policies: PolicyResult[] = drafts.map((draft) => {
    const isThreshold = draft.kind === "threshold";
    return {
      ...draft,
      n,
      operatingIndex: chooseOperatingIndex(draft.curve, bestQuality, operatingShare),
      aiq: computeAiq(draft.curve, costRange),
      cpt50: isThreshold ? computeCpt(draft.curve, weakQuality, bestQuality, 0.5) : null,
      cpt80: isThreshold ? computeCpt(draft.curve, weakQuality, bestQuality, 0.8) : null,
    };
  });
  const frontier: FrontierPoint[] = paretoFrontier(
    policies.flatMap((policy) =>
      policy.curve.map((point) => ({
        quality: point.quality,
        costPerCase: point.costPerCase,
        policyId: policy.id,
      })),
    ),
  );
  return { ...empty, policies, frontier, costRange };
}

/**
 * Each target's mean score per category and over all cases ("*"), on every simulated case: what a
 * saved quality-floor policy routes by. Keyed by target id.
 */
export function learnCategoryScores(matrix: RoutingMatrix): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {};
  matrix.targets.forEach((target, t) => {
    const sums = new Map<string, { sum: number; n: number }>();
    matrix.cases.forEach((c, i) => {
      for (const key of [c.category, "*"]) {
        const acc = sums.get(key) ?? { sum: 0, n: 0 };
        acc.sum += matrix.score[t]![i]!;
        acc.n++;
        sums.set(key, acc);
      }
    });
    result[target.id] = Object.fromEntries([...sums].map(([key, acc]) => [key, acc.sum / acc.n]));
  });
  return result;
}
