/**
 * Scores one output against a case's assertions: dispatches each assertion to its scorer, applies
 * negation, and combines the results into a case score. Pure: no Next, React, Prisma or env.
 */
import { type Check, clampScore, configError, errorMessage, quote } from "./scorers/check";
import { checkContainsJson, checkIsJson, checkJsonEquals, checkJsonSchema } from "./scorers/json";
import { checkCost, checkFinishReason, checkLatency } from "./scorers/measures";
import { checkNumeric } from "./scorers/numeric";
import { checkRougeL, checkRougeN } from "./scorers/rouge";
import {
  checkContains,
  checkContainsAll,
  checkContainsAny,
  checkEquals,
  checkExactMatch,
  checkIContains,
  checkIContainsAll,
  checkIContainsAny,
  checkLevenshtein,
  checkRegex,
  checkStartsWith,
  checkWordCount,
  getTextValue,
} from "./scorers/text";
import type {
  Assertion,
  AssertionResult,
  AssertionType,
  EvalCase,
  Judge,
  ScoredOutput,
  TrialMeasures,
} from "./types";

/**
 * What scoring reads from a case. `threshold` is promptfoo's test-level threshold (YAML `threshold`,
 * CSV `__threshold`): when set, it decides the case's pass instead of the assertions' pass.
 */
type CaseInput = Pick<EvalCase, "assertions" | "reference" | "messages"> & { threshold?: number };
type JudgeNote = { model: string; reason: string };

function checkSync(
  assertion: Assertion,
  output: string,
  reference: string | null,
  measures: TrialMeasures,
): Check {
  const { value, threshold } = assertion;
  switch (assertion.type) {
    case "equals": {
      if (typeof value === "object") return checkJsonEquals(output, value);
      const expected = getTextValue(value);
      return expected === null
        ? configError("to equal a value", "the assertion has no value")
        : checkEquals(output, expected);
    }
    case "contains":
      return checkContains(output, value);
    case "icontains":
      return checkIContains(output, value);
    case "contains-any":
      return checkContainsAny(output, value);
    case "contains-all":
      return checkContainsAll(output, value);
    case "icontains-any":
      return checkIContainsAny(output, value);
    case "icontains-all":
      return checkIContainsAll(output, value);
    case "word-count":
      return checkWordCount(output, value);
    case "regex":
      return checkRegex(output, value);
    case "starts-with":
      return checkStartsWith(output, value);
    case "is-json":
      return checkIsJson(output, value);
    case "contains-json":
      return checkContainsJson(output, value);
    case "json-schema":
      return checkJsonSchema(output, value);
    case "levenshtein":
      return checkLevenshtein(output, value, threshold);
    case "cost":
      return checkCost(assertion, measures.costUsd);
    case "latency":
      return checkLatency(assertion, measures.latencyMs);
    case "finish-reason":
      return checkFinishReason(value, measures.finishReason);
    case "rouge-n":
      return checkRougeN(output, value, threshold);
    case "exact-match":
      return checkExactMatch(output, value, reference);
    case "numeric":
      return checkNumeric(output, value, reference, threshold);
    case "rouge-l":
      return checkRougeL(output, value, reference, threshold);
    case "llm-rubric":
      return configError("to satisfy the rubric", "llm-rubric is scored asynchronously");
    case "assert-set":
      return configError("a set of assertions", "an assert-set cannot hold an assert-set");
    default:
      return configError("a known assertion type", `unknown type ${quote(String(assertion.type))}`);
  }
}

async function checkRubric(
  assertion: Assertion,
  output: string,
  testCase: CaseInput,
  judge: Judge | undefined,
  record: (note: JudgeNote) => void,
): Promise<Check> {
  const expectation = "to satisfy the rubric";
  const rubric = getTextValue(assertion.value);
  if (rubric === null) return configError(expectation, "the assertion has no rubric");
  if (judge === undefined)
    return { ...configError(expectation, ""), reason: "no judge configured" };
  const prompt = testCase.messages.findLast((message) => message.role === "user")?.content ?? "";
  try {
    const verdict = await judge({ rubric, output, prompt, reference: testCase.reference });
    if (!verdict.ok) {
      if (verdict.model !== null) record({ model: verdict.model, reason: verdict.message });
      // A grader failure fails whether or not the rubric is negated (promptfoo isGraderFailure).
      return { pass: false, score: 0, expectation, reason: verdict.message, isConfigError: true };
    }
    record({ model: verdict.model, reason: verdict.reason });
    // promptfoo's runJsonGradingPrompt: a rubric threshold also needs `score >= threshold`.
    const { threshold } = assertion;
    const isBelow = typeof threshold === "number" && verdict.score < threshold;
    const pass = verdict.pass && !isBelow;
    const judged = verdict.reason || (verdict.pass ? "the judge passed it" : "the judge failed it");
    return {
      pass,
      score: clampScore(verdict.score),
      expectation,
      reason: isBelow ? `${judged} (score ${verdict.score} below threshold ${threshold})` : judged,
    };
  } catch (error) {
    return { pass: false, score: 0, expectation, reason: errorMessage(error), isConfigError: true };
  }
}

