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
 * Splits a comma-separated assertion value into items the way promptfoo does
 * (src/util/parseCommaSeparatedValues.ts `parseCommaSeparatedValues`, used by contains-any,
 * contains-all and their `i` variants): commas and whitespace between items are skipped, an
 * unquoted item runs to the next comma and is trimmed, and a `"quoted"` item keeps commas and
 * spaces, with `\"`, `\\` and `""` as escapes. Throws on an unterminated quote or on text
 * after a closing quote, as promptfoo does.
 */
export function parseCommaSeparatedValues(text: string): string[] {
  const items: string[] = [];
  const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);
  let index = 0;
  for (;;) {
    while (index < text.length && (isSpace(text[index]) || text[index] === ",")) index += 1;
    if (index >= text.length) return items;
    if (text[index] !== '"') {
      const end = text.indexOf(",", index);
      const stop = end === -1 ? text.length : end;
      items.push(text.slice(index, stop).trim());
      index = stop;
      continue;
    }
    let item = "";
    let isClosed = false;
    index += 1;
    while (index < text.length) {
      const char = text[index];
      const next = text[index + 1];
      if (char === "\\" && (next === '"' || next === "\\")) {
        item += next;
        index += 2;
      } else if (char === '"' && next === '"') {
        item += '"';
        index += 2;
      } else if (char === '"') {
        index += 1;
        isClosed = true;
        break;
      } else {
        item += char;
        index += 1;
      }
    }
    if (!isClosed) throw new Error("unterminated quoted item in the list");
    items.push(item);
    while (index < text.length && isSpace(text[index])) index += 1;
    if (index < text.length && text[index] !== ",")
      throw new Error("expected a comma after a quoted item in the list");
  }
}

/**
 * The assertion value as a list: a string array as given, or a string split as promptfoo splits
 * it ({@link parseCommaSeparatedValues}); null when there is no usable list.
 */
export function getListValue(value: Value): string[] | null {
  if (Array.isArray(value)) return value;
  const text = getTextValue(value);
  if (text === null) return null;
  try {
    return parseCommaSeparatedValues(text);
  } catch {
    return null;
  }
}

function missingValue(expectation: string): Check {
  return configError(expectation, "the assertion has no value");
}

/** `equals` with a text value: the output must be exactly the value (no trimming). */
export function checkEquals(output: string, expected: string): Check {
  return binaryCheck(output === expected, `to equal ${quote(expected)}`);
}

/**
 * `contains`: the output includes the value (case-sensitive). An empty value (a template that
 * rendered to nothing) is a broken assertion, as promptfoo's `isContainsValue` refuses `""`
 * (src/assertions/contains.ts).
 */
export function checkContains(output: string, value: Value): Check {
  const needle = getTextValue(value);
  if (needle === null || needle === "") return missingValue("to contain a value");
  return binaryCheck(output.includes(needle), `to contain ${quote(needle)}`);
}

/** `icontains`: the output includes the value, ignoring case; an empty value is broken, as `contains`. */
export function checkIContains(output: string, value: Value): Check {
  const needle = getTextValue(value);
  if (needle === null || needle === "") return missingValue("to contain a value (any case)");
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

/**
 * `icontains-any`: the output includes at least one of the values, ignoring case (promptfoo
 * src/assertions/contains.ts handleIContainsAny).
 */
export function checkIContainsAny(output: string, value: Value): Check {
  const needles = getListValue(value);
  if (needles === null || needles.length === 0)
    return missingValue("to contain any of a list (any case)");
  const lower = output.toLowerCase();
  return binaryCheck(
    needles.some((needle) => lower.includes(needle.toLowerCase())),
    `to contain any of ${needles.map(quote).join(", ")} (any case)`,
  );
}

/**
 * `icontains-all`: the output includes every value, ignoring case (promptfoo
 * src/assertions/contains.ts handleIContainsAll); the score is the fraction found.
 */
export function checkIContainsAll(output: string, value: Value): Check {
  const needles = getListValue(value);
  if (needles === null || needles.length === 0)
    return missingValue("to contain all of a list (any case)");
  const lower = output.toLowerCase();
  const missing = needles.filter((needle) => !lower.includes(needle.toLowerCase()));
  const check: Check = {
    pass: missing.length === 0,
    score: (needles.length - missing.length) / needles.length,
    expectation: `to contain all of ${needles.map(quote).join(", ")} (any case)`,
  };
  if (missing.length > 0) check.detail = `missing ${missing.map(quote).join(", ")}`;
  return check;
}

/**
 * `word-count`, as promptfoo's handleWordCount (src/assertions/wordCount.ts): words are the
 * whitespace-separated pieces of the trimmed output; a number value is the exact count, a
 * `{ min, max }` value an inclusive range (either bound may be left out).
 */
export function checkWordCount(output: string, value: Value): Check {
  const words = output
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0).length;
  const detail = `${words} ${words === 1 ? "word" : "words"}`;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const min = typeof value.min === "number" ? value.min : undefined;
    const max = typeof value.max === "number" ? value.max : undefined;
    if (min === undefined && max === undefined)
      return configError("a word count", "the value needs min and/or max");
    if (min !== undefined && max !== undefined && min > max)
      return configError("a word count", `min ${min} is greater than max ${max}`);
    const expectation =
      min !== undefined && max !== undefined
        ? `between ${min} and ${max} words`
        : min !== undefined
          ? `at least ${min} words`
          : `at most ${max} words`;
    const pass = (min === undefined || words >= min) && (max === undefined || words <= max);
    return binaryCheck(pass, expectation, detail);
  }
  const expected = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof expected !== "number" || Number.isNaN(expected))
    return configError("a word count", "the value must be a number or { min, max }");
  return binaryCheck(words === expected, `exactly ${expected} words`, detail);
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
