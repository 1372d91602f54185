import { describe, expect, it } from "vitest";
import type { CaseMatrixCell, CaseMatrixPage, CaseMatrixRepeat } from "@/lib/views/case-matrix";
import { cellRepeatsSchema, keepFirstRepeats } from "./run-view-repeats";

const repeat = (n: number): CaseMatrixRepeat => ({
  repeat: n,
  status: "ok",
  output: `answer ${n}`,
  pass: true,
  score: 1,
  latencyMs: 100,
  errorKind: null,
  errorMessage: null,
  servedBy: null,
});

const cell = (targetId: string, repeats: number): CaseMatrixCell => ({
  targetId,
  trials: repeats,
  errors: 0,
  scored: repeats,
  passed: repeats,
  meanScore: 1,
  meanLatencyMs: 100,
  repeats: Array.from({ length: repeats }, (_, n) => repeat(n)),
});

const page: CaseMatrixPage = {
  targets: [
    { id: "a", label: "A", isSimulated: true },
    { id: "b", label: "B", isSimulated: false },
  ],
  total: 1,
  page: 1,
  pageSize: 25,
  rows: [
    {
      caseId: "c1",
      category: "general",
      prompt: "Question?",
      reference: null,
      isDisagreement: false,
      scoreSpread: null,
      cells: [cell("a", 10), null],
    },
  ],
};

describe("keepFirstRepeats", () => {
  it("keeps each cell's first repeat and counts the others; an empty cell stays empty", () => {
    const shown = keepFirstRepeats(page);
    const [first, empty] = shown.rows[0]?.cells ?? [];
    expect(first?.first).toEqual({
      output: "answer 0",
      errorKind: null,
      errorMessage: null,
      servedBy: null,
    });
    expect(first?.otherRepeats).toBe(9);
    expect(first?.trials).toBe(10);
    expect(empty).toBeNull();
    expect(shown.targets).toBe(page.targets);
    expect(shown.total).toBe(1);
  });

  it("says there are no others for a one-repeat cell and leaves the input alone", () => {
    const single = { ...page, rows: [{ ...page.rows[0]!, cells: [cell("a", 1), cell("b", 0)] }] };
    const [one, none] = keepFirstRepeats(single).rows[0]?.cells ?? [];
    expect(one?.otherRepeats).toBe(0);
    expect(none?.otherRepeats).toBe(0);
    expect(none?.first).toBeNull();
    expect(page.rows[0]?.cells[0]?.repeats).toHaveLength(10);
  });
});

describe("cellRepeatsSchema", () => {
  it("takes a run, a target and a case, and refuses missing or oversized ids", () => {
    expect(cellRepeatsSchema.safeParse({ runId: "r", targetId: "t", caseId: "c" }).success).toBe(
      true,
    );
    expect(cellRepeatsSchema.safeParse({ runId: "r", targetId: "", caseId: "c" }).success).toBe(
      false,
    );
    expect(
      cellRepeatsSchema.safeParse({ runId: "r".repeat(65), targetId: "t", caseId: "c" }).success,
    ).toBe(false);
    expect(cellRepeatsSchema.safeParse({ runId: "r", targetId: "t" }).success).toBe(false);
  });
});
