import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PairSummary } from "@/lib/eval/summary";
import { formatScoreWithUnit, formatUsdPerCase, toPoints } from "@/lib/format";
import { DEFAULT_WEIGHTS, type PlatformLockin } from "@/lib/lockin";
import type { PolicyResult } from "@/lib/routing/types";
import {
  policyResult,
  reportRouting,
  reportRun,
  targetSummary,
} from "@/lib/testing/report-fixtures";
import {
  buildBrief,
  COST_TIE_SHARE,
  decideRecommendation,
  monthlyCostUsd,
  monthlyVolume,
} from "./brief";
import type { ReportCompare, ReportData, ReportTarget } from "./report-data";
import { reportToMarkdown } from "./markdown";
import { buildSummary } from "./summary";

const SONNET = "anthropic/claude-sonnet-4.6";

function target(
  id: string,
  platformName: string,
  score: number,
  costPerCase: number | null,
  model: { id: string; name: string } = { id: SONNET, name: "Claude Sonnet 4.6" },
): ReportTarget {
  return {
    id,
    label: `${model.name} @ ${platformName}`,
    kind: "offering",
    modelId: model.id,
    modelName: model.name,
    platformId: platformName.toLowerCase().replace(/ /g, "-"),
    platformName,
    isSimulated: false,
    summary: targetSummary({
      trials: 84,
      score: { value: score, low: score - 0.05, high: score + 0.05, n: 84 },
      costPer1kUsd: costPerCase === null ? null : costPerCase * 1000,
    }),
  };
}

function pair(
  verdict: PairSummary["verdict"],
  difference: number,
  casesNeeded: number | null = null,
): PairSummary {
  return {
    n: 84,
    meanA: 0.8 + difference,
    meanB: 0.8,
    difference,
    low: difference - 0.012,
    high: difference + 0.012,
    verdict,
    margin: 0.02,
    mcnemar: null,
    casesNeeded,
  };
}

function compareOf(
  targets: ReportTarget[],
  pairs: [string, PairSummary | null][],
  mode: ReportCompare["mode"] = "model",
): ReportCompare {
  return {
    runId: "run1",
    mode,
    modelId: mode === "model" ? SONNET : null,
    modelName: mode === "model" ? "Claude Sonnet 4.6" : null,
    targets,
    selected: [targets[0]!.id, ...pairs.map(([id]) => id)],
    referenceId: targets[0]!.id,
    pairs: pairs.map(([targetId, p]) => ({ targetId, referenceId: targets[0]!.id, pair: p })),
    categories: [],
    categoryDifferences: [],
  };
}

function lockinPlatform(name: string, score: number): PlatformLockin {
  return {
    platformId: name.toLowerCase().replace(/ /g, "-"),
    platformName: name,
    platformKind: "cloud",
    score,
    band: score > 75 ? "critical" : score >= 50 ? "high" : score >= 25 ? "moderate" : "low",
    factors: [
      {
        id: "substitutability",
        label: "Model substitutability",
        value: 90,
        weight: 20,
        contribution: 18,
        evidence: [],
        measures: "",
        reference: "",
        referenceUrl: "",
      },
    ],
    modelsCounted: [SONNET],
    modelsNotOffered: [],
    weightCovered: 100,
    weightTotal: 100,
  };
}

function reportData(fields: Partial<ReportData>): ReportData {
  return {
    version: 3,
    draftedAt: "2026-11-26T10:00:00.000Z",
    isSimulated: false,
    selection: { runIds: ["run1"], modelIds: [], platformIds: [] },
    runs: [
      {
        ...reportRun({
          name: "Sonnet parity",
          suite: { id: "s", name: "Factual QA", caseCount: 84 },
          catalogSnapshot: null,
          storedTrials: 252,
          judgeLabel: null,
        }),
        isSimulated: false,
      },
    ],
    catalogSnapshot: { id: "snap1", source: "seed", takenAt: "2026-11-01T00:00:00.000Z" },
    compare: null,
    lockin: {
      asOf: "2026-11-26",
      snapshot: null,
      weights: DEFAULT_WEIGHTS,
      isDefaultWeights: true,
      profile: {
        models: [{ modelId: SONNET, monthlySpendUsd: 6000 }],
        requiredRegions: [],
        services: [],
        monthlySpendUsd: 12_000,
        dataStoredGb: 0,
        exitScope: "leave-platform",
      },
      isExampleProfile: true,
      unknownModels: [],
      platforms: [],
    },
    routing: null,
    routingReason: null,
    routerAudit: [],
    summary: [],
    methodology: { metrics: [], statistics: [], lockinWeights: [], routingPolicies: [] },
    ...fields,
  };
}

