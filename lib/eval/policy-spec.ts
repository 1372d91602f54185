import { z } from "zod";
import {
  cheapestPolicy,
  createLatencyTracker,
  fastestPolicy,
  orderedFallbackPolicy,
  pinnedPolicy,
  qualityFloorPolicy,
  weightedPolicy,
  type RoutingPolicy,
} from "@/lib/router/policies";
import type { Target } from "@/lib/router/types";

/**
 * Every routing policy a run target can carry, as one typed spec. The database keeps a target's
 * policy as `kind` ("offering" or "policy"), `policy` (a name) and `policyConfig` (JSON); this
 * module is the one place that reads those back ({@link parseStoredPolicy}), builds the router
 * policy ({@link createPolicy}) and prices it for the launch estimate ({@link estimatePolicy}).
 * Both switch over `kind` with no default branch: a new kind that is not handled fails to compile.
 */

const scoresSchema = z.record(z.string(), z.record(z.string(), z.number().min(0).max(1)));

export const policySpecSchema = z.discriminatedUnion("kind", [
  /** One offering, never left: its failures are recorded. */
  z.object({ kind: z.literal("pinned") }),
  /** The offerings in the given order, moving on when one fails. */
  z.object({ kind: z.literal("fallback") }),
  z.object({ kind: z.literal("cheapest") }),
  z.object({ kind: z.literal("fastest") }),
  /**
   * Saved from a simulation: the cheapest offering whose learned score for the request's category
   * (or "*" for all) reaches the threshold; when none does, the best-scoring one.
   */
  z.object({
    kind: z.literal("quality-floor"),
    threshold: z.number().min(0).max(1),
    scores: scoresSchema,
  }),
  /** Saved from a simulation: weighted random order (an offering's weight; missing weighs 1). */
  z.object({ kind: z.literal("weighted"), weights: z.record(z.string(), z.number().min(0)) }),
]);
export type PolicySpec = z.infer<typeof policySpecSchema>;
export type PolicyKind = PolicySpec["kind"];

function unhandled(spec: never): never {
  throw new Error(`unhandled routing policy ${JSON.stringify(spec)}`);
}

/** Why a stored target's policy could not be read, naming the row it came from. */
export class StoredPolicyError extends Error {}

/**
 * The spec of a stored run target. `where` names the row for the error ("run x, target 2").
 * Unknown names and settings that do not match their schema are errors, never a silent default.
 */
export function parseStoredPolicy(
  stored: { kind: string; policy: string | null; policyConfig: unknown },
  where: string,
): PolicySpec {
  // A native router is one call to one endpoint: pinned, its choice is the provider's.
  if (stored.kind === "offering" || stored.kind === "router") return { kind: "pinned" };
  if (stored.kind !== "policy")
    throw new StoredPolicyError(`${where}: unknown target kind ${JSON.stringify(stored.kind)}`);
  const config =
    typeof stored.policyConfig === "object" && stored.policyConfig !== null
      ? stored.policyConfig
      : {};
  // Saved policies stored their settings without the kind, and quality floors without a
  // threshold meant 0; both are read as they were written.
  const candidate =
    stored.policy === "quality-floor"
      ? { threshold: 0, scores: {}, ...config, kind: stored.policy }
      : stored.policy === "weighted"
        ? { weights: {}, ...config, kind: stored.policy }
        : { kind: stored.policy };
  const parsed = policySpecSchema.safeParse(candidate);
  if (parsed.success && parsed.data.kind !== "pinned") return parsed.data;
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  if (issue === undefined || issue.path[0] === "kind")
    throw new StoredPolicyError(
      `${where}: the routing policy ${JSON.stringify(stored.policy)} is not one Crossbench knows`,
    );
  throw new StoredPolicyError(
    `${where}: the settings of the routing policy ${JSON.stringify(stored.policy)} are invalid (${issue.path.join(".")}: ${issue.message})`,
  );
}

/** The spec as the database stores it (the inverse of {@link parseStoredPolicy}). */
export function toStoredPolicy(spec: PolicySpec): {
  kind: "offering" | "policy";
  policy: string | null;
  policyConfig: Record<string, unknown> | null;
} {
  switch (spec.kind) {
    case "pinned":
      return { kind: "offering", policy: null, policyConfig: null };
    case "fallback":
    case "cheapest":
    case "fastest":
      return { kind: "policy", policy: spec.kind, policyConfig: null };
    case "quality-floor":
      return {
        kind: "policy",
        policy: spec.kind,
        policyConfig: { threshold: spec.threshold, scores: spec.scores },
      };
    case "weighted":
      return { kind: "policy", policy: spec.kind, policyConfig: { weights: spec.weights } };
    default:
      return unhandled(spec);
  }
}