function toResult(assertion: Assertion, check: Check): AssertionResult {
  const negate = assertion.negate === true;
  const flips = negate && check.isConfigError !== true;
  const composed = `expected ${negate ? "not " : ""}${check.expectation}${check.detail ? ` (${check.detail})` : ""}`;
  let reason = check.reason ?? composed;
  const pass = flips ? !check.pass : check.pass;
  const isInformational = assertion.weight === 0;
  if (isInformational && !pass) reason = `${reason} (weight 0: informational, never fails)`;
  return {
    type: assertion.type,
    negate,
    pass: pass || isInformational,
    score: clampScore(flips ? 1 - check.score : check.score),
    reason,
    ...describeAssertion(assertion),
  };
}

/** The metric and a non-default weight of an assertion, as its result records them. */
function describeAssertion(assertion: Assertion): Pick<AssertionResult, "metric" | "weight"> {
  return {
    ...(assertion.metric === undefined || assertion.metric === ""
      ? {}
      : { metric: assertion.metric }),
    ...(assertion.weight === undefined || assertion.weight === 1
      ? {}
      : { weight: assertion.weight }),
  };
}

/** Types whose score promptfoo grades; its other types score 1 on pass and 0 on fail. */
const GRADED_TYPES: ReadonlySet<AssertionType> = new Set([
  "llm-rubric",
  "rouge-l",
  "rouge-n",
  "numeric",
]);

/**
 * The assertion score a case threshold is compared against. promptfoo scores `contains-all` and
 * `levenshtein` 1 or 0 (src/assertions/contains.ts, src/assertions/levenshtein.ts: `score: pass ?
 * 1 : 0`) where Crossbench reports a fraction, so the verdict uses promptfoo's score.
 */
function getVerdictScore(result: AssertionResult): number {
  if (GRADED_TYPES.has(result.type)) return result.score;
  return result.pass ? 1 : 0;
}

/**
 * The score promptfoo would give a stored result: {@link getVerdictScore}, and for an assert-set
 * the weighted mean of its assertions' (0 when their total weight is 0), as its AssertionsResult.
 * A weight-0 result's forced pass does not matter where this is used: it carries no weight.
 */
export function getPromptfooScore(result: AssertionResult): number {
  if (result.type !== "assert-set") return getVerdictScore(result);
  let weighted = 0;
  let totalWeight = 0;
  for (const inner of result.assertions ?? []) {
    const weight = Math.max(0, inner.weight ?? 1);
    weighted += weight * getPromptfooScore(inner);
    totalWeight += weight;
  }
  return totalWeight > 0 ? weighted / totalWeight : 0;
}

/** A weight as used in the case score: default 1; negative or non-finite weights count as 0. */
function getWeight(assertion: Assertion): number {
  const weight = assertion.weight ?? 1;
  return Number.isFinite(weight) && weight > 0 ? weight : 0;
}

/** One scored level (a case's assertions, or an assert-set's): promptfoo's AssertionsResult. */
type ScoredLevel = {
  results: AssertionResult[];
  /** Crossbench's score: the weighted mean of the results' scores. */
  score: number;
  /** promptfoo's score, which a threshold is compared against ({@link getVerdictScore}). */
  verdictScore: number;
  pass: boolean;
};

type ScoreContext = {
  output: string;
  testCase: CaseInput;
  measures: TrialMeasures;
  judge: Judge | undefined;
  notes: (JudgeNote | undefined)[];
  nextNote: { index: number };
};

/**
 * Scores a list of assertions as promptfoo's runAssertions and AssertionsResult do
 * (src/assertions/index.ts, src/assertions/assertionsResult.ts): each result adds score × weight
 * (weight default 1) to the level; the level's verdict score is the weighted mean (0 when the
 * total weight is 0); it passes when every result passed, or, with a numeric threshold, when the
 * verdict score reaches it. An assert-set is a level of its own, added to its parent with the
 * set's weight; its pass is never forced by weight 0 (only a single assertion's is).
 */
