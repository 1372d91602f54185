/**
 * Metrics over quality-cost points: the Pareto frontier, AIQ (RouterBench) and CPT (RouteLLM).
 * Pure: no Next, React, Prisma or env.
 */

/** A point on the quality-cost plane: quality in [0, 1], cost in USD per case. */
export type QualityCost = { quality: number; costPerCase: number };

/**
 * The points no other point beats: none has a cost at most as high and a quality at least as
 * high, with one of the two strictly better. Returned cheapest first, so quality strictly rises.
 * Duplicate points keep the first.
 */
export function paretoFrontier<P extends QualityCost>(points: readonly P[]): P[] {
  const sorted = points
    .map((point, index) => ({ point, index }))
    .sort(
      (a, b) =>
        a.point.costPerCase - b.point.costPerCase ||
        b.point.quality - a.point.quality ||
        a.index - b.index,
    );
  const frontier: P[] = [];
  let best = Number.NEGATIVE_INFINITY;
  for (const { point } of sorted) {
    if (point.quality > best) {
      frontier.push(point);
      best = point.quality;
    }
  }
  return frontier;
}

/**
 * The best quality reachable at an expected cost of at most c by randomly mixing the points:
 * the upper concave envelope of their Pareto frontier, returned cheapest first.
 */
export function concaveEnvelope(points: readonly QualityCost[]): QualityCost[] {
  const hull: QualityCost[] = [];
  for (const point of paretoFrontier(points)) {
    while (hull.length >= 2) {
      const a = hull[hull.length - 2]!;
      const b = hull[hull.length - 1]!;
      // Drop b when it lies on or below the chord from a to the new point.
      const cross =
        (b.costPerCase - a.costPerCase) * (point.quality - a.quality) -
        (b.quality - a.quality) * (point.costPerCase - a.costPerCase);
      if (cross >= 0) hull.pop();
      else break;
    }
    hull.push(point);
  }
  return hull;
}

/**
 * AIQ, the average improvement in quality (RouterBench, Hu et al. 2024), as Crossbench computes it:
 *
 * 1. Normalise cost to [0, 1] over `range` (the cheapest and the dearest point of the whole
 *    simulation, so every policy shares one scale): ĉ = (c − min) / (max − min).
 * 2. R(ĉ) is the best quality the policy reaches at a normalised cost of at most ĉ by randomly
 *    mixing its points (their upper concave envelope, linear between envelope points); it is the
 *    envelope's best quality beyond its dearest point and 0 below its cheapest point (unreachable).
 * 3. AIQ = ∫₀¹ R(ĉ) dĉ, in quality units (0–1).
 *
 * A single point at (ĉ₀, q₀) therefore has AIQ = q₀ · (1 − ĉ₀). When the range is empty (every
 * point costs the same) AIQ is the best quality. Null without points.
 */
export function computeAiq(
  points: readonly QualityCost[],
  range: { min: number; max: number },
): number | null {
  if (points.length === 0) return null;
  const hull = concaveEnvelope(points);
  const span = range.max - range.min;
  if (!(span > 0)) return Math.max(...hull.map((p) => p.quality));
  const norm = (c: number) => Math.min(1, Math.max(0, (c - range.min) / span));
  let area = 0;
  for (let i = 0; i < hull.length; i++) {
    const here = hull[i]!;
    const next = hull[i + 1];
    const x0 = norm(here.costPerCase);
    const x1 = next ? norm(next.costPerCase) : 1;
    const q1 = next ? next.quality : here.quality;
    area += ((here.quality + q1) / 2) * (x1 - x0);
  }
  return area;
}

/** A threshold router's point for CPT: its quality and its share of calls to the strong target. */
export type CptPoint = { quality: number; strongShare: number };

/**
 * CPT(x), the call-performance threshold (RouteLLM, Ong et al. 2024): the smallest share of calls
 * to the strong target among the router's points whose quality closes at least x of the gap
 * between the weak and the strong target, i.e. quality ≥ weak + x · (strong − weak).
 *
 * Crossbench takes weak = the cheapest single target and strong = the best single target (highest
 * quality, the cheaper on a tie), and reads CPT off the swept points without interpolating (a
 * conservative step). Null when no point gets there, or when the strong target is not better than
 * the weak one (there is no gap to close).
 *
 * @param x - The share of the gap, in (0, 1], e.g. 0.5 for CPT(50%).
 */
export function computeCpt(
  points: readonly CptPoint[],
  weakQuality: number,
  strongQuality: number,
  x: number,
): number | null {
  const gap = strongQuality - weakQuality;
  if (!(gap > 0)) return null;
  const target = weakQuality + x * gap;
  // A float tolerance: a point that is the strong target itself must count as closing 100%.
  const reaching = points.filter((p) => p.quality >= target - 1e-12);
  if (reaching.length === 0) return null;
  return Math.min(...reaching.map((p) => p.strongShare));
}
