/**
 * The `rouge-l` scorer: ROUGE-L F1 (longest common subsequence of word tokens).
 * Pure: no Next, React, Prisma or env.
 */
import { fMeasure, nGram, treeBankTokenize } from "js-rouge";
import type { Assertion } from "../types";
import { type Check, configError, getReferenceText } from "./check";

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-case word tokens: maximal runs of Unicode letters and digits; everything else separates. */
export function tokenizeWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Length of the longest common subsequence of two token lists (O(n·m) time, O(m) memory). */
export function getLcsLength(left: readonly string[], right: readonly string[]): number {
  if (left.length === 0 || right.length === 0) return 0;
  let previous = new Uint32Array(right.length + 1);
  let current = new Uint32Array(right.length + 1);
  for (const leftToken of left) {
    for (let j = 1; j <= right.length; j += 1) {
      current[j] =
        leftToken === right[j - 1]
          ? (previous[j - 1] ?? 0) + 1
          : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  return previous[right.length] ?? 0;
}

/**
 * ROUGE-L F1 of a candidate against a reference: precision = LCS / candidate tokens, recall =
 * LCS / reference tokens, F1 = 2PR / (P + R). Two texts without tokens score 1; one empty scores 0.
 */
export function getRougeL(candidate: string, reference: string): number {
  const candidateTokens = tokenizeWords(candidate);
  const referenceTokens = tokenizeWords(reference);
  if (candidateTokens.length === 0 && referenceTokens.length === 0) return 1;
  const lcs = getLcsLength(candidateTokens, referenceTokens);
  if (lcs === 0) return 0;
  const precision = lcs / candidateTokens.length;
  const recall = lcs / referenceTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Default minimum F1 for `rouge-l`. */
export const DEFAULT_ROUGE_THRESHOLD = 0.5;

/**
 * `rouge-l`: ROUGE-L F1 of the output against the value (or the case reference) is at least
 * `threshold` (default 0.5); the score is the F1 itself.
 */
export function checkRougeL(
  output: string,
  value: Assertion["value"],
  reference: string | null,
  threshold?: number,
): Check {
  const minimum = threshold ?? DEFAULT_ROUGE_THRESHOLD;
  const expectation = `ROUGE-L F1 ≥ ${minimum}`;
  const target = getReferenceText(value, reference);
  if (target === null) return configError(expectation, "no value and no reference to compare with");
  const f1 = getRougeL(output, target);
  return { pass: f1 >= minimum, score: f1, expectation, detail: `F1 ${f1.toFixed(3)}` };
}

/** Default minimum score for `rouge-n`, as promptfoo (src/assertions/rouge.ts `?? 0.75`). */
export const DEFAULT_ROUGE_N_THRESHOLD = 0.75;

function countGrams(grams: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const gram of grams) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  return counts;
}

/**
 * ROUGE-1 F1 as promptfoo 0.123 computes `rouge-n` (src/assertions/rouge.ts `rougeNScore` with
 * n = 1, β = 1): both texts lower-cased and split with js-rouge's Penn Treebank tokenizer, the
 * overlap counted with clipping (min of the two counts per token), F1 of overlap / candidate
 * tokens and overlap / reference tokens. 0 when either text has no token.
 */
export function getRougeN(candidate: string, reference: string): number {
  const candidateTokens = treeBankTokenize(candidate.toLowerCase());
  const referenceTokens = treeBankTokenize(reference.toLowerCase());
  if (candidateTokens.length < 1 || referenceTokens.length < 1) return 0;
  const candidateGrams = nGram(candidateTokens, 1);
  const referenceGrams = nGram(referenceTokens, 1);
  const referenceCounts = countGrams(referenceGrams);
  let overlap = 0;
  for (const [gram, count] of countGrams(candidateGrams))
    overlap += Math.min(count, referenceCounts.get(gram) ?? 0);
  if (overlap === 0) return 0;
  return fMeasure(overlap / candidateGrams.length, overlap / referenceGrams.length, 1);
}

/**
 * `rouge-n`: promptfoo's ROUGE-1 F1 of the output against the value ({@link getRougeN}) is at
 * least `threshold` (default 0.75); the score is the F1 itself.
 */
export function checkRougeN(output: string, value: Assertion["value"], threshold?: number): Check {
  const minimum = threshold ?? DEFAULT_ROUGE_N_THRESHOLD;
  const expectation = `ROUGE-N score ≥ ${minimum}`;
  if (typeof value !== "string") return configError(expectation, "the assertion has no value");
  const score = getRougeN(output, value);
  return { pass: score >= minimum, score, expectation, detail: `score ${score.toFixed(3)}` };
}
