/**
 * The evaluation vocabulary shared by suites, importers, scorers, statistics and the run engine.
 * Pure: no Next, React, Prisma or env.
 */

/** Task categories a case is tagged with; the emulator's simulated quality is defined per category. */
export const CASE_CATEGORIES = [
  "reasoning",
  "coding",
  "math",
  "extraction",
  "summarization",
  "classification",
  "general",
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/** Every assertion type Crossbench scores. Importers reject any other type, naming it and its line. */
export const ASSERTION_TYPES = [
  // promptfoo-compatible types
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
  "levenshtein",
  "llm-rubric",
  "cost",
  "latency",
  "word-count",
  /** The provider's finish reason ("stop", "length", "tool_calls", "content_filter"). */
  "finish-reason",
  /** ROUGE-1 F1 (promptfoo's `rouge-n`) against `value`; passes at `threshold` (default 0.75). */
  "rouge-n",
  /** A group of assertions (`assert`) scored together, with its own threshold, weight and metric. */
  "assert-set",
  // Crossbench scorers
  /** Normalised exact match: case, surrounding whitespace/punctuation and inner spacing ignored. */
  "exact-match",
  /** The last number in the output equals `value` within `threshold` (absolute; default 1e-6). */
  "numeric",
  /** ROUGE-L F1 against `value` (or the case reference); passes at `threshold` (default 0.5). */
  "rouge-l",
] as const;
export type AssertionType = (typeof ASSERTION_TYPES)[number];

/**
 * One check on an output. String types may be negated with a `not-` prefix in imports
 * (`not-contains`), stored as `negate: true`. `value` depends on the type: a string, a number,
 * a list of strings, or a JSON Schema object.
 */
export type Assertion = {
  type: AssertionType;
  value?: string | number | string[] | Record<string, unknown>;
  /** Pass mark for graded types (levenshtein: max distance; rouge-l: min F1; rouge-n: min score; llm-rubric: min judge score; cost: max USD; latency: max ms; numeric: tolerance). */
  threshold?: number;
  /** Relative weight in the case score (default 1). */
  weight?: number;
  negate?: boolean;
  /** promptfoo's named metric: results of assertions sharing it are averaged under that name. */
  metric?: string;
  /** The assertions of an `assert-set` (one level: a set never holds a set). */
  assert?: Assertion[];
};

export type CaseMessage = { role: "system" | "user" | "assistant"; content: string };

/** One test case, with its prompt already rendered. */
export type EvalCase = {
  /** Stable within its suite (e.g. "fact-012" or "t3-p1"). */
  id: string;
  category: CaseCategory;
  tags: string[];
  messages: CaseMessage[];
  /** The reference answer, where one exists. */
  reference: string | null;
  assertions: Assertion[];
  /**
   * promptfoo's test-level threshold: when set, the case passes when its weighted score reaches
   * it, whatever the assertions' pass. Absent on cases that have none (all stored before it).
   */
  threshold?: number;
  /** Template variables the case was rendered from (imports), for display. */
  vars?: Record<string, string>;
};

export type Suite = {
  /** Slug for built-in suites ("factual-qa"); importers leave it to the caller. */
  slug: string;
  name: string;
  description: string;
  cases: EvalCase[];
};

/**
 * What the emulator needs to answer a built-in case the way a model would: the correct output
 * (which passes every assertion) and plausible wrong ones (each fails at least one).
 */
export type SimulatedAnswers = { correct: string; wrong: string[] };

/** A built-in case: an evaluation case plus its simulated answers. */
export type BuiltinCase = EvalCase & { simulated: SimulatedAnswers };
export type BuiltinSuite = Omit<Suite, "cases"> & { cases: BuiltinCase[] };

/** What a scored assertion reports. */
export type AssertionResult = {
  type: AssertionType;
  negate: boolean;
  pass: boolean;
  /** In [0, 1]. */
  score: number;
  /** Short human explanation ("expected to contain “Paris”"). */
  reason: string;
  /** The assertion's named metric, when it has one. */
  metric?: string;
  /** The assertion's weight, when it is not the default 1 (named metrics are weighted means). */
  weight?: number;
  /** An `assert-set`'s own results, in order. */
  assertions?: AssertionResult[];
};

/** The facts about a call that `cost`, `latency` and `finish-reason` assertions check. */
export type TrialMeasures = {
  costUsd: number | null;
  latencyMs: number | null;
  /** Why the model stopped, as the router reports it ("stop", "length", "tool-calls", …). */
  finishReason?: string | null;
};

/** A judge's verdict on one output (llm-rubric). */
export type JudgeVerdict =
  | { ok: true; pass: boolean; score: number; reason: string; model: string }
  | { ok: false; message: string; model: string | null };

/** Calls an LLM judge (through the router). Injected so scorers stay pure and testable. */
export type Judge = (request: {
  rubric: string;
  output: string;
  /** The last user message of the case. */
  prompt: string;
  reference: string | null;
}) => Promise<JudgeVerdict>;

/** A scored output: the case score is the weighted mean of assertion scores; pass means all passed. */
export type ScoredOutput = {
  score: number;
  pass: boolean;
  assertions: AssertionResult[];
  /** Set when an llm-rubric assertion ran. */
  judge: { model: string; reason: string } | null;
};
