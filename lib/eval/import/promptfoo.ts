import { LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { CASE_CATEGORIES, type Assertion, type CaseCategory, type EvalCase } from "../types";
import { parseAssertionObject, parseAssertionShorthand } from "./assertion";
import { parseCsvTable, isExpectedColumn } from "./csv";
import { formatIssuePath, type IssueLog } from "./issues";
import { MAX_IMPORT_CASES, getDisplayName } from "./limits";
import { compileTemplate, type CompiledTemplate } from "./template";

/** Reads a file referenced as `file://path`, relative to the config; null when it does not exist. */
export type ReadFile = (relativePath: string) => string | null;

const categorySchema = z.enum(CASE_CATEGORIES, {
  error: `category must be one of ${CASE_CATEGORIES.join(", ")}`,
});

/**
 * A test's `options` (promptfoo src/types TestCaseSchema): prefix and suffix wrap the prompt;
 * the two switches change what a test runs. JavaScript options are refused by
 * {@link readOptions}; the rest are warned about.
 */
const optionsSchema = z.looseObject(
  {
    prefix: z.string({ error: "options.prefix must be a string" }).optional(),
    suffix: z.string({ error: "options.suffix must be a string" }).optional(),
    disableVarExpansion: z.boolean({ error: "must be true or false" }).optional(),
    disableDefaultAsserts: z.boolean({ error: "must be true or false" }).optional(),
  },
  { error: "options must be a mapping" },
);

const testSchema = z.looseObject(
  {
    description: z.string().optional(),
    vars: z.record(z.string(), z.unknown(), { error: "vars must be a mapping" }).optional(),
    assert: z.array(z.unknown(), { error: "assert must be a list" }).optional(),
    metadata: z.looseObject({ category: categorySchema.optional() }).optional(),
    threshold: z.number({ error: "threshold must be a number" }).optional(),
    options: optionsSchema.optional(),
  },
  { error: "a test must be a mapping with vars and assert" },
);

const promptSchema = z.union(
  [
    z.string().min(1),
    z.looseObject({
      raw: z.string().min(1),
      label: z.string().optional(),
      id: z.string().optional(),
    }),
  ],
  { error: "a prompt must be a string, file://path or {raw, label}" },
);

const promptListSchema = z.array(promptSchema).min(1, "prompts must not be empty");
const testListSchema = z.array(testSchema).min(1, "tests must not be empty");

const configSchema = z.looseObject({
  description: z.string().optional(),
  prompts: z.unknown().optional(),
  providers: z.unknown().optional(),
  defaultTest: testSchema.optional(),
  tests: z.unknown().optional(),
});

type TestInput = z.infer<typeof testSchema>;

const KNOWN_CONFIG_KEYS = new Set(["description", "prompts", "providers", "defaultTest", "tests"]);
const KNOWN_TEST_KEYS = new Set([
  "description",
  "vars",
  "assert",
  "metadata",
  "threshold",
  "options",
]);

/** Options that are JavaScript run by promptfoo; Crossbench runs no code from a suite. */
const CODE_OPTIONS = new Set(["transform", "postprocess", "transformVars"]);

/** Options Crossbench reads (the others are warned about, or refused when they are code). */
const KNOWN_OPTIONS = new Set(["prefix", "suffix", "disableVarExpansion", "disableDefaultAsserts"]);

/**
 * Crossbench's own assertion types. promptfoo does not know them: its schema lets any type
 * through, then runAssertion throws "Unknown assertion type" and the test errors (a CSV cell is
 * not even read as shorthand, but compared as equals text), so a file using them runs in
 * Crossbench only.
 */
const CROSSBENCH_ONLY_TYPES = new Set(["exact-match", "numeric", "rouge-l", "json-schema"]);

type TestOptions = {
  prefix?: string;
  suffix?: string;
  disableVarExpansion?: boolean;
  disableDefaultAsserts?: boolean;
};

type Prompt = { label: string; source: string; file: string; line: number | null };

type Test = {
  file: string;
  line: number | null;
  description: string | null;
  category: CaseCategory;
  vars: Record<string, unknown>;
  assertions: Assertion[];
  /** promptfoo's test threshold (see {@link EvalCase.threshold}). */
  threshold?: number;
  options: TestOptions;
};

type Context = { file: string; log: IssueLog; readFile: ReadFile | undefined };

export type PromptfooSuite = {
  description: string | null;
  promptCount: number;
  testCount: number;
  cases: EvalCase[];
};

/** The line of the node at `path`, or of its nearest ancestor that has one. */
function lineAt(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): number | null {
  for (let length = path.length; length >= 0; length -= 1) {
    const keys = path.slice(0, length).map((key) => (typeof key === "symbol" ? String(key) : key));
    const node: unknown = length === 0 ? doc.contents : doc.getIn(keys, true);
    if (typeof node === "object" && node !== null && "range" in node && Array.isArray(node.range)) {
      const start: unknown = node.range[0];
      if (typeof start === "number") return lineCounter.linePos(start).line;
    }
  }
  return null;
}

/** Resolves `file://x` against the config's folder; refuses absolute paths and `..`. */
function readReferencedFile(
  reference: string,
  context: Context,
  line: number | null,
): { path: string; text: string } | null {
  const path = reference.slice("file://".length).replace(/^\.\//, "");
  const { file, log, readFile } = context;
  if (
    path === "" ||
    path.startsWith("/") ||
    /^[a-z]:/i.test(path) ||
    path.split(/[\\/]/).includes("..")
  ) {
    log.error(file, line, `file reference "${reference}" must be a path inside the suite's folder`);
    return null;
  }
  if (/[*?{}[\]]/.test(path)) {
    log.error(file, line, `file reference "${reference}": globs are not supported`);
    return null;
  }
  const text = readFile === undefined ? null : readFile(path);
  if (text === null) {
    log.error(file, line, `file not found: ${path}`);
    return null;
  }
  return { path, text: text.replace(/^\uFEFF/, "") };
}

/** Splits a prompts file on lines consisting of `---`, keeping each prompt's first line. */
function splitPromptFile(text: string): { source: string; line: number }[] {
  const pieces: { source: string; line: number }[] = [];
  let current: string[] = [];
  let start = 1;
  const flush = () => {
    const leading = current.findIndex((line) => line.trim() !== "");
    if (leading >= 0) pieces.push({ source: current.join("\n").trim(), line: start + leading });
  };
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "---") {
      flush();
      current = [];
      start = index + 2;
    } else current.push(line);
  });
  flush();
  return pieces;
}

