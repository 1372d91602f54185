import { describe, expect, it } from "vitest";
import { cellVerdict, describeRepeats } from "./case-matrix";

const cell = (trials: number, errors: number, scored: number, passed: number) => ({
  trials,
  errors,
  scored,
  passed,
});

describe("a cell of the case × target grid", () => {
  it("reads every scored repeat passing as pass, none as fail, some as mixed", () => {
    expect(cellVerdict(cell(2, 0, 2, 2))).toBe("pass");
    expect(cellVerdict(cell(2, 0, 2, 0))).toBe("fail");
    expect(cellVerdict(cell(3, 0, 3, 1))).toBe("mixed");
    expect(cellVerdict(cell(2, 1, 1, 1))).toBe("pass");
  });

  it("says error only when no repeat returned an output, and not scored otherwise", () => {
    expect(cellVerdict(cell(2, 2, 0, 0))).toBe("error");
    expect(cellVerdict(cell(2, 1, 0, 0))).toBe("unscored");
    expect(cellVerdict(cell(1, 0, 0, 0))).toBe("unscored");
  });

  it("summarises the repeats in words", () => {
    expect(describeRepeats(cell(2, 0, 2, 2))).toBe("2 of 2 passed");
    expect(describeRepeats(cell(3, 1, 2, 1))).toBe("1 of 2 passed, 1 error");
    expect(describeRepeats(cell(2, 2, 0, 0))).toBe("2 errors");
    expect(describeRepeats(cell(2, 0, 1, 0))).toBe("0 of 1 passed, 1 not scored");
    expect(describeRepeats(cell(0, 0, 0, 0))).toBe("no trial");
  });
});
