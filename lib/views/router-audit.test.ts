import { describe, expect, it } from "vitest";
import type { RouterAudit } from "@/lib/routing/audit";
import { describeRouterAudit } from "./router-audit";

const base: RouterAudit = {
  id: "r1",
  label: "Bedrock prompt router (anthropic.claude)",
  platformName: "AWS Bedrock",
  mode: "default",
  ownerGroup: "Amazon group",
  calls: 84,
  unmappedCalls: 0,
  shares: [
    { group: "Amazon group", isOwnerGroup: true, calls: 63, share: 0.75 },
    { group: "Meta", isOwnerGroup: false, calls: 21, share: 0.25 },
  ],
  ownerShare: { rate: 0.75, low: 0.648, high: 0.83, n: 84 },
  pool: {
    size: 3,
    groups: ["Amazon group", "Meta"],
    measured: 2,
    counterfactual: {
      shares: [{ group: "Amazon group", isOwnerGroup: true, calls: 42, share: 0.5 }],
      ownerShare: 0.5,
      quality: 0.8,
      costPerCase: 0.001,
      n: 84,
      matchedOn: "cost",
    },
    reason: null,
  },
  versus: {
    referenceLabel: "Crossbench quality threshold (replayed)",
    referenceKind: "replayed",
    quality: {
      difference: -0.012,
      low: -0.025,
      high: 0.001,
      n: 84,
      routerMean: 0.8,
      referenceMean: 0.812,
    },
    cost: {
      difference: 0.00018,
      low: 0.0001,
      high: 0.0002,
      n: 84,
      routerMean: 0.00118,
      referenceMean: 0.001,
    },
    referenceOwnerShare: 0.4,
  },
  versusReason: null,
  unreachable: [],
};

describe("describeRouterAudit", () => {
  it("writes the issue's headline: cost change, quality difference with its interval, n", () => {
    const view = describeRouterAudit(base, true);
    expect(view.headline).toBe(
      "Bedrock prompt router (anthropic.claude) cost 18% more per case ($0.0012 per case against $0.0010 per case) and scored 1.2 points less (95% CI −2.5 to +0.1, an interval that includes no difference) than Crossbench quality threshold (replayed), n = 84 cases, simulated.",
    );
    expect(view.shareSentence).toBe(
      "Amazon group models served 75.0% of 84 calls (95% CI 64.8% to 83.0%), simulated; its documented pool of 3 models spans Amazon group, Meta.",
    );
    expect(view.poolSentence).toContain(
      "at the same spend, the same pool would give the Amazon group 50.0%",
    );
    expect(view.referenceSentence).toBe(
      "Crossbench quality threshold (replayed) sent 40.0% of its calls to the Amazon group (replayed on this run's single targets).",
    );
  });

  it("says on how many cases the cost was paired when fewer were priced than scored", () => {
    const view = describeRouterAudit(
      { ...base, versus: { ...base.versus!, cost: { ...base.versus!.cost!, n: 30 } } },
      false,
    );
    expect(view.headline).toContain(
      "cost 18% more per case ($0.0012 per case against $0.0010 per case, on the 30 cases both priced)",
    );
  });

  it("says a difference whose interval excludes zero without the open-interval clause", () => {
    const view = describeRouterAudit(
      {
        ...base,
        versus: {
          ...base.versus!,
          quality: { ...base.versus!.quality, difference: 0.05, low: 0.02, high: 0.08 },
        },
      },
      false,
    );
    expect(view.headline).toContain("scored 5.0 points more (95% CI +2.0 to +8.0) than");
    expect(view.headline).not.toContain("simulated");
  });

  it("says the pool replay was matched on quality when the router's calls have no price", () => {
    const view = describeRouterAudit(
      {
        ...base,
        pool: {
          ...base.pool,
          counterfactual: { ...base.pool.counterfactual!, matchedOn: "quality" },
        },
      },
      false,
    );
    expect(view.poolSentence).toContain(
      "at the same quality (none of the router's calls has a known price)",
    );
  });

  it("gives the reason instead of a comparison, and counts unmapped calls", () => {
    const view = describeRouterAudit(
      {
        ...base,
        versus: null,
        versusReason: "No neutral policy to compare with",
        unmappedCalls: 2,
      },
      false,
    );
    expect(view.headline).toBe(
      "Bedrock prompt router (anthropic.claude): No neutral policy to compare with.",
    );
    expect(view.unmappedSentence).toBe(
      "2 calls named a model the served-id table does not hold; they are stored verbatim and left out of the shares.",
    );
  });
});