function resolvePrompts(
  prompts: string | z.infer<typeof promptListSchema>,
  context: Context,
  line: (path: PropertyKey[]) => number | null,
): Prompt[] {
  const list = typeof prompts === "string" ? [prompts] : prompts;
  const out: Prompt[] = [];
  list.forEach((item, index) => {
    const itemLine = line(typeof prompts === "string" ? ["prompts"] : ["prompts", index]);
    if (typeof item !== "string") {
      const label = item.label ?? item.id ?? `prompt-${out.length + 1}`;
      out.push({ label, source: item.raw, file: context.file, line: itemLine });
      return;
    }
    if (!item.startsWith("file://")) {
      out.push({
        label: `prompt-${out.length + 1}`,
        source: item,
        file: context.file,
        line: itemLine,
      });
      return;
    }
    if (!/\.(txt|md|j2|njk|prompt)$/i.test(item)) {
      context.log.error(
        context.file,
        itemLine,
        `unsupported prompt file "${item}" (use a text file)`,
      );
      return;
    }
    const read = readReferencedFile(item, context, itemLine);
    if (read === null) return;
    const name = getDisplayName(read.path);
    const pieces = splitPromptFile(read.text);
    if (pieces.length === 0) context.log.error(name, null, "the prompts file is empty");
    pieces.forEach((piece, pieceIndex) =>
      out.push({
        label: `${name}#${pieceIndex + 1}`,
        source: piece.source,
        file: name,
        line: piece.line,
      }),
    );
  });
  return out;
}

function parseAssertionList(
  list: readonly unknown[],
  context: Context,
  file: string,
  lineOf: (index: number) => number | null,
): { assertions: Assertion[]; isValid: boolean } {
  const assertions: Assertion[] = [];
  let isValid = true;
  list.forEach((raw, index) => {
    const assertion = parseAssertionObject(
      raw,
      (message) => {
        isValid = false;
        context.log.error(file, lineOf(index), message);
      },
      (message) => context.log.warn(message),
    );
    if (assertion !== null) {
      warnCrossbenchOnly(assertion, context);
      assertions.push(assertion);
    }
  });
  return { assertions, isValid };
}

