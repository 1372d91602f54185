/**
 * String scorers: equality, containment, prefixes, regular expressions, edit distance and
 * normalised exact match. Pure: no Next, React, Prisma or env.
 */
import { distance } from "fastest-levenshtein";
import type { Assertion } from "../types";
import { binaryCheck, type Check, configError, quote } from "./check";

type Value = Assertion["value"];

/** The assertion value as text when it is a string or number; otherwise null. */
export function getTextValue(value: Value): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * The assertion value as a list: a string array as given, or a comma-separated string split and
 * trimmed the way promptfoo does (`"a, b"` → `["a", "b"]`). Empty items are dropped.
 */
export function getListValue(value: Value): string[] | null {
  if (Array.isArray(value)) return value;
  const text = getTextValue(value);
  if (text === null) return null;
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function missingValue(expectation: string): Check {
  return configError(expectation, "the assertion has no value");
}

/** `equals` with a text value: the output must be exactly the value (no trimming). */
export function checkEquals(output: string, expected: string): Check {
  return binaryCheck(output === expected, `to equal ${quote(expected)}`);
}

/** `contains`: the output includes the value (case-sensitive). */
export function checkContains(output: string, value: Value): Check {
  const needle = getTextValue(value);
  if (needle === null) return missingValue("to contain a value");
  return binaryCheck(output.includes(needle), `to contain ${quote(needle)}`);
}

/** `icontains`: the output includes the value, ignoring case. */
export function checkIContains(output: string, value: Value): Check {
  const needle = getTextValue(value);
  if (needle === null) return missingValue("to contain a value (any case)");
  return binaryCheck(
    output.toLowerCase().includes(needle.toLowerCase()),
    `to contain ${quote(needle)} (any case)`,
  );
}

/** `contains-any`: the output includes at least one of the values (case-sensitive). */
export function checkContainsAny(output: string, value: Value): Check {
  const needles = getListValue(value);
  if (needles === null || needles.length === 0) return missingValue("to contain any of a list");
  const expectation = `to contain any of ${needles.map(quote).join(", ")}`;
  return binaryCheck(
    needles.some((needle) => output.includes(needle)),
    expectation,
  );
}

/** `contains-all`: the output includes every value; the score is the fraction found. */
export function checkContainsAll(output: string, value: Value): Check {
  const needles = getListValue(value);
  if (needles === null || needles.length === 0) return missingValue("to contain all of a list");
  const missing = needles.filter((needle) => !output.includes(needle));
  const found = needles.length - missing.length;
  const check: Check = {
    pass: missing.length === 0,
    score: found / needles.length,
    expectation: `to contain all of ${needles.map(quote).join(", ")}`,
  };
  if (missing.length > 0) check.detail = `missing ${missing.map(quote).join(", ")}`;
  return check;
}

/** `starts-with`: the output begins with the value (no trimming). */
export function checkStartsWith(output: string, value: Value): Check {
  const prefix = getTextValue(value);
  if (prefix === null) return missingValue("to start with a value");
  return binaryCheck(output.startsWith(prefix), `to start with ${quote(prefix)}`);
}

const REGEX_CACHE_LIMIT = 500;
const regexCache = new Map<string, RegExp | { error: string }>();

/**
 * Compiles a user pattern once and keeps it (up to 500 patterns, oldest evicted first).
 * Invalid patterns are cached too, as their error message.
 */
function getRegex(pattern: string): RegExp | { error: string } {
  const cached = regexCache.get(pattern);
  if (cached !== undefined) return cached;
  let compiled: RegExp | { error: string };
  try {
    compiled = new RegExp(pattern);
  } catch (error) {
    compiled = { error: error instanceof Error ? error.message : String(error) };
  }
  if (regexCache.size >= REGEX_CACHE_LIMIT) {
    const oldest = regexCache.keys().next();
    if (!oldest.done) regexCache.delete(oldest.value);
  }
  regexCache.set(pattern, compiled);
  return compiled;
}

/**
 * `regex`: the output matches the pattern (no flags, as promptfoo). An invalid pattern fails the
 * assertion with the compiler's message; it never throws.
 */
export function checkRegex(output: string, value: Value): Check {
  const pattern = getTextValue(value);
  if (pattern === null) return missingValue("to match a pattern");
  const expectation = `to match /${pattern}/`;
  const regex = getRegex(pattern);
  if (!(regex instanceof RegExp)) return configError(expectation, `invalid regex: ${regex.error}`);
  return binaryCheck(regex.test(output), expectation);
}

/** Default maximum edit distance for `levenshtein`, as promptfoo. */
export const DEFAULT_LEVENSHTEIN_THRESHOLD = 5;

/**
 * `levenshtein`: the edit distance (UTF-16 code units) from output to value is at most
 * `threshold` (default 5). Score = 1 − distance / max(length of output, length of value); two
 * empty strings score 1.
 */
export function checkLevenshtein(output: string, value: Value, threshold?: number): Check {
  const target = getTextValue(value);
  const limit = threshold ?? DEFAULT_LEVENSHTEIN_THRESHOLD;
  if (target === null) return missingValue(`levenshtein distance ≤ ${limit}`);
  const edits = distance(output, target);
  const longest = Math.max(output.length, target.length);
  return {
    pass: edits <= limit,
    score: longest === 0 ? 1 : 1 - edits / longest,
    expectation: `levenshtein distance ≤ ${limit} from ${quote(target)}`,
    detail: `distance ${edits}`,
  };
}

const WHITESPACE_RUN = /\s+/g;
const SURROUNDING_QUOTES = /^["'`“”‘’«»]+|["'`“”‘’«»]+$/g;
const TRAILING_PUNCTUATION = /[.!?]+$/;

/**
 * Normalises an answer for `exact-match`: Unicode NFKC, lower case, trimmed, inner whitespace
 * collapsed to one space, surrounding quotes and trailing `.`, `!`, `?` removed (repeatedly, so
 * `"Paris".` and `"Paris."` both become `paris`).
 */
export function normaliseAnswer(text: string): string {
  let current = text.normalize("NFKC").toLowerCase().replace(WHITESPACE_RUN, " ").trim();
  for (;;) {
    const next = current.replace(TRAILING_PUNCTUATION, "").replace(SURROUNDING_QUOTES, "").trim();
    if (next === current) return current;
    current = next;
  }
}

function getExpectedAnswers(value: Value, reference: string | null): string[] | null {
  if (value === undefined) return reference === null ? null : [reference];
  if (Array.isArray(value)) return value;
  const text = getTextValue(value);
  return text === null ? null : [text];
}

/**
 * `exact-match`: the normalised output equals the normalised value, or any of a list of values;
 * without a value, the case reference.
 */
export function checkExactMatch(output: string, value: Value, reference: string | null): Check {
  const candidates = getExpectedAnswers(value, reference);
  if (candidates === null || candidates.length === 0) {
    return missingValue("to match an answer (no value and no reference)");
  }
  const normalised = normaliseAnswer(output);
  const expectation =
    candidates.length === 1
      ? `to match ${quote(candidates[0] ?? "")} (normalised)`
      : `to match any of ${candidates.map(quote).join(", ")} (normalised)`;
  return binaryCheck(
    candidates.some((candidate) => normaliseAnswer(candidate) === normalised),
    expectation,
  );
}
