import { alignPairs, bootstrapMeanCi, pairedComparison, wilsonInterval } from "@/lib/eval/stats";
import type { RateInterval } from "@/lib/eval/stats";
import {
  ownerGroupName,
  providerGroupOf,
  type GroupPlatform,
  type GroupTie,
} from "@/lib/lockin/groups";
import {
  buildRoutingMatrix,
  estimateByFold,
  simulateThreshold,
  thresholdChoices,
  thresholdSweep,
} from "./simulate";
import type { CaseResult, RoutingInput, RoutingTarget } from "./types";

/**
 * The neutrality audit of the clouds' own model routers, from what they did in a run: every figure
 * here comes from recorded trials (which model served each call, and each case's score and cost),
 * never from an assumed preference. Pure: no Next, React, Prisma or env.
 *
 * For each router target of a run it measures:
 * - **where the calls went**: calls by provider group, grouped as the lock-in concentration factor
 *   groups them (the platform owner's own models and the vendors it is tied to count to "<owner>
 *   group"; see lib/lockin/groups), with a Wilson interval on the owner group's share;
 * - **what the pool alone would do**: a quality-threshold router restricted to the router's
 *   documented pool, replayed over the pool models that also ran as single targets in the run, at
 *   the point of its sweep whose cost per case is nearest the router's own on the same cases (its
 *   mean score, when none of the router's calls has a known price). It chooses on measured quality
 *   and cost only, so the difference from the router's shares is the router's own leaning;
 * - **against Crossbench's neutral policy** on the same cases: paired differences in quality and in
 *   cost per case with bootstrap intervals and n. The policy is a routing-policy target that ran in
 *   the run ("measured") when there is one, otherwise the quality-threshold router replayed over
 *   the run's single targets at the Routing page's operating point ("replayed");
 * - **what the pool shuts out**: single targets outside the pool that measurably beat the router
 *   on the cases both answered: better quality (interval above zero) for no more cost, or as good
 *   (no worse than the margin) for less.
 */

/** A router target of the run, with its recorded results. */
export type AuditRouterInput = {
  /** The run target's id. */
  id: string;
  label: string;
  platform: GroupPlatform & { name: string };
  /** Routing mode slug, e.g. "balanced"; null when the router has none. */
  mode: string | null;
  /** Catalogue model ids of the router's documented pool (raw served ids where unmapped). */
  poolModelIds: readonly string[];
  /** Calls by what served them: catalogue model id, or the raw id when it could not be mapped. */
  servedModels: Readonly<Record<string, number>>;
  /** Per-case mean score and cost of the router's trials. */
  results: readonly CaseResult[];
};

/** A catalogue model as the audit needs it. */
export type AuditModel = { vendor: string; name: string };

/** A single-offering target of the run, with its catalogue model id. */
export type AuditSingle = RoutingTarget & { modelId: string };

/** A routing-policy target that ran in the run, with where its calls went. */
export type AuditPolicyInput = {
  id: string;
  label: string;
  results: readonly CaseResult[];
  /** Calls by the served offering's model vendor slug. */
  callsByVendor: Readonly<Record<string, number>>;
};

export type RouterAuditInput = {
  routers: readonly AuditRouterInput[];
  /** The run's single-offering targets; their per-case results are in `results`. */
  singles: readonly AuditSingle[];
  results: RoutingInput["results"];
  /** Catalogue models by id: the served models and the pools. */
  models: ReadonlyMap<string, AuditModel>;
  /** Display names of vendor slugs ("anthropic" → "Anthropic"). */
  vendorName: (vendor: string) => string;
  ties: readonly GroupTie[];
  /** A neutral routing-policy target that ran in the run, if any. */
  policy: AuditPolicyInput | null;
  /** The threshold at the Routing page's operating point (its threshold policy), if any. */
  operatingThreshold: number | null;
  splitSalt: string;
  /** Equivalence margin on the 0–1 scale (default 0.02, two points). */
  margin?: number;
};

/** Calls to one provider group. */
export type GroupShare = { group: string; isOwnerGroup: boolean; calls: number; share: number };

/** A paired difference with its 95% interval; quality on the 0–1 scale, cost in USD per case. */
export type PairedDifference = { difference: number; low: number; high: number; n: number };

