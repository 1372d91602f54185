import { countTokensBounded as countTokens } from "@/lib/router/tokens";
import { suiteContentId } from "./suite-id";
import type { Assertion, EvalCase, Suite } from "./types";

/** Output tokens assumed for a case without a reference, when estimating cost before a run. */
export const DEFAULT_OUTPUT_TOKENS_PER_CASE = 200;

/** Token counts (cl100k) used for cost estimates before launch. */
export function suiteTokenStats(cases: readonly EvalCase[]): {
  inputTokens: number;
  expectedOutputTokens: number;
} {
  let inputTokens = 0;
  let expectedOutputTokens = 0;
  for (const testCase of cases) {
    for (const message of testCase.messages) inputTokens += countTokens(message.content);
    expectedOutputTokens += testCase.reference
      ? countTokens(testCase.reference)
      : DEFAULT_OUTPUT_TOKENS_PER_CASE;
  }
  return { inputTokens, expectedOutputTokens };
}

/** What is stored beside a suite's cases: its id, token counts and whether it needs a judge. */
export type SuiteRecordStats = {
  id: string;
  inputTokens: number;
  expectedOutputTokens: number;
  hasJudge: boolean;
};

/**
 * Computes {@link SuiteRecordStats}. Linear, but not free: counting the tokens of a 4 MB case
 * takes most of a second, so an import computes them in its child process, off the server's
 * event loop.
 */
export function suiteRecordStats(suite: Pick<Suite, "slug" | "name" | "cases">): SuiteRecordStats {
  return {
    id: suiteContentId(suite),
    ...suiteTokenStats(suite.cases),
    hasJudge: suiteNeedsJudge(suite.cases),
  };
}

/** True when any case has an llm-rubric assertion, in an assert-set too (the run then needs a judge). */
export function suiteNeedsJudge(cases: readonly EvalCase[]): boolean {
  const needs = (assertion: Assertion): boolean =>
    assertion.type === "llm-rubric" || (assertion.assert ?? []).some(needs);
  return cases.some((testCase) => testCase.assertions.some(needs));
}
