import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import {
  CaseMatrixTable,
  type ListCellRepeats,
  type ShownCaseMatrixPage,
} from "@/components/runs/case-matrix-table";
import type { CaseMatrixRepeat } from "@/lib/views/case-matrix";

const repeat = (n: number, output: string): CaseMatrixRepeat => ({
  repeat: n,
  status: "ok",
  output,
  pass: n === 0,
  score: n === 0 ? 1 : 0,
  latencyMs: 120,
  errorKind: null,
  errorMessage: null,
  servedBy: null,
});

const matrix: ShownCaseMatrixPage = {
  targets: [
    { id: "a", label: "Model A on Cloud A", isSimulated: true },
    { id: "b", label: "Model B on Cloud B", isSimulated: false },
  ],
  total: 1,
  page: 1,
  pageSize: 25,
  rows: [
    {
      caseId: "c1",
      category: "general",
      prompt: "What is the capital of Australia?",
      reference: "Canberra",
      isDisagreement: true,
      scoreSpread: 0.5,
      cells: [
        {
          trials: 10,
          errors: 0,
          scored: 10,
          passed: 5,
          meanScore: 0.5,
          meanLatencyMs: 399,
          first: repeat(0, "Canberra, first try"),
          otherRepeats: 9,
        },
        null,
      ],
    },
  ],
};

const neverCalled: ListCellRepeats = () => {
  throw new Error("the repeats are fetched only when opened");
};

describe("CaseMatrixTable", () => {
  const html = renderToStaticMarkup(
    <CaseMatrixTable runId="r1" matrix={matrix} listRepeats={neverCalled} />,
  );

  it("draws each cell's summary, verdict and first output, and names the repeats left to open", () => {
    expect(html).toContain("5 of 10 passed · mean score 50.0 · mean latency 399 ms");
    expect(html).toContain('<span data-verdict="mixed">Mixed</span>');
    expect(html).toContain("Canberra, first try");
    expect(html).toMatch(
      /<details><summary data-more="true">The other 9 repeats<\/summary><\/details>/,
    );
    expect(html).toContain("No trial stored yet");
  });

  it("sends no other repeat, and no loading message, until the reader opens them", () => {
    expect(html).not.toContain("Repeat 2");
    expect(html).not.toContain("Loading");
    expect(html).not.toContain("<li");
  });

  it("keeps one Tab stop in the grid: the first case, the cells reached by arrow keys", () => {
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html.match(/data-grid-cell="true" tabindex="-1"/g)).toHaveLength(2);
  });
});
