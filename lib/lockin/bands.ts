/** Risk bands of the 0–100 lock-in score. */

export const BANDS = ["low", "moderate", "high", "critical"] as const;

/** A lock-in risk band. */
export type Band = (typeof BANDS)[number];

/** The band's label and the score range it covers, as shown to users. */
export const BAND_LABELS: Record<Band, { label: string; range: string }> = {
  low: { label: "Low", range: "0 to under 25" },
  moderate: { label: "Moderate", range: "25 to under 50" },
  high: { label: "High", range: "50 to 75" },
  critical: { label: "Critical", range: "over 75" },
};

/**
 * The band of a score. Boundaries: low is [0, 25), moderate [25, 50), high [50, 75] and critical
 * (75, 100]: the rubric says "over 75 critical", so exactly 75 is still high, while 25 and 50 open
 * the next band up.
 */
export function bandOf(score: number): Band {
  if (score > 75) return "critical";
  if (score >= 50) return "high";
  if (score >= 25) return "moderate";
  return "low";
}
