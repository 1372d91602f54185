import { describe, expect, it } from "vitest";
import { formatMs, formatScore } from "@/lib/format";
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
    // No error and no "served by": those fields are left out rather than sent as null.
    expect(first?.first).toEqual({ output: "answer 0" });
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

describe("keepFirstRepeats, what it sends", () => {
  const withMeans = (meanScore: number | null, meanLatencyMs: number | null): CaseMatrixPage => ({
    ...page,
    rows: [
      {
        ...page.rows[0]!,
        scoreSpread: meanScore,
        cells: [{ ...cell("a", 3), meanScore, meanLatencyMs }],
      },
    ],
  });

  it("keeps a first repeat's error and served-by", () => {
    const errored: CaseMatrixCell = {
      ...cell("a", 1),
      repeats: [
        {
          ...repeat(0),
          output: null,
          errorKind: "timeout",
          errorMessage: "slow",
          servedBy: "M on P",
        },
      ],
    };
    const shown = keepFirstRepeats({ ...page, rows: [{ ...page.rows[0]!, cells: [errored] }] });
    expect(shown.rows[0]?.cells[0]?.first).toEqual({
      output: null,
      errorKind: "timeout",
      errorMessage: "slow",
      servedBy: "M on P",
    });
  });

  it("shortens the means and the score spread without changing what they show", () => {
    const values: [number, number][] = [
      [0.7777777777777778, 374.0752429884718],
      [0.30000000000000004, 999.6],
      [0.12345, 1043.7297064038873],
      [0.99949999, 1004.9999],
      [0, 0.4],
    ];
    for (const [score, ms] of values) {
      const row = keepFirstRepeats(withMeans(score, ms)).rows[0];
      expect(formatScore(row?.cells[0]?.meanScore ?? null)).toBe(formatScore(score));
      expect(formatMs(row?.cells[0]?.meanLatencyMs ?? null)).toBe(formatMs(ms));
      expect(formatScore(row?.scoreSpread ?? null)).toBe(formatScore(score));
    }
    const row = keepFirstRepeats(withMeans(0.7777777777777778, 374.0752429884718)).rows[0];
    expect(row?.cells[0]).toMatchObject({ meanScore: 0.778, meanLatencyMs: 374 });
  });

  it("keeps a missing mean missing", () => {
    const row = keepFirstRepeats(withMeans(null, null)).rows[0];
    expect(row?.cells[0]).toMatchObject({ meanScore: null, meanLatencyMs: null });
    expect(row?.scoreSpread).toBeNull();
  });
});
