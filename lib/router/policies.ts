import type { ChatRequest, Target } from "@/lib/router/types";

/**
 * Routing policies: each takes the candidate targets (and whatever state it was built with) and
 * returns an ordered list with a reason. Policies never call providers; the router walks the order.
 */

/** What a policy decided: the order to try, why, and whether the router may leave the first target. */
export type PolicyDecision = {
  order: Target[];
  reason: string;
  /** When true the router never moves past the first target: it records the failure instead. */
  pinned: boolean;
};

/** Orders candidate targets for one request. Must be cheap and must not throw. */
export interface RoutingPolicy {
  readonly name: string;
  decide(candidates: readonly Target[], request: ChatRequest): PolicyDecision;
}

/** Blended price, USD per 1M tokens, weighting input 3 : output 1. Null when either is unknown. */
export function blendedPrice(target: Target): number | null {
  const { input, output } = target.prices;
  if (input === null || output === null) return null;
  return (3 * input + output) / 4;
}

/** Stable sort by a numeric key, nulls last (in their original order). */
function sortByKey(candidates: readonly Target[], key: (t: Target) => number | null): Target[] {
  const keyed = candidates.map((target, index) => ({ target, index, k: key(target) }));
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) {
      if (a.k === b.k) return a.index - b.index;
      return a.k === null ? 1 : -1;
    }
    return a.k - b.k || a.index - b.index;
  });
  return keyed.map((e) => e.target);
}

/**
 * Pinned: exactly one target (the offering named, or the first candidate). The router never falls
 * back to another model: a failure is recorded as the result. Use it for evaluation targets.
 */
export function pinnedPolicy(offeringId?: string): RoutingPolicy {
  return {
    name: "pinned",
    decide(candidates) {
      const target =
        offeringId === undefined
          ? candidates[0]
          : candidates.find((c) => c.offeringId === offeringId);
      if (!target) {
        return {
          order: [],
          reason: offeringId
            ? `pinned offering ${offeringId} is not among the candidates`
            : "no candidates",
          pinned: true,
        };
      }
      return { order: [target], reason: `pinned to ${target.offeringId}`, pinned: true };
    },
  };
}

/** Ordered fallback: the candidates in the order given. */
export function orderedFallbackPolicy(): RoutingPolicy {
  return {
    name: "fallback",
    decide(candidates) {
      return { order: candidates.slice(), reason: "candidates in the given order", pinned: false };
    },
  };
}

/** Cheapest first, by blended 3:1 price; offerings with unknown prices last. */
export function cheapestPolicy(): RoutingPolicy {
  return {
    name: "cheapest",
    decide(candidates) {
      const order = sortByKey(candidates, blendedPrice);
      const first = order[0];
      const price = first ? blendedPrice(first) : null;
      return {
        order,
        reason: first
          ? `cheapest blended 3:1 price: ${first.offeringId} at ${price === null ? "unknown" : `$${price}/1M`}`
          : "no candidates",
        pinned: false,
      };
    },
  };
}

/** Observed latency per offering, as an exponential moving average. */
export interface LatencyTracker {
  /** Records one observed latency, ms. */
  record(offeringId: string, latencyMs: number): void;
  /** The moving average, ms, or null when nothing has been observed. */
  get(offeringId: string): number | null;
}

/**
 * A small in-memory `LatencyTracker`. `alpha` in (0, 1] is the weight of the newest observation
 * (default 0.2); the first observation seeds the average.
 */
export function createLatencyTracker(alpha = 0.2): LatencyTracker {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError("alpha must be in (0, 1]");
  const ema = new Map<string, number>();
  return {
    record(offeringId, latencyMs) {
      if (!Number.isFinite(latencyMs) || latencyMs < 0) return;
      const prev = ema.get(offeringId);
      ema.set(offeringId, prev === undefined ? latencyMs : prev + alpha * (latencyMs - prev));
    },
    get(offeringId) {
      return ema.get(offeringId) ?? null;
    },
  };
}

/** Fastest first, by the moving average of observed latency; unobserved offerings last. */
export function fastestPolicy(tracker: LatencyTracker): RoutingPolicy {
  return {
    name: "fastest",
    decide(candidates) {
      const order = sortByKey(candidates, (t) => tracker.get(t.offeringId));
      const first = order[0];
      const ms = first ? tracker.get(first.offeringId) : null;
      return {
        order,
        reason: first
          ? ms === null
            ? "no latency observed yet: candidates in the given order"
            : `fastest moving-average latency: ${first.offeringId} at ${Math.round(ms)} ms`
          : "no candidates",
        pinned: false,
      };
    },
  };
}

