import { describe, expect, it } from "vitest";
import { caseFold, splitCases } from "./split";

describe("splitCases", () => {
  const ids = Array.from({ length: 1000 }, (_, i) => `case-${i}`);

  it("puts a case in the same half whatever order the cases come in", () => {
    const [a] = splitCases("run-1", ids);
    const [b] = splitCases("run-1", [...ids].reverse());
    expect(new Set(a)).toEqual(new Set(b));
    expect(caseFold("run-1", "case-7")).toBe(caseFold("run-1", "case-7"));
  });

  it("splits roughly in half, and differently for another salt", () => {
    const [a, b] = splitCases("run-1", ids);
    expect(a.length + b.length).toBe(1000);
    expect(a.length).toBeGreaterThan(430);
    expect(a.length).toBeLessThan(570);
    const [other] = splitCases("run-2", ids);
    expect(new Set(other)).not.toEqual(new Set(a));
  });
});
