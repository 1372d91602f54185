import { describe, expect, it } from "vitest";
import { BUILTIN_SUITES } from "./suites";
import { parseStoredCase, parseStoredTargets } from "./stored-json";

const target = {
  offeringId: "o1",
  platformId: "aws-bedrock",
  modelId: "m",
  nativeId: "n",
  apiStyle: "bedrock-converse",
  prices: { input: 1, output: null },
  simulated: true,
};

describe("stored JSON readers", () => {
  it("reads every built-in suite's cases as they are stored (JSON round trip)", () => {
    for (const suite of BUILTIN_SUITES)
      for (const testCase of suite.cases) {
        const row = JSON.parse(
          JSON.stringify({
            category: testCase.category,
            messages: testCase.messages,
            assertions: testCase.assertions,
            vars: testCase.vars ?? null,
          }),
        ) as Record<string, unknown>;
        expect(parseStoredCase(row as never, testCase.id)).toMatchObject({
          category: testCase.category,
          messages: testCase.messages,
        });
      }
  });

  it("names the row and field when a stored case does not match", () => {
    expect(() =>
      parseStoredCase(
        {
          category: "general",
          messages: [{ role: "robot", content: "x" }],
          assertions: [],
          vars: null,
        },
        "suite s, case c7",
      ),
    ).toThrow(/^suite s, case c7: the stored case does not match its schema \(messages\.0\.role: /);
  });

  it("reads stored targets and refuses ones that do not match", () => {
    expect(parseStoredTargets([target], "run r, target 1")).toEqual([target]);
    expect(() =>
      parseStoredTargets([{ ...target, apiStyle: "telepathy" }], "run r, target 1"),
    ).toThrow(/^run r, target 1: the stored targets do not match their schema \(0\.apiStyle: /);
    expect(() => parseStoredTargets([], "run r, target 2")).toThrow(/run r, target 2/);
  });
});
