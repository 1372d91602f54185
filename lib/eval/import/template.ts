/**
 * Prompt templates in promptfoo's dialect (nunjucks syntax), rendered safely.
 *
 * Safe by construction rather than by denylist: nunjucks compiles a template to JavaScript and has
 * no sandbox, so its compiler and runtime are never used. Only its parser runs (it builds a tree
 * and executes nothing); this module then interprets an allow-listed subset of that tree. The
 * values a template can reach are data only (the test's vars, literals and results of the pure
 * filters below): no value is ever a function, member lookup reads own properties of plain
 * objects and arrays only, and nothing is ever called except the filters and tests listed here.
 * A node outside the subset (macros, includes, blocks, calls, extensions…) is refused at compile
 * time with its line. Rendering has budgets: nesting depth, loop iterations in total, the size of
 * every string produced, and time.
 */
import nunjucks from "nunjucks";

/** nunjucks exports its parser at run time; its type declarations leave it out. */
const nunjucksParser = (
  nunjucks as unknown as {
    parser: { parse(source: string, extensions: undefined, options: object): unknown };
  }
).parser;

/** Deepest nesting of tags and expressions a template may have. */
export const MAX_TEMPLATE_DEPTH = 40;
/** Loop iterations (all loops of one render together, `range` items included). */
export const MAX_TEMPLATE_ITERATIONS = 10_000;
/** Longest string (output or intermediate value) one render may produce, in characters. */
export const MAX_TEMPLATE_OUTPUT = 1_000_000;
/** Wall-clock budget for one render, in milliseconds. */
export const MAX_TEMPLATE_MILLISECONDS = 250;

/** A compiled prompt template, or why it could not be compiled (with the template's line). */
export type CompiledTemplate =
  | { ok: true; render: (vars: Record<string, unknown>) => RenderResult }
  | { ok: false; message: string; line: number | null };

export type RenderResult = { ok: true; text: string } | { ok: false; message: string };

/** The shape of nunjucks parser nodes that this module reads. */
type TemplateNode = {
  typename: string;
  lineno: number;
  children?: TemplateNode[];
  value?: unknown;
  [field: string]: unknown;
};

type Value = unknown;

class TemplateError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
  }
}

const lineOf = (node: TemplateNode): number | null =>
  typeof node.lineno === "number" ? node.lineno + 1 : null;

function child(node: TemplateNode, field: string): TemplateNode {
  const value = node[field];
  if (!isNode(value)) throw new TemplateError(`malformed ${node.typename}`, lineOf(node));
  return value;
}

function optionalChild(node: TemplateNode, field: string): TemplateNode | null {
  const value = node[field];
  return isNode(value) ? value : null;
}

function childrenOf(node: TemplateNode | null): TemplateNode[] {
  return node?.children ?? [];
}

