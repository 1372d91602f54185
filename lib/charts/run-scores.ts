/**
 * Prepares the run page's score chart: one point per target at its mean score, with the bounds of
 * its 95% confidence interval as error bars. A target with no scored case yet has no point (a gap,
 * listed under the chart), never a zero.
 */

/** What the preparer needs from a target's summary. */
export type RunScoreInput = {
  id: string;
  label: string;
  isSimulated: boolean;
  score: { value: number; low: number; high: number; n: number } | null;
};

export type RunScorePoint = {
  id: string;
  label: string;
  /** The label cut to fit the axis; the full label is in the tooltip. */
  shortLabel: string;
  mean: number;
  low: number;
  high: number;
  /** Distances below and above the mean, as recharts' error bars take them. */
  error: [number, number];
  n: number;
  isSimulated: boolean;
};

export type PreparedRunScores = {
  points: RunScorePoint[];
  /** Targets without a scored case yet. */
  missing: string[];
  isEmpty: boolean;
};

const MAX_LABEL = 38;

function shorten(label: string): string {
  return label.length <= MAX_LABEL ? label : `${label.slice(0, MAX_LABEL - 1)}…`;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** Points in the run's target order; intervals are clamped to [0, 1]. */
export function prepareRunScores(targets: readonly RunScoreInput[]): PreparedRunScores {
  const points: RunScorePoint[] = [];
  const missing: string[] = [];
  for (const target of targets) {
    const score = target.score;
    if (!score || score.n === 0 || !Number.isFinite(score.value)) {
      missing.push(target.label);
      continue;
    }
    const mean = clamp01(score.value);
    const low = clamp01(Math.min(score.low, mean));
    const high = clamp01(Math.max(score.high, mean));
    points.push({
      id: target.id,
      label: target.label,
      shortLabel: shorten(target.label),
      mean,
      low,
      high,
      error: [mean - low, high - mean],
      n: score.n,
      isSimulated: target.isSimulated,
    });
  }
  return { points, missing, isEmpty: points.length === 0 };
}