/** Options of the quality-floor policy. */
export type QualityFloorOptions = {
  /** Recorded score of an offering for a category, or null when none is recorded. */
  scores: (offeringId: string, category: string) => number | null;
  /** Minimum score (inclusive). */
  threshold: number;
  /** Category used when the request has none. */
  defaultCategory?: string;
};

/**
 * Quality floor: the offerings whose recorded score for the request's category is at least the
 * threshold, cheapest (blended 3:1) first. Offerings below the floor or without a score are left out.
 */
export function qualityFloorPolicy(options: QualityFloorOptions): RoutingPolicy {
  const { scores, threshold, defaultCategory } = options;
  return {
    name: "quality_floor",
    decide(candidates, request) {
      const category = request.category ?? defaultCategory;
      if (category === undefined) {
        return {
          order: [],
          reason: "request has no category for the quality floor",
          pinned: false,
        };
      }
      const eligible = candidates.filter((t) => {
        const s = scores(t.offeringId, category);
        return s !== null && s >= threshold;
      });
      const order = sortByKey(eligible, blendedPrice);
      return {
        order,
        reason:
          order.length > 0
            ? `${order.length} of ${candidates.length} offerings score >= ${threshold} for "${category}"; cheapest first`
            : `no offering scores >= ${threshold} for "${category}"`,
        pinned: false,
      };
    },
  };
}

/**
 * Same model on another platform first: the primary (first candidate) and every other candidate with
 * the same `modelId` come first, then the rest; within each group, the inner policy's order
 * (default: the given order).
 */
export function sameModelFirstPolicy(
  inner: RoutingPolicy = orderedFallbackPolicy(),
): RoutingPolicy {
  return {
    name: "same_model_first",
    decide(candidates, request) {
      const primary = candidates[0];
      if (!primary) return { order: [], reason: "no candidates", pinned: false };
      const innerDecision = inner.decide(candidates, request);
      const same: Target[] = [];
      const other: Target[] = [];
      for (const t of innerDecision.order) (t.modelId === primary.modelId ? same : other).push(t);
      // The primary itself leads its group.
      const i = same.indexOf(primary);
      if (i > 0) {
        same.splice(i, 1);
        same.unshift(primary);
      }
      return {
        order: same.concat(other),
        reason: `${same.length} offering(s) of ${primary.modelId} first, then ${other.length} other(s) by ${inner.name}`,
        pinned: false,
      };
    },
  };
}

/** Options of the weighted load-balancing policy. */
export type WeightedOptions = {
  /** Weight of an offering (>= 0; 0 means last). Missing weights count as 1. */
  weight: (target: Target) => number | undefined;
  /** Injected randomness in [0, 1). */
  random: () => number;
};

/**
 * Weighted load balancing: draws the order by weighted sampling without replacement, so an offering
 * with twice the weight is first twice as often. Zero-weight offerings come last in the given order.
 */
export function weightedPolicy(options: WeightedOptions): RoutingPolicy {
  const { weight, random } = options;
  return {
    name: "weighted",
    decide(candidates) {
      const pool: { target: Target; w: number }[] = [];
      const zero: Target[] = [];
      let total = 0;
      for (const target of candidates) {
        const w = weight(target) ?? 1;
        if (w > 0 && Number.isFinite(w)) {
          pool.push({ target, w });
          total += w;
        } else zero.push(target);
      }
      const order: Target[] = [];
      while (pool.length > 0) {
        let r = random() * total;
        let pick = pool.length - 1;
        for (let i = 0; i < pool.length; i++) {
          r -= pool[i]!.w;
          if (r < 0) {
            pick = i;
            break;
          }
        }
        const [chosen] = pool.splice(pick, 1);
        if (!chosen) break;
        total -= chosen.w;
        order.push(chosen.target);
      }
      for (const t of zero) order.push(t);
      const first = order[0];
      return {
        order,
        reason: first ? `weighted draw chose ${first.offeringId}` : "no candidates",
        pinned: false,
      };
    },
  };
}
