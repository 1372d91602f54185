import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, type FactorId, type LockinWeights } from "./factors";
import { pricePremiumPoints, scoreLockin, substitutabilityPoints, weightedMean } from "./score";
import type { LockinFacts, LockinOffering, PlatformLockin, WorkloadProfile } from "./types";

/*
 * A small catalogue whose every factor can be worked out by hand:
 *   aws-bedrock (owner Acme, cloud)  — xlabs/big at $12 (EU + US, bedrock-converse only,
 *                                      tools+vision+batch, 200K) and acme/house at $2 (US only,
 *                                      deprecation date 2026-12-01)
 *   cloud-b     (owner Bolt, cloud)  — xlabs/big at $10 (westeurope, OpenAI-compatible, tools, 100K)
 *   vendor-x    (owner Xlabs, API)   — xlabs/big at $10 ("eu" + global, OpenAI-compatible, tools+vision, 200K)
 *   cloud-c     (owner Cirrus)       — nothing the profile uses
 * Acme holds equity in xlabs. The profile spends $3,000 on big and $1,000 on house, needs the EU,
 * uses guardrails and a model router, $5,000 monthly AI spend and 10,000 GB stored.
 */

const DAY = "2026-07-01";
const SRC = "https://example.test/";

function offering(
  overrides: Partial<LockinOffering> & Pick<LockinOffering, "platformId" | "modelId">,
): LockinOffering {
  return {
    regions: [],
    blendedPrice: null,
    contextWindow: null,
    capabilities: [],
    apiStyles: [],
    lifecycle: "ga",
    deprecationDate: null,
    sourceUrl: `${SRC}${overrides.platformId}`,
    snapshotDate: DAY,
    ...overrides,
  };
}

const facts: LockinFacts = {
  asOf: DAY,
  platforms: [
    {
      id: "aws-bedrock",
      name: "Cloud A",
      kind: "cloud",
      owner: "Acme",
      sourceUrl: SRC,
      snapshotDate: DAY,
    },
    {
      id: "cloud-b",
      name: "Cloud B",
      kind: "cloud",
      owner: "Bolt",
      sourceUrl: SRC,
      snapshotDate: DAY,
    },
    {
      id: "vendor-x",
      name: "Xlabs API",
      kind: "vendor_api",
      owner: "Xlabs",
      sourceUrl: SRC,
      snapshotDate: DAY,
    },
    {
      id: "cloud-c",
      name: "Cloud C",
      kind: "cloud",
      owner: "Cirrus",
      sourceUrl: SRC,
      snapshotDate: DAY,
    },
  ],
  models: [
    { id: "xlabs/big", name: "Big", vendor: "xlabs", sourceUrl: SRC, snapshotDate: DAY },
    { id: "acme/house", name: "House", vendor: "acme", sourceUrl: SRC, snapshotDate: DAY },
  ],
  offerings: [
    offering({
      platformId: "aws-bedrock",
      modelId: "xlabs/big",
      regions: ["eu-central-1", "us-east-1"],
      blendedPrice: 12,
      contextWindow: 200_000,
      capabilities: ["tools", "vision", "batch"],
      apiStyles: ["bedrock-converse"],
    }),
    offering({
      platformId: "aws-bedrock",
      modelId: "acme/house",
      regions: ["us-east-1"],
      blendedPrice: 2,
      contextWindow: 300_000,
      capabilities: ["tools"],
      apiStyles: ["bedrock-converse"],
      deprecationDate: "2026-12-01",
    }),
    offering({
      platformId: "cloud-b",
      modelId: "xlabs/big",
      regions: ["westeurope"],
      blendedPrice: 10,
      contextWindow: 100_000,
      capabilities: ["tools"],
      apiStyles: ["openai-compatible"],
    }),
    offering({
      platformId: "vendor-x",
      modelId: "xlabs/big",
      regions: ["global", "eu"],
      blendedPrice: 10,
      contextWindow: 200_000,
      capabilities: ["tools", "vision"],
      apiStyles: ["openai-compatible"],
    }),
  ],
  ties: [
    {
      platformOwner: "Acme",
      vendor: "xlabs",
      kind: "equity",
      amountUsd: 1e9,
      announcedOn: "2025-01-01",
      sourceUrl: `${SRC}tie`,
      snapshotDate: DAY,
    },
  ],
  recency: [
    { platformId: "aws-bedrock", recentModels: 4, offeredRecent: 3, missingExamples: ["Big 2"] },
  ],
};