async function scoreLevel(
  assertions: readonly Assertion[],
  threshold: number | undefined,
  context: ScoreContext,
): Promise<ScoredLevel> {
  const scored = await Promise.all(
    assertions.map(async (assertion) => {
      if (assertion.type === "assert-set" && assertion.assert === undefined) {
        // A set read back without its assertions (a store that dropped them) must not pass.
        const check = configError("a set of assertions", "the assert-set has no assertions");
        return { result: toResult(assertion, check), verdictScore: 0 };
      }
      if (assertion.type === "assert-set") {
        const level = await scoreLevel(assertion.assert ?? [], assertion.threshold, context);
        const failed = level.results.filter((result) => !result.pass).length;
        const result: AssertionResult = {
          type: "assert-set",
          negate: false,
          pass: level.pass,
          score: level.score,
          reason: describeSet(level, failed, assertion.threshold),
          ...describeAssertion(assertion),
          assertions: level.results,
        };
        return { result, verdictScore: level.verdictScore };
      }
      if (assertion.type !== "llm-rubric") {
        const check = checkSync(
          assertion,
          context.output,
          context.testCase.reference,
          context.measures,
        );
        const result = toResult(assertion, check);
        return { result, verdictScore: getVerdictScore(result) };
      }
      // Numbered before any await so the recorded judge notes follow assertion order.
      const noteIndex = context.nextNote.index;
      context.nextNote.index += 1;
      const check = await checkRubric(
        assertion,
        context.output,
        context.testCase,
        context.judge,
        (note) => {
          context.notes[noteIndex] = note;
        },
      );
      const result = toResult(assertion, check);
      return { result, verdictScore: getVerdictScore(result) };
    }),
  );
  let weighted = 0;
  let verdictWeighted = 0;
  let totalWeight = 0;
  for (const [index, { result, verdictScore }] of scored.entries()) {
    const assertion = assertions[index];
    const weight = assertion === undefined ? 0 : getWeight(assertion);
    weighted += weight * result.score;
    verdictWeighted += weight * verdictScore;
    totalWeight += weight;
  }
  const results = scored.map(({ result }) => result);
  const allPassed = results.every((result) => result.pass);
  const hasThreshold = typeof threshold === "number" && !Number.isNaN(threshold);
  const verdictScore = totalWeight > 0 ? verdictWeighted / totalWeight : 0;
  return {
    results,
    score: totalWeight > 0 ? clampScore(weighted / totalWeight) : allPassed ? 1 : 0,
    verdictScore,
    pass: hasThreshold && results.length > 0 ? verdictScore >= threshold : allPassed,
  };
}

function describeSet(level: ScoredLevel, failed: number, threshold: number | undefined): string {
  const count = level.results.length;
  if (typeof threshold === "number" && !Number.isNaN(threshold))
    return `set score ${level.verdictScore.toFixed(2)} ${level.pass ? "≥" : "<"} threshold ${threshold}`;
  return failed === 0
    ? `all ${count} assertions of the set passed`
    : `${failed} of ${count} assertions of the set failed`;
}

/**
 * Scores an output against every assertion of a case.
 *
 * - Each assertion yields a result with a score in [0, 1], pass/fail and a short reason. `negate`
 *   flips pass and score (score → 1 − score), for every type promptfoo inverts; a broken
 *   assertion (invalid regex or schema, missing value, unknown cost or latency, a judge that
 *   failed) fails whether negated or not. The result
 *   keeps the assertion's `metric` (promptfoo's named metrics) and a non-default `weight`.
 * - The case score is the weighted mean of assertion scores (weight default 1). When no assertion
 *   has a positive weight, it is 1 if every assertion passed and 0 otherwise. A case without
 *   assertions passes with score 1.
 * - An assertion with weight 0 is informational: it is reported with its score but always passes,
 *   as promptfoo's `runAssertion` forces `pass: true` for `weight === 0`
 *   (src/assertions/index.ts).
 * - With a case `threshold` (a number), the case passes when the weighted score reaches it, whatever
 *   the assertions' pass, as promptfoo's `AssertionsResult.testResult`
 *   (src/assertions/assertionsResult.ts: `pass = score >= this.threshold`, where the score is 0
 *   when the total weight is 0).
 * - An `assert-set` is scored as a case of its own (its threshold, its assertions' weights) and
 *   counts in the case with the set's weight and its pass (see {@link scoreLevel}); its result
 *   holds the results of its assertions.
 * - `llm-rubric` calls `judge` with the case's last user message; without a judge, or when the
 *   judge fails, the assertion fails with the reason. `judge` in the result records the judge's
 *   model and reason (several rubrics: the first model, reasons joined by newlines).
 * - `finish-reason` reads `measures.finishReason`, the router's finish reason for the call.
 */
export async function scoreOutput(
  testCase: CaseInput,
  output: string,
  measures: TrialMeasures,
  judge?: Judge,
): Promise<ScoredOutput> {
  const notes: (JudgeNote | undefined)[] = [];
  const level = await scoreLevel(testCase.assertions, testCase.threshold, {
    output,
    testCase,
    measures,
    judge,
    notes,
    nextNote: { index: 0 },
  });
  const judgeNotes = notes.filter((note): note is JudgeNote => note !== undefined);
  const firstNote = judgeNotes[0];
  return {
    score: level.score,
    pass: level.pass,
    assertions: level.results,
    judge:
      firstNote === undefined
        ? null
        : { model: firstNote.model, reason: judgeNotes.map((note) => note.reason).join("\n") },
  };
}
