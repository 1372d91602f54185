import { z } from "zod";
import { ASSERTION_TYPES, type Assertion, type AssertionType } from "../types";
import { formatIssuePath } from "./issues";

/** Reports one problem with the assertion being read; the caller knows the file and line. */
export type ReportIssue = (message: string) => void;

const NEGATABLE_TYPES: ReadonlySet<AssertionType> = new Set<AssertionType>([
  "equals",
  "contains",
  "icontains",
  "contains-any",
  "contains-all",
  "regex",
  "starts-with",
  "is-json",
  "contains-json",
  "json-schema",
  "exact-match",
]);

const STRING_VALUE_TYPES: ReadonlySet<AssertionType> = new Set<AssertionType>([
  "equals",
  "contains",
  "icontains",
  "starts-with",
  "levenshtein",
  "llm-rubric",
]);

/**
 * promptfoo types Crossbench does not score. Listed so a shorthand such as `python:file.py`
 * is rejected by name instead of being read as a literal `equals` string.
 */
const UNSUPPORTED_PROMPTFOO_TYPES = new Set([
  "javascript",
  "python",
  "fn",
  "eval",
  "file",
  "webhook",
  "similar",
  "classifier",
  "moderation",
  "perplexity",
  "perplexity-score",
  "rouge-n",
  "bleu",
  "gleu",
  "meteor",
  "answer-relevance",
  "context-faithfulness",
  "context-recall",
  "context-relevance",
  "factuality",
  "g-eval",
  "model-graded-closedqa",
  "model-graded-factuality",
  "select-best",
  "max-score",
  "is-valid-openai-tools-call",
  "is-valid-openai-function-call",
  "is-sql",
  "contains-sql",
  "is-xml",
  "contains-xml",
  "is-html",
  "contains-html",
  "guardrails",
  "cost-per-token",
  "finish-reason",
  "is-refusal",
  "pi",
  "ruby",
  "trace-span-count",
  "trace-span-duration",
  "assert-set",
  "icontains-any",
  "icontains-all",
  "istarts-with",
  "word-count",
]);

function isAssertionType(type: string): type is AssertionType {
  return (ASSERTION_TYPES as readonly string[]).includes(type);
}

/** Resolves `not-contains` to `{ type: "contains", negate: true }`, reporting unknown types. */
function resolveType(
  rawType: string,
  report: ReportIssue,
): { type: AssertionType; negate: boolean } | null {
  const negate = rawType.startsWith("not-") && !isAssertionType(rawType);
  const base = negate ? rawType.slice(4) : rawType;
  if (!isAssertionType(base)) {
    report(`unsupported assertion type "${rawType}"`);
    return null;
  }
  if (negate && !NEGATABLE_TYPES.has(base)) {
    report(`assertion type "${base}" cannot be negated ("${rawType}")`);
    return null;
  }
  return { type: base, negate };
}

function toStringList(value: unknown): string[] | null {
  if (typeof value === "string")
    return value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
  if (
    Array.isArray(value) &&
    value.every((item) => typeof item === "string" || typeof item === "number")
  )
    return value.map(String);
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks a value against what its type needs; returns the normalised value or reports. */
function checkValue(
  type: AssertionType,
  value: unknown,
  report: ReportIssue,
): { ok: true; value: Assertion["value"] } | { ok: false } {
  const fail = (message: string) => {
    report(`${type}: ${message}`);
    return { ok: false } as const;
  };
  if (STRING_VALUE_TYPES.has(type)) {
    if (typeof value === "number" || typeof value === "boolean")
      return { ok: true, value: String(value) };
    if (typeof value !== "string" || value === "") return fail("value must be a non-empty string");
    return { ok: true, value };
  }
  switch (type) {
    case "exact-match": {
      if (typeof value === "number") return { ok: true, value: String(value) };
      if (typeof value === "string" && value !== "") return { ok: true, value };
      const list = Array.isArray(value) ? toStringList(value) : null;
      if (list === null || list.length === 0)
        return fail("value must be a string or a list of strings");
      return { ok: true, value: list };
    }
    case "contains-any":
    case "contains-all": {
      const list = toStringList(value);
      if (list === null || list.length === 0)
        return fail("value must be a list of strings (or a comma-separated string)");
      return { ok: true, value: list };
    }
    case "regex": {
      if (typeof value !== "string" || value === "")
        return fail("value must be a regular expression");
      try {
        new RegExp(value);
      } catch (error) {
        return fail(
          `invalid regular expression: ${error instanceof Error ? error.message : "syntax error"}`,
        );
      }
      return { ok: true, value };
    }
    case "is-json":
    case "contains-json": {
      if (value === undefined || value === null) return { ok: true, value: undefined };
      if (!isPlainObject(value)) return fail("value, when given, must be a JSON Schema object");
      return { ok: true, value };
    }
    case "json-schema": {
      if (!isPlainObject(value)) return fail("value must be a JSON Schema object");
      return { ok: true, value };
    }
    case "numeric": {
      const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof number !== "number" || !Number.isFinite(number))
        return fail("value must be a number");
      return { ok: true, value: number };
    }
    case "rouge-l": {
      if (value === undefined || value === null) return { ok: true, value: undefined };
      if (typeof value !== "string") return fail("value, when given, must be a string");
      return { ok: true, value };
    }
    case "cost":
    case "latency":
      if (value !== undefined && value !== null)
        return fail("takes no value; put the limit in threshold");
      return { ok: true, value: undefined };
    default:
      return { ok: true, value: undefined };
  }
}

