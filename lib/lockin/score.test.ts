import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, type FactorId, type LockinWeights } from "./factors";
import {
  lagPoints,
  pricePremiumPoints,
  scoreLockin,
  substitutabilityPoints,
  weightedMean,
} from "./score";
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
 * uses guardrails and a model router, $5,000 monthly AI spend and 10,000 GB stored, and moves only
 * its AI workload (so no exit waiver applies).
 * Recent releases on aws-bedrock (as of 2026-07-01): xlabs/big-2 (2026-05-02, not offered: 60
 * days and counting), xlabs/mini (2026-01-01, arrived by 2026-03-02: 60 days), acme/house-2
 * (offered since the first sync: arrival unknown, 0) and zeta/other (not a profile vendor: ignored).
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

function release(
  overrides: Partial<LockinFacts["releases"][number]> & { modelId: string; releasedOn: string },
): LockinFacts["releases"][number] {
  return {
    platformId: "aws-bedrock",
    modelName: overrides.modelId,
    vendor: overrides.modelId.split("/")[0] ?? "",
    offered: true,
    arrivedBy: null,
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
  releases: [
    release({ modelId: "xlabs/big-2", releasedOn: "2026-05-02", offered: false }),
    release({ modelId: "xlabs/mini", releasedOn: "2026-01-01", arrivedBy: "2026-03-02" }),
    release({ modelId: "acme/house-2", releasedOn: "2026-03-01" }),
    release({ modelId: "zeta/other", releasedOn: "2026-02-01", offered: false }),
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
  exitScope: "move-ai-only",
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
      // $0.09 × (10,000 − 100 free) GB = $891 of $5,000 spend = 17.82%
      "data-gravity": expect.closeTo(17.82, 9),
      // 100 × (1 − 0.5 × 0.2) = 90
      "proprietary-services": 90,
      // Acme and xlabs are one group: HHI 10,000 → 100
      concentration: 100,
      // exposure 0.25 × 100 = 25 (house deprecates 2026-12-01); lag (60/180 + 60/180 + 0) / 3
      // × 100 = 22.22 (zeta is not a profile vendor); mean (25 + 22.22) / 2 = 23.61
      deprecation: expect.closeTo((25 + 200 / 9) / 2, 9),
    });
    // 43.75×.20 + 100×.15 + 43.75×.10 + 40×.10 + 0 + 0 + 17.82×.10 + 90×.10 + 100×.05 + 23.61×.05
    // = 8.75 + 15 + 4.375 + 4 + 1.782 + 9 + 5 + 1.180556 = 49.087556
    expect(a.score).toBeCloseTo(49.0875556, 6);
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

describe("data gravity on the checked reference facts (hand-computed)", () => {
  // The same workload on the real clouds' egress facts: 10,000 GB stored, $5,000 monthly AI spend.
  const clouds: LockinFacts = {
    ...facts,
    platforms: [
      ...facts.platforms,
      ...(["azure-foundry", "oci-genai", "ibm-watsonx"] as const).map((id) => ({
        id,
        name: id,
        kind: "cloud" as const,
        owner: id,
        sourceUrl: SRC,
        snapshotDate: DAY,
      })),
    ],
    offerings: [
      ...facts.offerings,
      ...["azure-foundry", "oci-genai", "ibm-watsonx"].map((platformId) =>
        offering({ platformId, modelId: "xlabs/big", blendedPrice: 10 }),
      ),
    ],
  };
  const gravity = (platformId: string, exitScope: WorkloadProfile["exitScope"]) => {
    const result = byId(
      scoreLockin(clouds, { ...profile, exitScope }, DEFAULT_WEIGHTS),
      platformId,
    );
    const factor = result.factors.find((f) => f.id === "data-gravity");
    if (!factor) throw new Error("no data-gravity factor");
    return factor;
  };

  it("counts Azure's exit waiver when the profile leaves the whole platform", () => {
    // Moving only the AI workload: $0.087 × (10,000 − 100) GB = $861.30 of $5,000 = 17.226%.
    const partial = gravity("azure-foundry", "move-ai-only");
    expect(partial.value).toBeCloseTo(17.226, 9);
    expect(partial.evidence.map((e) => e.text).join("\n")).toMatch(/waiver .*not counted/);
    // Leaving Azure: internet egress credited on request (12 March 2024) → $0 → 0.
    const exit = gravity("azure-foundry", "leave-platform");
    expect(exit.value).toBe(0);
    const waiver = exit.evidence.find((e) => /Exit waiver/.test(e.text));
    expect(waiver?.text).toMatch(/2024-03-12/);
    expect(waiver?.text).toMatch(/60 days/);
    expect(waiver?.text).toMatch(/Azure Storage/);
    expect(waiver?.text).toMatch(/cancel every Azure subscription/);
    expect(waiver?.source).toMatch(/learn\.microsoft\.com/);
    expect(waiver?.check).toBe("confirmed");
    expect(waiver?.snapshotDate).toBe("2026-12-07");
  });

  it("treats AWS and Azure alike: both waivers require leaving the whole cloud", () => {
    expect(gravity("aws-bedrock", "leave-platform").value).toBe(0);
    // $0.09 × 9,900 = $891 → 17.82; Azure $861.30 → 17.226: the gap is the list price alone.
    expect(gravity("aws-bedrock", "move-ai-only").value).toBeCloseTo(17.82, 9);
  });

  it("applies OCI's free 10 TB a month: 10,000 GB leave at no charge", () => {
    expect(gravity("oci-genai", "move-ai-only").value).toBe(0);
  });

  it("marks a fact not yet confirmed against its source", () => {
    // IBM: $0.09 × 10,000 = $900 → 18, from a fact still marked unconfirmed.
    const ibm = gravity("ibm-watsonx", "leave-platform");
    expect(ibm.value).toBeCloseTo(18, 9);
    expect(ibm.evidence[0]?.check).toBe("unconfirmed");
  });
});

describe("lag", () => {
  it("maps days from release to arrival to points, 180 days or more = 100", () => {
    expect([0, 45, 90, 180, 400, -3].map(lagPoints)).toEqual([0, 25, 50, 100, 100, 0]);
  });

  it("counts only the vendors of the models placed on the platform", () => {
    const a = byId(scoreLockin(facts, profile, DEFAULT_WEIGHTS), "aws-bedrock");
    const text = a.factors
      .find((f) => f.id === "deprecation")
      ?.evidence.map((e) => e.text)
      .join("\n");
    expect(text).toMatch(/3 models that acme, xlabs released/);
    expect(text).toMatch(/xlabs\/big-2 \(60 days since release\)/);
    expect(text).not.toMatch(/zeta/);
  });

  it("is not measured when the profile's vendors released nothing in the year", () => {
    const quiet = byId(
      scoreLockin({ ...facts, releases: [] }, profile, DEFAULT_WEIGHTS),
      "aws-bedrock",
    );
    // exposure alone: 25
    expect(quiet.factors.find((f) => f.id === "deprecation")?.value).toBe(25);
  });
});
