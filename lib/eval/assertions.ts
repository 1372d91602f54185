/**
 * Scores one output against a case's assertions: dispatches each assertion to its scorer, applies
 * negation, and combines the results into a case score. Pure: no Next, React, Prisma or env.
 */
import { type Check, clampScore, configError, errorMessage, quote } from "./scorers/check";
import { checkContainsJson, checkIsJson, checkJsonEquals, checkJsonSchema } from "./scorers/json";
import { checkCost, checkLatency } from "./scorers/measures";
import { checkNumeric } from "./scorers/numeric";
import { checkRougeL } from "./scorers/rouge";
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
 * Types where `negate` has no meaning (a negated budget or rubric is not a useful check): the
 * flag is ignored, reported as `negate: false`, and the reason says so.
 */
export const NON_NEGATABLE_TYPES: ReadonlySet<AssertionType> = new Set([
  "cost",
  "latency",
  "llm-rubric",
]);

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
    case "exact-match":
      return checkExactMatch(output, value, reference);
    case "numeric":
      return checkNumeric(output, value, reference, threshold);
    case "rouge-l":
      return checkRougeL(output, value, reference, threshold);
    case "llm-rubric":
      return configError("to satisfy the rubric", "llm-rubric is scored asynchronously");
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
      return { pass: false, score: 0, expectation, reason: verdict.message };
    }
    record({ model: verdict.model, reason: verdict.reason });
    return {
      pass: verdict.pass,
      score: clampScore(verdict.score),
      expectation,
      reason: verdict.reason || (verdict.pass ? "the judge passed it" : "the judge failed it"),
    };
  } catch (error) {
    return { pass: false, score: 0, expectation, reason: errorMessage(error) };
  }
}

function toResult(assertion: Assertion, check: Check): AssertionResult {
  const isNegatable = !NON_NEGATABLE_TYPES.has(assertion.type);
  const negate = assertion.negate === true && isNegatable;
  const flips = negate && check.isConfigError !== true;
  const composed = `expected ${negate ? "not " : ""}${check.expectation}${check.detail ? ` (${check.detail})` : ""}`;
  let reason = check.reason ?? composed;
  if (assertion.negate === true && !isNegatable) reason = `${reason} (negation ignored)`;
  const pass = flips ? !check.pass : check.pass;
  const isInformational = assertion.weight === 0;
  if (isInformational && !pass) reason = `${reason} (weight 0: informational, never fails)`;
  return {
    type: assertion.type,
    negate,
    pass: pass || isInformational,
    score: clampScore(flips ? 1 - check.score : check.score),
    reason,
  };
}

/** Types whose score promptfoo grades; its other types score 1 on pass and 0 on fail. */
const GRADED_TYPES: ReadonlySet<AssertionType> = new Set(["llm-rubric", "rouge-l", "numeric"]);

/**
 * The assertion score a case threshold is compared against. promptfoo scores `contains-all` and
 * `levenshtein` 1 or 0 (src/assertions/contains.ts, src/assertions/levenshtein.ts: `score: pass ?
 * 1 : 0`) where Crossbench reports a fraction, so the verdict uses promptfoo's score.
 */
function getVerdictScore(result: AssertionResult): number {
  if (GRADED_TYPES.has(result.type)) return result.score;
  return result.pass ? 1 : 0;
}

/** A weight as used in the case score: default 1; negative or non-finite weights count as 0. */
function getWeight(assertion: Assertion): number {
  const weight = assertion.weight ?? 1;
  return Number.isFinite(weight) && weight > 0 ? weight : 0;
}

/**
 * Scores an output against every assertion of a case.
 *
 * - Each assertion yields a result with a score in [0, 1], pass/fail and a short reason. `negate`
 *   flips pass and score (score → 1 − score) except for {@link NON_NEGATABLE_TYPES}; a broken
 *   assertion (invalid regex or schema, missing value) fails whether negated or not.
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
 * - `llm-rubric` calls `judge` with the case's last user message; without a judge, or when the
 *   judge fails, the assertion fails with the reason. `judge` in the result records the judge's
 *   model and reason (several rubrics: the first model, reasons joined by newlines).
 */
export async function scoreOutput(
  testCase: CaseInput,
  output: string,
  measures: TrialMeasures,
  judge?: Judge,
): Promise<ScoredOutput> {
  // Indexed by assertion so the recorded judge notes follow assertion order, not completion order.
  const notes: (JudgeNote | undefined)[] = [];
  const results: (AssertionResult | Promise<AssertionResult>)[] = testCase.assertions.map(
    (assertion, index) => {
      if (assertion.type !== "llm-rubric") {
        return toResult(assertion, checkSync(assertion, output, testCase.reference, measures));
      }
      return checkRubric(assertion, output, testCase, judge, (note) => {
        notes[index] = note;
      }).then((check) => toResult(assertion, check));
    },
  );
  const assertions = await Promise.all(results);

  let weighted = 0;
  let verdictWeighted = 0;
  let totalWeight = 0;
  for (const [index, result] of assertions.entries()) {
    const assertion = testCase.assertions[index];
    const weight = assertion === undefined ? 0 : getWeight(assertion);
    weighted += weight * result.score;
    verdictWeighted += weight * getVerdictScore(result);
    totalWeight += weight;
  }
  const allPassed = assertions.every((result) => result.pass);
  const score = totalWeight > 0 ? clampScore(weighted / totalWeight) : allPassed ? 1 : 0;
  const { threshold } = testCase;
  const hasThreshold = typeof threshold === "number" && !Number.isNaN(threshold);
  const verdictScore = totalWeight > 0 ? verdictWeighted / totalWeight : 0;
  const pass = hasThreshold && assertions.length > 0 ? verdictScore >= threshold : allPassed;
  const judgeNotes = notes.filter((note): note is JudgeNote => note !== undefined);
  const firstNote = judgeNotes[0];
  return {
    score,
    pass,
    assertions,
    judge:
      firstNote === undefined
        ? null
        : { model: firstNote.model, reason: judgeNotes.map((note) => note.reason).join("\n") },
  };
}
