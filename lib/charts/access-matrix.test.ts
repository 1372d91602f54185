import { describe, expect, it } from "vitest";
import { prepareAccessMatrix } from "./access-matrix";

describe("prepareAccessMatrix", () => {
  const platforms = [
    { id: "anthropic", name: "Anthropic API" },
    { id: "aws-bedrock", name: "AWS Bedrock" },
    { id: "azure-foundry", name: "Azure AI Foundry" },
  ];

  it("fills every missing model × platform pair with an explicit absent cell", () => {
    const prepared = prepareAccessMatrix({
      platforms,
      rows: [{ key: "anthropic/claude", label: "Claude", vendor: "anthropic", openWeights: false }],
      cells: [
        {
          rowKey: "anthropic/claude",
          platformId: "aws-bedrock",
          status: "available",
          offerings: 2,
          minInput: 3,
          minOutput: 15,
          minBlended: 6,
          regions: ["us-east-1"],
          apiStyles: ["bedrock-converse"],
        },
        {
          rowKey: "anthropic/claude",
          platformId: "azure-foundry",
          status: "preview",
          offerings: 1,
          minInput: null,
          minOutput: null,
          minBlended: null,
          regions: [],
          apiStyles: [],
        },
      ],
    });
    const cells = prepared.rows[0]?.cells ?? [];
    expect(cells.map((cell) => cell.kind)).toEqual(["absent", "available", "preview"]);
    expect(cells[1]).toMatchObject({ price: "$6.00" });
    expect(cells[1]?.label).toContain("2 offerings");
    expect(cells[1]?.label).toContain("$3.00 in / $15.00 out per 1M tokens");
    // An unknown price is a gap, never a zero.
    expect(cells[2]).toMatchObject({ price: "—" });
    expect(prepared.rows[0]?.platforms).toBe(2);
    expect(prepared.columns.map((column) => column.count)).toEqual([0, 1, 1]);
  });

  it("says when nothing matches", () => {
    expect(prepareAccessMatrix({ platforms, rows: [], cells: [] }).isEmpty).toBe(true);
  });
});