function isNode(value: unknown): value is TemplateNode {
  return typeof value === "object" && value !== null && "typename" in value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// ---------------------------------------------------------------------------------------------
// Compile-time check: every node is in the subset, nesting is bounded.

const STATEMENTS = new Set(["Root", "NodeList", "Output", "TemplateData", "If", "For", "Set"]);
const EXPRESSIONS = new Set([
  "Literal",
  "Symbol",
  "LookupVal",
  "Group",
  "Array",
  "Dict",
  "Pair",
  "InlineIf",
  "Filter",
  "FunCall",
  "KeywordArgs",
  "In",
  "Is",
  "Or",
  "And",
  "Not",
  "Add",
  "Concat",
  "Sub",
  "Mul",
  "Div",
  "FloorDiv",
  "Mod",
  "Pow",
  "Neg",
  "Pos",
  "Compare",
  "CompareOperand",
]);

/** What users see for a refused construct: the tag or expression they wrote, not a node name. */
const REFUSED_NAMES: Record<string, string> = {
  Macro: "{% macro %}",
  Caller: "{% call %}",
  Import: "{% import %}",
  FromImport: "{% from … import %}",
  Include: "{% include %}",
  Extends: "{% extends %}",
  Block: "{% block %}",
  Super: "super()",
  Capture: "a block capture ({% filter %}…{% endfilter %} or {% set %}…{% endset %})",
  FilterAsync: "an async filter",
  IfAsync: "{% ifAsync %}",
  AsyncEach: "{% asyncEach %}",
  AsyncAll: "{% asyncAll %}",
  CallExtension: "an extension tag",
  CallExtensionAsync: "an extension tag",
  Switch: "{% switch %}",
};

function checkTree(node: TemplateNode, depth: number): void {
  if (depth > MAX_TEMPLATE_DEPTH)
    throw new TemplateError(`nested more than ${MAX_TEMPLATE_DEPTH} levels deep`, lineOf(node));
  const kind = node.typename;
  if (!STATEMENTS.has(kind) && !EXPRESSIONS.has(kind)) {
    const shown = REFUSED_NAMES[kind] ?? kind;
    throw new TemplateError(`${shown} is not supported in prompt templates`, lineOf(node));
  }
  if (kind === "FunCall") {
    const name = optionalChild(node, "name");
    if (name?.typename !== "Symbol" || name.value !== "range")
      throw new TemplateError(
        "only range() may be called in a prompt template; use filters for the rest",
        lineOf(node),
      );
  }
  if (kind === "Filter") {
    const name = filterName(node);
    if (!(name in FILTERS))
      throw new TemplateError(`the filter "${name}" is not supported`, lineOf(node));
  }
  if (kind === "Is") {
    const test = optionalChild(node, "right");
    const name = test === null ? null : testName(test);
    if (name === null || !(name in TESTS))
      throw new TemplateError(`the test "is ${String(name)}" is not supported`, lineOf(node));
    // The test's name is not a call: only the tested value and the test's arguments are checked.
    checkTree(child(node, "left"), depth + 1);
    if (test?.typename === "FunCall")
      for (const arg of childrenOf(optionalChild(test, "args"))) checkTree(arg, depth + 1);
    return;
  }
  if (kind === "Set" && node.body !== null && node.body !== undefined)
    throw new TemplateError(REFUSED_NAMES.Capture + " is not supported", lineOf(node));
  if (kind === "Literal" && node.value instanceof RegExp)
    throw new TemplateError("regular expressions are not supported in templates", lineOf(node));
  for (const sub of subNodes(node)) checkTree(sub, depth + 1);
}

function* subNodes(node: TemplateNode): Iterable<TemplateNode> {
  if (Array.isArray(node.children)) yield* node.children;
  for (const [key, value] of Object.entries(node)) {
    if (key === "children") continue;
    if (isNode(value)) yield value;
    else if (Array.isArray(value)) for (const item of value) if (isNode(item)) yield item;
  }
}

/** The name after `is`: a symbol, a call (`divisibleby(3)`), or `none`, which parses as null. */
function testName(node: TemplateNode): string | null {
  const name = node.typename === "FunCall" ? optionalChild(node, "name")?.value : node.value;
  if (node.typename === "Literal" && name === null) return "none";
  return typeof name === "string" ? name : null;
}

function filterName(node: TemplateNode): string {
  const name = optionalChild(node, "name");
  return typeof name?.value === "string" ? name.value : "";
}

// ---------------------------------------------------------------------------------------------
// Rendering

type Budget = { iterations: number; deadline: number };

class Scope {
  private readonly values = new Map<string, Value>();
  constructor(
    private readonly parent: Scope | null,
    private readonly vars: Record<string, unknown> | null = null,
  ) {}
  lookup(name: string): Value {
    if (this.values.has(name)) return this.values.get(name);
    if (this.vars !== null && Object.hasOwn(this.vars, name)) return this.vars[name];
    return this.parent === null ? undefined : this.parent.lookup(name);
  }
  set(name: string, value: Value): void {
    this.values.set(name, value);
  }
}

function spend(budget: Budget, count: number, node: TemplateNode): void {
  budget.iterations -= count;
  if (budget.iterations < 0)
    throw new TemplateError(
      `loops ran more than ${MAX_TEMPLATE_ITERATIONS} iterations in total`,
      lineOf(node),
    );
  if (performance.now() > budget.deadline)
    throw new TemplateError(
      `rendering took longer than ${MAX_TEMPLATE_MILLISECONDS} ms`,
      lineOf(node),
    );
}

function tooLong(node: TemplateNode): TemplateError {
  return new TemplateError(
    `the template produced more than ${MAX_TEMPLATE_OUTPUT.toLocaleString("en-US")} characters`,
    lineOf(node),
  );
}

function capped(text: string, node: TemplateNode): string {
  if (text.length > MAX_TEMPLATE_OUTPUT) throw tooLong(node);
  return text;
}

/** JavaScript's string conversion, as nunjucks output uses, without calling any user value. */
function toText(value: Value): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value))
    return value.map((item) => (item == null ? "" : toText(item))).join(",");
  return "[object Object]";
}