/** Builds the router policy for a spec. `random` is injected for the weighted policy. */
export function createPolicy(spec: PolicySpec, deps: { random: () => number }): RoutingPolicy {
  switch (spec.kind) {
    case "pinned":
      return pinnedPolicy();
    case "fallback":
      return orderedFallbackPolicy();
    case "cheapest":
      return cheapestPolicy();
    case "fastest":
      return fastestPolicy(createLatencyTracker());
    case "quality-floor":
      return savedQualityFloorPolicy(spec);
    case "weighted":
      return weightedPolicy({
        weight: (target) => spec.weights[target.offeringId],
        random: deps.random,
      });
    default:
      return unhandled(spec);
  }
}

function learnedScore(
  spec: Extract<PolicySpec, { kind: "quality-floor" }>,
  offeringId: string,
  category: string,
): number | null {
  return spec.scores[offeringId]?.[category] ?? spec.scores[offeringId]?.["*"] ?? null;
}

/**
 * A saved quality-threshold policy: the cheapest offering whose learned score for the request's
 * category clears the threshold; when none does, the best-scoring one (a run must still answer).
 */
function savedQualityFloorPolicy(
  spec: Extract<PolicySpec, { kind: "quality-floor" }>,
): RoutingPolicy {
  const score = (offeringId: string, category: string) => learnedScore(spec, offeringId, category);
  const floor = qualityFloorPolicy({ scores: score, threshold: spec.threshold });
  return {
    name: "saved_quality_floor",
    decide(candidates, request) {
      const decision = floor.decide(candidates, request);
      if (decision.order.length > 0) return decision;
      const category = request.category ?? "*";
      const best = [...candidates].sort(
        (a, b) => (score(b.offeringId, category) ?? -1) - (score(a.offeringId, category) ?? -1),
      );
      return { order: best, reason: `${decision.reason}; best-scoring first`, pinned: false };
    },
  };
}

/**
 * Each candidate's share of the expected calls, which candidate bounds the maximum, and whether
 * the choice depends on every candidate's price (then one unknown price makes the figure unknown).
 */
export type PolicyEstimate = { shares: number[]; maxIndex: number; needsEveryPrice: boolean };

/**
 * How the launch estimate prices a policy over its candidates, given each candidate's expected
 * cost (null when a price is unknown). Expected cost is the share-weighted sum; the maximum is the
 * candidate at `maxIndex`.
 * - pinned, fallback: the first candidate (fallback moves on only when it fails);
 * - cheapest: the cheapest;
 * - fastest: not known before the run, so the dearest (a bound, not a guess);
 * - quality floor: the cheapest candidate whose overall ("*") learned score clears the threshold
 *   (else the best-scoring), with the dearest as the maximum, as categories may pick others;
 * - weighted: each candidate in proportion to its weight (the first pick's odds), dearest as max.
 */
export function estimatePolicy(
  spec: PolicySpec,
  candidates: readonly Pick<Target, "offeringId">[],
  costs: readonly (number | null)[],
): PolicyEstimate {
  const count = candidates.length;
  const only = (index: number): number[] => candidates.map((_, i) => (i === index ? 1 : 0));
  const byCost = [...costs.keys()].sort((a, b) => (costs[a] ?? Infinity) - (costs[b] ?? Infinity));
  const cheapest = byCost[0] ?? 0;
  const dearest = byCost.findLast((i) => costs[i] !== null) ?? 0;
  switch (spec.kind) {
    case "pinned":
    case "fallback":
      return { shares: only(0), maxIndex: 0, needsEveryPrice: false };
    case "cheapest":
      return { shares: only(cheapest), maxIndex: cheapest, needsEveryPrice: true };
    case "fastest":
      return { shares: only(dearest), maxIndex: dearest, needsEveryPrice: true };
    case "quality-floor": {
      const scoreOf = (i: number) => learnedScore(spec, candidates[i]?.offeringId ?? "", "*");
      const clearing = byCost.filter((i) => (scoreOf(i) ?? -1) >= spec.threshold);
      const best = [...costs.keys()].sort((a, b) => (scoreOf(b) ?? -1) - (scoreOf(a) ?? -1))[0];
      return { shares: only(clearing[0] ?? best ?? 0), maxIndex: dearest, needsEveryPrice: true };
    }
    case "weighted": {
      const weights = candidates.map((c) => spec.weights[c.offeringId] ?? 1);
      const total = weights.reduce((sum, w) => sum + w, 0);
      return {
        shares: weights.map((w) => (total > 0 ? w / total : 1 / count)),
        maxIndex: dearest,
        needsEveryPrice: true,
      };
    }
    default:
      return unhandled(spec);
  }
}
