import { describe, expect, it } from "vitest";
import { wilsonInterval } from "@/lib/eval/stats";
import type { GroupTie } from "@/lib/lockin/groups";
import {
  auditRouters,
  type AuditModel,
  type AuditPolicyInput,
  type AuditRouterInput,
  type AuditSingle,
  type RouterAuditInput,
} from "./audit";
import { caseFold } from "./split";
import type { CaseResult } from "./types";

/** Eight cases in two categories; with SALT each category has cases in both folds. */
const CASES = ["a0", "a1", "a2", "a3", "b0", "b1", "b2", "b3"] as const;
const SALT = "audit-run";

const BEDROCK = { id: "aws-bedrock", owner: "Amazon", name: "Amazon Bedrock" };
const TIE_ANTHROPIC: GroupTie = { platformOwner: "Amazon", vendor: "anthropic" };

const NAMES: Record<string, string> = {
  amazon: "Amazon",
  anthropic: "Anthropic",
  meta: "Meta",
  mistral: "Mistral",
  openai: "OpenAI",
  cohere: "Cohere",
  writer: "Writer",
};
const vendorName = (vendor: string) => NAMES[vendor] ?? vendor;

const MODELS = new Map<string, AuditModel>([
  ["nova", { vendor: "amazon", name: "Nova Lite" }],
  ["claude", { vendor: "anthropic", name: "Claude" }],
  ["llama", { vendor: "meta", name: "Llama" }],
  ["gpt", { vendor: "openai", name: "GPT" }],
  ["mistral", { vendor: "mistral", name: "Mistral Large" }],
  ["command", { vendor: "cohere", name: "Command" }],
  ["palmyra", { vendor: "writer", name: "Palmyra" }],
]);

/** Per-case results over CASES; a number for `costs` prices every case the same. */
function rows(
  scores: readonly (number | null)[],
  costs: number | readonly (number | null)[],
): CaseResult[] {
  return CASES.map((caseId, i) => ({
    caseId,
    category: caseId.slice(0, 1),
    score: scores[i] ?? null,
    cost: typeof costs === "number" ? costs : (costs[i] ?? null),
  }));
}

/** Scores `a` on the four "a" cases and `b` on the four "b" cases. */
const byCategory = (a: number, b: number) => [a, a, a, a, b, b, b, b];

function single(
  id: string,
  modelId: string,
  vendor: string,
  platform: { id: string; owner: string; name: string } = BEDROCK,
): AuditSingle {
  return {
    id,
    label: `${id} on ${platform.name}`,
    offeringId: `offering-${id}`,
    platformId: platform.id,
    platformName: platform.name,
    platformOwner: platform.owner,
    isCloud: true,
    vendor,
    vendorGroup: vendorName(vendor),
    modelId,
  };
}

function router(overrides: Partial<AuditRouterInput> = {}): AuditRouterInput {
  return {
    id: "router",
    label: "Bedrock intelligent prompt routing",
    platform: BEDROCK,
    mode: "balanced",
    poolModelIds: ["nova", "claude"],
    servedModels: { nova: 4, claude: 4 },
    results: rows(byCategory(1, 1), 2),
    ...overrides,
  };
}

function audit(overrides: Partial<RouterAuditInput> = {}) {
  return auditRouters({
    routers: [router()],
    singles: [],
    results: new Map(),
    models: MODELS,
    vendorName,
    ties: [TIE_ANTHROPIC],
    policy: null,
    operatingThreshold: null,
    splitSalt: SALT,
    ...overrides,
  });
}

function only<T>(list: readonly T[]): T {
  expect(list).toHaveLength(1);
  return list[0]!;
}

/**
 * The pool fixture: a cheap model good on "a" and poor on "b" (score 0.2), and a dear one perfect
 * on both. Estimates are per category and both folds hold both categories, so a threshold router
 * over the two answers "a" with the cheap model and "b" with the dear one at any threshold above
 * 0.2, and everything with the cheap one below: two sweep points, costing 1 and (4·1 + 4·4)/8 = 2.5
 * per case, of quality 0.6 and 1.
 */
function poolRun(cheap: { vendor: string }, dear: { vendor: string }) {
  const models = new Map(MODELS);
  models.set("cheap", { vendor: cheap.vendor, name: "Cheap" });
  models.set("dear", { vendor: dear.vendor, name: "Dear" });
  return {
    models,
    singles: [single("s-cheap", "cheap", cheap.vendor), single("s-dear", "dear", dear.vendor)],
    results: new Map([
      ["s-cheap", rows(byCategory(1, 0.2), 1)],
      ["s-dear", rows(byCategory(1, 1), 4)],
    ]),
  };
}

