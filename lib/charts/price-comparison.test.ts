import { describe, expect, it } from "vitest";
import { preparePriceChangeNotes, preparePriceComparison } from "./price-comparison";

const offering = (
  platformId: string,
  nativeId: string,
  input: number | null,
  output: number | null,
  lifecycle = "ga",
) => ({
  platformId,
  platformName: platformId.toUpperCase(),
  nativeId,
  inputPrice: input,
  outputPrice: output,
  blendedPrice: input === null || output === null ? null : (3 * input + output) / 4,
  lifecycle,
});

describe("preparePriceComparison", () => {
  it("keeps each platform's cheapest offering, sorted by blended price, with the spread", () => {
    const chart = preparePriceComparison([
      offering("azure", "eu/model", 1.1, 4.4),
      offering("azure", "model", 1, 4),
      offering("deepseek", "model", 0.25, 1),
      offering("old", "model", 0.01, 0.01, "retired"),
      offering("mystery", "model", null, null),
    ]);
    expect(chart.points.map((point) => point.nativeId)).toEqual(["model", "model"]);
    expect(chart.points.map((point) => point.platformId)).toEqual(["deepseek", "azure"]);
    expect(chart.spread).toBeCloseTo(1.75 / 0.4375);
    expect(chart.unpriced).toEqual(["MYSTERY"]);
    expect(chart.n).toBe(4);
  });
});

describe("preparePriceChangeNotes", () => {
  const change = (at: string, platform: string, from: number, to: number) => ({
    at,
    offeringId: `${platform}-offering`,
    platform,
    from: { inputPrice: from, outputPrice: 10 },
    to: { inputPrice: to, outputPrice: 10 },
  });

  it("dates each change by its snapshot, newest first, naming only what changed", () => {
    const { notes, more } = preparePriceChangeNotes([
      change("2026-11-01T00:00:00Z", "Amazon Bedrock", 3, 2.5),
      change("2026-12-07T00:00:00Z", "Vertex AI", 2.5, 2),
    ]);
    expect(more).toBe(0);
    expect(notes.map((note) => [note.date, note.text])).toEqual([
      ["2026-12-07", "Vertex AI's catalogue price changed: input $2.50 → $2.00 per 1M tokens"],
      ["2026-11-01", "Amazon Bedrock's catalogue price changed: input $3.00 → $2.50 per 1M tokens"],
    ]);
  });

  it("keeps the first few and counts the rest; none gives an empty list", () => {
    const many = Array.from({ length: 12 }, (_, day) =>
      change(`2026-11-${String(day + 1).padStart(2, "0")}T00:00:00Z`, "P", day + 1, day + 2),
    );
    const { notes, more } = preparePriceChangeNotes(many, 10);
    expect(notes).toHaveLength(10);
    expect(notes[0]?.date).toBe("2026-11-12");
    expect(more).toBe(2);
    expect(preparePriceChangeNotes([])).toEqual({ notes: [], more: 0 });
  });
});