function warnCrossbenchOnly(assertion: Assertion, context: Context): void {
  if (CROSSBENCH_ONLY_TYPES.has(assertion.type))
    context.log.warn(
      `"${assertion.type}" is a Crossbench assertion type: promptfoo does not know it (a YAML assertion fails its test with "Unknown assertion type", a CSV cell is compared as equals text), so this file gives those verdicts in Crossbench only.`,
    );
  for (const inner of assertion.assert ?? []) warnCrossbenchOnly(inner, context);
}

/**
 * Reads a test's (or defaultTest's) `options`: prefix, suffix and the two switches. promptfoo's
 * `transform`, `postprocess` and `transformVars` are JavaScript and refused with their line;
 * other options (a grading provider, repeat, …) are warned about and ignored.
 */
function readOptions(
  options: z.infer<typeof optionsSchema> | undefined,
  context: Context,
  lineOf: (key: string) => number | null,
): { options: TestOptions; isValid: boolean } {
  if (options === undefined) return { options: {}, isValid: true };
  let isValid = true;
  for (const key of Object.keys(options)) {
    if (CODE_OPTIONS.has(key)) {
      isValid = false;
      context.log.error(
        context.file,
        lineOf(key),
        `options.${key} is JavaScript, which Crossbench does not run`,
      );
    } else if (!KNOWN_OPTIONS.has(key))
      context.log.warn(`Test option "${key}" is ignored by Crossbench.`);
  }
  const { prefix, suffix, disableVarExpansion, disableDefaultAsserts } = options;
  return {
    options: {
      ...(prefix === undefined ? {} : { prefix }),
      ...(suffix === undefined ? {} : { suffix }),
      ...(disableVarExpansion === undefined ? {} : { disableVarExpansion }),
      ...(disableDefaultAsserts === undefined ? {} : { disableDefaultAsserts }),
    },
    isValid,
  };
}

/**
 * A test with defaultTest merged in, as promptfoo's prepareTestCaseForEval and
 * prepareTestVariables (src/evaluator.ts): vars and options are merged (the test's win),
 * defaultTest's assertions come first unless `options.disableDefaultAsserts`, and the threshold
 * is the test's `?? defaultTest.threshold`.
 */
function mergeDefaults(
  defaults: Test,
  test: Omit<Test, "category" | "options"> & {
    category: CaseCategory | undefined;
    options: TestOptions;
  },
): Test {
  const options = { ...defaults.options, ...test.options };
  // `testCase.options?.prefix || defaultTest?.options?.prefix`: an empty prefix falls back.
  const prefix = test.options.prefix || defaults.options.prefix;
  const suffix = test.options.suffix || defaults.options.suffix;
  if (prefix !== undefined) options.prefix = prefix;
  if (suffix !== undefined) options.suffix = suffix;
  const threshold = test.threshold ?? defaults.threshold;
  return {
    ...test,
    category: test.category ?? defaults.category,
    vars: { ...defaults.vars, ...test.vars },
    assertions: [
      ...(options.disableDefaultAsserts === true ? [] : defaults.assertions),
      ...test.assertions,
    ],
    options,
    ...(threshold === undefined ? {} : { threshold }),
  };
}

function loadVarFiles(
  vars: Record<string, unknown>,
  context: Context,
  file: string,
  line: number | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(vars)) {
    if (typeof value === "string" && value.startsWith("file://")) {
      if (/\.(js|cjs|mjs|ts|py)$/i.test(value)) {
        context.log.error(file, line, `var "${name}": script files are not supported ("${value}")`);
        continue;
      }
      const read = readReferencedFile(value, { ...context, file }, line);
      out[name] = read?.text ?? "";
    } else out[name] = value;
  }
  return out;
}