describe("auditRouters fixture", () => {
  it("puts both categories in both folds, so the hand-computed estimates hold", () => {
    const folds = (category: string) =>
      new Set(CASES.filter((c) => c.startsWith(category)).map((c) => caseFold(SALT, c)));
    expect(folds("a")).toEqual(new Set([0, 1]));
    expect(folds("b")).toEqual(new Set([0, 1]));
  });
});

describe("auditRouters: where the calls went", () => {
  const served = { claude: 6, nova: 2, llama: 2, "bedrock/unknown-model-v9": 3 };

  it("groups served models by provider group, counting tied vendors to the owner", () => {
    const result = only(
      audit({
        routers: [router({ servedModels: served, poolModelIds: ["claude", "nova", "llama"] })],
      }),
    );
    expect(result.ownerGroup).toBe("Amazon group");
    expect(result.platformName).toBe("Amazon Bedrock");
    expect(result.calls).toBe(13);
    expect(result.unmappedCalls).toBe(3);
    expect(result.shares).toEqual([
      { group: "Amazon group", isOwnerGroup: true, calls: 8, share: 0.8 },
      { group: "Meta", isOwnerGroup: false, calls: 2, share: 0.2 },
    ]);
    expect(result.ownerShare).toEqual(wilsonInterval(8, 10));
    expect(result.ownerShare?.rate).toBe(0.8);
    expect(result.ownerShare?.n).toBe(10);
    expect(result.pool.size).toBe(3);
    expect(result.pool.groups).toEqual(["Amazon group", "Meta"]);
  });

  it("keeps an untied vendor in its own group", () => {
    const result = only(audit({ ties: [], routers: [router({ servedModels: served })] }));
    expect(result.shares).toEqual([
      { group: "Anthropic", isOwnerGroup: false, calls: 6, share: 0.6 },
      { group: "Amazon group", isOwnerGroup: true, calls: 2, share: 0.2 },
      { group: "Meta", isOwnerGroup: false, calls: 2, share: 0.2 },
    ]);
    expect(result.ownerShare).toEqual(wilsonInterval(2, 10));
  });

  it("has no owner share when no served model could be mapped", () => {
    const result = only(audit({ routers: [router({ servedModels: { "raw-id": 5 } })] }));
    expect(result.calls).toBe(5);
    expect(result.unmappedCalls).toBe(5);
    expect(result.shares).toEqual([]);
    expect(result.ownerShare).toBeNull();
  });
});

