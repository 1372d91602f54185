/**
 * The product's one formatting vocabulary: every number a user sees, on a page, in a report, in
 * an export or in the CLI, is written by one of these functions, so the same figure reads the same
 * everywhere. Pure; no locale of the machine it runs on (server and browser render the same text).
 *
 * Quality has one unit across the product: points, 0–100. Scores are stored in [0, 1] and shown
 * as points (a score of 0.842 is 84.2 points); a difference of scores is in points too (+4.2 points).
 * Pass and error rates are shares of cases or trials and are shown as percentages.
 *
 * A missing value (null, undefined, NaN, ±∞) is "—", never zero. Negative numbers use the minus
 * sign (U+2212), not a hyphen.
 */

export const DASH = "—";
export const MINUS = "\u2212";

type Maybe = number | null | undefined;

function isMissing(value: Maybe): value is null | undefined {
  return value === null || value === undefined || !Number.isFinite(value);
}

/** Replaces a leading hyphen with the minus sign and drops the sign of a negative zero. */
function signed(text: string): string {
  if (!text.startsWith("-")) return text;
  const body = text.slice(1);
  return /^[0.]+$/.test(body) ? body : `${MINUS}${body}`;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

// ---------------------------------------------------------------------------------------------
// Quality

/**
 * A score or a difference of scores in [−1, 1] as points, rounded to the one decimal every
 * surface shows. Exports and the CLI's JSON carry this number, so a figure read from a file is
 * the figure on the page. Null when missing.
 */
export function toPoints(value: Maybe): number | null {
  return isMissing(value) ? null : round(value * 100, 1);
}

/** A figure already in points (or percent) as every surface writes it: "84.2", "−4.2". */
function pointsText(points: number): string {
  return signed(points.toFixed(1));
}

/** A difference already in points, signed: "+4.2", "−0.3", "0.0". */
function signedPointsText(points: number): string {
  if (points === 0) return "0.0";
  return points > 0 ? `+${points.toFixed(1)}` : `${MINUS}${Math.abs(points).toFixed(1)}`;
}

/** A score as points without its unit, for tables whose header names it: "84.2". */
export function formatScore(value: Maybe): string {
  const points = toPoints(value);
  return points === null ? DASH : pointsText(points);
}

/** A score as points with its unit, for sentences: "84.2 points". */
export function formatScoreWithUnit(value: Maybe): string {
  const text = formatScore(value);
  return text === DASH ? DASH : `${text} points`;
}

/** A difference of scores, signed, without unit: "+4.2", "−0.3", "0.0". */
export function formatSignedPoints(value: Maybe): string {
  const points = toPoints(value);
  return points === null ? DASH : signedPointsText(points);
}

/** A difference of scores, signed, with its unit: "+4.2 points". */
export function formatPointsDifference(value: Maybe): string {
  const text = formatSignedPoints(value);
  return text === DASH ? DASH : `${text} points`;
}

/** An interval of scores: "[78.1, 86.0]". */
export function formatScoreInterval(low: Maybe, high: Maybe): string {
  return `[${formatScore(low)}, ${formatScore(high)}]`;
}

/** A difference's confidence interval in a sentence: "95% CI −6.7 to +15.1". */
export function formatDifferenceCi(low: Maybe, high: Maybe): string {
  return `95% CI ${formatSignedPoints(low)} to ${formatSignedPoints(high)}`;
}

/** A score's confidence interval in a sentence: "95% CI 78.1 to 86.0". */
export function formatScoreCi(low: Maybe, high: Maybe): string {
  return `95% CI ${formatScore(low)} to ${formatScore(high)}`;
}

/** A margin of equivalence in points, unsigned: a margin of 0.02 is "±2 points". */
export function formatMargin(margin: number): string {
  return `±${Number((margin * 100).toFixed(1))} points`;
}

// ---------------------------------------------------------------------------------------------
// Shares

/** A share in [0, 1] as a percentage with one decimal: "93.4%". */
export function formatPercent(value: Maybe): string {
  const percent = toPoints(value);
  return percent === null ? DASH : `${pointsText(percent)}%`;
}

/** A share as a whole percentage, for progress and weights: "38%". */
export function formatWholePercent(value: Maybe): string {
  return isMissing(value) ? DASH : `${Math.round(value * 100)}%`;
}

/** How many times one amount is another, one decimal: "1.9×". */
export function formatMultiple(ratio: Maybe): string {
  return isMissing(ratio) ? DASH : `${ratio.toFixed(1)}×`;
}

// ---------------------------------------------------------------------------------------------
// Money

/**
 * A USD amount with enough decimals to show two significant digits of a small amount: "$12.40",
 * "$0.034", "$0.00048", "$0.00". Costs per call are fractions of a cent, so fixed decimals would
 * print most of them as $0.00.
 */
export function formatUsd(value: Maybe): string {
  if (isMissing(value)) return DASH;
  const magnitude = Math.abs(value);
  const decimals =
    magnitude === 0 || magnitude >= 1
      ? 2
      : Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(magnitude))));
  const text = `$${magnitude.toFixed(decimals)}`;
  return value < 0 && Number(magnitude.toFixed(decimals)) !== 0 ? `${MINUS}${text}` : text;
}

/** The cost of one case (all repeats of one case on one target). */
export function formatUsdPerCase(value: Maybe): string {
  return isMissing(value) ? DASH : `${formatUsd(value)} per case`;
}