function readInlineTests(
  tests: TestInput[],
  defaults: Test,
  context: Context,
  line: (path: PropertyKey[]) => number | null,
): Test[] {
  const out: Test[] = [];
  tests.forEach((test, index) => {
    if (context.log.isFull) return;
    const testLine = line(["tests", index]);
    for (const key of Object.keys(test))
      if (!KNOWN_TEST_KEYS.has(key))
        context.log.warn(`Test key "${key}" is ignored by Crossbench.`);
    const { assertions, isValid } = parseAssertionList(
      test.assert ?? [],
      context,
      context.file,
      (j) => line(["tests", index, "assert", j]),
    );
    const options = readOptions(test.options, context, (key) =>
      line(["tests", index, "options", key]),
    );
    if (!isValid || !options.isValid) return;
    out.push(
      mergeDefaults(defaults, {
        file: context.file,
        line: testLine,
        description: test.description ?? null,
        category: test.metadata?.category,
        vars: loadVarFiles(test.vars ?? {}, context, context.file, testLine),
        assertions,
        options: options.options,
        ...(test.threshold === undefined ? {} : { threshold: test.threshold }),
      }),
    );
  });
  return out;
}

/** CSV columns promptfoo's testCaseFromCsvRow reads that Crossbench reads too. */
const CSV_SPECIAL_COLUMNS = new Set([
  "__description",
  "__threshold",
  "__prefix",
  "__suffix",
  "__metric",
]);

/**
 * A CSV number as promptfoo 0.123 reads `__threshold` and `__config` cells (src/csv.ts
 * `parseFiniteNumber`): a whole decimal literal, trimmed; anything else (empty, "0.5x") is none.
 */
