import type { AnswerBook, AnswerBookEntry } from "@/lib/emulator/simulate";
import { JUDGE_HEADER, parseJudgeSections } from "./judge";
import { getRougeL } from "./scorers/rouge";
import type { BuiltinSuite } from "./types";

/**
 * The emulator's answer book for the built-in suites: a simulated model answers a known case
 * correctly with its profile's probability for the case's category, and otherwise gives one of
 * the case's plausible wrong answers. A simulated judge grades judge prompts the same way: it
 * gives the right verdict with the judge model's "reasoning" quality, and the opposite otherwise.
 * SIMULATION: none of this measures a real model.
 */
export function createBuiltinAnswerBook(suites: readonly BuiltinSuite[]): AnswerBook {
  const byPrompt = new Map<string, AnswerBookEntry & { correctText: string }>();
  for (const suite of suites) {
    for (const testCase of suite.cases) {
      const prompt = testCase.messages.filter((m) => m.role === "user").at(-1)?.content;
      if (!prompt) continue;
      byPrompt.set(prompt, {
        category: testCase.category,
        correct: testCase.simulated.correct,
        wrong: testCase.simulated.wrong,
        correctText: testCase.simulated.correct,
      });
    }
  }
  return (query) => {
    if (query.prompt.startsWith(JUDGE_HEADER)) {
      const sections = parseJudgeSections(query.prompt);
      if (!sections) return null;
      const known = byPrompt.get(sections.question);
      const isGood = known
        ? sections.output.trim() === known.correctText.trim()
        : sections.reference !== null && getRougeL(sections.output, sections.reference) >= 0.5;
      const verdict = (pass: boolean) =>
        JSON.stringify({
          pass,
          score: pass ? 1 : 0,
          reason: pass
            ? "Simulated judge: the answer meets the rubric."
            : "Simulated judge: the answer misses what the rubric asks for.",
        });
      return { category: "reasoning", correct: verdict(isGood), wrong: [verdict(!isGood)] };
    }
    const entry = byPrompt.get(query.prompt);
    return entry ? { category: entry.category, correct: entry.correct, wrong: entry.wrong } : null;
  };
}