const GPT = { id: "openai/gpt-5.5", name: "GPT-5.5" };

/** The report: Bedrock at parity and cheaper, Azure lower, GPT-5.5 best at 1.9×. */
const parity = compareOf(
  [
    target("ref", "Anthropic API", 0.8, 0.005),
    target("bed", "AWS Bedrock", 0.796, 0.004),
    target("az", "Azure", 0.75, 0.0045),
    target("gpt", "OpenAI", 0.9, 0.0076, GPT),
  ],
  [
    ["bed", pair("equivalent", -0.004)],
    ["az", pair("different", -0.054)],
  ],
);
parity.selected = ["ref", "bed", "az"];

describe("the recommendation rules", () => {
  it("recommends the cheapest option not shown to score lower, and names the best scorer", () => {
    const brief = buildBrief(reportData({ compare: parity }));
    expect(brief.headline).toBe(
      "Claude Sonnet 4.6 behaves the same on AWS Bedrock as on Anthropic API within ±2 points; it scores lower on Azure than on Anthropic API (Azure −5.4 points).",
    );
    expect(brief.recommendation.text).toBe("Use AWS Bedrock for Claude Sonnet 4.6.");
    expect(brief.recommendation.why).toBe(
      "AWS Bedrock matches Anthropic API within ±2 points (−0.4 points, 95% CI −1.6 to +0.8) and costs 20% less per case than Anthropic API ($0.0040 per case against $0.0050 per case); it is the cheapest of the 2 options not shown to score lower. GPT-5.5 @ OpenAI scores highest, 90.0 points (95% CI 85.0 to 95.0), at 1.9× the cost per case, but it is not part of this comparison.",
    );
    expect(brief.recommendation.runnerUp).toBe(
      "Runner-up: Anthropic API, $0.0050 per case; Anthropic API is the reference.",
    );
    expect(brief.recommendation.wouldChange).toBe(
      "Anthropic API would take over if its cost per case fell below $0.0040 per case or a larger run showed AWS Bedrock scoring lower than Anthropic API.",
    );
    // Azure scores lower: never recommended although it is cheaper than the reference.
    const decision = decideRecommendation(reportData({ compare: parity }));
    expect(decision.kind === "choice" && decision.qualifying.map((o) => o.name)).toEqual([
      "AWS Bedrock",
      "Anthropic API",
    ]);
  });

  /** The reference at $0.005 per case and two equivalent targets at the given score and cost. */
  const twoEquivalents = (bedrock: [number, number], vertex: [number, number]) =>
    compareOf(
      [
        target("ref", "Anthropic API", 0.8, 0.005),
        target("bed", "AWS Bedrock", ...bedrock),
        target("vx", "Google Vertex", ...vertex),
      ],
      [
        ["bed", pair("equivalent", bedrock[0] - 0.8)],
        ["vx", pair("equivalent", vertex[0] - 0.8)],
      ],
    );

  it("breaks a tie on cost by the higher score, then the lower lock-in risk", () => {
    const byScore = buildBrief(
      reportData({ compare: twoEquivalents([0.79, 0.00402], [0.81, 0.00409]) }),
    );
    expect(byScore.recommendation.text).toBe("Use Google Vertex for Claude Sonnet 4.6.");
    expect(byScore.recommendation.why).toContain(
      "It ties on cost with AWS Bedrock (within 5%) and is chosen for its higher mean score (81.0 points against 79.0 points).",
    );

    const byLockin = buildBrief(
      reportData({
        compare: twoEquivalents([0.8, 0.00402], [0.8, 0.00409]),
        lockin: {
          ...reportData({}).lockin,
          platforms: [lockinPlatform("AWS Bedrock", 62.4), lockinPlatform("Google Vertex", 41)],
        },
      }),
    );
    expect(byLockin.recommendation.text).toBe("Use Google Vertex for Claude Sonnet 4.6.");
    expect(byLockin.recommendation.why).toContain(
      "chosen for the lower lock-in risk of its platform (41.0/100 against 62.4/100)",
    );
    expect(byLockin.risk).toBe(
      "AWS Bedrock carries the highest lock-in risk of the 2 platforms scored on the whole of the example workload profile (no profile saved): 62.4/100, high; its largest factor is Model substitutability (18.0 points). The recommended platform, Google Vertex, scores 41.0/100, moderate.",
    );
    // Just outside the tie band, the cheaper one wins whatever its score.
    const apart = twoEquivalents([0.79, 0.004], [0.81, 0.004 / (1 - COST_TIE_SHARE) + 1e-7]);
    expect(buildBrief(reportData({ compare: apart })).recommendation.text).toBe(
      "Use AWS Bedrock for Claude Sonnet 4.6.",
    );
  });

  it("stays on the reference when every comparison is inconclusive, and says what would settle it", () => {
    const unsure = compareOf(
      [
        target("ref", "Anthropic API", 0.8, 0.005),
        target("bed", "AWS Bedrock", 0.79, 0.004),
        target("vx", "Google Vertex", 0.8, 0.0045),
      ],
      [
        ["bed", pair("inconclusive", -0.01, 400)],
        ["vx", pair("inconclusive", 0.002, 310)],
      ],
    );
    const brief = buildBrief(reportData({ compare: unsure }));
    expect(brief.headline).toBe(
      "We cannot tell yet whether Claude Sonnet 4.6 behaves the same on AWS Bedrock and Google Vertex as on Anthropic API with 84 cases; about 400 would settle it.",
    );
    expect(brief.recommendation.text).toBe("Use Anthropic API for Claude Sonnet 4.6.");
    expect(brief.recommendation.why).toBe(
      "No alternative is shown to match Anthropic API on quality, so it stays the choice ($0.0050 per case).",
    );
    expect(brief.recommendation.runnerUp).toContain(
      "Runner-up: AWS Bedrock, $0.0040 per case; AWS Bedrock is inconclusive",
    );
    expect(brief.recommendation.wouldChange).toBe(
      "AWS Bedrock would be the cheaper choice at $0.0040 per case if it proves equivalent: about 400 cases would settle it (84 now; margin ±2 points, 80% power).",
    );
  });

  it("with one target, says nothing is compared and recommends it only if its score is enough", () => {
    const one = compareOf([target("ref", "Anthropic API", 0.8, 0.005)], []);
    const brief = buildBrief(reportData({ compare: one }));
    expect(decideRecommendation(reportData({ compare: one })).kind).toBe("single");
    expect(brief.headline).toBe(
      "Claude Sonnet 4.6 @ Anthropic API scores 80.0 points (95% CI 75.0 to 85.0, n = 84 cases) at $0.0050 per case; it is the only target, so nothing is compared.",
    );
    expect(brief.recommendation.text).toBe(
      "Use Claude Sonnet 4.6 @ Anthropic API if 80.0 points is good enough for this workload: it is the only target measured.",
    );
    expect(brief.recommendation.runnerUp).toBeNull();
  });

  it("without a run, recommends nothing and still shows the risk and provenance", () => {
    const brief = buildBrief(
      reportData({ runs: [], lockin: { ...reportData({}).lockin, isExampleProfile: false } }),
    );
    expect(brief.headline).toBe(
      "This report answers no quality question: the report covers no compared run.",
    );
    expect(brief.recommendation.text).toBe(
      "No recommendation: the report has no scored target to recommend.",
    );
    expect(brief.keyNumbers).toEqual([]);
    expect(brief.monthlyCost).toBeNull();
    expect(brief.provenance).toBe(
      "From no run; catalogue snapshot snap1 (seed, 2026-11-01); lock-in as of 2026-11-26; drafted 2026-11-26.",
    );
  });

  it("labels simulated data in the headline, the key numbers and what would change the answer", () => {
    const brief = buildBrief(reportData({ compare: parity, isSimulated: true }));
    expect(brief.headline.endsWith("(Azure −5.4 points) (simulated).")).toBe(true);
    expect(brief.keyNumbers.every((k) => k.n.endsWith(", simulated"))).toBe(true);
    expect(brief.recommendation.wouldChange).toContain(
      "Repeating the runs against the real providers could change it: these figures are simulated.",
    );
  });

  it("gives three to five key numbers, each with a unit, an interval and n", () => {
    const { keyNumbers } = buildBrief(reportData({ compare: parity }));
    expect(keyNumbers.map((k) => [k.label, k.value, k.interval, k.n])).toEqual([
      ["AWS Bedrock: mean score", "79.6 points", "95% CI 74.6 to 84.6", "n = 84 cases"],
      [
        "AWS Bedrock − Anthropic API: paired difference",
        "−0.4 points",
        "95% CI −1.6 to +0.8",
        "n = 84 cases",
      ],
      ["AWS Bedrock: pass rate", "80.0%", "95% CI 60.0% to 90.0%", "n = 84 scored trials"],
      [
        "AWS Bedrock: cost",
        "$0.0040 per case",
        "list prices × tokens used: no interval",
        "n = 84 trials",
      ],
    ]);
  });

  it("names a runnable router that replays cheaper within the margin as a pilot, never an upper bound", () => {
    const policy = (id: string, kind: PolicyResult["kind"], q: number, c: number) =>
      policyResult({
        id,
        kind,
        label: id,
        description: "",
        n: 42,
        quality: q,
        costPerCase: c,
        group: "Anthropic",
      });
    const routing = reportRouting([
      policy("single:bed", "single", 0.8, 0.004),
      policy("oracle", "oracle", 0.95, 0.001),
      policy("cascade", "cascade", 0.85, 0.002),
      policy("Quality threshold", "threshold", 0.79, 0.003),
    ]);
    const brief = buildBrief(reportData({ compare: parity, routing }));
    expect(brief.recommendation.wouldChange).toContain(
      "The Quality threshold replays 25% cheaper per case than AWS Bedrock at −1.0 points on 42 cases (no interval): worth a pilot on live traffic.",
    );
    expect(brief.monthlyCost?.rows.map((r) => r.role)).toEqual([
      "recommended",
      "runner-up",
      "best score",
      "router to pilot",
    ]);
  });
});

