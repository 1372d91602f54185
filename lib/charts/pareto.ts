/**
 * Prepares the cost-against-quality scatter: every target of a run at (cost per 1,000 cases, mean
 * score), with the Pareto frontier (no other target is both cheaper and better) highlighted. A
 * target without a known cost or a scored case has no point: it is listed as missing, never drawn
 * at zero.
 */

/** A point to place: x = cost (lower is better), y = quality (higher is better). */
export type ParetoInput = { id: string; cost: number; quality: number };

/**
 * The ids of the points on the Pareto frontier, cheapest first. A point is on the frontier when no
 * other point costs no more and scores at least as much, with one of the two strictly better.
 * Exact duplicates are all kept (neither dominates the other).
 */
export function paretoFrontier(points: readonly ParetoInput[]): string[] {
  const sorted = [...points]
    .filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.quality))
    .sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  const frontier: string[] = [];
  let best = -Infinity;
  let bestCost = NaN;
  for (const point of sorted) {
    if (point.quality > best) {
      frontier.push(point.id);
      best = point.quality;
      bestCost = point.cost;
    } else if (point.quality === best && point.cost === bestCost) {
      frontier.push(point.id);
    }
  }
  return frontier;
}

/** What the preparer needs from a target's summary. */
export type CostQualityInput = {
  id: string;
  label: string;
  isSimulated: boolean;
  /** USD per 1,000 cases that returned an output; null when unknown. */
  costPer1kUsd: number | null;
  score: { value: number; low: number; high: number; n: number } | null;
};

export type CostQualityPoint = {
  id: string;
  /** The point's number on the chart ("1", "2"…), keyed to its label below the chart. */
  tag: string;
  label: string;
  cost: number;
  score: number;
  low: number;
  high: number;
  /** Distances below and above the score, as recharts' error bars take them. */
  error: [number, number];
  n: number;
  isFrontier: boolean;
  isSimulated: boolean;
};

export type PreparedCostQuality = {
  points: CostQualityPoint[];
  /** The frontier, cheapest first, for the line through it. */
  frontier: CostQualityPoint[];
  /** Targets with no point, and why. */
  missing: { label: string; reason: "no cost" | "no score" }[];
  isEmpty: boolean;
  /** Whether the x axis is logarithmic (costs span more than 20×). */
  isLogCost: boolean;
};

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** Points for every target with both a cost and a score; the frontier flagged and listed. */
export function prepareCostQuality(targets: readonly CostQualityInput[]): PreparedCostQuality {
  const points: CostQualityPoint[] = [];
  const missing: PreparedCostQuality["missing"] = [];
  for (const target of targets) {
    const score = target.score;
    if (!score || score.n === 0 || !Number.isFinite(score.value)) {
      missing.push({ label: target.label, reason: "no score" });
      continue;
    }
    if (target.costPer1kUsd === null || !Number.isFinite(target.costPer1kUsd)) {
      missing.push({ label: target.label, reason: "no cost" });
      continue;
    }
    const value = clamp01(score.value);
    const low = clamp01(Math.min(score.low, value));
    const high = clamp01(Math.max(score.high, value));
    points.push({
      id: target.id,
      tag: String(points.length + 1),
      label: target.label,
      cost: target.costPer1kUsd,
      score: value,
      low,
      high,
      error: [value - low, high - value],
      n: score.n,
      isFrontier: false,
      isSimulated: target.isSimulated,
    });
  }
  const onFrontier = new Set(
    paretoFrontier(points.map((p) => ({ id: p.id, cost: p.cost, quality: p.score }))),
  );
  for (const point of points) point.isFrontier = onFrontier.has(point.id);
  const frontier = points
    .filter((p) => p.isFrontier)
    .sort((a, b) => a.cost - b.cost || a.score - b.score);
  const costs = points.map((p) => p.cost).filter((c) => c > 0);
  const isLogCost =
    costs.length === points.length &&
    costs.length >= 2 &&
    Math.max(...costs) / Math.min(...costs) > 20;
  return { points, frontier, missing, isEmpty: points.length === 0, isLogCost };
}