function lookupMember(target: Value, key: Value): Value {
  if (typeof key !== "string" && typeof key !== "number") return undefined;
  if (typeof target === "string" || Array.isArray(target)) {
    if (key === "length") return target.length;
    const index = typeof key === "number" ? key : /^\d+$/.test(key) ? Number(key) : NaN;
    return Number.isInteger(index) && index >= 0 && index < target.length
      ? (target[index] as Value)
      : undefined;
  }
  if (isPlainObject(target)) {
    const name = String(key);
    return Object.hasOwn(target, name) ? target[name] : undefined;
  }
  return undefined;
}

function evaluate(node: TemplateNode, scope: Scope, budget: Budget): Value {
  switch (node.typename) {
    case "Literal":
      return node.value;
    case "Symbol":
      return scope.lookup(String(node.value));
    case "LookupVal":
      return lookupMember(
        evaluate(child(node, "target"), scope, budget),
        evaluate(child(node, "val"), scope, budget),
      );
    case "Group": {
      let last: Value;
      for (const item of childrenOf(node)) last = evaluate(item, scope, budget);
      return last;
    }
    case "Array":
      return childrenOf(node).map((item) => evaluate(item, scope, budget));
    case "Dict": {
      const result: Record<string, Value> = Object.create(null) as Record<string, Value>;
      for (const pair of childrenOf(node)) {
        const key = evaluate(child(pair, "key"), scope, budget);
        result[toText(key)] = evaluate(child(pair, "value"), scope, budget);
      }
      return result;
    }
    case "InlineIf": {
      const test = evaluate(child(node, "cond"), scope, budget);
      if (test) return evaluate(child(node, "body"), scope, budget);
      const otherwise = optionalChild(node, "else_");
      return otherwise === null ? "" : evaluate(otherwise, scope, budget);
    }
    case "Filter":
      return applyFilter(node, scope, budget);
    case "FunCall":
      return callRange(node, scope, budget);
    case "In":
      return isIn(
        evaluate(child(node, "left"), scope, budget),
        evaluate(child(node, "right"), scope, budget),
      );
    case "Is":
      return applyTest(node, scope, budget);
    case "Or": {
      const left = evaluate(child(node, "left"), scope, budget);
      return left ? left : evaluate(child(node, "right"), scope, budget);
    }
    case "And": {
      const left = evaluate(child(node, "left"), scope, budget);
      return left ? evaluate(child(node, "right"), scope, budget) : left;
    }
    case "Not":
      return !evaluate(child(node, "target"), scope, budget);
    case "Neg":
      return -Number(evaluate(child(node, "target"), scope, budget));
    case "Pos":
      return Number(evaluate(child(node, "target"), scope, budget));
    case "Concat":
      return capped(
        toText(evaluate(child(node, "left"), scope, budget)) +
          toText(evaluate(child(node, "right"), scope, budget)),
        node,
      );
    case "Add":
    case "Sub":
    case "Mul":
    case "Div":
    case "FloorDiv":
    case "Mod":
    case "Pow":
      return arithmetic(
        node,
        evaluate(child(node, "left"), scope, budget),
        evaluate(child(node, "right"), scope, budget),
      );
    case "Compare":
      return compare(node, scope, budget);
    default:
      throw new TemplateError(`${node.typename} is not supported`, lineOf(node));
  }
}