describe("monthly cost", () => {
  it("is the cost per case × the monthly requests", () => {
    expect(monthlyCostUsd(0.00048, 1_000_000)).toBeCloseTo(480, 9);
    expect(monthlyCostUsd(0.004, 1_200_000)).toBeCloseTo(4800, 9);
    expect(monthlyCostUsd(null, 1000)).toBeNull();
    expect(monthlyCostUsd(0.004, null)).toBeNull();
  });

  it("takes the volume from the profile's spend on the compared model at the reference's cost", () => {
    const data = reportData({ compare: parity });
    expect(monthlyVolume(data)).toEqual({
      requests: 1_200_000,
      assumption:
        "Volume: the example workload profile's $6,000 per month of spend on Claude Sonnet 4.6 at Claude Sonnet 4.6 @ Anthropic API's $0.0050 per case is about 1,200,000 requests a month, assuming a request costs what one case of the suite did; each monthly cost is the cost per case × this volume.",
    });
    expect(buildBrief(data).monthlyCost?.rows).toEqual([
      {
        role: "recommended",
        label: "Claude Sonnet 4.6 @ AWS Bedrock",
        perCase: "$0.0040 per case",
        perMonth: "$4,800 per month",
      },
      {
        role: "runner-up",
        label: "Claude Sonnet 4.6 @ Anthropic API",
        perCase: "$0.0050 per case",
        perMonth: "$6,000 per month",
      },
      {
        role: "best score",
        label: "GPT-5.5 @ OpenAI",
        perCase: "$0.0076 per case",
        perMonth: "$9,120 per month",
      },
    ]);
  });

  it("falls back to all AI spend when the model is not in the profile, and prefers a volume entered", () => {
    const data = reportData({
      compare: parity,
      lockin: {
        ...reportData({}).lockin,
        isExampleProfile: false,
        profile: { ...reportData({}).lockin.profile, models: [] },
      },
    });
    expect(monthlyVolume(data)?.requests).toBe(2_400_000);
    expect(monthlyVolume(data)?.assumption).toContain(
      "your workload profile's $12,000 per month of AI spend",
    );
    const entered = buildBrief(data, { monthlyRequests: 10_000 }).monthlyCost;
    expect(entered?.assumption).toMatch(/^Volume entered on the report: 10,000 requests a month/);
    expect(entered?.rows[0]?.perMonth).toBe("$40.00 per month");
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: every comparative sentence is true of the numbers it quotes.

const PLATFORMS = ["Anthropic API", "AWS Bedrock", "Azure", "Google Vertex", "OCI"] as const;

const optionArb = fc.record({
  score: fc.integer({ min: 300, max: 990 }).map((v) => v / 1000),
  cost: fc.option(
    fc.integer({ min: 10, max: 10_000 }).map((v) => v / 1_000_000),
    {
      nil: null,
      freq: 8,
    },
  ),
  verdict: fc.constantFrom<PairSummary["verdict"]>("equivalent", "different", "inconclusive"),
  difference: fc.integer({ min: -150, max: 150 }).map((v) => v / 1000),
  casesNeeded: fc.option(fc.integer({ min: 85, max: 5000 }), { nil: null }),
});

const dataArb = fc
  .record({
    options: fc.array(optionArb, { minLength: 1, maxLength: PLATFORMS.length }),
    other: fc.option(
      fc.record({
        score: fc.integer({ min: 300, max: 990 }).map((v) => v / 1000),
        cost: fc.integer({ min: 10, max: 20_000 }).map((v) => v / 1_000_000),
      }),
      { nil: null },
    ),
    isSimulated: fc.boolean(),
  })
  .map(({ options, other, isSimulated }) => {
    const targets = options.map((o, i) => target(`t${i}`, PLATFORMS[i]!, o.score, o.cost));
    if (other) targets.push(target("other", "OpenAI", other.score, other.cost, GPT));
    const pairs: [string, PairSummary][] = options.slice(1).map((o, i) => {
      // A verdict consistent with its interval, as the statistics would give it.
      const difference =
        o.verdict === "equivalent"
          ? Math.max(-0.007, Math.min(0.007, o.difference))
          : o.verdict === "different"
            ? (o.difference >= 0 ? 1 : -1) * Math.max(0.02, Math.abs(o.difference))
            : o.difference;
      return [
        `t${i + 1}`,
        {
          ...pair(o.verdict, difference, o.verdict === "inconclusive" ? o.casesNeeded : null),
          low: o.verdict === "inconclusive" ? difference - 0.04 : difference - 0.012,
          high: o.verdict === "inconclusive" ? difference + 0.04 : difference + 0.012,
        },
      ];
    });
    const compare = compareOf(targets, pairs);
    compare.selected = options.map((_, i) => `t${i}`);
    return reportData({ compare, isSimulated });
  });

describe("the brief's sentences (property)", () => {
  it("recommends a qualifying option that no other qualifying one undercuts, and names the best scorer", () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        const decision = decideRecommendation(data);
        const brief = buildBrief(data);
        const all = [brief.headline, brief.recommendation.why, brief.recommendation.wouldChange];
        for (const text of all) expect(text).not.toMatch(/(?<![\d.])[+−]?0\.0 points/);
        if (decision.kind !== "choice") return;
        const rec = decision.recommended;
        // Never a target shown to score lower, nor one whose verdict is open.
        expect(["reference", "equivalent", "higher"]).toContain(rec.standing);
        // No qualifying option is cheaper beyond the tie band.
        for (const other of decision.qualifying) {
          if (other.costPerCase === null || other === rec) continue;
          expect(rec.costPerCase).not.toBeNull();
          expect(other.costPerCase).toBeGreaterThanOrEqual(
            rec.costPerCase! * (1 - COST_TIE_SHARE) - 1e-12,
          );
        }
        expect(brief.recommendation.text).toContain(`Use ${rec.name}`);
        // The best scorer (one of them, on a tie) is named when it scores higher than the
        // recommendation.
        const points = (t: ReportTarget) => toPoints(t.summary.score?.value) ?? 0;
        const top = Math.max(...data.compare!.targets.map(points));
        const tops = data.compare!.targets.filter((t) => points(t) === top);
        if (top > (toPoints(rec.score?.value) ?? 0)) {
          expect(
            tops.some((t) =>
              brief.recommendation.why.includes(
                `${t.label} scores highest, ${formatScoreWithUnit(t.summary.score?.value)}`,
              ),
            ),
          ).toBe(true);
        }
        // The headline puts each platform in the group its verdict says.
        for (const { targetId, pair: p } of data.compare!.pairs) {
          const name = data.compare!.targets.find((t) => t.id === targetId)!.platformName;
          if (!p) continue;
          const group =
            p.verdict === "equivalent"
              ? /behaves the same on ([^;]*) as on/
              : p.verdict === "inconclusive"
                ? /cannot tell yet whether [^;]* behaves the same on ([^;]*) as on/
                : p.difference > 0
                  ? /scores higher on ([^;]*) than on/
                  : /scores lower on ([^;]*) than on/;
          expect(brief.headline.match(group)?.[1]?.split(/, | and /)).toContain(name);
        }
        // Each monthly cost is the option's quoted cost per case × the volume.
        const volume = monthlyVolume(data);
        for (const row of brief.monthlyCost?.rows ?? []) {
          const t = data.compare!.targets.find((x) => x.label === row.label)!;
          const cost = t.summary.costPer1kUsd! / 1000;
          expect(row.perCase).toBe(formatUsdPerCase(cost));
          expect(volume).not.toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });
});

const policyArb = fc.record({
  kind: fc.constantFrom<PolicyResult["kind"]>(
    "single",
    "random-mix",
    "threshold",
    "cascade",
    "oracle",
  ),
  // From 5 points up, so a score itself never reads "0.0 points": only a difference could.
  quality: fc.integer({ min: 50, max: 1000 }).map((v) => v / 1000),
  cost: fc.integer({ min: 0, max: 5000 }).map((v) => v / 1_000_000),
});

describe("the routing sentence (property)", () => {
  it("names the router with the best ratio, writes no 0.0-point artefact and names the best scorer", () => {
    fc.assert(
      fc.property(
        fc.array(policyArb, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (rows, sim) => {
          const policies = rows.map((row, i) =>
            policyResult({
              id: `${row.kind}:${i}`,
              kind: row.kind,
              label: `P${i} ${row.kind}`,
              description: "",
              n: 42,
              quality: row.quality,
              costPerCase: row.cost,
              group: "Anthropic",
            }),
          );
          const routing = reportRouting(policies);
          const data = reportData({ routing, isSimulated: sim });
          const sentence = buildSummary(data).find((s) => s.text.includes("quality per dollar"));
          const routers = policies.filter(
            (p) => ["random-mix", "threshold"].includes(p.kind) && p.curve[0]!.costPerCase > 0,
          );
          if (routers.length === 0) {
            expect(sentence).toBeUndefined();
            return;
          }
          const text = sentence!.text;
          expect(text).not.toMatch(/(?<![\d.])[+−]?0\.0 points/);
          const named = policies.find((p) =>
            text.match(new RegExp(`(?:run, |^)${p.label} (?:gives|is the only)`)),
          );
          expect(named).toBeDefined();
          const ratio = (p: PolicyResult) => p.curve[0]!.quality / p.curve[0]!.costPerCase;
          for (const other of routers) expect(ratio(named!)).toBeGreaterThanOrEqual(ratio(other));
          expect(text).toContain(
            `${formatScoreWithUnit(named!.curve[0]!.quality)} at ${formatUsdPerCase(named!.curve[0]!.costPerCase)}`,
          );
          // Upper bounds are never named.
          for (const p of policies)
            if (p.kind === "cascade" || p.kind === "oracle") expect(text).not.toContain(p.label);
          // Some runnable policy with the highest quality is named when it beats the router named.
          const runnable = policies.filter((p) => p.kind !== "cascade" && p.kind !== "oracle");
          const top = Math.max(...runnable.map((p) => toPoints(p.curve[0]!.quality)!));
          if (top > toPoints(named!.curve[0]!.quality)!) {
            const tops = runnable.filter((p) => toPoints(p.curve[0]!.quality) === top);
            expect(tops.some((p) => text.includes(p.label))).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("the brief in the Markdown export", () => {
  it("comes first, before the summary, which is derived again from the frozen figures", () => {
    const data = reportData({
      compare: parity,
      summary: [{ text: "A stale sentence drafted by an older version.", figure: "" }],
    });
    const md = reportToMarkdown({
      id: "rep1",
      title: "Q4 platform review",
      annotations: "",
      recommendations: "- Keep Bedrock.",
      isSimulated: false,
      createdAt: new Date("2026-11-26T10:00:00Z"),
      data,
    });
    const brief = md.indexOf("## Brief");
    expect(brief).toBeGreaterThan(0);
    expect(brief).toBeLessThan(md.indexOf("## Summary"));
    expect(md).toContain("**Claude Sonnet 4.6 behaves the same on AWS Bedrock as on Anthropic API");
    expect(md).toContain("- Use AWS Bedrock for Claude Sonnet 4.6. AWS Bedrock matches");
    expect(md).toContain(
      "| Claude Sonnet 4.6 @ AWS Bedrock | recommended | $0.0040 per case | $4,800 per month |",
    );
    expect(md).toContain("## Recommendations\n\n- Keep Bedrock.");
    expect(md).not.toContain("A stale sentence");
  });
});
