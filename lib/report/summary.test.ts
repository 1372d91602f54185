import { describe, expect, it } from "vitest";
import type { FactorResult, PlatformLockin } from "@/lib/lockin";
import { DEFAULT_WEIGHTS } from "@/lib/lockin";
import type { PolicyResult } from "@/lib/routing/types";
import { policyResult, reportRun, targetSummary } from "@/lib/testing/report-fixtures";
import { reportToMarkdown } from "./markdown";
import {
  REPORT_DATA_VERSION,
  type ReportCompare,
  type ReportData,
  type ReportRouting,
  type ReportTarget,
} from "./report-data";
import { buildSummary, draftRecommendations } from "./summary";
import { reportTables } from "./tables";

const summary = targetSummary({
  trials: 84,
  score: { value: 0.8, low: 0.75, high: 0.85, n: 84 },
  passRate: { value: 0.8, low: 0.7, high: 0.87, n: 84 },
  costUsd: 0.42,
});

function target(id: string, platformName: string): ReportTarget {
  return {
    id,
    label: `Claude Sonnet 4.6 @ ${platformName}`,
    kind: "offering",
    modelId: "anthropic/claude-sonnet-4.6",
    modelName: "Claude Sonnet 4.6",
    platformId: platformName.toLowerCase().replace(/ /g, "-"),
    platformName,
    isSimulated: true,
    summary,
  };
}

const compare: ReportCompare = {
  runId: "run1",
  mode: "model",
  modelId: "anthropic/claude-sonnet-4.6",
  modelName: "Claude Sonnet 4.6",
  targets: [target("ref", "Anthropic API"), target("bed", "AWS Bedrock"), target("az", "Azure")],
  selected: ["ref", "bed", "az"],
  referenceId: "ref",
  pairs: [
    {
      targetId: "bed",
      referenceId: "ref",
      pair: {
        n: 84,
        meanA: 0.8,
        meanB: 0.804,
        difference: -0.004,
        low: -0.016,
        high: 0.009,
        verdict: "equivalent",
        margin: 0.02,
        mcnemar: null,
        casesNeeded: null,
      },
    },
    {
      targetId: "az",
      referenceId: "ref",
      pair: {
        n: 84,
        meanA: 0.75,
        meanB: 0.804,
        difference: -0.054,
        low: -0.081,
        high: -0.027,
        verdict: "different",
        margin: 0.02,
        mcnemar: { aOnly: 2, bOnly: 9, pValue: 0.065 },
        casesNeeded: null,
      },
    },
  ],
  categories: ["qa"],
  categoryDifferences: [],
};

function factor(id: FactorResult["id"], label: string, contribution: number | null): FactorResult {
  return {
    id,
    label,
    value: contribution === null ? null : contribution * 5,
    weight: 20,
    contribution,
    evidence: [],
    measures: "",
    reference: "",
    referenceUrl: "",
  };
}

function platform(name: string, score: number | null, factors: FactorResult[]): PlatformLockin {
  return {
    platformId: name.toLowerCase(),
    platformName: name,
    platformKind: "cloud",
    score,
    band: score === null ? null : score >= 50 ? "high" : "moderate",
    factors,
    modelsCounted: [],
    modelsNotOffered: [],
    weightCovered: 100,
    weightTotal: 100,
  };
}

function policy(
  id: string,
  kind: PolicyResult["kind"],
  label: string,
  quality: number,
  costPerCase: number,
): PolicyResult {
  const description = `${label} policy.`;
  return policyResult({
    id,
    kind,
    label,
    description,
    n: 42,
    quality,
    costPerCase,
    group: "Anthropic",
  });
}

const routing: ReportRouting = {
  runId: "run1",
  ignoredTargets: [],
  n: 42,
  targets: [],
  policies: [
    policy("single:bed", "single", "Cheapest single", 0.5, 0.0001),
    policy("oracle", "oracle", "Oracle (upper bound)", 0.95, 0.001),
    policy("random-mix", "random-mix", "Random mix", 0.8, 0.002),
    // The cascade has the best ratio, but it reads recorded scores: an upper bound, never named.
    policy("cascade", "cascade", "Cascade", 0.813, 0.0012),
    policy("threshold", "threshold", "Quality threshold", 0.78, 0.0013),
  ],
  frontier: [],
  costRange: { min: 0.0001, max: 0.002 },
  weakId: null,
  strongId: null,
  vendorGroups: ["Anthropic"],
  exclusions: { targets: [], casesMissingScore: 0, casesMissingCost: 0 },
  categoryScores: {},
};

const lockin: ReportData["lockin"] = {
  asOf: "2026-11-26",
  snapshot: null,
  weights: DEFAULT_WEIGHTS,
  isDefaultWeights: true,
  profile: {
    models: [],
    requiredRegions: [],
    services: [],
    monthlySpendUsd: 0,
    dataStoredGb: 0,
    exitScope: "leave-platform",
  },
  isExampleProfile: true,
  unknownModels: [],
  platforms: [
    platform("Azure", 41, [factor("substitutability", "Model substitutability", 10)]),
    platform("AWS Bedrock", 62.4, [
      factor("substitutability", "Model substitutability", 18),
      factor("api-portability", "API portability", 12.5),
      factor("data-gravity", "Data gravity", 3),
      factor("deprecation", "Deprecation", null),
    ]),
    platform("Nowhere", null, []),
  ],
};

