import { describe, expect, it } from "vitest";
import { scoreOutput } from "../assertions";
import type { BuiltinCase, Judge } from "../types";
import { BUILTIN_SUITES } from "./index";
import { mixedSuite } from "./mixed";

const MEASURES = { costUsd: 0, latencyMs: 100 };

function lastUser(testCase: BuiltinCase): string {
  return testCase.messages.filter((message) => message.role === "user").at(-1)?.content ?? "";
}

/** A judge that agrees with the simulated answers: it passes the correct one and fails the rest. */
function judgeFor(testCase: BuiltinCase): Judge {
  return async ({ output }) => {
    const pass = output === testCase.simulated.correct;
    return { ok: true, pass, score: pass ? 1 : 0, reason: "test judge", model: "test/judge" };
  };
}

describe("built-in suites", () => {
  it("ships at least six suites of at least 40 cases each", () => {
    expect(BUILTIN_SUITES.length).toBeGreaterThanOrEqual(6);
    for (const suite of BUILTIN_SUITES)
      expect(suite.cases.length, suite.slug).toBeGreaterThanOrEqual(40);
  });

  it("has unique suite slugs, unique case ids within a suite and unique prompts across suites", () => {
    expect(new Set(BUILTIN_SUITES.map((suite) => suite.slug)).size).toBe(BUILTIN_SUITES.length);
    const prompts = new Map<string, string>();
    // The mixed suite reuses other suites' cases (checked below); every other prompt is unique.
    for (const suite of BUILTIN_SUITES.filter((s) => s !== mixedSuite)) {
      expect(new Set(suite.cases.map((testCase) => testCase.id)).size, suite.slug).toBe(
        suite.cases.length,
      );
      for (const testCase of suite.cases) {
        const prompt = lastUser(testCase);
        expect(prompt.length, `${suite.slug}/${testCase.id}`).toBeGreaterThan(0);
        expect(
          prompts.get(prompt),
          `${suite.slug}/${testCase.id} repeats a prompt`,
        ).toBeUndefined();
        prompts.set(prompt, `${suite.slug}/${testCase.id}`);
      }
    }
  });

  it("builds the mixed suite from other suites' cases unchanged, across several categories", () => {
    const bySuitePrompt = new Map<string, BuiltinCase>();
    for (const suite of BUILTIN_SUITES.filter((s) => s !== mixedSuite)) {
      for (const testCase of suite.cases) bySuitePrompt.set(lastUser(testCase), testCase);
    }
    expect(mixedSuite.cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(mixedSuite.cases.map((c) => c.id)).size).toBe(mixedSuite.cases.length);
    expect(new Set(mixedSuite.cases.map((c) => c.category)).size).toBeGreaterThanOrEqual(5);
    for (const testCase of mixedSuite.cases) {
      const original = bySuitePrompt.get(lastUser(testCase));
      expect(original, testCase.id).toBeDefined();
      expect({ ...testCase, id: original?.id }).toEqual(original);
      expect(testCase.assertions.some((a) => a.type === "llm-rubric")).toBe(false);
    }
  });

  it("gives every case a category tag and at least one assertion", () => {
    for (const suite of BUILTIN_SUITES) {
      for (const testCase of suite.cases) {
        expect(testCase.tags.length, `${suite.slug}/${testCase.id}`).toBeGreaterThan(0);
        expect(testCase.assertions.length, `${suite.slug}/${testCase.id}`).toBeGreaterThan(0);
        expect(testCase.simulated.wrong.length, `${suite.slug}/${testCase.id}`).toBeGreaterThan(0);
      }
    }
  });

  it("passes every correct simulated answer and fails every wrong one", async () => {
    for (const suite of BUILTIN_SUITES) {
      for (const testCase of suite.cases) {
        const judge = judgeFor(testCase);
        const right = await scoreOutput(testCase, testCase.simulated.correct, MEASURES, judge);
        expect(right.pass, `${suite.slug}/${testCase.id} correct: ${JSON.stringify(right)}`).toBe(
          true,
        );
        for (const wrong of testCase.simulated.wrong) {
          const scored = await scoreOutput(testCase, wrong, MEASURES, judge);
          expect(scored.pass, `${suite.slug}/${testCase.id} wrong "${wrong}"`).toBe(false);
        }
      }
    }
  });
});
