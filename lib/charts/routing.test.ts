import { describe, expect, it } from "vitest";
import { simulateRouting } from "@/lib/routing/simulate";
import type { RoutingInput } from "@/lib/routing/types";
import {
  downsampleIndices,
  formatRoutingCsv,
  logTicks,
  prepareNeutrality,
  preparePolicyRows,
  prepareRoutingChart,
} from "./routing";

function input(costA: number | null): RoutingInput {
  const t = (id: string, vendor: string) => ({
    id,
    label: `Target ${id}`,
    offeringId: `o-${id}`,
    platformId: "aws-bedrock",
    platformName: "AWS Bedrock",
    platformOwner: "Amazon",
    isCloud: true,
    vendor,
    vendorGroup: vendor === "anthropic" ? "Anthropic" : "Meta",
  });
  const rows = (scores: number[], cost: number | null) =>
    scores.map((score, i) => ({ caseId: `k${i}`, category: "c", score, cost }));
  return {
    targets: [t("a", "meta"), t("b", "anthropic")],
    results: new Map([
      ["a", rows([1, 0, 1, 0], costA)],
      ["b", rows([1, 1, 1, 0], 0.004)],
    ]),
    ties: [{ platformOwner: "Amazon", vendor: "anthropic", kind: "equity" }],
    splitSalt: "r",
  };
}

describe("downsampleIndices", () => {
  it("keeps short curves whole", () => {
    expect(downsampleIndices(5, 60, 2)).toEqual([0, 1, 2, 3, 4]);
  });

  it("thins long curves but keeps both ends and the operating point", () => {
    const picked = downsampleIndices(1000, 50, 333);
    expect(picked.length).toBeLessThanOrEqual(52);
    expect(picked).toContain(0);
    expect(picked).toContain(999);
    expect(picked).toContain(333);
    expect([...picked].sort((a, b) => a - b)).toEqual(picked);
  });
});

describe("prepareRoutingChart", () => {
  it("plots cost per 1,000 cases and keeps a log axis when every cost is positive", () => {
    const chart = prepareRoutingChart(simulateRouting(input(0.001)), { scale: "log" });
    expect(chart.scale).toBe("log");
    expect(chart.isEmpty).toBe(false);
    const single = chart.series.find((s) => s.id === "single:a")!;
    expect(single.points[0]).toMatchObject({ x: 1, y: 0.5 });
    expect(chart.frontier.length).toBeGreaterThan(0);
  });

  it("falls back to a linear axis, and says so, when a policy costs $0", () => {
    const chart = prepareRoutingChart(simulateRouting(input(0)), { scale: "log" });
    expect(chart.scale).toBe("linear");
    expect(chart.scaleNote).toMatch(/linear/);
  });

  it("is empty when nothing could be priced", () => {
    const sim = simulateRouting({ ...input(null), targets: input(null).targets.slice(0, 1) });
    expect(prepareRoutingChart(sim, { scale: "log" }).isEmpty).toBe(true);
    expect(prepareNeutrality(sim).isEmpty).toBe(true);
  });
});

describe("prepareNeutrality and preparePolicyRows", () => {
  const sim = simulateRouting(input(0.001));

  it("lists routed policies only, with shares that sum to 1", () => {
    const neutrality = prepareNeutrality(sim);
    expect(neutrality.rows.some((r) => r.kind === "single")).toBe(false);
    for (const row of neutrality.rows) {
      expect(Object.values(row.shares).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    }
    expect(neutrality.rows.map((r) => r.id)).toEqual([
      "random-mix",
      "threshold",
      "cascade",
      "oracle",
    ]);
  });

  it("marks the cascade and the oracle as upper bounds, and nothing else", () => {
    const rows = preparePolicyRows(sim);
    const bounds = rows.filter((row) => row.isUpperBound).map((row) => [row.kind, row.label]);
    expect(bounds.sort()).toEqual([
      ["cascade", "Cascade (upper bound)"],
      ["oracle", "Oracle (upper bound)"],
    ]);
  });

  it("shows CPT for the threshold router only", () => {
    for (const row of preparePolicyRows(sim)) {
      if (!row.isThreshold) expect([row.cpt50, row.cpt80]).toEqual([null, null]);
    }
  });
});

describe("formatRoutingCsv", () => {
  it("writes one row per curve point with the run, snapshot and simulated flag", () => {
    const sim = simulateRouting(input(0.001));
    const csv = formatRoutingCsv(sim, { runId: "run-1", snapshot: "seed", isSimulated: true });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toContain("cost_usd_per_1000_cases");
    expect(lines[0]).toContain("share_Anthropic");
    expect(lines).toHaveLength(1 + sim.policies.reduce((s, p) => s + p.curve.length, 0));
    expect(lines[1]).toMatch(/,run-1,seed,true$/);
  });
});

describe("logTicks", () => {
  it("uses 1-2-5 steps across decades", () => {
    expect(logTicks(0.03, 0.6)).toEqual([0.05, 0.1, 0.2, 0.5]);
  });

  it("falls back to every multiple within a narrow range, and is empty without one", () => {
    expect(logTicks(0.031, 0.048)).toEqual([0.031, 0.04, 0.048]);
    expect(logTicks(0.011, 0.048)).toEqual([0.02, 0.03, 0.04]);
    expect(logTicks(0, 1)).toEqual([]);
  });
});

describe("single-target tags", () => {
  it("number each single target's point, keyed to its full label, and nothing beside others", () => {
    const chart = prepareRoutingChart(simulateRouting(input(0.001)), { scale: "log" });
    const tag = chart.series.find((s) => s.id === "single:a")!.points[0]!.tag;
    expect(chart.keys.find((key) => key.tag === tag)?.label).toBe("Target a");
    expect(chart.keys.map((key) => key.tag)).toEqual(
      chart.keys.map((_, index) => String(index + 1)),
    );
    expect(chart.series.find((s) => s.id === "oracle")!.points[0]!.tag).toBe("");
  });
});