export type RouterAudit = {
  id: string;
  label: string;
  platformName: string;
  mode: string | null;
  /** "<owner> group". */
  ownerGroup: string;
  /** Calls recorded (every trial with a served model). */
  calls: number;
  /** Calls whose served model is not in the catalogue table: shown, never grouped by guess. */
  unmappedCalls: number;
  /** Calls by group, largest first (unmapped calls are not in it). */
  shares: GroupShare[];
  /** The owner group's share of the mapped calls with its Wilson interval; null without calls. */
  ownerShare: RateInterval | null;
  pool: {
    size: number;
    /** Provider groups the pool's models belong to, as seen from this platform. */
    groups: string[];
    /** Pool models that ran as single targets, so the pool-only replay could use them. */
    measured: number;
    counterfactual: {
      shares: GroupShare[];
      ownerShare: number;
      /** Mean score and cost per case of the replay, over `n` cases. */
      quality: number;
      costPerCase: number;
      n: number;
      /**
       * What the replay's point was matched to: the router's spend per case, or its mean score
       * when none of its calls has a known price (the served models have no catalogue price).
       */
      matchedOn: "cost" | "quality";
    } | null;
    /** Why there is no counterfactual. */
    reason: string | null;
  };
  versus: {
    referenceLabel: string;
    referenceKind: "measured" | "replayed";
    /** Router minus reference, on the cases both scored. */
    quality: PairedDifference & { routerMean: number; referenceMean: number };
    /** Router minus reference, USD per case, on the cases both priced; null when none. */
    cost: (PairedDifference & { routerMean: number; referenceMean: number }) | null;
    /** The reference's owner-group share, grouped from this router's platform. */
    referenceOwnerShare: number | null;
  } | null;
  /** Why there is no comparison with the neutral policy. */
  versusReason: string | null;
  /** Single targets outside the pool that measurably beat the router. */
  unreachable: UnreachableOffering[];
};

export type UnreachableOffering = {
  id: string;
  label: string;
  platformName: string;
  /** "better": higher quality (interval above zero) for no more cost; "cheaper": as good for less. */
  kind: "better" | "cheaper";
  /** Single minus router, on the cases both scored. */
  quality: PairedDifference;
  /** The single's mean cost per case against the router's, on the cases both priced. */
  costPerCase: number;
  routerCostPerCase: number;
};

const DEFAULT_MARGIN = 0.02;

/** Calls by group, largest first (ties by name). */
function groupShares(
  platform: GroupPlatform,
  ties: readonly GroupTie[],
  callsByVendor: ReadonlyMap<string, number>,
  vendorName: (vendor: string) => string,
): GroupShare[] {
  const byGroup = new Map<string, GroupShare>();
  let total = 0;
  for (const [vendor, calls] of callsByVendor) {
    if (calls <= 0) continue;
    total += calls;
    const { group, isOwnerGroup } = providerGroupOf(platform, ties, vendor, vendorName(vendor));
    const entry = byGroup.get(group) ?? { group, isOwnerGroup, calls: 0, share: 0 };
    entry.calls += calls;
    byGroup.set(group, entry);
  }
  return [...byGroup.values()]
    .map((entry) => ({ ...entry, share: total > 0 ? entry.calls / total : 0 }))
    .sort((a, b) => b.calls - a.calls || a.group.localeCompare(b.group));
}

const ownerShareOf = (shares: readonly GroupShare[]) =>
  shares.filter((s) => s.isOwnerGroup).reduce((sum, s) => sum + s.share, 0);

function addTo(map: Map<string, number>, key: string, count: number) {
  map.set(key, (map.get(key) ?? 0) + count);
}

/** Per-case maps of a result list: scores and costs, gaps left out. */
function perCase(results: readonly CaseResult[]) {
  const score = new Map<string, number>();
  const cost = new Map<string, number>();
  for (const row of results) {
    if (row.score !== null) score.set(row.caseId, row.score);
    if (row.cost !== null) cost.set(row.caseId, row.cost);
  }
  return { score, cost };
}

const meanOf = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** Paired difference a − b over common cases, with its bootstrap interval; null without cases. */
function pairedDifference(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): (PairedDifference & { meanA: number; meanB: number }) | null {
  const pairs = alignPairs(a, b);
  if (pairs.caseIds.length === 0) return null;
  const interval = bootstrapMeanCi(pairs.a.map((value, i) => value - pairs.b[i]!));
  if (!interval) return null;
  return {
    difference: interval.mean,
    low: interval.low,
    high: interval.high,
    n: interval.n,
    meanA: meanOf(pairs.a),
    meanB: meanOf(pairs.b),
  };
}

const asVersus = ({
  meanA,
  meanB,
  ...rest
}: PairedDifference & { meanA: number; meanB: number }) => ({
  ...rest,
  routerMean: meanA,
  referenceMean: meanB,
});