/** A monthly amount, whole dollars from $100: "$1,240 per month", "$12.40 per month". */
export function formatUsdPerMonth(value: Maybe): string {
  if (isMissing(value)) return DASH;
  const text =
    Math.abs(value) >= 100
      ? `${value < 0 ? MINUS : ""}$${formatCount(Math.round(Math.abs(value)))}`
      : formatUsd(value);
  return `${text} per month`;
}

/** USD per 1M tokens, a catalogue price: "$3.00", "$0.075". */
export function formatUsdPerMillion(value: Maybe): string {
  if (isMissing(value)) return DASH;
  const digits = value !== 0 && Math.abs(value) < 0.1 ? 3 : 2;
  return `${value < 0 ? MINUS : ""}$${Math.abs(value).toFixed(digits)}`;
}

// ---------------------------------------------------------------------------------------------
// Time and speed

/** A duration in milliseconds: "840 ms", "1.24 s". */
export function formatMs(value: Maybe): string {
  if (isMissing(value)) return DASH;
  if (Math.abs(value) < 1000) return `${Math.round(value)} ms`;
  return `${(value / 1000).toFixed(2)} s`;
}

/** A longer duration for an ETA: "45 s", "3 min 20 s", "2 h 5 min". */
export function formatEta(value: Maybe): string {
  if (isMissing(value)) return DASH;
  const seconds = Math.max(0, Math.round(value / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Output speed: "84 tok/s", "7.5 tok/s". */
export function formatTokensPerSecond(value: Maybe): string {
  return isMissing(value) ? DASH : `${value.toFixed(value < 10 ? 1 : 0)} tok/s`;
}

/** A rate of things per second: "3.4 trials/s", "120 trials/s". */
export function formatPerSecond(value: Maybe, noun: string): string {
  if (isMissing(value)) return DASH;
  return `${value < 10 ? value.toFixed(1) : formatCount(value)} ${noun}/s`;
}

// ---------------------------------------------------------------------------------------------
// Counts and statistics

/** A count with thousands separators: "1,234". */
export function formatCount(value: Maybe): string {
  if (isMissing(value)) return DASH;
  return signed(Math.round(value).toLocaleString("en-US"));
}

/** Token counts, compact: "200K", "1M", "512". */
export function formatTokens(value: Maybe): string {
  if (isMissing(value)) return DASH;
  if (value >= 1_000_000) return `${Number((value / 1_000_000).toFixed(2))}M`;
  if (value >= 1_000) return `${Number((value / 1_000).toFixed(1))}K`;
  return String(value);
}

/** A p-value: "p = 0.031", "p < 0.001". */
export function formatPValue(value: Maybe): string {
  if (isMissing(value)) return DASH;
  return value < 0.001 ? "p < 0.001" : `p = ${value.toFixed(3)}`;
}

// ---------------------------------------------------------------------------------------------
// Dates (always UTC, so every reader and both renderers see the same text)

function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** A day: "2026-11-25". */
export function formatDay(value: Date | string): string {
  return toDate(value).toISOString().slice(0, 10);
}

/** A moment: "2026-11-25 23:21:54 UTC". */
export function formatDateTime(value: Date | string): string {
  return `${toDate(value).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

// ---------------------------------------------------------------------------------------------
// Lock-in

/** A lock-in score, factor value or contribution (already 0–100) at the one decimal shown. */
export function toRisk(value: Maybe): number | null {
  return isMissing(value) ? null : round(value, 1);
}

/** A lock-in risk score or a factor's contribution, already on 0–100: "42.5". */
export function formatRisk(value: Maybe): string {
  const risk = toRisk(value);
  return risk === null ? DASH : risk.toFixed(1);
}

// ---------------------------------------------------------------------------------------------
// Chart axes (ticks sit on round values, so they carry fewer decimals than the figures)

/** A score tick in points: 0.8 → "80". */
export function formatScoreTick(value: number): string {
  return String(Number((value * 100).toFixed(1)));
}

/** A difference tick in signed points: 0.05 → "+5", −0.005 → "−0.5", 0 → "0". */
export function formatDifferenceTick(value: number): string {
  const points = Number((value * 100).toFixed(1));
  if (points === 0) return "0";
  return `${points > 0 ? "+" : MINUS}${Math.abs(points)}`;
}

// ---------------------------------------------------------------------------------------------
// Exported figures

/**
 * The unit of a column of numbers in an export (CSV, JSON, Markdown): the number is already in
 * it (points, percent, USD, ms…), as {@link toPoints} and {@link toUsd} write it.
 */
export type ColumnUnit =
  | "text"
  | "points"
  | "signed-points"
  | "percent"
  | "usd"
  | "ms"
  | "count"
  | "p-value"
  | "risk"
  | "number";

/** USD for exports: six significant digits, so a fraction of a cent keeps its precision. */
export function toUsd(value: Maybe): number | null {
  return isMissing(value) ? null : Number(value.toPrecision(6));
}

/**
 * An exported number written as the pages write the same figure: a score of 84.2 points is
 * "84.2" here and on the page, a difference "+4.2", a cost "$0.00045".
 */
export function formatExported(value: number | null, unit: ColumnUnit): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  switch (unit) {
    case "points":
      return pointsText(value);
    case "signed-points":
      return signedPointsText(value);
    case "percent":
      return `${pointsText(value)}%`;
    case "usd":
      return formatUsd(value);
    case "ms":
      return formatMs(value);
    case "count":
      return formatCount(value);
    case "p-value":
      return formatPValue(value);
    case "risk":
      return formatRisk(value);
    case "text":
    case "number":
      return String(value);
  }
}
