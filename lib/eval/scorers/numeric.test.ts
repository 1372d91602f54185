import { describe, expect, it } from "vitest";
import { checkNumeric, getLastNumber } from "./numeric";

describe("getLastNumber", () => {
  it.each([
    ["The total is 1,234.5 units", 1234.5],
    ["It dropped to -3", -3],
    ["Price: $12.50.", 12.5],
    ["a loss of -$7", -7],
    ["first 3, then 4", 4],
    ["3,4", 4],
    ["pages 3-4", 4],
    ["version 1.2.3", 1.2],
    ["3/4", 4],
    ["GPT4 says 17", 17],
    ["just .5", 0.5],
    ["+8 degrees", 8],
    ["12,345,678", 12345678],
    ["x=-0.25", -0.25],
  ])("reads %j as %d", (text, expected) => {
    expect(getLastNumber(text)).toBe(expected);
  });

  it("treats the Unicode minus sign as negative", () => {
    expect(getLastNumber("−3")).toBe(-3);
  });

  it("returns null without a number", () => {
    expect(getLastNumber("no digits here")).toBeNull();
    expect(getLastNumber("")).toBeNull();
  });
});

describe("checkNumeric", () => {
  it("passes within tolerance and fails outside it", () => {
    expect(checkNumeric("So the answer is 42.", 42, null).pass).toBe(true);
    expect(checkNumeric("So the answer is 42.00001", 42, null).pass).toBe(false);
    expect(checkNumeric("about 3.14", 3.14159, null, 0.01).pass).toBe(true);
    expect(checkNumeric("about 3.1", 3.14159, null, 0.01).pass).toBe(false);
  });

  it("uses the last number of the output", () => {
    expect(checkNumeric("2 + 2 = 4, not 5", 4, null).pass).toBe(false);
  });

  it("parses a string value or, without a value, the reference", () => {
    expect(checkNumeric("Total: 1234", "1,234", null).pass).toBe(true);
    expect(checkNumeric("It is 7", undefined, "The answer is 7").pass).toBe(true);
    expect(checkNumeric("It is 8", undefined, "7").pass).toBe(false);
  });

  it("fails when the output has no number", () => {
    const check = checkNumeric("I cannot say", 7, null);
    expect(check.pass).toBe(false);
    expect(check.detail).toBe("no number in the output");
  });

  it("fails as a configuration error without an expected number", () => {
    expect(checkNumeric("7", undefined, null).isConfigError).toBe(true);
    expect(checkNumeric("7", "seven", null).isConfigError).toBe(true);
  });
});
