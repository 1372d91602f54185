/**
 * Number formats the report's text and tables share. Scores are stored in [0, 1] and shown as
 * points (× 100); negative numbers use the minus sign, not a hyphen.
 */

const MINUS = "\u2212";

/** A score or difference in [−1, 1] as points with one decimal, e.g. "84.2". */
export function formatPoints(value: number): string {
  const text = (value * 100).toFixed(1);
  return text.startsWith("-") ? `${MINUS}${text.slice(1)}` : text;
}

/** A difference in points with its sign, e.g. "+0.9", "−1.6", "0.0". */
export function formatSignedPoints(value: number): string {
  const text = formatPoints(value);
  if (text === "0.0" || text === `${MINUS}0.0`) return "0.0";
  return text.startsWith(MINUS) ? text : `+${text}`;
}

/** A USD amount with enough decimals to show two significant digits of small amounts. */
export function formatUsd(value: number): string {
  if (value === 0) return "$0";
  const decimals =
    Math.abs(value) >= 1
      ? 2
      : Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(Math.abs(value)))));
  const text = Math.abs(value).toFixed(decimals);
  return value < 0 ? `${MINUS}$${text}` : `$${text}`;
}

/** A share in [0, 1] as a whole percentage, e.g. "38%". */
export function formatPercent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
