/**
 * The `numeric` scorer: the last number in the output against an expected number.
 * Pure: no Next, React, Prisma or env.
 */
import type { Assertion } from "../types";
import { binaryCheck, type Check, configError } from "./check";

/**
 * A number as written in prose: optional sign (ASCII or U+2212 minus), optional `$`, then an
 * integer with optional thousands commas (`1,234`) or plain digits, and an optional decimal part.
 * It must not continue an ASCII word, a number or a decimal point, so `v2`, `3-4` (read as 3 and 4)
 * and `1.2.3` do not produce spurious signs or fragments.
 */
const NUMBER_PATTERN =
  /(?<![A-Za-z0-9.])([-+\u2212]?)\$?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)/g;

/**
 * The last number written in `text` (`"1,234.5"` → 1234.5, `"-3"` → −3, `"$12.50"` → 12.5), or
 * null when there is none. Fractions and exponents are not numbers here: `3/4` yields 4.
 */
export function getLastNumber(text: string): number | null {
  let last: number | null = null;
  for (const match of text.matchAll(NUMBER_PATTERN)) {
    const digits = (match[2] ?? "").replaceAll(",", "");
    const magnitude = Number(digits);
    if (!Number.isFinite(magnitude)) continue;
    last = match[1] === "-" || match[1] === "\u2212" ? -magnitude : magnitude;
  }
  return last;
}

/** Default absolute tolerance for `numeric`. */
export const DEFAULT_NUMERIC_TOLERANCE = 1e-6;

function getExpectedNumber(value: Assertion["value"], reference: string | null): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") return getLastNumber(value);
  if (value === undefined && reference !== null) return getLastNumber(reference);
  return null;
}

/**
 * `numeric`: the last number in the output is within `threshold` (absolute, default 1e-6) of the
 * value, a number or a string holding one; without a value, the last number of the reference.
 */
export function checkNumeric(
  output: string,
  value: Assertion["value"],
  reference: string | null,
  threshold?: number,
): Check {
  const tolerance = threshold ?? DEFAULT_NUMERIC_TOLERANCE;
  const expected = getExpectedNumber(value, reference);
  if (expected === null) {
    return configError("a number", "the assertion has no numeric value and no numeric reference");
  }
  const expectation = `the last number to be ${expected} (± ${tolerance})`;
  const actual = getLastNumber(output);
  if (actual === null) return binaryCheck(false, expectation, "no number in the output");
  return binaryCheck(Math.abs(actual - expected) <= tolerance, expectation, `got ${actual}`);
}
