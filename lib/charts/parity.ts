/**
 * Prepares the parity chart: per target, its mean score with a 95% CI, and its paired difference
 * against the reference target with a 95% CI, the verdict and n. Positions are fractions (0–1) of
 * each panel's width, so the component only draws. Missing figures are gaps, never zeros.
 */

import { DEFAULT_PARITY_MARGIN } from "@/lib/eval/stats";
import { describeCasesNeeded, type PairSummary } from "@/lib/eval/summary";

// Components read paired comparisons and their wording through here (they may not import lib/eval).
export { DEFAULT_PARITY_MARGIN, describeCasesNeeded, type PairSummary };

export type ParityVerdict = PairSummary["verdict"];

export type ParityInput = {
  id: string;
  label: string;
  /** The platform's display name, the row's short name. */
  platform: string;
  isSimulated: boolean;
  isReference: boolean;
  score: { value: number; low: number; high: number; n: number } | null;
  /** Paired difference (this target − reference), null for the reference or with no paired case. */
  pair: Pick<
    PairSummary,
    "difference" | "low" | "high" | "n" | "verdict" | "margin" | "casesNeeded"
  > | null;
};

export type ParityInterval = {
  value: number;
  low: number;
  high: number;
  n: number;
  at: { value: number; low: number; high: number };
};

export type ParityRow = {
  id: string;
  label: string;
  platform: string;
  isSimulated: boolean;
  isReference: boolean;
  score: ParityInterval | null;
  difference:
    | (ParityInterval & {
        verdict: ParityVerdict;
        /** For an inconclusive verdict: how many cases would settle it (describeCasesNeeded). */
        casesNeeded: string | null;
      })
    | null;
};

export type PreparedParity = {
  rows: ParityRow[];
  /** The difference axis, symmetric around 0, in score units (0.05 = 5 points). */
  differenceDomain: [number, number];
  differenceTicks: { value: number; at: number }[];
  scoreTicks: { value: number; at: number }[];
  /** The equivalence band (±margin) on the difference axis. */
  margin: number;
  marginAt: { low: number; high: number };
  zeroAt: number;
  isEmpty: boolean;
};

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/**
 * A "nice" step for about two ticks each side of zero: the difference panel is a third of the
 * chart's width, and in print (A4 at 80%) four a side ran into each other ("−20−15").
 */
function niceStep(extent: number): number {
  const raw = extent / 2;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** Rows in the given order; the difference axis covers every CI and twice the margin. */
export function prepareParity(
  targets: readonly ParityInput[],
  margin = DEFAULT_PARITY_MARGIN,
): PreparedParity {
  const extents = targets.flatMap((t) =>
    t.pair ? [Math.abs(t.pair.low), Math.abs(t.pair.high), Math.abs(t.pair.difference)] : [],
  );
  const rawExtent = Math.max(margin * 2, ...extents.filter(Number.isFinite));
  const step = niceStep(rawExtent);
  const extent = Math.ceil(rawExtent / step - 1e-9) * step;
  const diffAt = (value: number) => clamp01((value + extent) / (2 * extent));
  const rows = targets.map((t): ParityRow => {
    const score =
      t.score && t.score.n > 0 && Number.isFinite(t.score.value)
        ? (() => {
            const value = clamp01(t.score.value);
            const low = clamp01(Math.min(t.score.low, value));
            const high = clamp01(Math.max(t.score.high, value));
            return { value, low, high, n: t.score.n, at: { value, low, high } };
          })()
        : null;
    const difference =
      t.pair && !t.isReference && Number.isFinite(t.pair.difference)
        ? {
            value: t.pair.difference,
            low: Math.min(t.pair.low, t.pair.difference),
            high: Math.max(t.pair.high, t.pair.difference),
            n: t.pair.n,
            verdict: t.pair.verdict,
            casesNeeded: describeCasesNeeded(t.pair),
            at: {
              value: diffAt(t.pair.difference),
              low: diffAt(Math.min(t.pair.low, t.pair.difference)),
              high: diffAt(Math.max(t.pair.high, t.pair.difference)),
            },
          }
        : null;
    return {
      id: t.id,
      label: t.label,
      platform: t.platform,
      isSimulated: t.isSimulated,
      isReference: t.isReference,
      score,
      difference,
    };
  });
  const differenceTicks: { value: number; at: number }[] = [];
  for (let v = -extent; v <= extent + 1e-9; v += step) {
    const value = Math.abs(v) < 1e-12 ? 0 : Number(v.toFixed(6));
    differenceTicks.push({ value, at: diffAt(value) });
  }
  return {
    rows,
    differenceDomain: [-extent, extent],
    differenceTicks,
    scoreTicks: [0, 0.25, 0.5, 0.75, 1].map((value) => ({ value, at: value })),
    margin,
    marginAt: { low: diffAt(-margin), high: diffAt(margin) },
    zeroAt: diffAt(0),
    isEmpty: rows.every((row) => row.score === null),
  };
}
