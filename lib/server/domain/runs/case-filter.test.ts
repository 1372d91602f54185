import { describe, expect, it } from "vitest";
import {
  CaseFilterError,
  MAX_FILTER_SUBJECT_LENGTH,
  checkFilterPattern,
  compileFilterPattern,
  filterCases,
} from "./case-filter";

const CASES = [
  { id: "t1-p1", tags: ["prompt 1", "capital of france"] },
  { id: "t2-p1", tags: ["prompt 1", "capital of japan"] },
  { id: "t3-p1", tags: ["prompt 1", "capital of italy"] },
  { id: "fact-004", tags: ["geography"] },
];

describe("filterCases", () => {
  it("keeps the cases whose description, tags or id match, in suite order", () => {
    const kept = filterCases(CASES, { pattern: compileFilterPattern("italy|france") });
    expect(kept.map((c) => c.id)).toEqual(["t1-p1", "t3-p1"]);
    expect(filterCases(CASES, { pattern: /^fact-/ }).map((c) => c.id)).toEqual(["fact-004"]);
  });

  it("applies the pattern first, then the first n, as promptfoo's filterTests does", () => {
    const kept = filterCases(CASES, { pattern: /capital/, firstN: 2 });
    expect(kept.map((c) => c.id)).toEqual(["t1-p1", "t2-p1"]);
    expect(filterCases(CASES, { firstN: 10 })).toHaveLength(4);
  });

  it("matches only the first characters of a very long description", () => {
    const long = [{ id: "x", tags: [`${"a".repeat(MAX_FILTER_SUBJECT_LENGTH)}needle`] }];
    expect(filterCases(long, { pattern: /needle/ })).toEqual([]);
  });
});

describe("checkFilterPattern", () => {
  it.each(["(a+)+$", "(a*)*b", "(a|aa)+", "((ab)*)+", "(x+){2,}", "(?:a+)+"])(
    "refuses %s, which can backtrack exponentially",
    (pattern) => {
      expect(() => checkFilterPattern(pattern)).toThrow(CaseFilterError);
    },
  );

  it.each(["capital of (france|italy)", "^t\\d+-p1$", "[a-z]+ of [a-z]+", "(ab)+", "a+b*c?"])(
    "accepts %s",
    (pattern) => {
      expect(() => checkFilterPattern(pattern)).not.toThrow();
    },
  );

  it("refuses back-references, over-long patterns and invalid syntax", () => {
    expect(() => checkFilterPattern("(a)\\1")).toThrow(/back-references/);
    expect(() => checkFilterPattern("a".repeat(201))).toThrow(/at most 200/);
    expect(() => compileFilterPattern("(unclosed")).toThrow(/not a valid regular expression/);
  });
});
