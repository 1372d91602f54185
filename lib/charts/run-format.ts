/**
 * Formatters for the figures of an evaluation run. Every one says its unit, and a missing value
 * is "—", never zero.
 */

const DASH = "—";

function isMissing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || !Number.isFinite(value);
}

/** A duration in milliseconds: "840 ms", "1.24 s". */
export function formatMs(value: number | null | undefined): string {
  if (isMissing(value)) return DASH;
  if (Math.abs(value) < 1000) return `${Math.round(value)} ms`;
  return `${(value / 1000).toFixed(2)} s`;
}

/** A longer duration for an ETA: "45 s", "3 min 20 s", "2 h 5 min". */
export function formatEta(value: number | null | undefined): string {
  if (isMissing(value)) return DASH;
  const seconds = Math.max(0, Math.round(value / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** An amount in USD with enough digits for small per-call costs: "$12.40", "$0.034", "$0.00021". */
export function formatUsd(value: number | null | undefined): string {
  if (isMissing(value)) return DASH;
  const magnitude = Math.abs(value);
  const digits = magnitude === 0 || magnitude >= 1 ? 2 : magnitude >= 0.01 ? 3 : 5;
  return `${value < 0 ? "-" : ""}$${magnitude.toFixed(digits)}`;
}

/** A score in [0, 1] with three decimals: "0.812". */
export function formatScore(value: number | null | undefined): string {
  return isMissing(value) ? DASH : value.toFixed(3);
}

/** A proportion as a percentage: "93.4%". */
export function formatPercent(value: number | null | undefined): string {
  return isMissing(value) ? DASH : `${(value * 100).toFixed(1)}%`;
}

/** Output speed: "84 tok/s". */
export function formatTokensPerSecond(value: number | null | undefined): string {
  return isMissing(value) ? DASH : `${value.toFixed(value < 10 ? 1 : 0)} tok/s`;
}

/** A difference of scores in points (1 point = 0.01): "+1.4 pts", "−0.3 pts". */
export function formatPoints(value: number | null | undefined): string {
  if (isMissing(value)) return DASH;
  const points = value * 100;
  const sign = points > 0.05 ? "+" : points < -0.05 ? "−" : "±";
  return `${sign}${Math.abs(points).toFixed(1)} pts`;
}

/** A p-value: "p = 0.031", "p < 0.001". */
export function formatPValue(value: number | null | undefined): string {
  if (isMissing(value)) return DASH;
  return value < 0.001 ? "p < 0.001" : `p = ${value.toFixed(3)}`;
}
