import { describe, expect, it } from "vitest";
import {
  checkContains,
  checkContainsAll,
  checkContainsAny,
  checkEquals,
  checkExactMatch,
  checkIContains,
  checkLevenshtein,
  checkRegex,
  checkStartsWith,
  getListValue,
  normaliseAnswer,
  parseCommaSeparatedValues,
} from "./text";

describe("parseCommaSeparatedValues (promptfoo src/util/parseCommaSeparatedValues.ts)", () => {
  const rows: { text: string; items: string[] }[] = [
    { text: "red, green ,blue,", items: ["red", "green", "blue"] },
    { text: '"Canberra.", Sydney', items: ["Canberra.", "Sydney"] },
    { text: '"Paris, France" , Europe', items: ["Paris, France", "Europe"] },
    {
      text: '"say ""hi""", "a \\"b\\"", "back\\\\slash"',
      items: ['say "hi"', 'a "b"', "back\\slash"],
    },
    { text: ",, a ,,, b", items: ["a", "b"] },
    { text: '""', items: [""] },
    { text: "   ", items: [] },
  ];
  it.each(rows)("splits $text", ({ text, items }) => {
    expect(parseCommaSeparatedValues(text)).toEqual(items);
  });

  it("throws on an unterminated quote or text after a closing quote, as promptfoo", () => {
    expect(() => parseCommaSeparatedValues('"open, b')).toThrow(/unterminated/);
    expect(() => parseCommaSeparatedValues('"a" b, c')).toThrow(/comma/);
    expect(getListValue('"open, b')).toBeNull();
  });
});

describe("containment scorers", () => {
  it("contains is case-sensitive", () => {
    expect(checkContains("The capital is Paris.", "Paris").pass).toBe(true);
    expect(checkContains("The capital is paris.", "Paris").pass).toBe(false);
    expect(checkContains("x", "Paris").expectation).toBe('to contain "Paris"');
  });

  it("icontains ignores case", () => {
    expect(checkIContains("THE CAPITAL IS PARIS", "paris").pass).toBe(true);
    expect(checkIContains("The capital is Lyon", "paris").pass).toBe(false);
  });

  it("reads lists from arrays or promptfoo-style comma-separated strings", () => {
    expect(getListValue("red, green ,blue,")).toEqual(["red", "green", "blue"]);
    expect(getListValue(["a,b", "c"])).toEqual(["a,b", "c"]);
    expect(getListValue({ a: 1 })).toBeNull();
  });

  it("contains-any passes on one hit and fails on none", () => {
    expect(checkContainsAny("I like green", "red, green").pass).toBe(true);
    expect(checkContainsAny("I like blue", ["red", "green"]).pass).toBe(false);
  });

  it("contains-all scores the fraction found and names what is missing", () => {
    const partial = checkContainsAll("red and green", "red, green, blue");
    expect(partial.pass).toBe(false);
    expect(partial.score).toBeCloseTo(2 / 3);
    expect(partial.detail).toBe('missing "blue"');
    expect(checkContainsAll("red green blue", ["red", "green", "blue"]).pass).toBe(true);
  });

  it("starts-with does not trim", () => {
    expect(checkStartsWith("Yes, because", "Yes").pass).toBe(true);
    expect(checkStartsWith(" Yes", "Yes").pass).toBe(false);
  });

  it("equals is exact", () => {
    expect(checkEquals("42", "42").pass).toBe(true);
    expect(checkEquals("42\n", "42").pass).toBe(false);
  });

  it("fails as a configuration error when the value is missing", () => {
    const check = checkContains("anything", undefined);
    expect(check.pass).toBe(false);
    expect(check.isConfigError).toBe(true);
  });
});

describe("checkRegex", () => {
  it("matches and fails", () => {
    expect(checkRegex("order #12345 shipped", String.raw`#\d{5}\b`).pass).toBe(true);
    expect(checkRegex("order #123 shipped", String.raw`#\d{5}\b`).pass).toBe(false);
  });

  it("fails an invalid pattern with the compiler's message instead of throwing", () => {
    const check = checkRegex("anything", "(unclosed");
    expect(check.pass).toBe(false);
    expect(check.isConfigError).toBe(true);
    expect(check.detail).toMatch(/^invalid regex: .*unterminated group/i);
    // Served from the cache the second time, with the same outcome.
    expect(checkRegex("anything", "(unclosed").detail).toBe(check.detail);
  });

  it("keeps working after more patterns than the cache holds", () => {
    for (let index = 0; index < 600; index += 1) checkRegex("x", `^x{${index}}`);
    expect(checkRegex("aaa", "^a{3}$").pass).toBe(true);
    expect(checkRegex("aa", "^a{3}$").pass).toBe(false);
  });
});

describe("checkLevenshtein", () => {
  it("computes distance and score", () => {
    // kitten → sitting: substitute k→s, e→i, insert g = 3 edits; longest is 7 chars.
    const check = checkLevenshtein("kitten", "sitting");
    expect(check.detail).toBe("distance 3");
    expect(check.score).toBeCloseTo(1 - 3 / 7);
    expect(check.pass).toBe(true);
  });

  it("fails above the threshold", () => {
    // kitten → sitting is 3 edits, above a threshold of 2.
    expect(checkLevenshtein("kitten", "sitting", 2).pass).toBe(false);
    // "abc" → "xyz12345" is 8 edits (3 substitutions + 5 insertions), above the default 5.
    const far = checkLevenshtein("abc", "xyz12345");
    expect(far.pass).toBe(false);
    expect(far.score).toBe(0);
  });

  it("scores two empty strings as identical", () => {
    expect(checkLevenshtein("", "").score).toBe(1);
  });
});

describe("exact-match", () => {
  it("normalises case, spacing, quotes, trailing punctuation and Unicode", () => {
    expect(normaliseAnswer('  "Paris."  ')).toBe("paris");
    expect(normaliseAnswer("“New   York”!")).toBe("new york");
    expect(normaliseAnswer('"Paris".')).toBe("paris");
    // NFKC folds the full-width letters and the ligature.
    expect(normaliseAnswer("ＰＡＲＩＳ")).toBe("paris");
    expect(normaliseAnswer("ﬁne")).toBe("fine");
    // Inner punctuation is kept.
    expect(normaliseAnswer("U.S.A.")).toBe("u.s.a");
  });

  it("matches against a value, any of a list, or the reference", () => {
    expect(checkExactMatch("paris!", "Paris", null).pass).toBe(true);
    expect(checkExactMatch("Paris, France", "Paris", null).pass).toBe(false);
    expect(checkExactMatch("NYC", ["New York", "NYC"], null).pass).toBe(true);
    expect(checkExactMatch("'Lyon'", undefined, "Lyon").pass).toBe(true);
    expect(checkExactMatch("Lyon", undefined, "Paris").pass).toBe(false);
  });

  it("fails as a configuration error with neither value nor reference", () => {
    expect(checkExactMatch("Paris", undefined, null).isConfigError).toBe(true);
  });
});