const profile: WorkloadProfile = {
  models: [
    { modelId: "xlabs/big", monthlySpendUsd: 3000 },
    { modelId: "acme/house", monthlySpendUsd: 1000 },
  ],
  requiredRegions: ["eu"],
  services: ["guardrails", "model-router"],
  monthlySpendUsd: 5000,
  dataStoredGb: 10_000,
};

function byId(results: PlatformLockin[], id: string): PlatformLockin {
  const found = results.find((result) => result.platformId === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
}

function values(result: PlatformLockin): Record<FactorId, number | null> {
  return Object.fromEntries(result.factors.map((f) => [f.id, f.value])) as Record<
    FactorId,
    number | null
  >;
}

describe("point rules", () => {
  it("maps other platforms to substitutability points", () => {
    expect([0, 1, 2, 3, 7].map(substitutabilityPoints)).toEqual([100, 60, 25, 0, 0]);
  });

  it("maps price ratios to premium points, clamped", () => {
    // (1.2 − 1) / 0.5 = 0.4 → 40; 1.5 and above → 100; cheaper → 0.
    expect(pricePremiumPoints(1.2)).toBeCloseTo(40, 9);
    expect(pricePremiumPoints(1.5)).toBe(100);
    expect(pricePremiumPoints(4)).toBe(100);
    expect(pricePremiumPoints(0.8)).toBe(0);
  });

  it("renormalises a weighted mean over the known values", () => {
    // (0.75 × 40) / 0.75 = 40: the unknown quarter drops out instead of counting as 0.
    expect(
      weightedMean([
        { weight: 0.75, value: 40 },
        { weight: 0.25, value: null },
      ]),
    ).toBe(40);
    expect(weightedMean([{ weight: 1, value: null }])).toBeNull();
  });
});

describe("scoreLockin on the hand-worked catalogue", () => {
  const results = scoreLockin(facts, profile, DEFAULT_WEIGHTS);

  it("computes every factor of aws-bedrock (big 75% of spend, house 25%)", () => {
    const a = byId(results, "aws-bedrock");
    expect(values(a)).toEqual({
      // big: 2 other hosts → 25; house: none → 100. 0.75 × 25 + 0.25 × 100 = 43.75
      substitutability: 43.75,
      // neither model reachable through a portable API: 100% of spend locked
      "api-portability": 100,
      // big: best alternative vendor-x lacks batch: 1 / (3 capabilities + context) = 25;
      // house: no alternative → 100. 0.75 × 25 + 0.25 × 100 = 43.75
      "feature-parity": 43.75,
      // big: 12 / 10 = 1.2 → 40; house has no priced alternative and is left out → 40
      "price-premium": expect.closeTo(40, 9),
      // big in the EU: vendor-x and cloud-b also serve it → 0; house is not served in the EU (left out)
      residency: 0,
      // run by the platform itself
      "hosting-locus": 0,
      // $0.09 × 10,000 GB = $900 of $5,000 spend = 18%
      "data-gravity": 18,
      // 100 × (1 − 0.5 × 0.2) = 90
      "proprietary-services": 90,
      // Acme and xlabs are one group: HHI 10,000 → 100
      concentration: 100,
      // exposure 0.25 × 100 = 25 (house deprecates 2026-12-01); lag (4 − 3) / 4 = 25; mean 25
      deprecation: 25,
    });
    // 43.75×.20 + 100×.15 + 43.75×.10 + 40×.10 + 0 + 0 + 18×.10 + 90×.10 + 100×.05 + 25×.05
    // = 8.75 + 15 + 4.375 + 4 + 1.8 + 9 + 5 + 1.25 = 49.175
    expect(a.score).toBeCloseTo(49.175, 9);
    expect(a.band).toBe("moderate");
    expect(a.weightCovered).toBe(100);
    expect(a.factors.find((f) => f.id === "substitutability")?.contribution).toBeCloseTo(8.75, 9);
  });

  it("leaves out an unknown factor and renormalises the weights (cloud-b has no egress price)", () => {
    const b = byId(results, "cloud-b");
    const v = values(b);
    expect(v["data-gravity"]).toBeNull();
    expect(v.substitutability).toBe(25);
    expect(v["api-portability"]).toBe(0);
    expect(v["feature-parity"]).toBe(0);
    expect(v["price-premium"]).toBe(0);
    // Bolt has no tie to xlabs: one group all the same, HHI 10,000
    expect(v.concentration).toBe(100);
    expect(b.weightCovered).toBe(90);
    // (25 × 20 + 90 × 10 + 100 × 5) / 90 = (500 + 900 + 500) / 90 = 21.111…
    expect(b.score).toBeCloseTo(1900 / 90, 9);
    expect(b.band).toBe("low");
    const gravity = b.factors.find((f) => f.id === "data-gravity");
    expect(gravity?.contribution).toBeNull();
    expect(gravity?.evidence[0]?.text).toMatch(/No egress price/);
  });

  it("does not score a platform that offers none of the profile's models", () => {
    const c = byId(results, "cloud-c");
    expect(c.score).toBeNull();
    expect(c.band).toBeNull();
    expect(c.modelsNotOffered).toEqual(["xlabs/big", "acme/house"]);
  });

  it("cites a source and snapshot date for catalogue evidence", () => {
    const a = byId(results, "aws-bedrock");
    const tie = a.factors
      .find((f) => f.id === "concentration")
      ?.evidence.find((e) => e.source === `${SRC}tie`);
    expect(tie?.snapshotDate).toBe(DAY);
    for (const factor of a.factors) expect(factor.evidence.length).toBeGreaterThan(0);
  });
});

describe("weights", () => {
  it("changes the score when the weights change", () => {
    // Everything on API portability: aws-bedrock = 100, cloud-b = 0.
    const weights: LockinWeights = { ...DEFAULT_WEIGHTS };
    for (const id of Object.keys(weights) as FactorId[]) weights[id] = 0;
    weights["api-portability"] = 1;
    const results = scoreLockin(facts, profile, weights);
    expect(byId(results, "aws-bedrock").score).toBe(100);
    expect(byId(results, "aws-bedrock").band).toBe("critical");
    expect(byId(results, "cloud-b").score).toBe(0);
  });

  it("has no score when the only weighted factor is unknown", () => {
    const weights: LockinWeights = { ...DEFAULT_WEIGHTS };
    for (const id of Object.keys(weights) as FactorId[]) weights[id] = 0;
    weights["data-gravity"] = 10;
    expect(byId(scoreLockin(facts, profile, weights), "cloud-b").score).toBeNull();
  });
});

describe("profile edge cases", () => {
  it("scores residency 0 when no region is required, and data gravity 0 with no data stored", () => {
    const results = scoreLockin(
      facts,
      { ...profile, requiredRegions: [], dataStoredGb: 0 },
      DEFAULT_WEIGHTS,
    );
    const v = values(byId(results, "aws-bedrock"));
    expect(v.residency).toBe(0);
    expect(v["data-gravity"]).toBe(0);
  });

  it("weights models equally when no spend is given", () => {
    const results = scoreLockin(
      facts,
      { ...profile, models: profile.models.map((m) => ({ ...m, monthlySpendUsd: 0 })) },
      DEFAULT_WEIGHTS,
    );
    // 0.5 × 25 + 0.5 × 100 = 62.5
    expect(values(byId(results, "aws-bedrock")).substitutability).toBe(62.5);
  });

  it("treats a vendor API as having no egress charge", () => {
    const v = values(byId(scoreLockin(facts, profile, DEFAULT_WEIGHTS), "vendor-x"));
    expect(v["data-gravity"]).toBe(0);
    // vendor-x serves xlabs' own model: one group → HHI 10,000
    expect(v.concentration).toBe(100);
  });
});

describe("residency when self-hosting", () => {
  it("is met by design: you choose where a self-hosted model runs, whatever regions are recorded", () => {
    const withSelfHosting: LockinFacts = {
      ...facts,
      platforms: [
        ...facts.platforms,
        {
          id: "self-hosted",
          name: "Self-hosted",
          kind: "self_hosted",
          owner: "You",
          sourceUrl: SRC,
          snapshotDate: DAY,
        },
      ],
      // No region recorded: a cloud would be "cannot be met here"; a server you run is not.
      offerings: [
        ...facts.offerings,
        offering({ platformId: "self-hosted", modelId: "xlabs/big" }),
      ],
    };
    const selfHosted = byId(scoreLockin(withSelfHosting, profile, DEFAULT_WEIGHTS), "self-hosted");
    const residency = selfHosted.factors.find((f) => f.id === "residency");
    expect(residency?.value).toBe(0);
    expect(residency?.evidence.map((e) => e.text)).toEqual([
      "Self-hosted: you choose where the models run, so the required regions (EU/EEA) are met by design → 0",
    ]);
  });
});
