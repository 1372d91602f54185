import { countTokens } from "gpt-tokenizer";
import { describe, expect, it } from "vitest";
import { countTokensBounded } from "./tokens";

describe("countTokensBounded", () => {
  it("counts natural text exactly as the tokenizer does", () => {
    for (const text of [
      "",
      "Hello, world!",
      "What is the capital of Australia? Answer in one word.",
      "naïve café — 東京 と 大阪 🙂\n\n  indented\tline",
      `${"word ".repeat(2_000)}${"x".repeat(255)}`,
    ])
      expect(countTokensBounded(text)).toBe(countTokens(text));
  });

  it("stays close to the exact count for long unbroken runs", () => {
    const text = `before ${"ab".repeat(2_000)} after`;
    const exact = countTokens(text);
    expect(Math.abs(countTokensBounded(text) - exact) / exact).toBeLessThan(0.1);
  });

  it("counts a 4 MB single-word line in linear time (the exact count takes hours)", () => {
    const started = performance.now();
    const count = countTokensBounded("x".repeat(4_000_000));
    expect(count).toBeGreaterThan(100_000);
    // Generous: about 1 s on a slow CI core; the quadratic count would not finish.
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