/** Audits each router target of a run against what the run measured. */
export function auditRouters(input: RouterAuditInput): RouterAudit[] {
  const margin = input.margin ?? DEFAULT_MARGIN;
  const { matrix } = buildRoutingMatrix({
    targets: input.singles,
    results: input.results,
    ties: [],
    splitSalt: input.splitSalt,
  });
  const estimates = estimateByFold(matrix);
  const modelOfTarget = new Map(input.singles.map((s) => [s.id, s.modelId]));
  const singleResults = new Map(
    input.singles.map((s) => [s.id, perCase(input.results.get(s.id) ?? [])]),
  );

  // The neutral reference's per-case results and its calls by vendor.
  let reference: {
    label: string;
    kind: "measured" | "replayed";
    score: Map<string, number>;
    cost: Map<string, number>;
    callsByVendor: Map<string, number>;
  } | null = null;
  if (input.policy) {
    reference = {
      label: input.policy.label,
      kind: "measured",
      ...perCase(input.policy.results),
      callsByVendor: new Map(Object.entries(input.policy.callsByVendor)),
    };
  } else if (input.operatingThreshold !== null && matrix.targets.length >= 2) {
    const choices = thresholdChoices(matrix, input.operatingThreshold, {}, estimates);
    const score = new Map<string, number>();
    const cost = new Map<string, number>();
    const callsByVendor = new Map<string, number>();
    choices.forEach((t, i) => {
      const caseId = matrix.cases[i]!.id;
      score.set(caseId, matrix.score[t]![i]!);
      cost.set(caseId, matrix.cost[t]![i]!);
      addTo(callsByVendor, matrix.targets[t]!.vendor, 1);
    });
    reference = {
      label: "Crossbench quality threshold (replayed)",
      kind: "replayed",
      score,
      cost,
      callsByVendor,
    };
  }

  return input.routers.map((router): RouterAudit => {
    const { platform } = router;
    const vendorOf = (modelId: string) => input.models.get(modelId)?.vendor ?? null;

    // Where the calls went.
    const callsByVendor = new Map<string, number>();
    let calls = 0;
    let unmappedCalls = 0;
    for (const [served, count] of Object.entries(router.servedModels)) {
      calls += count;
      const vendor = vendorOf(served);
      if (vendor === null) unmappedCalls += count;
      else addTo(callsByVendor, vendor, count);
    }
    const shares = groupShares(platform, input.ties, callsByVendor, input.vendorName);
    const mappedCalls = calls - unmappedCalls;
    const ownerCalls = shares.filter((s) => s.isOwnerGroup).reduce((sum, s) => sum + s.calls, 0);
    const ownerShare = wilsonInterval(ownerCalls, mappedCalls);
    const own = perCase(router.results);

    // What the pool alone would do, choosing on measured quality and cost.
    const pool = new Set(router.poolModelIds);
    const poolGroups = [
      ...new Set(
        router.poolModelIds.flatMap((id) => {
          const vendor = vendorOf(id);
          return vendor === null
            ? []
            : [providerGroupOf(platform, input.ties, vendor, input.vendorName(vendor)).group];
        }),
      ),
    ].sort();
    // One candidate per pool model: its offering on the router's platform when that ran.
    const byModel = new Map<string, number>();
    matrix.targets.forEach((target, t) => {
      const modelId = modelOfTarget.get(target.id)!;
      if (!pool.has(modelId)) return;
      const current = byModel.get(modelId);
      if (current === undefined || target.platformId === platform.id) byModel.set(modelId, t);
    });
    const candidates = [...byModel.values()].sort(
      (a, b) => matrix.meanCost[a]! - matrix.meanCost[b]! || a - b,
    );
    let counterfactual: RouterAudit["pool"]["counterfactual"] = null;
    let poolReason: string | null = null;
    // The router's spend (or, when no call of it has a known price, its score) on the replay's own
    // cases: a case the replay left out would skew the match.
    const onReplayCases = (values: ReadonlyMap<string, number>) =>
      matrix.cases.flatMap((c) => {
        const value = values.get(c.id);
        return value === undefined ? [] : [value];
      });
    const routerCosts = onReplayCases(own.cost);
    const routerScores = onReplayCases(own.score);
    if (candidates.length < 2) {
      poolReason = `${candidates.length === 0 ? "None" : "Only one"} of the pool's ${router.poolModelIds.length} models ran as a single target in this run; add at least two to replay the pool`;
    } else if (matrix.cases.length === 0) {
      poolReason =
        "No case was scored and priced for every single target of the run, so the pool has no case to replay";
    } else if (routerCosts.length === 0 && routerScores.length === 0) {
      poolReason =
        "The router has no scored or priced case among those the pool's replay covers, so no point of the replay can be matched to it";
    } else {
      const matchedOn: "cost" | "quality" = routerCosts.length > 0 ? "cost" : "quality";
      const target = meanOf(matchedOn === "cost" ? routerCosts : routerScores);
      const measure = (point: { costPerCase: number; quality: number }) =>
        matchedOn === "cost" ? point.costPerCase : point.quality;
      const points = thresholdSweep(estimates, candidates).map((threshold) => ({
        threshold,
        point: simulateThreshold(matrix, threshold, { candidates }, estimates),
      }));
      // The point nearest the router's spend (its quality when unpriced); on a tie, the better one.
      const nearest = points.reduce((best, p) => {
        const gap = Math.abs(measure(p.point) - target);
        const bestGap = Math.abs(measure(best.point) - target);
        const tieBreak =
          matchedOn === "cost"
            ? p.point.quality > best.point.quality
            : p.point.costPerCase < best.point.costPerCase;
        return gap < bestGap - 1e-15 || (Math.abs(gap - bestGap) <= 1e-15 && tieBreak) ? p : best;
      });
      const replayCalls = new Map<string, number>();
      for (const t of thresholdChoices(matrix, nearest.threshold, { candidates }, estimates)) {
        addTo(replayCalls, matrix.targets[t]!.vendor, 1);
      }
      const replayShares = groupShares(platform, input.ties, replayCalls, input.vendorName);
      counterfactual = {
        shares: replayShares,
        ownerShare: ownerShareOf(replayShares),
        quality: nearest.point.quality,
        costPerCase: nearest.point.costPerCase,
        n: matrix.cases.length,
        matchedOn,
      };
    }

    // Against the neutral policy, paired over the same cases.
    let versus: RouterAudit["versus"] = null;
    let versusReason: string | null = null;
    if (!reference) {
      versusReason =
        "No neutral policy to compare with: the run has no routing-policy target and fewer than two priced single targets to replay one";
    } else {
      const quality = pairedDifference(own.score, reference.score);
      if (!quality) {
        versusReason = `The router and ${reference.label} share no scored case`;
      } else {
        const referenceShares = groupShares(
          platform,
          input.ties,
          reference.callsByVendor,
          input.vendorName,
        );
        const cost = pairedDifference(own.cost, reference.cost);
        versus = {
          referenceLabel: reference.label,
          referenceKind: reference.kind,
          quality: asVersus(quality),
          cost: cost ? asVersus(cost) : null,
          referenceOwnerShare: referenceShares.length ? ownerShareOf(referenceShares) : null,
        };
      }
    }

    // What the pool shuts out.
    const unreachable: UnreachableOffering[] = [];
    for (const single of input.singles) {
      if (pool.has(single.modelId)) continue;
      const theirs = singleResults.get(single.id)!;
      const pairs = alignPairs(theirs.score, own.score);
      const comparison = pairedComparison(pairs.a, pairs.b, { margin });
      const cost = pairedDifference(theirs.cost, own.cost);
      if (!comparison || !cost || comparison.n < 2) continue;
      const quality = {
        difference: comparison.difference,
        low: comparison.low,
        high: comparison.high,
        n: comparison.n,
      };
      const kind =
        comparison.low > 0 && cost.meanA <= cost.meanB
          ? "better"
          : comparison.low > -margin && cost.meanA < cost.meanB
            ? "cheaper"
            : null;
      if (!kind) continue;
      unreachable.push({
        id: single.id,
        label: single.label,
        platformName: single.platformName,
        kind,
        quality,
        costPerCase: cost.meanA,
        routerCostPerCase: cost.meanB,
      });
    }
    unreachable.sort(
      (a, b) =>
        b.quality.difference - a.quality.difference ||
        a.costPerCase - b.costPerCase ||
        a.label.localeCompare(b.label),
    );

    return {
      id: router.id,
      label: router.label,
      platformName: platform.name,
      mode: router.mode,
      ownerGroup: ownerGroupName(platform),
      calls,
      unmappedCalls,
      shares,
      ownerShare,
      pool: {
        size: router.poolModelIds.length,
        groups: poolGroups,
        measured: candidates.length,
        counterfactual,
        reason: poolReason,
      },
      versus,
      versusReason,
      unreachable,
    };
  });
}
