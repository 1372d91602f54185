/**
 * The Herfindahl-Hirschman index: the sum of squared market shares. Crossbench computes it on
 * shares in [0, 1] and reports it on the usual 0–10,000 scale (Σ (share × 100)²), so a single
 * provider group is 10,000 and n equal groups give 10,000 / n. The US DOJ/FTC 2023 Merger
 * Guidelines call a market above 1,800 highly concentrated.
 */

/** HHI threshold above which a market counts as highly concentrated (2023 Merger Guidelines). */
export const HHI_HIGHLY_CONCENTRATED = 1800;

/**
 * HHI (0–10,000) of non-negative amounts, which are normalised to shares first. Returns null when
 * there is nothing to share out (no amounts, or all zero).
 */
export function computeHhi(amounts: readonly number[]): number | null {
  const positive = amounts.filter((amount) => Number.isFinite(amount) && amount > 0);
  const total = positive.reduce((sum, amount) => sum + amount, 0);
  if (total <= 0) return null;
  return positive.reduce((sum, amount) => sum + (amount / total) ** 2, 0) * 10_000;
}

/** Maps an HHI (0–10,000) to the 0–100 factor scale, linearly: HHI / 100. */
export function hhiToFactorValue(hhi: number): number {
  return Math.min(100, Math.max(0, hhi / 100));
}
