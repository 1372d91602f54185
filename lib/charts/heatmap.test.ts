import { describe, expect, it } from "vitest";

import { heatmapColor, prepareHeatmap } from "./heatmap";

const columns = [
  { id: "ref", label: "openai", isReference: true },
  { id: "az", label: "azure-foundry", isReference: false },
];

describe("prepareHeatmap", () => {
  it("fills every row × column, with gaps (not zeros) where nothing was paired", () => {
    const chart = prepareHeatmap({
      rows: ["math", "trivia"],
      columns,
      cells: [
        { row: "math", column: "ref", difference: 0, n: 5 },
        { row: "math", column: "az", difference: -0.1, n: 5 },
        { row: "trivia", column: "ref", difference: 0, n: 4 },
        { row: "trivia", column: "az", difference: null, n: 0 },
      ],
    });
    expect(chart.cells).toHaveLength(2);
    expect(chart.cells[0]?.[1]).toMatchObject({ difference: -0.1, isGap: false, n: 5 });
    expect(chart.cells[1]?.[1]).toMatchObject({ difference: null, isGap: true, background: null });
    expect(chart.gaps).toBe(1);
    expect(chart.isEmpty).toBe(false);
  });

  it("treats a missing cell and a cell with n = 0 as gaps", () => {
    const chart = prepareHeatmap({
      rows: ["math"],
      columns,
      cells: [{ row: "math", column: "az", difference: 0.3, n: 0 }],
    });
    expect(chart.cells[0]?.every((cell) => cell.isGap)).toBe(true);
    expect(chart.isEmpty).toBe(true);
  });

  it("saturates at the largest |difference|, at least the minimum scale, and diverges in hue", () => {
    const chart = prepareHeatmap({
      rows: ["math"],
      columns,
      cells: [
        { row: "math", column: "ref", difference: 0.01, n: 3 },
        { row: "math", column: "az", difference: -0.2, n: 3 },
      ],
    });
    expect(chart.scale).toBeCloseTo(0.2);
    expect(chart.cells[0]?.[1]?.intensity).toBe(-1);
    expect(chart.legend.map((step) => step.difference)).toEqual([-0.2, -0.1, 0, 0.1, 0.2]);
    expect(prepareHeatmap({ rows: ["a"], columns, cells: [] }).scale).toBe(0.05);
    expect(heatmapColor(0.1, 0.1)).not.toBe(heatmapColor(-0.1, 0.1));
    expect(heatmapColor(0, 0.1)).toContain(" 0%");
  });
});
