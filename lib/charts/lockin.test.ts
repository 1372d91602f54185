import { describe, expect, it } from "vitest";
import { FACTORS } from "@/lib/lockin/factors";
import type { PlatformLockin } from "@/lib/lockin/types";
import { prepareLockinChart, prepareLockinCsv } from "./lockin";

function platform(
  id: string,
  score: number | null,
  contributions: (number | null)[] = [],
): PlatformLockin {
  return {
    platformId: id,
    platformName: `Platform ${id}`,
    platformKind: "cloud",
    score,
    band:
      score === null
        ? null
        : score > 75
          ? "critical"
          : score >= 50
            ? "high"
            : score >= 25
              ? "moderate"
              : "low",
    factors: FACTORS.map((definition, index) => ({
      id: definition.id,
      label: definition.label,
      value: contributions[index] == null ? null : 50,
      weight: definition.defaultWeight,
      contribution: contributions[index] ?? null,
      evidence: [],
      measures: definition.measures,
      reference: definition.reference,
      referenceUrl: definition.referenceUrl,
    })),
    modelsCounted: score === null ? [] : ["v/m1", `v/${id}`],
    modelsNotOffered: [],
    weightCovered: score === null ? 0 : 90,
    weightTotal: 100,
  };
}

describe("prepareLockinChart", () => {
  it("sorts bars by score and lists unscored platforms as gaps", () => {
    const chart = prepareLockinChart([
      platform("a", 30, [10, 20]),
      platform("b", null),
      platform("c", 80, [40, null]),
    ]);
    expect(chart.bars.map((bar) => bar.platformId)).toEqual(["c", "a"]);
    expect(chart.bars[0]?.bandLabel).toBe("Critical");
    // A factor without data stays null (no segment), not 0.
    expect(chart.bars[0]?.contributions["api-portability"]).toBeNull();
    expect(chart.bars[0]?.coverage).toBeCloseTo(0.9, 9);
    expect(chart.unscored).toEqual([
      { label: "Platform b", reason: "offers none of the profile's models" },
    ]);
    // Models v/m1, v/a, v/c across the two scored platforms.
    expect(chart.n).toEqual({ platforms: 2, models: 3 });
    expect(chart.series).toHaveLength(10);
    expect(new Set(chart.series.map((s) => s.color)).size).toBe(10);
    expect(chart.isEmpty).toBe(false);
  });

  it("ranks fully scored platforms first and puts one scored on part of the workload after them", () => {
    const full = (id: string, score: number) => ({
      ...platform(id, score, [10]),
      weightCovered: 100,
    });
    const partial = {
      ...platform("self", 95, [30]),
      weightCovered: 70,
      modelsNotOffered: ["v/other"],
    };
    const chart = prepareLockinChart([full("a", 30), partial, full("c", 60)]);
    expect(chart.bars.map((bar) => [bar.platformId, bar.coverageGap])).toEqual([
      ["c", null],
      ["a", null],
      ["self", "scored on 2 of the profile's 3 models; 70 of 100 weight points backed by data"],
    ]);
  });

  it("is empty when no platform has a score", () => {
    const chart = prepareLockinChart([platform("b", null)]);
    expect(chart.isEmpty).toBe(true);
    expect(prepareLockinChart([]).isEmpty).toBe(true);
  });
});

describe("prepareLockinCsv", () => {
  it("writes one row per platform with empty cells for missing values", () => {
    const csv = prepareLockinCsv([platform("a", 30, [10]), platform("b", null)], "seed 2026-07-01");
    const lines = csv.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^platform_id,platform,score_0_100,band,/);
    expect(lines[1]).toMatch(/^a,Platform a,30\.00,moderate,90,100,2,50\.00,20,10\.00,/);
    expect(lines[2]).toMatch(/^b,Platform b,,,0,100,0,,20,,/);
    expect(lines[1]?.endsWith(",seed 2026-07-01")).toBe(true);
  });
});
