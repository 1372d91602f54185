import { describe, expect, it } from "vitest";

import { prepareParity, type ParityInput } from "./parity";

const input = (id: string, over: Partial<ParityInput> = {}): ParityInput => ({
  id,
  label: `Model on ${id}`,
  platform: id,
  isSimulated: true,
  isReference: false,
  score: { value: 0.8, low: 0.75, high: 0.85, n: 40 },
  pair: null,
  ...over,
});

describe("prepareParity", () => {
  it("puts about two ticks each side of zero, so they never run into each other in print", () => {
    const chart = prepareParity([
      input("openai", { isReference: true }),
      input("bedrock", {
        pair: {
          difference: -0.042,
          low: -0.159,
          high: 0.068,
          n: 84,
          verdict: "inconclusive",
          margin: 0.02,
          casesNeeded: 1206,
        },
      }),
    ]);
    // Four a side ("−20 −15 −10 −5 0 …") collided at A4 width; the step doubles instead.
    expect(chart.differenceTicks.map((t) => t.value)).toEqual([-0.2, -0.1, 0, 0.1, 0.2]);
  });

  it("puts the reference without a difference and others with theirs on a symmetric axis", () => {
    const chart = prepareParity([
      input("openai", { isReference: true }),
      input("azure", {
        pair: {
          difference: -0.07,
          low: -0.12,
          high: -0.02,
          n: 40,
          verdict: "different",
          margin: 0.02,
          casesNeeded: null,
        },
      }),
    ]);
    expect(chart.rows[0]?.difference).toBeNull();
    const diff = chart.rows[1]?.difference;
    expect(diff?.verdict).toBe("different");
    expect(chart.differenceDomain[0]).toBe(-chart.differenceDomain[1]);
    expect(chart.differenceDomain[1]).toBeGreaterThanOrEqual(0.12);
    expect(chart.zeroAt).toBeCloseTo(0.5);
    expect(diff?.at.low).toBeLessThan(diff?.at.value ?? 0);
    expect(diff?.at.value).toBeLessThan(chart.zeroAt);
    expect(chart.differenceTicks.some((t) => t.value === 0)).toBe(true);
  });

  it("always shows the ±margin band, even when every CI is narrower", () => {
    const chart = prepareParity([
      input("a", { isReference: true }),
      input("b", {
        pair: {
          difference: 0.001,
          low: -0.005,
          high: 0.006,
          n: 40,
          verdict: "equivalent",
          margin: 0.02,
          casesNeeded: null,
        },
      }),
    ]);
    expect(chart.differenceDomain[1]).toBeGreaterThanOrEqual(0.04);
    expect(chart.marginAt.low).toBeLessThan(chart.zeroAt);
    expect(chart.marginAt.high).toBeGreaterThan(chart.zeroAt);
  });

  it("leaves gaps for a target with no scored case", () => {
    const chart = prepareParity([input("a", { score: null }), input("b", { score: null })]);
    expect(chart.rows.every((row) => row.score === null)).toBe(true);
    expect(chart.isEmpty).toBe(true);
  });
});