describe("buildSummary", () => {
  it("writes one sentence per finding, each with its number, interval and sample size", () => {
    const sentences = buildSummary({ isSimulated: false, compare, lockin, routing });
    expect(sentences.map((s) => s.text)).toEqual([
      "Claude Sonnet 4.6 is equivalent on AWS Bedrock and Anthropic API: paired difference −0.4 points (95% CI −1.6 to +0.9, n = 84 cases).",
      "Claude Sonnet 4.6 scores lower on Azure than on Anthropic API: paired difference −5.4 points (95% CI −8.1 to −2.7, n = 84 cases).",
      "AWS Bedrock carries the highest lock-in risk of the 2 platforms scored on the whole of the example workload profile: 62/100, high (default weights); its largest factors are Model substitutability (18.0 points) and API portability (12.5 points).",
      "Of the 2 routers that can run, Quality threshold gives the best quality per dollar: 78.0 points at $0.0013 per case (n = 42 cases); Random mix scores higher: 80.0 points at $0.0020 per case, 1.5× the cost.",
    ]);
    expect(sentences.map((s) => s.figure)).toEqual([
      "−0.4 points (95% CI −1.6 to +0.9, n = 84 cases)",
      "−5.4 points (95% CI −8.1 to −2.7, n = 84 cases)",
      "62/100, high",
      "78.0 points at $0.0013 per case",
    ]);
    expect(sentences.some((s) => s.text.includes("Cascade"))).toBe(false);
  });

  it("says simulated when the data is", () => {
    const sentences = buildSummary({ isSimulated: true, compare, lockin, routing });
    expect(sentences[0]?.text).toBe(
      "Claude Sonnet 4.6 is equivalent on AWS Bedrock and Anthropic API: paired difference −0.4 points (95% CI −1.6 to +0.9, n = 84 cases, simulated).",
    );
    expect(sentences[3]?.text).toContain("(n = 42 cases, simulated)");
  });

  it("names targets when no single model is compared, and skips what is missing", () => {
    const sentences = buildSummary({
      isSimulated: false,
      compare: {
        ...compare,
        mode: "targets",
        modelId: null,
        modelName: null,
        pairs: compare.pairs.slice(0, 1),
      },
      lockin: { ...lockin, platforms: [platform("Nowhere", null, [])] },
      routing: null,
    });
    expect(sentences.map((s) => s.text)).toEqual([
      "Claude Sonnet 4.6 @ AWS Bedrock and Claude Sonnet 4.6 @ Anthropic API are equivalent: paired difference −0.4 points (95% CI −1.6 to +0.9, n = 84 cases).",
    ]);
  });

  it("ranks only platforms scored on the whole workload, and names those scored on part of it", () => {
    const selfHosted = {
      ...platform("Self-hosted", 80, [factor("substitutability", "Model substitutability", 30)]),
      modelsCounted: ["meta/llama-3.3-70b-instruct"],
      modelsNotOffered: ["anthropic/claude-sonnet-4.6", "openai/gpt-5.5"],
      weightCovered: 70,
    };
    const [mixed] = buildSummary({
      isSimulated: false,
      compare: null,
      lockin: { ...lockin, platforms: [...lockin.platforms, selfHosted] },
      routing: null,
    });
    // Self-hosted scores highest (80) but on 1 of 3 models: it is named, not ranked.
    expect(mixed?.text).toBe(
      "AWS Bedrock carries the highest lock-in risk of the 2 platforms scored on the whole of the example workload profile: 62/100, high (default weights); its largest factors are Model substitutability (18.0 points) and API portability (12.5 points). Not ranked, scored on part of it: Self-hosted (scored on 1 of the profile's 3 models; 70 of 100 weight points backed by data).",
    );
    const [none] = buildSummary({
      isSimulated: false,
      compare: null,
      lockin: { ...lockin, isExampleProfile: false, platforms: [selfHosted] },
      routing: null,
    });
    expect(none?.text).toBe(
      "No platform is scored on the whole of your workload profile, so none is ranked: Self-hosted (scored on 1 of the profile's 3 models; 70 of 100 weight points backed by data).",
    );
  });

  it("names the router with the better ratio, and the best scorer when it is not named", () => {
    // The report: two routers at the same quality, the threshold router the dearer one.
    const close: ReportRouting = {
      ...routing,
      policies: [
        policy("single:gpt", "single", "GPT-5.5 @ OpenAI", 0.9, 0.00089),
        policy("threshold", "threshold", "Quality threshold", 0.862, 0.00048),
        policy("random-mix", "random-mix", "Random mix", 0.862, 0.00046),
        policy("oracle", "oracle", "Oracle (upper bound)", 0.97, 0.0003),
      ],
    };
    const [sentence] = buildSummary({
      isSimulated: false,
      compare: null,
      lockin: { ...lockin, platforms: [] },
      routing: close,
    });
    expect(sentence?.text).toBe(
      "Of the 2 routers that can run, Random mix gives the best quality per dollar: 86.2 points at $0.00046 per case (n = 42 cases); GPT-5.5 @ OpenAI scores higher: 90.0 points at $0.00089 per case, 1.9× the cost.",
    );
  });
});