describe("auditRouters: what the pool alone would do", () => {
  it("gives a reason instead of a replay when fewer than two pool models ran as singles", () => {
    const none = only(audit());
    expect(none.pool.measured).toBe(0);
    expect(none.pool.counterfactual).toBeNull();
    expect(none.pool.reason).toMatch(/^None of the pool's 2 models/);

    const one = only(
      audit({
        singles: [single("s-nova", "nova", "amazon"), single("s-gpt", "gpt", "openai")],
        results: new Map([
          ["s-nova", rows(byCategory(1, 0.2), 1)],
          ["s-gpt", rows(byCategory(1, 1), 3)],
        ]),
      }),
    );
    expect(one.pool.measured).toBe(1);
    expect(one.pool.counterfactual).toBeNull();
    expect(one.pool.reason).toMatch(/^Only one of the pool's 2 models/);
  });

  it("replays the pool at the sweep point whose cost is nearest the router's", () => {
    const run = poolRun({ vendor: "amazon" }, { vendor: "anthropic" });
    const [dearish, cheapish] = audit({
      ...run,
      ties: [],
      routers: [
        router({ id: "r-dearish", poolModelIds: ["cheap", "dear"], results: rows([], 2.4) }),
        router({ id: "r-cheapish", poolModelIds: ["cheap", "dear"], results: rows([], 1.2) }),
      ],
    });
    // 2.4 is 0.1 from the 2.5 point and 1.4 from the 1.0 point.
    expect(dearish?.pool.measured).toBe(2);
    expect(dearish?.pool.reason).toBeNull();
    expect(dearish?.pool.counterfactual).toEqual({
      shares: [
        { group: "Amazon group", isOwnerGroup: true, calls: 4, share: 0.5 },
        { group: "Anthropic", isOwnerGroup: false, calls: 4, share: 0.5 },
      ],
      ownerShare: 0.5,
      quality: 1,
      costPerCase: 2.5,
      n: 8,
      matchedOn: "cost",
    });
    // 1.2 is 0.2 from the 1.0 point: the cheap model answers every case.
    expect(cheapish?.pool.counterfactual).toEqual({
      shares: [{ group: "Amazon group", isOwnerGroup: true, calls: 8, share: 1 }],
      ownerShare: 1,
      quality: expect.closeTo(0.6, 12),
      costPerCase: 1,
      n: 8,
      matchedOn: "cost",
    });
  });

  it("matches the replay to the router's quality when none of its calls has a known price", () => {
    const run = poolRun({ vendor: "amazon" }, { vendor: "anthropic" });
    // Unpriced router calls scoring 1 on every case: the replay's point of quality 1 (2.5 per
    // case) is nearest, where the cheap-only point scores 0.6.
    const unpriced = rows([], 1).map((row) => ({ ...row, score: 1, cost: null }));
    const result = only(
      audit({
        ...run,
        ties: [],
        routers: [router({ poolModelIds: ["cheap", "dear"], results: unpriced })],
      }),
    );
    expect(result.pool.counterfactual).toMatchObject({
      quality: 1,
      costPerCase: 2.5,
      matchedOn: "quality",
    });
  });

  it("picks the same models whichever vendor is the owner's or tied: no vendor preference", () => {
    const routers = [router({ poolModelIds: ["cheap", "dear"], results: rows([], 2.4) })];
    // The cheap model is the owner's own; the dear one is an untied vendor's.
    const ownCheap = only(
      audit({ ...poolRun({ vendor: "amazon" }, { vendor: "anthropic" }), ties: [], routers }),
    );
    // The cheap model is an outsider's; the dear one is tied to the owner. A router preferring the
    // owner's group would now send the "a" cases to the dear model as well.
    const tiedDear = only(
      audit({
        ...poolRun({ vendor: "mistral" }, { vendor: "anthropic" }),
        ties: [TIE_ANTHROPIC],
        routers,
      }),
    );
    expect(ownCheap.pool.counterfactual?.shares).toEqual([
      { group: "Amazon group", isOwnerGroup: true, calls: 4, share: 0.5 },
      { group: "Anthropic", isOwnerGroup: false, calls: 4, share: 0.5 },
    ]);
    expect(tiedDear.pool.counterfactual?.shares).toEqual([
      { group: "Amazon group", isOwnerGroup: true, calls: 4, share: 0.5 },
      { group: "Mistral", isOwnerGroup: false, calls: 4, share: 0.5 },
    ]);
    for (const result of [ownCheap, tiedDear]) {
      expect(result.pool.counterfactual?.quality).toBe(1);
      expect(result.pool.counterfactual?.costPerCase).toBe(2.5);
    }
  });

  it("replays a pool model through its offering on the router's own platform", () => {
    const vertex = { id: "gcp-vertex", owner: "Google", name: "Vertex AI" };
    const run = poolRun({ vendor: "amazon" }, { vendor: "anthropic" });
    // The dear model is also on Vertex, perfect and cheaper than anything: not the router's to use.
    const singles = [...run.singles, single("s-dear-vertex", "dear", "anthropic", vertex)];
    const results = new Map([...run.results, ["s-dear-vertex", rows(byCategory(1, 1), 0.5)]]);
    const result = only(
      audit({
        ...run,
        singles,
        results,
        ties: [],
        routers: [router({ poolModelIds: ["cheap", "dear"], results: rows([], 2.4) })],
      }),
    );
    expect(result.pool.measured).toBe(2);
    expect(result.pool.counterfactual?.costPerCase).toBe(2.5);
  });

  it("matches the router's cost on the cases the replay covers, not on cases it left out", () => {
    const run = poolRun({ vendor: "amazon" }, { vendor: "anthropic" });
    // The router also answered a case no single ran, at great cost. On the eight replayed cases
    // it spent 1.2 per case: the 1.0 point is the one its spend matches.
    const results = [...rows([], 1.2), { caseId: "c0", category: "c", score: 1, cost: 100 }];
    const result = only(
      audit({ ...run, ties: [], routers: [router({ poolModelIds: ["cheap", "dear"], results })] }),
    );
    expect(result.pool.counterfactual?.costPerCase).toBe(1);
    expect(result.pool.counterfactual?.quality).toBeCloseTo(0.6, 12);
  });

  it("gives a reason, not NaN figures, when the pool's models share no case", () => {
    const result = only(
      audit({
        singles: [single("s-nova", "nova", "amazon"), single("s-claude", "claude", "anthropic")],
        results: new Map([
          ["s-nova", rows([1, 1, 1, 1], 1)],
          ["s-claude", rows([null, null, null, null, 1, 1, 1, 1], 4)],
        ]),
      }),
    );
    expect(result.pool.measured).toBe(2);
    expect(result.pool.counterfactual).toBeNull();
    expect(result.pool.reason).toMatch(/no case to replay/);
  });
});

describe("auditRouters: against the neutral policy", () => {
  // Router: scores 1, .5, 1, 0 | 1, 1, .5, 0; costs 2 on "a", 3 on "b".
  const routerResults = rows([1, 0.5, 1, 0, 1, 1, 0.5, 0], [2, 2, 2, 2, 3, 3, 3, 3]);
  const policy: AuditPolicyInput = {
    id: "policy",
    label: "Crossbench neutral policy",
    // b2 has no score and b3 no cost: each comparison runs on the seven cases both sides have.
    results: rows([0.5, 0.5, 1, 1, 0, 1, null, 1], [1, 1.5, 1, 0.5, 2, 2.5, 2, null]),
    callsByVendor: { anthropic: 5, amazon: 1, meta: 2 },
  };

  it("pairs the router with a measured policy over the cases both scored and priced", () => {
    const result = only(
      audit({ routers: [router({ results: routerResults })], policy, operatingThreshold: 0.9 }),
    );
    expect(result.versusReason).toBeNull();
    const versus = result.versus!;
    expect(versus.referenceLabel).toBe("Crossbench neutral policy");
    expect(versus.referenceKind).toBe("measured");

    // Differences (router − policy), b2 left out: .5, 0, 0, −1, 1, 0, −1 → −0.5 / 7.
    expect(versus.quality.n).toBe(7);
    expect(versus.quality.difference).toBeCloseTo(-0.5 / 7, 12);
    expect(versus.quality.routerMean).toBeCloseTo(4.5 / 7, 12);
    expect(versus.quality.referenceMean).toBeCloseTo(5 / 7, 12);
    expect(versus.quality.low).toBeLessThan(versus.quality.difference);
    expect(versus.quality.high).toBeGreaterThan(versus.quality.difference);

    // Cost differences, b3 left out: 1, .5, 1, 1.5, 1, .5, 1 → 6.5 / 7.
    const cost = versus.cost!;
    expect(cost.n).toBe(7);
    expect(cost.difference).toBeCloseTo(6.5 / 7, 12);
    expect(cost.routerMean).toBeCloseTo(17 / 7, 12);
    expect(cost.referenceMean).toBeCloseTo(10.5 / 7, 12);
    expect(cost.low).toBeLessThanOrEqual(cost.difference);
    expect(cost.high).toBeGreaterThanOrEqual(cost.difference);
    expect(cost.low).toBeGreaterThan(0);

    // Anthropic (tied) 5 + Amazon 1 of 8 calls.
    expect(versus.referenceOwnerShare).toBe(0.75);
  });

  it("groups the policy's calls from the router's platform", () => {
    const result = only(audit({ routers: [router({ results: routerResults })], policy, ties: [] }));
    expect(result.versus?.referenceOwnerShare).toBe(1 / 8);
  });

  it("replays the threshold router at the operating point when no policy ran", () => {
    const run = poolRun({ vendor: "amazon" }, { vendor: "anthropic" });
    const result = only(
      audit({ ...run, routers: [router({ results: routerResults })], operatingThreshold: 1 }),
    );
    expect(result.versusReason).toBeNull();
    const versus = result.versus!;
    expect(versus.referenceKind).toBe("replayed");
    expect(versus.referenceLabel).toBe("Crossbench quality threshold (replayed)");
    // At threshold 1 the replay answers "a" with the cheap model (cost 1) and "b" with the dear
    // one (cost 4), scoring 1 everywhere. The router's scores sum to 5 over eight cases.
    expect(versus.quality.n).toBe(8);
    expect(versus.quality.difference).toBeCloseTo(5 / 8 - 1, 12);
    expect(versus.quality.referenceMean).toBe(1);
    // Costs 2 − 1 on "a" and 3 − 4 on "b": no difference on average.
    expect(versus.cost?.n).toBe(8);
    expect(versus.cost?.difference).toBeCloseTo(0, 12);
    expect(versus.cost?.referenceMean).toBeCloseTo(2.5, 12);
    // Amazon's own model and the tied Anthropic one: all of the replay's calls.
    expect(versus.referenceOwnerShare).toBe(1);
  });

  it("has no comparison without a policy or an operating point", () => {
    const run = poolRun({ vendor: "amazon" }, { vendor: "anthropic" });
    const result = only(audit({ ...run, routers: [router({ results: routerResults })] }));
    expect(result.versus).toBeNull();
    expect(result.versusReason).toMatch(/No neutral policy/);
  });

  it("does not replay a policy from a single target", () => {
    const result = only(
      audit({
        singles: [single("s-nova", "nova", "amazon")],
        results: new Map([["s-nova", rows(byCategory(1, 1), 1)]]),
        routers: [router({ results: routerResults })],
        operatingThreshold: 0.5,
      }),
    );
    expect(result.versus).toBeNull();
    expect(result.versusReason).toMatch(/No neutral policy/);
  });
});

describe("auditRouters: what the pool shuts out", () => {
  // Router: cost 2 per case, scores below.
  const routerScores = [0.5, 0.5, 0.6, 0.6, 0.4, 0.4, 0.5, 0.5];
  const shifted = (by: number) => routerScores.map((s) => s + by);
  const singles = [
    single("s-nova", "nova", "amazon"),
    single("s-claude", "claude", "anthropic"),
    single("s-gpt", "gpt", "openai"),
    single("s-mistral", "mistral", "mistral"),
    single("s-command", "command", "cohere"),
    single("s-palmyra", "palmyra", "writer"),
  ];
  const results = new Map([
    ["s-nova", rows(shifted(-0.1), 0.5)],
    // In the pool, and better and cheaper than the router: the router could have used it.
    ["s-claude", rows(byCategory(1, 1), 1)],
    // Better on every case, for less.
    ["s-gpt", rows(shifted(0.3), 1.5)],
    // Exactly as good, for less.
    ["s-mistral", rows(routerScores, 1)],
    // Worse and dearer.
    ["s-command", rows(shifted(-0.2), 3)],
    // Better, but dearer.
    ["s-palmyra", rows(shifted(0.3), 2.5)],
  ]);

  it("lists outside models that beat the router: better for no more, or as good for less", () => {
    const result = only(
      audit({ singles, results, routers: [router({ results: rows(routerScores, 2) })] }),
    );
    expect(result.unreachable.map((u) => [u.id, u.kind])).toEqual([
      ["s-gpt", "better"],
      ["s-mistral", "cheaper"],
    ]);
    const [gpt, mistral] = result.unreachable;
    expect(gpt?.label).toBe("s-gpt on Amazon Bedrock");
    expect(gpt?.platformName).toBe("Amazon Bedrock");
    expect(gpt?.quality.n).toBe(8);
    expect(gpt?.quality.difference).toBeCloseTo(0.3, 12);
    expect(gpt?.quality.low).toBeGreaterThan(0);
    expect(gpt?.costPerCase).toBe(1.5);
    expect(gpt?.routerCostPerCase).toBe(2);
    expect(mistral?.quality).toEqual({ difference: 0, low: 0, high: 0, n: 8 });
    expect(mistral?.costPerCase).toBe(1);
  });

  it("never lists a pool model, on whichever platform it ran", () => {
    const vertex = { id: "gcp-vertex", owner: "Google", name: "Vertex AI" };
    const withVertex = [...singles, single("s-claude-vertex", "claude", "anthropic", vertex)];
    const withVertexResults = new Map([
      ...results,
      ["s-claude-vertex", rows(byCategory(1, 1), 0.1)],
    ]);
    const result = only(
      audit({
        singles: withVertex,
        results: withVertexResults,
        routers: [router({ results: rows(routerScores, 2) })],
      }),
    );
    const ids = result.unreachable.map((u) => u.id);
    expect(ids).not.toContain("s-claude");
    expect(ids).not.toContain("s-claude-vertex");
    expect(ids).not.toContain("s-nova");
    // Once out of the pool, the same model is listed.
    const outside = only(
      audit({
        singles,
        results,
        routers: [router({ poolModelIds: ["nova"], results: rows(routerScores, 2) })],
      }),
    );
    expect(outside.unreachable.map((u) => u.id)).toContain("s-claude");
  });
});
