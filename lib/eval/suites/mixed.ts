import type { BuiltinCase, BuiltinSuite } from "../types";
import { arithmeticSuite } from "./arithmetic";
import { classificationSuite } from "./classification";
import { factualQaSuite } from "./factual-qa";
import { instructionFollowingSuite } from "./instruction-following";
import { jsonExtractionSuite } from "./json-extraction";
import { multilingualSuite } from "./multilingual";
import { summarizationSuite } from "./summarization";

const PER_SUITE = 12;

function take(suite: BuiltinSuite): BuiltinCase[] {
  // No judge cases: the mix is meant to run without choosing a judge model.
  return suite.cases
    .filter((testCase) => testCase.assertions.every((a) => a.type !== "llm-rubric"))
    .slice(0, PER_SUITE)
    .map((testCase) => ({ ...testCase, id: `${suite.slug}/${testCase.id}` }));
}

/**
 * A cross-section of the other built-in suites (the first twelve judge-free cases of each), so one
 * run covers six task categories: what the per-category heat map and quality-threshold routing
 * need. The cases are the same as in their own suites, prompts and simulated answers included.
 */
export const mixedSuite: BuiltinSuite = {
  slug: "mixed-tasks",
  name: "Mixed tasks",
  description:
    "Written for Crossbench: twelve cases from each built-in suite, so one run spans six task categories.",
  cases: [
    factualQaSuite,
    arithmeticSuite,
    jsonExtractionSuite,
    classificationSuite,
    summarizationSuite,
    instructionFollowingSuite,
    multilingualSuite,
  ].flatMap(take),
};
