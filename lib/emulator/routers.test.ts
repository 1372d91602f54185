import { describe, expect, it } from "vitest";
import { getNativeRouter } from "../catalog/native-routers";
import { createRandom, hashToSeed } from "./prng";
import {
  chooseCandidate,
  estimateDifficulty,
  resolveRouterCall,
  routeRequest,
  type RoutingCandidate,
} from "./routers";
import type { ChatRequest } from "./types";

function request(model: string, platformId: string, text: string): ChatRequest {
  return {
    platformId,
    model,
    system: "",
    messages: [{ role: "user", text }],
    maxTokens: null,
    isStream: false,
    isUsageRequested: false,
  };
}

const PROMPTS = Array.from({ length: 400 }, (_, index) =>
  index % 3 === 0
    ? `Question ${index}: what is the capital of country number ${index}?`
    : index % 3 === 1
      ? `Prove step by step that the algorithm ${index} is optimal and analyze its complexity.`
      : `Summarise this note ${index}: ${"lorem ipsum ".repeat(index % 40)}`,
);

describe("chooseCandidate", () => {
  it("shows no vendor preference: equal candidates split evenly whatever they are called", () => {
    const counts = new Map<string, number>();
    for (const [index, prompt] of PROMPTS.entries()) {
      // The same two equal models, labelled by vendor; the order of the pool alternates too.
      const pool: RoutingCandidate[] = [
        { id: "amazon/model-a", quality: 0.8, cost: 1 },
        { id: "anthropic/model-b", quality: 0.8, cost: 1 },
      ];
      const random = createRandom(hashToSeed("test", prompt));
      const difficulty = estimateDifficulty(request("r", "p", prompt), random);
      const ordered = index % 2 === 0 ? pool : [...pool].reverse();
      const chosen = chooseCandidate(ordered, "balanced", difficulty, random);
      counts.set(chosen.id, (counts.get(chosen.id) ?? 0) + 1);
    }
    const amazon = counts.get("amazon/model-a") ?? 0;
    // 400 fair coin flips: 200 ± 40 holds with overwhelming probability.
    expect(amazon).toBeGreaterThan(160);
    expect(amazon).toBeLessThan(240);
  });

  it("gives the same answer when two vendors' labels are swapped", () => {
    for (const prompt of PROMPTS.slice(0, 50)) {
      const pick = (labels: [string, string]) => {
        const random = createRandom(hashToSeed("swap", prompt));
        const difficulty = estimateDifficulty(request("r", "p", prompt), random);
        const pool: RoutingCandidate[] = [
          { id: labels[0], quality: 0.6, cost: 0.2 },
          { id: labels[1], quality: 0.9, cost: 3 },
        ];
        return pool.indexOf(chooseCandidate(pool, "balanced", difficulty, random));
      };
      expect(pick(["amazon/small", "openai/large"])).toBe(pick(["openai/small", "amazon/large"]));
    }
  });

  it("never picks a model another one beats on both quality and price", () => {
    const pool: RoutingCandidate[] = [
      { id: "good-cheap", quality: 0.9, cost: 1 },
      { id: "worse-dearer", quality: 0.8, cost: 2 },
    ];
    for (const difficulty of [0, 0.3, 0.6, 1]) {
      for (const mode of ["cost", "balanced", "quality"]) {
        expect(chooseCandidate(pool, mode, difficulty, () => 0.5).id).toBe("good-cheap");
      }
    }
  });

  it("moves towards the stronger model with difficulty and with the quality mode", () => {
    const pool: RoutingCandidate[] = [
      { id: "small", quality: 0.6, cost: 0.2 },
      { id: "large", quality: 0.9, cost: 3 },
    ];
    expect(chooseCandidate(pool, "balanced", 0.1, () => 0).id).toBe("small");
    expect(chooseCandidate(pool, "balanced", 0.9, () => 0).id).toBe("large");
    expect(chooseCandidate(pool, "quality", 0.3, () => 0).id).toBe("large");
    expect(chooseCandidate(pool, "cost", 0.7, () => 0).id).toBe("small");
  });
});

describe("estimateDifficulty", () => {
  it("is deterministic and rates reasoning prompts above short questions", () => {
    const estimate = (text: string) =>
      estimateDifficulty(request("r", "p", text), createRandom(hashToSeed("d", text)));
    const easy = estimate("What is the capital of France?");
    const hard = estimate(
      "Prove step by step that this algorithm is optimal, derive its complexity and compare it " +
        "with the alternatives; then implement it:\n```python\ndef f(x):\n  return x\n```",
    );
    expect(estimate("What is the capital of France?")).toBe(easy);
    expect(hard).toBeGreaterThan(easy + 0.3);
  });
});

describe("routeRequest", () => {
  const bedrockArn =
    "arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1";

  it("serves only from the documented pool, and reports Bedrock's choice as an ARN", () => {
    const router = getNativeRouter("aws-bedrock/anthropic.claude");
    const pool = new Set(router?.pool.map((member) => member.servedId));
    const seen = new Set<string>();
    for (const prompt of PROMPTS.slice(0, 60)) {
      const chat = request(bedrockArn, "aws-bedrock", prompt);
      const call = resolveRouterCall(chat);
      if (!call || "error" in call) throw new Error("not a router call");
      const choice = routeRequest(chat, call, "seed");
      expect(pool.has(choice.servedId)).toBe(true);
      expect(choice.reportedId).toBe(
        `arn:aws:bedrock:us-east-1::foundation-model/${choice.servedId}`,
      );
      expect(choice.whatIfVendor).toBeNull();
      seen.add(choice.servedId);
    }
    // Easy and hard prompts do not all go to one model.
    expect(seen.size).toBe(2);
  });

  it("reads each router's mode from where its provider puts it", () => {
    expect(resolveRouterCall(request("model-router", "azure-foundry", "x"))).toMatchObject({
      mode: "balanced",
    });
    expect(resolveRouterCall(request("model-router-cost", "azure-foundry", "x"))).toMatchObject({
      mode: "cost",
    });
    expect(
      resolveRouterCall({
        ...request("model-optimizer-exp-04-09", "gcp-vertex", "x"),
        routerPreference: "PRIORITIZE_QUALITY",
      }),
    ).toMatchObject({ mode: "quality" });
    expect(resolveRouterCall(request("openrouter/auto", "openrouter", "x"))).toMatchObject({
      mode: "auto",
    });
    expect(resolveRouterCall(request("gpt-5.5", "azure-foundry", "x"))).toBeNull();
    expect(
      resolveRouterCall(
        request("arn:aws:bedrock:us-east-1:123456789012:prompt-router/abc", "aws-bedrock", "x"),
      ),
    ).toHaveProperty("error");
  });

  it("applies the what-if vendor preference only when asked, and labels what it changed", () => {
    let changed = 0;
    for (const prompt of PROMPTS.slice(0, 60)) {
      const chat = request("model-router", "azure-foundry", prompt);
      const call = resolveRouterCall(chat);
      if (!call || "error" in call) throw new Error("not a router call");
      const plain = routeRequest(chat, call, "seed");
      const whatIf = routeRequest(chat, call, "seed", "anthropic");
      expect(plain.whatIfVendor).toBeNull();
      if (whatIf.servedId === plain.servedId) {
        expect(whatIf.whatIfVendor).toBeNull();
      } else {
        changed += 1;
        expect(whatIf.whatIfVendor).toBe("anthropic");
        expect(whatIf.servedId).toMatch(/^claude/);
      }
    }
    expect(changed).toBeGreaterThan(0);
  });
});