function arithmetic(node: TemplateNode, left: Value, right: Value): Value {
  // nunjucks compiles `+` to JavaScript's `+`: strings concatenate, numbers add.
  if (node.typename === "Add") {
    if (typeof left === "number" && typeof right === "number") return left + right;
    if (typeof left === "boolean" || typeof right === "boolean" || left == null || right == null)
      return Number(left) + Number(right);
    return capped(toText(left) + toText(right), node);
  }
  const a = Number(left);
  const b = Number(right);
  switch (node.typename) {
    case "Sub":
      return a - b;
    case "Mul":
      return a * b;
    case "Div":
      return a / b;
    case "FloorDiv":
      return Math.floor(a / b);
    case "Mod":
      return a % b;
    default:
      return a ** b;
  }
}

function compare(node: TemplateNode, scope: Scope, budget: Budget): boolean {
  let left = evaluate(child(node, "expr"), scope, budget);
  for (const operand of (node.ops as TemplateNode[] | undefined) ?? []) {
    const right = evaluate(child(operand, "expr"), scope, budget);
    if (!compareOnce(String(operand.type), left, right)) return false;
    left = right;
  }
  return true;
}

function compareOnce(operator: string, left: Value, right: Value): boolean {
  const l = left as string | number;
  const r = right as string | number;
  switch (operator) {
    case "==":
      // nunjucks compiles == to JavaScript's loose equality.
      return left == right;
    case "===":
      return left === right;
    case "!=":
      return left != right;
    case "!==":
      return left !== right;
    case "<":
      return l < r;
    case ">":
      return l > r;
    case "<=":
      return l <= r;
    case ">=":
      return l >= r;
    default:
      return false;
  }
}

function isIn(needle: Value, haystack: Value): boolean {
  if (Array.isArray(haystack)) return haystack.includes(needle);
  if (typeof haystack === "string") return haystack.includes(toText(needle));
  if (isPlainObject(haystack)) return Object.hasOwn(haystack, toText(needle));
  return false;
}

function callRange(node: TemplateNode, scope: Scope, budget: Budget): number[] {
  const args = childrenOf(optionalChild(node, "args")).map((arg) =>
    Number(evaluate(arg, scope, budget)),
  );
  const [first = 0, second, third = 1] = args;
  const [from, to] = second === undefined ? [0, first] : [first, second];
  if (!Number.isFinite(from) || !Number.isFinite(to) || !Number.isFinite(third) || third === 0)
    throw new TemplateError("range() needs finite numbers and a step other than 0", lineOf(node));
  const count = Math.max(0, Math.ceil((to - from) / third));
  // Checked, not spent: the loop over the list spends one per item; a list longer than the
  // remaining budget could never be used up anyway.
  if (count > budget.iterations) spend(budget, count, node);
  return Array.from({ length: count }, (_, index) => from + index * third);
}

