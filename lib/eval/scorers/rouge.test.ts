import { describe, expect, it } from "vitest";
import { checkRougeL, getLcsLength, getRougeL, tokenizeWords } from "./rouge";

describe("tokenizeWords", () => {
  it("splits on anything but Unicode letters and digits, lower-cased", () => {
    expect(tokenizeWords("Café, naïve—ÜBER! 42x")).toEqual(["café", "naïve", "über", "42x"]);
    expect(tokenizeWords("東京 is big")).toEqual(["東京", "is", "big"]);
    expect(tokenizeWords(" ... ")).toEqual([]);
  });
});

describe("ROUGE-L", () => {
  it("computes the LCS length", () => {
    // the cat sat on the mat / the cat is on the mat: LCS = the cat on the mat (5).
    expect(
      getLcsLength("the cat sat on the mat".split(" "), "the cat is on the mat".split(" ")),
    ).toBe(5);
    expect(getLcsLength([], ["a"])).toBe(0);
  });

  it("computes F1 by hand-checked examples", () => {
    // LCS 5 of 6 candidate and 6 reference tokens: P = R = 5/6, F1 = 5/6.
    expect(getRougeL("The cat sat on the mat.", "the cat is on the mat")).toBeCloseTo(5 / 6);
    // police killed the gunman / police kill the gunman: LCS = police the gunman (3),
    // P = R = 3/4, F1 = 0.75.
    expect(getRougeL("police killed the gunman", "police kill the gunman")).toBeCloseTo(0.75);
    // the gunman kill police / police kill the gunman: LCS = the gunman (2), F1 = 0.5.
    expect(getRougeL("the gunman kill police", "police kill the gunman")).toBeCloseTo(0.5);
    // Unequal lengths: "a b" vs "a b c d": LCS 2, P = 1, R = 1/2, F1 = 2·1·0.5/1.5 = 2/3.
    expect(getRougeL("a b", "a b c d")).toBeCloseTo(2 / 3);
  });

  it("scores empty texts", () => {
    expect(getRougeL("", "...")).toBe(1);
    expect(getRougeL("", "something")).toBe(0);
    expect(getRougeL("x y", "a b")).toBe(0);
  });

  it("passes at the threshold and uses the reference without a value", () => {
    const pass = checkRougeL("police killed the gunman", "police kill the gunman", null);
    expect(pass.pass).toBe(true);
    expect(pass.score).toBeCloseTo(0.75);
    expect(
      checkRougeL("police killed the gunman", undefined, "police kill the gunman", 0.8).pass,
    ).toBe(false);
    // F1 exactly 0.5 meets the default threshold.
    expect(checkRougeL("the gunman kill police", "police kill the gunman", null).pass).toBe(true);
    expect(checkRougeL("text", undefined, null).isConfigError).toBe(true);
  });
});
