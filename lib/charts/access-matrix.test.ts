import { describe, expect, it } from "vitest";
import { formatMatrixCellLabel } from "./access-matrix-rows";
import {
  compactMatrixRows,
  prepareAccessMatrix,
  prepareMatrixCellDetail,
  type CellOfferingInput,
} from "./access-matrix";

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
    expect(cells[1]).toEqual({
      kind: "available",
      price: "$6.00",
      label: "Claude on AWS Bedrock: available, $6.00 blended per 1M tokens, 2 offerings",
      offerings: 2,
    });
    // An unknown price is a gap, never a zero.
    expect(cells[2]).toMatchObject({
      price: "—",
      label: "Claude on Azure AI Foundry: preview — blended per 1M tokens",
    });
    expect(prepared.rows[0]?.platforms).toBe(2);
    expect(prepared.columns.map((column) => column.count)).toEqual([0, 1, 1]);
  });

  it("sends rows as facts the browser rebuilds the same cell names from", () => {
    const platforms = [
      { id: "aws-bedrock", name: "AWS Bedrock" },
      { id: "azure-foundry", name: "Azure AI Foundry" },
    ];
    const prepared = prepareAccessMatrix({
      platforms,
      rows: [{ key: "m", label: "Model M", vendor: "v", openWeights: true }],
      cells: [
        {
          rowKey: "m",
          platformId: "azure-foundry",
          status: "preview",
          offerings: 3,
          minInput: 1,
          minOutput: 2,
          minBlended: 1.25,
          regions: [],
          apiStyles: [],
        },
      ],
    });
    const [row] = compactMatrixRows(prepared.rows);
    expect(row).toEqual({
      key: "m",
      label: "Model M",
      vendor: "v",
      openWeights: true,
      cells: [0, ["preview", "$1.25", 3]],
    });
    const original = prepared.rows[0]?.cells[1];
    const sent = row?.cells[1];
    if (!sent || original?.kind !== "preview") throw new Error("expected a preview cell");
    expect(formatMatrixCellLabel("Model M", "Azure AI Foundry", ...sent)).toBe(original.label);
  });

  it("says when nothing matches", () => {
    expect(prepareAccessMatrix({ platforms, rows: [], cells: [] }).isEmpty).toBe(true);
  });
});

describe("prepareMatrixCellDetail", () => {
  const offering = (overrides: Partial<CellOfferingInput>): CellOfferingInput => ({
    modelName: "Claude Sonnet 4.5",
    nativeId: "anthropic.claude-sonnet-4-5-v1:0",
    inputPrice: 3,
    outputPrice: 15,
    regions: [],
    apiStyles: ["bedrock-converse"],
    lifecycle: "ga",
    snapshotDate: new Date("2026-08-01T00:00:00Z"),
    sourceUrl: "https://aws.amazon.com/bedrock/pricing/",
    ...overrides,
  });
  const bedrock = { id: "aws-bedrock", name: "AWS Bedrock" };

  it("lists each offering's prices, cheapest blended first, and a missing price as a gap", () => {
    const detail = prepareMatrixCellDetail({
      rowLabel: "Claude Sonnet 4.5",
      platform: bedrock,
      offerings: [
        offering({ nativeId: "b-unpriced", inputPrice: null, lifecycle: "preview" }),
        offering({ nativeId: "c-dearer", inputPrice: 4, outputPrice: 20 }),
        offering({ nativeId: "a-cheaper", inputPrice: 3, outputPrice: 15 }),
      ],
    });
    expect(detail.title).toBe("Claude Sonnet 4.5 on AWS Bedrock");
    expect(detail.status).toBe("available");
    expect(detail.offerings).toEqual([
      expect.objectContaining({
        nativeId: "a-cheaper",
        input: "$3.00",
        output: "$15.00",
        blended: "$6.00",
      }),
      expect.objectContaining({ nativeId: "c-dearer", blended: "$8.00" }),
      expect.objectContaining({
        nativeId: "b-unpriced",
        input: "—",
        blended: "—",
        lifecycle: "preview",
      }),
    ]);
  });

  it("groups regions by geography, marks cross-region profiles and puts global apart", () => {
    const detail = prepareMatrixCellDetail({
      rowLabel: "Claude Sonnet 4.5",
      platform: bedrock,
      offerings: [
        offering({ regions: ["us-east-1", "eu-west-1", "eu"] }),
        offering({ nativeId: "global.x", regions: ["global", "eu-central-1", "mars-north-1"] }),
      ],
    });
    expect(
      detail.regionGroups.map((group) => ({
        id: group.id,
        mayLeave: group.mayLeave,
        codes: group.codes.map((code) => `${code.code}${code.isCrossRegion ? "*" : ""}`),
      })),
    ).toEqual([
      { id: "eu", mayLeave: false, codes: ["eu*", "eu-central-1", "eu-west-1"] },
      { id: "us", mayLeave: false, codes: ["us-east-1"] },
      { id: "global", mayLeave: true, codes: ["global"] },
      { id: "other", mayLeave: false, codes: ["mars-north-1"] },
    ]);
    expect(detail.regionGroups[0]?.label).toBe("EU/EEA (GDPR (EU/EEA))");
    expect(detail.regionGroups[2]?.label).toBe("Global: data may leave the geography");
  });

  it("keeps each source once with its snapshot date, newest first, and says it all as text", () => {
    const litellm = "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices.json";
    const detail = prepareMatrixCellDetail({
      rowLabel: "Claude Sonnet 4.5",
      platform: bedrock,
      offerings: [
        offering({ regions: ["us-east-1"] }),
        offering({ nativeId: "x2", apiStyles: ["anthropic-messages", "bedrock-converse"] }),
        offering({
          nativeId: "x3",
          sourceUrl: litellm,
          snapshotDate: new Date("2026-09-15T00:00:00Z"),
        }),
      ],
    });
    expect(detail.sources).toEqual([
      { url: litellm, date: "2026-09-15" },
      { url: "https://aws.amazon.com/bedrock/pricing/", date: "2026-08-01" },
    ]);
    expect(detail.apiStyles).toEqual(["anthropic-messages", "bedrock-converse"]);
    expect(detail.text).toContain("Claude Sonnet 4.5 on AWS Bedrock (available)");
    expect(detail.text).toContain(
      "- Claude Sonnet 4.5 (x2, ga): input $3.00, output $15.00, blended 3:1 $6.00",
    );
    expect(detail.text).toContain("- United States (US law): us-east-1");
    expect(detail.text).toContain("API styles: anthropic-messages, bedrock-converse");
    expect(detail.text).toContain(`- ${litellm} (snapshot 2026-09-15)`);
  });

  it("takes the matrix's status rule: preview without GA, deprecated without either", () => {
    const status = (lifecycles: string[]) =>
      prepareMatrixCellDetail({
        rowLabel: "M",
        platform: bedrock,
        offerings: lifecycles.map((lifecycle, i) => offering({ nativeId: `n${i}`, lifecycle })),
      }).status;
    expect(status(["deprecated", "preview"])).toBe("preview");
    expect(status(["deprecated"])).toBe("deprecated");
    expect(status(["ga", "deprecated"])).toBe("available");
    expect(status([])).toBe("not offered");
  });
});