function render(nodes: TemplateNode[], scope: Scope, budget: Budget, out: Output): void {
  for (const node of nodes) {
    switch (node.typename) {
      case "Root":
      case "NodeList":
        render(childrenOf(node), scope, budget, out);
        break;
      case "Output":
        for (const item of childrenOf(node))
          out.push(
            item.typename === "TemplateData"
              ? toText(item.value)
              : toText(evaluate(item, scope, budget)),
            item,
          );
        break;
      case "TemplateData":
        out.push(toText(node.value), node);
        break;
      case "If": {
        const branch = evaluate(child(node, "cond"), scope, budget)
          ? optionalChild(node, "body")
          : optionalChild(node, "else_");
        if (branch !== null) render([branch], scope, budget, out);
        break;
      }
      case "For":
        renderFor(node, scope, budget, out);
        break;
      case "Set": {
        const value = evaluate(child(node, "value"), scope, budget);
        for (const target of (node.targets as TemplateNode[] | undefined) ?? [])
          scope.set(String(target.value), value);
        break;
      }
      default:
        throw new TemplateError(`${node.typename} is not supported`, lineOf(node));
    }
  }
}

/** The rendered text so far, with its length kept so the output budget costs nothing to check. */
class Output {
  private readonly parts: string[] = [];
  private length = 0;
  push(text: string, node: TemplateNode): void {
    this.length += text.length;
    if (this.length > MAX_TEMPLATE_OUTPUT) throw tooLong(node);
    this.parts.push(text);
  }
  toString(): string {
    return this.parts.join("");
  }
}

function renderFor(node: TemplateNode, scope: Scope, budget: Budget, out: Output): void {
  const source = evaluate(child(node, "arr"), scope, budget);
  const name = child(node, "name");
  const body = optionalChild(node, "body");
  // `{% for k, v in dict %}` parses its names as an Array node; a single name is a Symbol.
  const names = name.typename === "Array" ? childrenOf(name).map((n) => String(n.value)) : null;
  const items: Value[][] = Array.isArray(source)
    ? source.map((item) => [item])
    : isPlainObject(source)
      ? Object.entries(source).map(([key, value]) => [key, value])
      : typeof source === "string"
        ? [...source].map((ch) => [ch])
        : [];
  if (items.length === 0) {
    const otherwise = optionalChild(node, "else_");
    if (otherwise !== null) render([otherwise], scope, budget, out);
    return;
  }
  items.forEach((entry, index) => {
    spend(budget, 1, node);
    const inner = new Scope(scope);
    if (names === null) inner.set(String(name.value), entry.length === 1 ? entry[0] : entry);
    else {
      const values = entry.length === 1 && Array.isArray(entry[0]) ? entry[0] : entry;
      names.forEach((n, i) => inner.set(n, values[i]));
    }
    const loop = Object.assign(Object.create(null) as Record<string, Value>, {
      index: index + 1,
      index0: index,
      revindex: items.length - index,
      revindex0: items.length - index - 1,
      first: index === 0,
      last: index === items.length - 1,
      length: items.length,
    });
    inner.set("loop", loop);
    if (body !== null) render([body], inner, budget, out);
  });
}

// ---------------------------------------------------------------------------------------------
// Filters and tests: pure functions over data, following nunjucks' own definitions.

type Filter = (value: Value, ...args: Value[]) => Value;

/** Thrown by a filter before it builds a string over the budget, so the string is never built. */
class OutputTooLong extends Error {}

function ensureFits(length: number): void {
  if (length > MAX_TEMPLATE_OUTPUT) throw new OutputTooLong();
}

function asList(value: Value): Value[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [...value];
  if (isPlainObject(value)) return Object.keys(value);
  return [];
}

