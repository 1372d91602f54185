import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { parseCommaSeparatedValues } from "../scorers/text";
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
  "icontains-any",
  "icontains-all",
  "regex",
  "starts-with",
  "is-json",
  "contains-json",
  "json-schema",
  "exact-match",
  "word-count",
  "finish-reason",
  "rouge-n",
  // promptfoo 0.123.1 inverts these too (levenshtein.ts, cost.ts, latency.ts, llmRubric.ts).
  "levenshtein",
  "cost",
  "latency",
  "llm-rubric",
]);

const STRING_VALUE_TYPES: ReadonlySet<AssertionType> = new Set<AssertionType>([
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
  "is-refusal",
  "pi",
  "ruby",
  "trace-span-count",
  "trace-span-duration",
  "istarts-with",
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
    case "equals": {
      // promptfoo src/assertions/equals.ts handleEquals: an object (or array) value is compared
      // structurally with the output parsed as JSON.
      if (Array.isArray(value)) {
        if (value.every((item) => typeof item === "string")) return { ok: true, value };
        return fail("a list value must hold strings only");
      }
      if (isPlainObject(value)) return { ok: true, value };
      if (typeof value === "number" || typeof value === "boolean")
        return { ok: true, value: String(value) };
      if (typeof value !== "string" || value === "")
        return fail("value must be a non-empty string");
      return { ok: true, value };
    }
    case "exact-match": {
      if (typeof value === "number") return { ok: true, value: String(value) };
      if (typeof value === "string" && value !== "") return { ok: true, value };
      const list = Array.isArray(value) ? toStringList(value) : null;
      if (list === null || list.length === 0)
        return fail("value must be a string or a list of strings");
      return { ok: true, value: list };
    }
    case "contains-any":
    case "contains-all":
    case "icontains-any":
    case "icontains-all": {
      // A string stays a string: promptfoo renders it with the vars first, then splits it as CSV
      // fields (src/assertions/contains.ts → src/util/parseCommaSeparatedValues.ts); the scorer
      // does the same split. Checked here so a malformed quote is reported at import.
      if (typeof value === "string") {
        try {
          if (parseCommaSeparatedValues(value).length > 0) return { ok: true, value };
        } catch (error) {
          return fail(error instanceof Error ? error.message : "invalid list");
        }
        return fail("value must be a list of strings (or a comma-separated string)");
      }
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
      if (value === undefined || value === null || value === "")
        return { ok: true, value: undefined };
      // promptfoo src/assertions/json.ts getJsonSchemaValidator: a string schema is YAML
      // (`yaml.load(renderedValue)`), so JSON text and YAML mappings both work.
      let schema: unknown = value;
      if (typeof value === "string") {
        try {
          schema = parseYaml(value, { maxAliasCount: 100 });
        } catch {
          return fail("value, when a string, must be a JSON Schema written as YAML or JSON");
        }
      }
      if (!isPlainObject(schema)) return fail("value, when given, must be a JSON Schema object");
      return { ok: true, value: schema };
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
    case "finish-reason":
    case "rouge-n":
      // promptfoo src/assertions/finishReason.ts, rouge.ts: `invariant(typeof value === 'string')`.
      if (typeof value !== "string" || value === "")
        return fail("value must be a non-empty string");
      return { ok: true, value };
    case "assert-set":
      return { ok: true, value: undefined };
    case "rouge-l": {
      if (value === undefined || value === null) return { ok: true, value: undefined };
      if (typeof value !== "string") return fail("value, when given, must be a string");
      return { ok: true, value };
    }
    case "word-count": {
      // promptfoo src/assertions/wordCount.ts: a number (or numeric string), or { min, max }.
      if (isPlainObject(value)) {
        const { min, max } = value;
        const isBound = (bound: unknown) => bound === undefined || typeof bound === "number";
        if ((min === undefined && max === undefined) || !isBound(min) || !isBound(max))
          return fail("value must be a number or { min, max } with numbers");
        if (typeof min === "number" && typeof max === "number" && min > max)
          return fail(`min (${min}) must be at most max (${max})`);
        return { ok: true, value };
      }
      const count = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof count !== "number" || Number.isNaN(count))
        return fail("value must be a number or { min, max }");
      return { ok: true, value: count };
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
  draft: { type: string; value?: unknown; threshold?: number; weight?: number; metric?: string },
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
  if (type === "assert-set") {
    report('"assert-set" needs a list of assertions under assert');
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
  if (draft.metric !== undefined && draft.metric !== "") assertion.metric = draft.metric;
  return assertion;
}

const finiteNumber = z.number().refine(Number.isFinite, "must be a finite number");

const assertionObjectSchema = z.looseObject({
  type: z.string().min(1, "type is required"),
  value: z.unknown().optional(),
  threshold: finiteNumber.optional(),
  weight: finiteNumber.optional(),
  metric: z.string({ error: "metric must be a string" }).optional(),
});

const assertionSetSchema = z.looseObject({
  type: z.literal("assert-set"),
  assert: z.array(z.unknown(), { error: "assert-set needs a list of assertions under assert" }),
  threshold: finiteNumber.optional(),
  weight: finiteNumber.optional(),
  metric: z.string({ error: "metric must be a string" }).optional(),
});

const IGNORED_ASSERTION_KEYS = new Set(["provider", "config", "rubricPrompt"]);

function reportSchemaIssues(error: z.ZodError, report: ReportIssue, prefix: string): void {
  for (const issue of error.issues) {
    const path = formatIssuePath(issue.path);
    report(`${prefix}${path === "" ? "" : ` ${path}`}: ${issue.message}`);
  }
}

/**
 * Reads promptfoo's `assert-set` (src/assertions/index.ts runAssertions): its assertions, and its
 * own threshold, weight and metric. A set inside a set is refused: promptfoo's schema accepts it
 * but its runAssertion has no handler for it, so the test errors.
 */
function parseAssertionSet(
  raw: unknown,
  report: ReportIssue,
  warn: (message: string) => void,
): Assertion | null {
  const parsed = assertionSetSchema.safeParse(raw);
  if (!parsed.success) {
    reportSchemaIssues(parsed.error, report, "assert-set");
    return null;
  }
  const { type, assert, threshold, weight, metric, ...rest } = parsed.data;
  for (const key of Object.keys(rest)) {
    if (key === "config") warn('Assertion key "config" is ignored by Crossbench.');
    else warn(`Unknown assertion key "${key}" was ignored.`);
  }
  let isValid = true;
  const assertions: Assertion[] = [];
  assert.forEach((item, index) => {
    const where = `assert-set item ${index + 1}`;
    const itemReport: ReportIssue = (message) => {
      isValid = false;
      report(`${where}: ${message}`);
    };
    if (typeof item === "object" && item !== null && "type" in item && item.type === "assert-set") {
      itemReport("an assert-set cannot be inside an assert-set (promptfoo cannot run it)");
      return;
    }
    const assertion = parseAssertionObject(item, itemReport, warn);
    if (assertion !== null) assertions.push(assertion);
  });
  if (weight !== undefined && weight < 0) {
    report("assert-set: weight must not be negative");
    isValid = false;
  }
  if (!isValid) return null;
  const set: Assertion = { type, assert: assertions };
  if (threshold !== undefined) set.threshold = threshold;
  if (weight !== undefined) set.weight = weight;
  if (metric !== undefined && metric !== "") set.metric = metric;
  return set;
}

/** Reads a promptfoo-style assertion object (`{ type, value, threshold, weight, metric }`). */
export function parseAssertionObject(
  raw: unknown,
  report: ReportIssue,
  warn: (message: string) => void,
): Assertion | null {
  if (typeof raw === "string") return parseAssertionShorthand(raw, report, warn);
  if (typeof raw === "object" && raw !== null && "type" in raw && raw.type === "assert-set")
    return parseAssertionSet(raw, report, warn);
  const parsed = assertionObjectSchema.safeParse(raw);
  if (!parsed.success) {
    reportSchemaIssues(parsed.error, report, "assertion");
    return null;
  }
  const { type, value, threshold, weight, metric, ...rest } = parsed.data;
  if ("transform" in rest || "contextTransform" in rest) {
    report(`assertion "${type}": transform is JavaScript, which Crossbench does not run`);
    return null;
  }
  for (const key of Object.keys(rest)) {
    if (IGNORED_ASSERTION_KEYS.has(key)) warn(`Assertion key "${key}" is ignored by Crossbench.`);
    else warn(`Unknown assertion key "${key}" was ignored.`);
  }
  return buildAssertion({ type, value, threshold, weight, metric }, report);
}

/**
 * promptfoo's CSV shorthand (src/csv.ts `getAssertionRegex`): `not-`, a type, an optional
 * `(n)` threshold written as digits with an optional fraction, and an optional `:value`. A cell
 * that does not match (a threshold such as `(x)` or `(-1)`) is no shorthand: it is `equals` text.
 */
const SHORTHAND_PATTERN = /^(not-)?([a-z][a-z0-9-]*)(?:\((\d+(?:\.\d+)?)\))?(?::([\s\S]*))?$/;

/**
 * Types promptfoo's CSV shorthand gives a threshold, `(n)` or else 0.75 (promptfoo 0.123 src/csv.ts
 * `assertionFromString`: `threshold: threshold ?? defaultThreshold`, 0.75 but for `similar`).
 * Only the ones Crossbench scores are listed; other types drop `(n)`. `levenshtein:text`
 * therefore passes at distance ≤ 0.75 (an exact match) in a CSV, though a YAML `levenshtein`
 * without threshold allows 5 (src/assertions/levenshtein.ts): Crossbench follows each path, and
 * warns at import.
 */
const CSV_THRESHOLD_TYPES = new Set(["levenshtein", "cost", "latency", "rouge-n", "starts-with"]);

/** Types whose CSV threshold scoring never reads, so the 0.75 default needs no warning. */
const CSV_SILENT_THRESHOLD_TYPES = new Set(["rouge-n", "starts-with"]);

/** promptfoo src/csv.ts: the threshold a CSV shorthand gets when it has no `(n)`. */
export const CSV_DEFAULT_THRESHOLD = 0.75;

/** Types a shorthand keeps a `(n)` threshold for: promptfoo's list, and Crossbench's graded types. */
const CROSSBENCH_THRESHOLD_TYPES = new Set(["numeric", "rouge-l"]);

/**
 * Reads promptfoo's `__expected` shorthand: `icontains:bonjour`, `not-contains:x`,
 * `grade:is polite` (an llm-rubric), `contains-any:a,b`, `levenshtein(3):text`, `is-json`.
 * A string with no known type prefix is an `equals` check on the whole (trimmed) string.
 *
 * As promptfoo 0.123's src/csv.ts `assertionFromString`: the cell is trimmed, so is the value
 * after the colon, a contains-any/all value is split as CSV fields (quotes keep commas, as
 * src/util/parseCommaSeparatedValues.ts), and levenshtein, cost, latency and rouge-n get a
 * threshold of `(n)` or else 0.75 (see {@link CSV_THRESHOLD_TYPES}); `warn` says so when that
 * default applies to a type whose verdict it changes.
 */
export function parseAssertionShorthand(
  text: string,
  report: ReportIssue,
  warn: (message: string) => void = () => {},
): Assertion | null {
  const cell = text.trim();
  // promptfoo checks these prefixes before its type pattern; "not-grade:" is no type at all.
  if (cell.startsWith("grade:") || cell.startsWith("llm-rubric:"))
    return buildAssertion(
      { type: "llm-rubric", value: cell.slice(cell.indexOf(":") + 1).trim() },
      report,
    );
  const match = SHORTHAND_PATTERN.exec(cell);
  if (match === null) return buildAssertion({ type: "equals", value: cell }, report);
  const [, not = "", name = "", thresholdText, rawValue] = match;
  const value = rawValue?.trim();
  const isKnown =
    (isAssertionType(name) || UNSUPPORTED_PROMPTFOO_TYPES.has(name)) && name !== "grade";
  if (!isKnown || name === "assert-set")
    return buildAssertion({ type: "equals", value: cell }, report);
  let threshold = thresholdText === undefined ? undefined : Number(thresholdText);
  if (CSV_THRESHOLD_TYPES.has(name)) {
    if (threshold === undefined && !CSV_SILENT_THRESHOLD_TYPES.has(name))
      warn(
        `"${not}${name}" in the CSV shorthand without (n) gets promptfoo's CSV default threshold ${CSV_DEFAULT_THRESHOLD}` +
          (name === "levenshtein" ? " (so only an exact match passes)." : "."),
      );
    threshold ??= CSV_DEFAULT_THRESHOLD;
    if (name === "starts-with") threshold = undefined;
  } else if (!CROSSBENCH_THRESHOLD_TYPES.has(name)) threshold = undefined;
  if (name === "cost" || name === "latency")
    // promptfoo's handleCost/handleLatency read only the threshold; `cost(0.001):` is fine.
    return buildAssertion({ type: `${not}${name}`, threshold }, report);
  if (
    name === "contains-any" ||
    name === "contains-all" ||
    name === "icontains-any" ||
    name === "icontains-all"
  ) {
    let items: string[] = [];
    try {
      items = parseCommaSeparatedValues(rawValue ?? "");
    } catch (error) {
      report(`${name}: ${error instanceof Error ? error.message : "invalid list"}`);
      return null;
    }
    return buildAssertion({ type: `${not}${name}`, value: items, threshold }, report);
  }
  return buildAssertion({ type: `${not}${name}`, value, threshold }, report);
}
