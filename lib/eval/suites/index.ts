import type { BuiltinSuite } from "../types";
import { arithmeticSuite } from "./arithmetic";
import { classificationSuite } from "./classification";
import { factualQaSuite } from "./factual-qa";
import { instructionFollowingSuite } from "./instruction-following";
import { jsonExtractionSuite } from "./json-extraction";
import { mixedSuite } from "./mixed";
import { multilingualSuite } from "./multilingual";
import { summarizationSuite } from "./summarization";

/** The suites Crossbench ships, written for this project. */
export const BUILTIN_SUITES: readonly BuiltinSuite[] = [
  factualQaSuite,
  arithmeticSuite,
  jsonExtractionSuite,
  classificationSuite,
  summarizationSuite,
  instructionFollowingSuite,
  multilingualSuite,
  mixedSuite,
];