function capitalize(value: Value): string {
  const text = toText(value);
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

const FILTERS: Record<string, Filter> = {
  abs: (value) => Math.abs(Number(value)),
  capitalize,
  default: (value, fallback, onFalsy) => (onFalsy ? value || fallback : (value ?? fallback)),
  d: (value, fallback, onFalsy) => (onFalsy ? value || fallback : (value ?? fallback)),
  dump: (value, spaces) =>
    JSON.stringify(value, null, typeof spaces === "number" ? Math.min(spaces, 10) : undefined),
  escape: (value) =>
    toText(value)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;"),
  first: (value) => asList(value)[0],
  float: (value, fallback) => {
    const parsed = Number.parseFloat(toText(value));
    return Number.isNaN(parsed) ? (fallback ?? 0) : parsed;
  },
  int: (value, fallback) => {
    const parsed = Number.parseInt(toText(value), 10);
    return Number.isNaN(parsed) ? (fallback ?? 0) : parsed;
  },
  join: (value, separator, attribute) => {
    const parts = asList(value).map((item) =>
      toText(attribute == null ? item : lookupMember(item, attribute)),
    );
    const glue = separator == null ? "" : toText(separator);
    ensureFits(parts.reduce((sum, part) => sum + part.length, 0) + glue.length * parts.length);
    return parts.join(glue);
  },
  last: (value) => asList(value).at(-1),
  length: (value) =>
    typeof value === "string" || Array.isArray(value)
      ? value.length
      : isPlainObject(value)
        ? Object.keys(value).length
        : 0,
  list: (value) => asList(value),
  load: (value) => (typeof value === "string" ? (JSON.parse(value) as Value) : value),
  lower: (value) => toText(value).toLowerCase(),
  replace: (value, old, replacement, maxCount) => {
    const text = toText(value);
    const search = toText(old);
    const insert = toText(replacement);
    const limit = typeof maxCount === "number" ? maxCount : -1;
    if (search === "") {
      // Python's behaviour, as nunjucks mimics it: "abc"|replace("", ".") is ".a.b.c.".
      const chars = [...text];
      ensureFits(text.length + insert.length * (chars.length + 1));
      return insert + chars.join(insert) + insert;
    }
    const pieces = text.split(search);
    const count = limit < 0 ? pieces.length - 1 : Math.min(limit, pieces.length - 1);
    ensureFits(text.length + (insert.length - search.length) * count);
    return (
      pieces.slice(0, count + 1).join(insert) +
      (count + 1 < pieces.length ? search + pieces.slice(count + 1).join(search) : "")
    );
  },
  reverse: (value) =>
    typeof value === "string" ? [...value].reverse().join("") : [...asList(value)].reverse(),
  round: (value, precision, method) => {
    const factor = 10 ** (typeof precision === "number" ? Math.min(precision, 20) : 0);
    const round = method === "ceil" ? Math.ceil : method === "floor" ? Math.floor : Math.round;
    return round(Number(value) * factor) / factor;
  },
  safe: (value) => value,
  sort: (value, reverse) => {
    const sorted = [...asList(value)].sort((a, b) =>
      (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0,
    );
    return reverse ? sorted.reverse() : sorted;
  },
  string: (value) => toText(value),
  title: (value) => toText(value).split(" ").map(capitalize).join(" "),
  trim: (value) => toText(value).trim(),
  truncate: (value, length, killWords, end) => {
    const text = toText(value);
    const max = typeof length === "number" && length > 0 ? length : 255;
    if (text.length <= max) return text;
    const cut = killWords
      ? max
      : text.lastIndexOf(" ", max) === -1
        ? max
        : text.lastIndexOf(" ", max);
    return text.slice(0, cut) + (end == null ? "..." : toText(end));
  },
  upper: (value) => toText(value).toUpperCase(),
  urlencode: (value) => encodeURIComponent(toText(value)),
  wordcount: (value) => toText(value).match(/\w+/g)?.length ?? 0,
};

type Test = (value: Value, ...args: Value[]) => boolean;

const TESTS: Record<string, Test> = {
  defined: (value) => value !== undefined,
  undefined: (value) => value === undefined,
  none: (value) => value === null,
  null: (value) => value === null,
  number: (value) => typeof value === "number",
  string: (value) => typeof value === "string",
  mapping: (value) => isPlainObject(value),
  iterable: (value) => Array.isArray(value) || typeof value === "string",
  odd: (value) => Number(value) % 2 === 1,
  even: (value) => Number(value) % 2 === 0,
  divisibleby: (value, by) => Number(value) % Number(by) === 0,
  eq: (value, other) => value === other,
  equalto: (value, other) => value === other,
  sameas: (value, other) => value === other,
  truthy: (value) => Boolean(value),
  falsy: (value) => !value,
  lower: (value) => typeof value === "string" && value.toLowerCase() === value,
  upper: (value) => typeof value === "string" && value.toUpperCase() === value,
};

function applyFilter(node: TemplateNode, scope: Scope, budget: Budget): Value {
  const name = filterName(node);
  const filter = FILTERS[name];
  if (filter === undefined) throw new TemplateError(`the filter "${name}" is not supported`);
  const args = childrenOf(optionalChild(node, "args")).map((arg) =>
    arg.typename === "KeywordArgs" ? undefined : evaluate(arg, scope, budget),
  );
  const [value, ...rest] = args;
  let result: Value;
  try {
    result = filter(value, ...rest);
  } catch (error) {
    if (error instanceof OutputTooLong) throw tooLong(node);
    throw new TemplateError(
      `the filter "${name}" failed: ${error instanceof Error ? error.message : "error"}`,
      lineOf(node),
    );
  }
  if (typeof result === "string") capped(result, node);
  return result;
}

function applyTest(node: TemplateNode, scope: Scope, budget: Budget): boolean {
  const right = child(node, "right");
  const name = testName(right) ?? "";
  const test = TESTS[name];
  if (test === undefined) throw new TemplateError(`the test "is ${name}" is not supported`);
  const args =
    right.typename === "FunCall"
      ? childrenOf(optionalChild(right, "args")).map((arg) => evaluate(arg, scope, budget))
      : [];
  return test(evaluate(child(node, "left"), scope, budget), ...args);
}

// ---------------------------------------------------------------------------------------------

/** nunjucks prefixes messages with "(unknown path) [Line 1, Column 5]"; keep the reason only. */
function cleanMessage(error: unknown): string {
  if (!(error instanceof Error)) return "template error";
  const text = error.message
    .replace(/\(unknown path\)/g, "")
    .replace(/\[Line \d+, Column \d+\]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^Template render error:\s*/i, "")
    .replace(/^(Error|SyntaxError|TypeError|RangeError):\s*/, "");
  return text === "" ? "template error" : text;
}

function parse(source: string): TemplateNode {
  // Only the parser: it tokenises and builds a tree; nothing in it evaluates the source.
  return nunjucksParser.parse(source, undefined, {}) as TemplateNode;
}

/** Compiles a prompt template (promptfoo's nunjucks dialect, including `load` and `dump`). */
export function compileTemplate(source: string): CompiledTemplate {
  let root: TemplateNode;
  try {
    root = parse(source);
    checkTree(root, 0);
  } catch (error) {
    if (error instanceof TemplateError)
      return { ok: false, message: error.message, line: error.line };
    // The parser runs out of stack on absurd nesting before the depth check can see the tree.
    if (error instanceof RangeError)
      return {
        ok: false,
        message: `nested more than ${MAX_TEMPLATE_DEPTH} levels deep`,
        line: null,
      };
    // nunjucks' parser errors carry a 1-based `lineno`.
    const line = (error as { lineno?: unknown }).lineno;
    return {
      ok: false,
      message: cleanMessage(error),
      line: typeof line === "number" ? line : null,
    };
  }
  return {
    ok: true,
    render: (vars) => {
      const budget: Budget = {
        iterations: MAX_TEMPLATE_ITERATIONS,
        deadline: performance.now() + MAX_TEMPLATE_MILLISECONDS,
      };
      const out = new Output();
      try {
        render([root], new Scope(null, vars), budget, out);
        return { ok: true, text: out.toString() };
      } catch (error) {
        if (error instanceof TemplateError)
          return {
            ok: false,
            message: error.line === null ? error.message : `${error.message} (line ${error.line})`,
          };
        return { ok: false, message: cleanMessage(error) };
      }
    },
  };
}