function parseFiniteNumber(cell: string | undefined): number | undefined {
  const trimmed = cell?.trim() ?? "";
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * The assertion index a `__config:__expected<N>:threshold` column targets (0-based; `__expected`
 * is the first), as promptfoo's testCaseFromCsvRow; null for any other column.
 */
function getConfigColumnTarget(column: string): number | null {
  const match = /^__config:__expected(\d*):threshold$/.exec(column);
  if (match === null) return null;
  const number = match[1] === "" || match[1] === undefined ? 1 : Number(match[1]);
  return number >= 1 ? number - 1 : null;
}

function readCsvTests(
  reference: string,
  defaults: Test,
  context: Context,
  line: number | null,
): Test[] {
  if (!/\.csv$/i.test(reference)) {
    context.log.error(context.file, line, `unsupported tests file "${reference}" (use a CSV file)`);
    return [];
  }
  const read = readReferencedFile(reference, context, line);
  if (read === null) return [];
  const file = getDisplayName(read.path);
  const table = parseCsvTable(read.text, file, context.log);
  if (table === null) return [];
  for (const column of table.header)
    if (
      column.startsWith("__") &&
      !isExpectedColumn(column) &&
      !CSV_SPECIAL_COLUMNS.has(column) &&
      getConfigColumnTarget(column) === null
    )
      context.log.warn(`Column "${column}" in ${file} is ignored by Crossbench.`);
  const out: Test[] = [];
  for (const row of table.rows) {
    if (context.log.isFull) break;
    let isValid = true;
    const reportRow = (message: string) => {
      isValid = false;
      context.log.error(file, row.line, message);
    };
    const vars: Record<string, unknown> = {};
    const assertions: Assertion[] = [];
    const thresholds = new Map<number, number>();
    for (const [column, cell] of Object.entries(row.cells)) {
      const target = getConfigColumnTarget(column);
      if (isExpectedColumn(column)) {
        if (cell.trim() === "") continue;
        const assertion = parseAssertionShorthand(cell, reportRow, (message) =>
          context.log.warn(message),
        );
        if (assertion !== null) {
          warnCrossbenchOnly(assertion, context);
          assertions.push(assertion);
        }
      } else if (target !== null) {
        const threshold = parseFiniteNumber(cell);
        if (threshold === undefined)
          reportRow(`column "${column}": "${cell}" is not a number (promptfoo refuses it too)`);
        else thresholds.set(target, threshold);
      } else if (!column.startsWith("__")) vars[column] = cell;
    }
    if (!isValid) continue;
    // promptfoo: `__config:__expected<N>:threshold` sets the threshold of the N-th assertion read
    // from the row (empty __expected cells are skipped, so N counts the assertions).
    for (const [index, threshold] of thresholds) {
      const assertion = assertions[index];
      if (assertion !== undefined) assertions[index] = { ...assertion, threshold };
    }
    // promptfoo puts the row's `__metric` on each of its assertions.
    const metric = row.cells.__metric;
    const withMetric =
      metric === undefined || metric === ""
        ? assertions
        : assertions.map((assertion) => ({ ...assertion, metric }));
    const description = row.cells.__description ?? "";
    const threshold = parseFiniteNumber(row.cells.__threshold);
    const { __prefix: prefix, __suffix: suffix } = row.cells;
    out.push(
      mergeDefaults(defaults, {
        file,
        line: row.line,
        description: description === "" ? null : description,
        category: undefined,
        vars,
        assertions: withMetric,
        options: {
          ...(prefix === undefined ? {} : { prefix }),
          ...(suffix === undefined ? {} : { suffix }),
        },
        ...(threshold === undefined ? {} : { threshold }),
      }),
    );
  }
  return out;
}

/**
 * The values one var takes, as promptfoo's `generateVarCombinations` (src/evaluator.ts): a list
 * whose first item is a string gives one test per item; any other value (a list of objects or
 * numbers, an empty list) is a single value.
 */
function getVarValues(value: unknown): unknown[] {
  return Array.isArray(value) && typeof value[0] === "string" ? value : [value];
}

/** How many tests a test's vars expand to (the product of each var's value count). */
function countVarCombinations(vars: Record<string, unknown>): number {
  let count = 1;
  for (const value of Object.values(vars)) count *= getVarValues(value).length;
  return count;
}

/**
 * Expands list vars into one var set per combination, in promptfoo's order
 * (src/evaluator.ts `generateVarCombinations`: the cartesian product over the vars in key
 * order, earlier keys varying slowest). Call only after {@link countVarCombinations} is bounded.
 */
function expandVarCombinations(vars: Record<string, unknown>): Record<string, unknown>[] {
  let combinations: Record<string, unknown>[] = [{}];
  for (const [key, value] of Object.entries(vars)) {
    const values = getVarValues(value);
    combinations = combinations.flatMap((combination) =>
      values.map((item) => ({ ...combination, [key]: item })),
    );
  }
  return combinations;
}

const TEMPLATE_MARKER = /\{[{%#]/;

/**
 * Renders assertion values with the test's vars, as promptfoo's `runAssertion`
 * (src/assertions/index.ts: a string value, and each string item of a list value, goes through
 * `nunjucks.renderString(value, vars)`; objects are left alone). Uses the safe template
 * interpreter of ./template (nothing in a value is executed; rendering has budgets). Text without
 * a template tag renders to itself, so it is not rendered at all.
 */
function renderAssertionValues(
  assertions: readonly Assertion[],
  vars: Record<string, unknown>,
  templates: Map<string, CompiledTemplate>,
): { ok: true; assertions: Assertion[] } | { ok: false; message: string } {
  let failure: string | null = null;
  const render = (text: string): string => {
    if (failure !== null || !TEMPLATE_MARKER.test(text)) return text;
    let template = templates.get(text);
    if (template === undefined) {
      template = compileTemplate(text);
      templates.set(text, template);
    }
    if (!template.ok) {
      failure = `template error: ${template.message}`;
      return text;
    }
    const rendered = template.render(vars);
    if (!rendered.ok) {
      failure = rendered.message;
      return text;
    }
    return rendered.text;
  };
  // promptfoo src/assertions/index.ts renderMetricName: a metric is rendered with the vars too,
  // but a metric that fails to render is kept as written (promptfoo only logs a warning).
  const renderMetric = (metric: string): string => {
    if (!TEMPLATE_MARKER.test(metric)) return metric;
    const template = compileTemplate(metric);
    if (!template.ok) return metric;
    const rendered = template.render(vars);
    return rendered.ok ? rendered.text : metric;
  };
  const renderOne = (assertion: Assertion): Assertion => {
    let out = assertion;
    const { value, metric, assert } = assertion;
    if (typeof value === "string") {
      const rendered = render(value);
      if (rendered !== value) out = { ...out, value: rendered };
    } else if (Array.isArray(value)) {
      const rendered = value.map(render);
      if (!rendered.every((item, index) => item === value[index]))
        out = { ...out, value: rendered };
    }
    if (metric !== undefined) {
      const rendered = renderMetric(metric);
      if (rendered !== metric) out = { ...out, metric: rendered };
    }
    if (assert !== undefined) out = { ...out, assert: assert.map(renderOne) };
    return out;
  };
  const out = assertions.map(renderOne);
  if (failure !== null) return { ok: false, message: failure };
  return { ok: true, assertions: out };
}

function stringifyVar(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
}

/**
 * `prompts` and `tests` are either a `file://` string or a list. Choosing the branch by shape
 * reports the real problem inside the list instead of zod's generic "invalid union".
 */
function parseStringOrList<T>(
  value: unknown,
  key: string,
  listSchema: z.ZodType<T[]>,
  required: string,
  report: (path: PropertyKey[], message: string) => void,
): string | T[] | null {
  if (typeof value === "string" && value.trim() !== "") return value;
  if (!Array.isArray(value)) {
    report([key], required);
    return null;
  }
  const parsed = listSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) report([key, ...issue.path], issue.message);
  return null;
}

/**
 * Reads a promptfoo config (YAML): every prompt × every test becomes one case `t<test>-p<prompt>`,
 * its prompt rendered with nunjucks. Errors point at the line of the offending YAML node, or the
 * CSV/prompt file line for referenced files.
 */
export function parsePromptfooConfig(
  text: string,
  file: string,
  readFile: ReadFile | undefined,
  log: IssueLog,
): PromptfooSuite | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  for (const error of doc.errors) {
    const line = lineCounter.linePos(error.pos[0]).line;
    log.error(file, line, `invalid YAML: ${error.message.split("\n")[0] ?? error.code}`);
  }
  if (log.hasErrors) return null;
  let json: unknown;
  try {
    json = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    log.error(
      file,
      null,
      `invalid YAML: ${error instanceof Error ? error.message : "cannot read"}`,
    );
    return null;
  }
  const line = (path: PropertyKey[]) => lineAt(doc, lineCounter, path);
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    log.error(file, 1, "a promptfoo config must be a YAML mapping");
    return null;
  }
  const report = (path: PropertyKey[], message: string) => {
    const where = formatIssuePath(path);
    const isSelfDescribing = message.startsWith(String(path[0] ?? "\0"));
    log.error(
      file,
      line(path),
      isSelfDescribing || where === "" ? message : `${where}: ${message}`,
    );
  };
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) for (const issue of parsed.error.issues) report(issue.path, issue.message);
  const promptList = parseStringOrList(
    parsed.data?.prompts,
    "prompts",
    promptListSchema,
    "prompts is required: a list of prompt strings or file:// references",
    report,
  );
  const testList = parseStringOrList(
    parsed.data?.tests,
    "tests",
    testListSchema,
    "tests is required: a list of tests or a file:// reference to a CSV file",
    report,
  );
  if (!parsed.success || promptList === null || testList === null) return null;
  const config = parsed.data;
  const context: Context = { file, log, readFile };
  for (const key of Object.keys(config))
    if (!KNOWN_CONFIG_KEYS.has(key)) log.warn(`Config key "${key}" is ignored by Crossbench.`);
  if (config.providers !== undefined)
    log.warn("providers are ignored: in Crossbench the targets are chosen when a run is launched.");

  const prompts = resolvePrompts(promptList, context, line);
  const defaultTest = config.defaultTest ?? {};
  for (const key of Object.keys(defaultTest))
    if (!KNOWN_TEST_KEYS.has(key)) log.warn(`defaultTest key "${key}" is ignored by Crossbench.`);
  const defaultAssertions = parseAssertionList(defaultTest.assert ?? [], context, file, (j) =>
    line(["defaultTest", "assert", j]),
  );
  const defaultOptions = readOptions(defaultTest.options, context, (key) =>
    line(["defaultTest", "options", key]),
  );
  const defaults: Test = {
    file,
    line: line(["defaultTest"]),
    description: null,
    category: defaultTest.metadata?.category ?? "general",
    vars: loadVarFiles(defaultTest.vars ?? {}, context, file, line(["defaultTest", "vars"])),
    assertions: defaultAssertions.assertions,
    options: defaultOptions.options,
    ...(defaultTest.threshold === undefined ? {} : { threshold: defaultTest.threshold }),
  };
  const tests =
    typeof testList === "string"
      ? testList.startsWith("file://")
        ? readCsvTests(testList, defaults, context, line(["tests"]))
        : (log.error(file, line(["tests"]), "tests must be a list or a file:// reference"), [])
      : readInlineTests(testList, defaults, context, line);
  if (log.hasErrors) return null;

  let expandedCount = 0;
  for (const test of tests)
    expandedCount +=
      test.options.disableVarExpansion === true ? 1 : countVarCombinations(test.vars);
  const caseCount = prompts.length * expandedCount;
  if (caseCount > MAX_IMPORT_CASES) {
    log.error(
      file,
      null,
      `too many cases: ${prompts.length} prompts × ${expandedCount} tests = ${caseCount} (at most ${MAX_IMPORT_CASES})`,
    );
    return null;
  }

  const compiled = prompts.map((prompt, index) => {
    const template = compileTemplate(prompt.source);
    if (!template.ok) {
      const where =
        prompt.line === null
          ? template.line
          : template.line === null
            ? prompt.line
            : prompt.line + template.line - 1;
      log.error(
        prompt.file,
        where,
        `prompt ${index + 1} (${prompt.label}) has a template error: ${template.message}`,
      );
    }
    return template;
  });
  if (log.hasErrors) return null;

  const cases: EvalCase[] = [];
  const valueTemplates = new Map<string, CompiledTemplate>();
  const wrappedTemplates = new Map<string, CompiledTemplate>();
  tests.forEach((test, testIndex) => {
    // promptfoo src/evaluator.ts: `testCase.options?.prefix || defaultTest?.options?.prefix || ""`
    // (the options are already merged), and `raw: promptPrefix + prompt.raw + promptSuffix`.
    const prefix = test.options.prefix || "";
    const suffix = test.options.suffix || "";
    const combinations =
      test.options.disableVarExpansion === true ? [test.vars] : expandVarCombinations(test.vars);
    combinations.forEach((vars, combinationIndex) => {
      if (log.isFull) return;
      const testName =
        combinations.length === 1
          ? `test ${testIndex + 1}`
          : `test ${testIndex + 1} (vars ${combinationIndex + 1} of ${combinations.length})`;
      const idPrefix =
        combinations.length === 1
          ? `t${testIndex + 1}`
          : `t${testIndex + 1}-v${combinationIndex + 1}`;
      const assertions = renderAssertionValues(test.assertions, vars, valueTemplates);
      if (!assertions.ok) {
        log.error(
          test.file,
          test.line,
          `an assertion value failed to render for ${testName}: ${assertions.message}`,
        );
        return;
      }
      compiled.forEach((promptTemplate, promptIndex) => {
        const prompt = prompts[promptIndex];
        if (!promptTemplate.ok || prompt === undefined || log.isFull) return;
        const name = `prompt ${promptIndex + 1} (${prompt.label})`;
        let template: CompiledTemplate = promptTemplate;
        if (prefix !== "" || suffix !== "") {
          const source = prefix + prompt.source + suffix;
          template = wrappedTemplates.get(source) ?? compileTemplate(source);
          wrappedTemplates.set(source, template);
          if (!template.ok) {
            log.error(
              test.file,
              test.line,
              `${name} with the test's options.prefix/suffix has a template error: ${template.message}`,
            );
            return;
          }
        }
        const rendered = template.render(vars);
        if (!rendered.ok) {
          log.error(
            test.file,
            test.line,
            `${name} failed to render for ${testName}: ${rendered.message}`,
          );
          return;
        }
        if (rendered.text.trim() === "") {
          log.error(test.file, test.line, `${name} renders to an empty prompt for ${testName}`);
          return;
        }
        const tags = [prompt.label];
        if (test.description !== null) tags.push(test.description);
        cases.push({
          id: `${idPrefix}-p${promptIndex + 1}`,
          category: test.category,
          tags,
          messages: [{ role: "user", content: rendered.text }],
          reference: null,
          assertions: assertions.assertions,
          ...(test.threshold === undefined ? {} : { threshold: test.threshold }),
          vars: Object.fromEntries(
            Object.entries(vars).map(([key, value]) => [key, stringifyVar(value)]),
          ),
        });
      });
    });
  });
  if (log.hasErrors) return null;
  return {
    description: config.description ?? null,
    promptCount: prompts.length,
    testCount: expandedCount,
    cases,
  };
}