describe("draftRecommendations", () => {
  it("drafts editable lines from the findings", () => {
    const text = draftRecommendations({ isSimulated: true, compare, lockin, routing });
    expect(text.split("\n")).toEqual([
      "- AWS Bedrock can stand in for Anthropic API on quality (equivalent within ±2 points); choose between them on cost, latency and lock-in.",
      "- Prefer Anthropic API over Azure for this workload's quality, or check why they differ.",
      "- Keep an exit plan for AWS Bedrock, starting with model substitutability.",
      "- Pilot the routing policy with the best quality per dollar on a share of live traffic before relying on its savings.",
      "- Repeat these runs against the real providers before acting: the figures above are simulated.",
    ]);
  });
});

const data: ReportData = {
  version: REPORT_DATA_VERSION,
  draftedAt: "2026-11-26T10:00:00.000Z",
  isSimulated: true,
  selection: { runIds: ["run1"], modelIds: [], platformIds: [] },
  runs: [
    reportRun({
      name: "Parity | check",
      suite: { id: "s", name: "Factual QA", caseCount: 84 },
      catalogSnapshot: { id: "snap1", source: "seed", takenAt: "2026-11-01T00:00:00.000Z" },
      storedTrials: 252,
      judgeLabel: null,
    }),
  ],
  catalogSnapshot: null,
  compare,
  lockin,
  routing,
  routingReason: null,
  routerAudit: [],
  summary: buildSummary({ isSimulated: true, compare, lockin, routing }),
  methodology: {
    metrics: [{ name: "Score", definition: "Mean." }],
    statistics: ["Bootstrap over cases, 2,000 resamples."],
    lockinWeights: [{ id: "substitutability", label: "Model substitutability", weight: 20 }],
    routingPolicies: [{ id: "cascade", label: "Cascade", description: "Cheap first." }],
  },
};

describe("reportTables", () => {
  it("gives every table in points, with gaps as null", () => {
    const tables = reportTables({ data });
    expect(tables.map((t) => t.name)).toEqual([
      "summary",
      "runs",
      "targets",
      "parity",
      "parity by category",
      "lock-in scores",
      "lock-in factors",
      "routing policies",
      "routing frontier",
      "policy calls by vendor group",
    ]);
    const parity = tables.find((t) => t.name === "parity")!;
    expect(parity.rows[0]).toEqual([
      "Claude Sonnet 4.6 @ AWS Bedrock",
      "Claude Sonnet 4.6 @ Anthropic API",
      -0.4,
      -1.6,
      0.9,
      84,
      "equivalent",
      2,
      null,
      // cases needed: none, the verdict is conclusive
      null,
    ]);
    for (const table of tables)
      for (const row of table.rows) expect(row).toHaveLength(table.header.length);
    const factors = tables.find((t) => t.name === "lock-in factors")!;
    expect(factors.rows).toContainEqual(["AWS Bedrock", "Deprecation", null, 20, null]);
  });
});

describe("reportToMarkdown", () => {
  const view = {
    id: "rep1",
    title: "Q4 platform review",
    annotations: "Checked by finance.",
    recommendations: "- Move to Bedrock.",
    isSimulated: true,
    createdAt: new Date("2026-11-26T10:00:00Z"),
    createdBy: "Ada",
    data,
  };

  it("has the title, the watermark, the summary, tables, methodology and provenance", () => {
    const md = reportToMarkdown(view);
    expect(md.startsWith("# Q4 platform review\n\n> **SIMULATED**")).toBe(true);
    expect(md).toContain(`- ${data.summary[0]!.text}`);
    expect(md).toContain("## Recommendations\n\n- Move to Bedrock.");
    expect(md).toContain("## Annotations\n\nChecked by finance.");
    expect(md).toContain(
      "| Claude Sonnet 4.6 @ AWS Bedrock | Claude Sonnet 4.6 @ Anthropic API | −0.4 |",
    );
    expect(md).toContain("- Bootstrap over cases, 2,000 resamples.");
    expect(md).toContain("| Model substitutability | 20 |");
    expect(md).toContain("- Run Parity \\| check (run1), suite Factual QA, created 2026-11-25");
    expect(md).toContain("catalogue snapshot snap1 (seed, 2026-11-01)");
  });

  it("escapes pipes inside table cells and leaves out the watermark for real data", () => {
    const md = reportToMarkdown({
      ...view,
      isSimulated: false,
      data: {
        ...data,
        isSimulated: false,
        summary: [],
        runs: [],
        compare: {
          ...compare,
          targets: compare.targets.map((t) => ({ ...t, label: `a|b ${t.id}` })),
        },
      },
    });
    expect(md).not.toContain("SIMULATED");
    expect(md).toContain("| a\\|b bed | a\\|b ref |");
  });
});