/** Builds a validated assertion from its parts, reporting every problem found. */
export function buildAssertion(
  draft: { type: string; value?: unknown; threshold?: number; weight?: number },
  report: ReportIssue,
): Assertion | null {
  const resolved = resolveType(draft.type, report);
  if (resolved === null) return null;
  const { type, negate } = resolved;
  const checked = checkValue(type, draft.value, report);
  let isValid = checked.ok;
  if ((type === "cost" || type === "latency") && draft.threshold === undefined) {
    report(`${type}: needs a numeric threshold (${type === "cost" ? "max USD" : "max ms"})`);
    isValid = false;
  }
  if (draft.threshold !== undefined && draft.threshold < 0) {
    report(`${type}: threshold must not be negative`);
    isValid = false;
  }
  if (type === "rouge-l" && draft.threshold !== undefined && draft.threshold > 1) {
    report("rouge-l: threshold is an F1 score between 0 and 1");
    isValid = false;
  }
  if (draft.weight !== undefined && draft.weight < 0) {
    report(`${type}: weight must not be negative`);
    isValid = false;
  }
  if (!isValid || !checked.ok) return null;
  const assertion: Assertion = { type };
  if (checked.value !== undefined) assertion.value = checked.value;
  if (draft.threshold !== undefined) assertion.threshold = draft.threshold;
  if (draft.weight !== undefined) assertion.weight = draft.weight;
  if (negate) assertion.negate = true;
  return assertion;
}

const finiteNumber = z.number().refine(Number.isFinite, "must be a finite number");

const assertionObjectSchema = z.looseObject({
  type: z.string().min(1, "type is required"),
  value: z.unknown().optional(),
  threshold: finiteNumber.optional(),
  weight: finiteNumber.optional(),
});

const IGNORED_ASSERTION_KEYS = new Set(["metric", "provider", "config"]);

/** Reads a promptfoo-style assertion object (`{ type, value, threshold, weight }`). */
export function parseAssertionObject(
  raw: unknown,
  report: ReportIssue,
  warn: (message: string) => void,
): Assertion | null {
  if (typeof raw === "string") return parseAssertionShorthand(raw, report);
  const parsed = assertionObjectSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formatIssuePath(issue.path);
      report(`assertion${path === "" ? "" : ` ${path}`}: ${issue.message}`);
    }
    return null;
  }
  const { type, value, threshold, weight, ...rest } = parsed.data;
  if ("transform" in rest) {
    report(`assertion "${type}": transform is not supported`);
    return null;
  }
  for (const key of Object.keys(rest)) {
    if (IGNORED_ASSERTION_KEYS.has(key)) warn(`Assertion key "${key}" is ignored by Crossbench.`);
    else warn(`Unknown assertion key "${key}" was ignored.`);
  }
  return buildAssertion({ type, value, threshold, weight }, report);
}

const SHORTHAND_PATTERN = /^(not-)?([a-z][a-z0-9-]*)(?:\(([^)]*)\))?(?::([\s\S]*))?$/;

/**
 * Reads promptfoo's `__expected` shorthand: `icontains:bonjour`, `not-contains:x`,
 * `grade:is polite` (an llm-rubric), `contains-any:a,b`, `levenshtein(3):text`, `is-json`.
 * A string with no known type prefix is an `equals` check on the whole string.
 */
export function parseAssertionShorthand(text: string, report: ReportIssue): Assertion | null {
  const match = SHORTHAND_PATTERN.exec(text.trim());
  if (match === null) return buildAssertion({ type: "equals", value: text }, report);
  const [, not = "", name = "", thresholdText, value] = match;
  if (name === "grade" || name === "llm-rubric") {
    if (not !== "") {
      report(`assertion type "llm-rubric" cannot be negated ("${not}${name}")`);
      return null;
    }
    return buildAssertion({ type: "llm-rubric", value: value?.trim() }, report);
  }
  const isKnown = isAssertionType(name) || UNSUPPORTED_PROMPTFOO_TYPES.has(name);
  if (!isKnown) return buildAssertion({ type: "equals", value: text }, report);
  let threshold: number | undefined;
  if (thresholdText !== undefined) {
    threshold = Number(thresholdText);
    if (thresholdText.trim() === "" || !Number.isFinite(threshold)) {
      report(`assertion "${not}${name}": threshold "${thresholdText}" is not a number`);
      return null;
    }
  }
  return buildAssertion({ type: `${not}${name}`, value, threshold }, report);
}
