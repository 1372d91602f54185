import { describe, expect, it } from "vitest";
import { compareAcrossRuns, matchRunTargets, targetIdentityKey } from "./run-against-run";
import type { CaseRollup } from "./summary";

const target = (
  id: string,
  kind: string,
  label: string,
  offeringIds: string[],
  policy: string | null = null,
) => ({
  id,
  kind,
  label,
  policy,
  offeringIds,
});

const cases = (scores: number[]): CaseRollup[] =>
  scores.map((score, index) => ({
    caseId: `case-${index}`,
    category: "qa",
    trials: 1,
    scored: 1,
    passed: score >= 0.5 ? 1 : 0,
    scoreSum: score,
  }));

describe("matchRunTargets", () => {
  it("matches offerings by offering, policies by policy and order, routers by label", () => {
    const a = [
      target("a1", "offering", "Claude on Bedrock", ["off-1"]),
      target("a2", "policy", "Fallback", ["off-1", "off-2"], "fallback"),
      target("a3", "router", "Bedrock prompt router (anthropic.claude)", []),
      target("a4", "offering", "GPT on Azure", ["off-9"]),
    ];
    const b = [
      target("b1", "router", "Bedrock prompt router (anthropic.claude)", []),
      target("b2", "policy", "Fallback", ["off-2", "off-1"], "fallback"),
      target("b3", "offering", "Claude on Bedrock (renamed)", ["off-1"]),
    ];
    const match = matchRunTargets(a, b);
    expect(match.matched.map(({ a, b }) => [a.id, b.id])).toEqual([
      ["a1", "b3"],
      ["a3", "b1"],
    ]);
    expect(match.onlyA.map((t) => t.id)).toEqual(["a2", "a4"]);
    expect(match.onlyB.map((t) => t.id)).toEqual(["b2"]);
    expect(targetIdentityKey(a[0]!)).toBe("offering:off-1");
  });
});

describe("compareAcrossRuns", () => {
  it("pairs over the common cases and mirrors exactly when the runs swap", () => {
    const a = { targetId: "t-a", cases: cases([1, 1, 0.9, 1, 0.8, 1, 1, 0.7]) };
    const b = { targetId: "t-b", cases: cases([0.2, 0.4, 0.3, 0.1, 0.2, 0.3, 0.2]) };
    const forward = compareAcrossRuns("run-1", a, "run-2", b);
    const backward = compareAcrossRuns("run-2", b, "run-1", a);
    expect(forward?.n).toBe(7);
    expect(forward?.verdict).toBe("different");
    expect(backward?.difference).toBe(-forward!.difference);
    expect(backward?.low).toBe(-forward!.high);
    expect(backward?.high).toBe(-forward!.low);
  });
});
