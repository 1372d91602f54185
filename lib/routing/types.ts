/**
 * Types of the routing simulation: what it reads (per-case results of single-offering targets)
 * and what it returns (each policy's quality and cost, its curve, its traffic by vendor group).
 */

/** A single-offering target of a run, with the catalogue facts the policies need. */
export type RoutingTarget = {
  /** The run target's id. */
  id: string;
  label: string;
  offeringId: string;
  platformId: string;
  platformName: string;
  /** The company behind the platform, e.g. "Amazon" (as in VendorTie.platformOwner). */
  platformOwner: string;
  /** True for a cloud platform (aws-bedrock, azure-foundry, …): it gets a native-router emulation. */
  isCloud: boolean;
  /** The model vendor, e.g. "anthropic" (as in VendorTie.vendor). */
  vendor: string;
  /** Who the traffic goes to in the neutrality audit, e.g. "Anthropic". */
  vendorGroup: string;
};

/** One target's result on one case: repeats already averaged. */
export type CaseResult = {
  caseId: string;
  category: string;
  /** Mean score in [0, 1]; null when no trial of the case was scored (a gap). */
  score: number | null;
  /** Mean cost of one call, USD; null when no trial's cost is known (a gap, never zero). */
  cost: number | null;
};

/** A documented link between a platform owner and a model vendor (equity, exclusive, first party). */
export type RoutingTie = { platformOwner: string; vendor: string; kind: string };

/** Everything the simulation needs. */
export type RoutingInput = {
  targets: readonly RoutingTarget[];
  /** Per target id, its per-case results. */
  results: ReadonlyMap<string, readonly CaseResult[]>;
  ties: readonly RoutingTie[];
  /** Salt of the deterministic held-out split (e.g. the run id); the same salt gives the same split. */
  splitSalt: string;
  /** A case "passes" for the cascade when its score is at least this (default 0.5). */
  cascadePassMark?: number;
  /** Operating points reach this share of the best single target's quality (default 0.95). */
  operatingShare?: number;
};

export type PolicyKind = "single" | "random-mix" | "threshold" | "cascade" | "oracle";

/**
 * True for the policies that read each case's recorded grade before choosing (the cascade and the
 * oracle): upper bounds on what routing could achieve, not routers anyone can run.
 */
export function isUpperBound(kind: PolicyKind): boolean {
  return kind === "cascade" || kind === "oracle";
}

/** One vendor group's share of a policy's calls. */
export type VendorShare = { group: string; share: number };

/** One point of a policy: quality and cost over the simulated cases. */
export type PolicyPoint = {
  /** Mean score over the cases, in [0, 1]. */
  quality: number;
  /** Mean cost per case, USD (every call the policy makes for the case). */
  costPerCase: number;
  /** The policy's parameter at this point: threshold, share to the strong target; null if none. */
  param: number | null;
  /** Share of calls that went to the strongest single target (for CPT). */
  strongShare: number;
  /** Share of calls by vendor group, largest first; shares sum to 1. */
  traffic: VendorShare[];
};

/** A simulated policy. */
export type PolicyResult = {
  /** Stable id, e.g. "single:<targetId>", "threshold", "native:aws-bedrock". */
  id: string;
  kind: PolicyKind;
  label: string;
  /** One sentence: how the policy picks. */
  description: string;
  /** Cases simulated. */
  n: number;
  /** The policy's points; one for an unparametrised policy, a sweep for the others. */
  curve: PolicyPoint[];
  /** Index in `curve` of the point shown in tables and the neutrality audit. */
  operatingIndex: number;
  /** Area under the policy's quality-cost curve, normalised (see `computeAiq`); null without a cost range. */
  aiq: number | null;
  /** Threshold routers only: share of calls to the strong target to close 50% / 80% of the gap. */
  cpt50: number | null;
  cpt80: number | null;
  /** The targets the policy may use. */
  targetIds: string[];
};

/** A point of the Pareto frontier over every policy's points. */
export type FrontierPoint = { quality: number; costPerCase: number; policyId: string };

/** Why a target or cases were left out. */
export type RoutingExclusions = {
  /** Targets with no known cost (or no score) on any case: they cannot be priced. */
  targets: { id: string; label: string; reason: string }[];
  /** Cases left out because some target has no score for them. */
  casesMissingScore: number;
  /** Cases left out because some target's cost is unknown for them. */
  casesMissingCost: number;
};

/** The whole simulation. */
export type RoutingSimulation = {
  /** Cases every policy is measured on (those every kept target scored and priced). */
  n: number;
  targets: RoutingTarget[];
  policies: PolicyResult[];
  frontier: FrontierPoint[];
  /** The cost range AIQ is normalised over (USD per case), or null with no cases. */
  costRange: { min: number; max: number } | null;
  /** The cheapest and the best single target (CPT's weak and strong), or null with no targets. */
  weakId: string | null;
  strongId: string | null;
  vendorGroups: string[];
  exclusions: RoutingExclusions;
  /** Per kept target, learned mean score per category and "*" (all cases): for saved policies. */
  categoryScores: Record<string, Record<string, number>>;
};
