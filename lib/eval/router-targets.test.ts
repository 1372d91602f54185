import { describe, expect, it } from "vitest";
import { getNativeRouter } from "@/lib/catalog/native-routers";
import {
  describeServed,
  parseRouterTargetSpec,
  priceRouterPool,
  resolveRouterChoice,
  routerNativeId,
  routerTargetLabel,
  ROUTER_TARGET_SPECS,
} from "./router-targets";

function router(id: string) {
  const found = getNativeRouter(id);
  if (!found) throw new Error(id);
  return found;
}

describe("parseRouterTargetSpec", () => {
  it.each([
    ["router:aws-bedrock/anthropic.claude", "aws-bedrock/anthropic.claude", "default"],
    ["router:aws-bedrock/meta.llama", "aws-bedrock/meta.llama", "default"],
    ["router:azure-foundry/balanced", "azure-foundry/model-router", "balanced"],
    ["router:azure-foundry/quality", "azure-foundry/model-router", "quality"],
    ["router:azure-foundry/cost", "azure-foundry/model-router", "cost"],
    ["router:gcp-vertex/balanced", "gcp-vertex/model-optimizer", "balanced"],
    ["router:gcp-vertex/quality", "gcp-vertex/model-optimizer", "quality"],
    [" router:gcp-vertex/cost ", "gcp-vertex/model-optimizer", "cost"],
    ["router:openrouter/auto", "openrouter/auto", "auto"],
  ])("reads %s", (spec, routerId, mode) => {
    expect(parseRouterTargetSpec(spec)).toEqual({ ok: true, choice: { routerId, mode } });
  });

  it.each([
    "router:azure-foundry/fastest",
    "router:aws-bedrock/mistral",
    "router:gcp-vertex",
    "router:Azure-Foundry/balanced",
    "router:openrouter/auto-code",
    "router:openrouter",
  ])("refuses %s and lists every valid target", (spec) => {
    const parsed = parseRouterTargetSpec(spec);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    for (const valid of ROUTER_TARGET_SPECS) expect(parsed.message).toContain(valid.spec);
  });

  it("calls OpenRouter's auto router over its OpenAI-compatible API", () => {
    expect(ROUTER_TARGET_SPECS.map((choice) => choice.spec)).toContain("router:openrouter/auto");
    expect(resolveRouterChoice({ routerId: "openrouter/auto", mode: "auto" })).toMatchObject({
      router: { platformId: "openrouter" },
      apiStyle: "openai-compatible",
    });
    expect(resolveRouterChoice({ routerId: "openrouter/auto", mode: "balanced" })).toBeNull();
  });
});

describe("router calls", () => {
  it("names the Bedrock default router's ARN in the connection's region and account", () => {
    expect(
      routerNativeId(router("aws-bedrock/anthropic.claude"), "default", {
        region: "eu-west-1",
        account: "123456789012",
      }),
    ).toBe("arn:aws:bedrock:eu-west-1:123456789012:default-prompt-router/anthropic.claude:1");
  });

  it("gives each Foundry mode its own deployment, Balanced the plain one", () => {
    const where = { region: "x", account: "0" };
    const foundry = router("azure-foundry/model-router");
    expect(routerNativeId(foundry, "balanced", where)).toBe("model-router");
    expect(routerNativeId(foundry, "cost", where)).toBe("model-router-cost");
    expect(routerNativeId(router("gcp-vertex/model-optimizer"), "cost", where)).toBe(
      "model-optimizer-exp-04-09",
    );
  });

  it("calls OpenRouter's auto router by its model id", () => {
    const where = { region: "us-east-1", account: "000000000000" };
    expect(routerNativeId(router("openrouter/auto"), "auto", where)).toBe("openrouter/auto");
  });

  it("labels routers by family or mode", () => {
    expect(routerTargetLabel(router("aws-bedrock/meta.llama"), "default")).toBe(
      "Bedrock prompt router (meta.llama)",
    );
    expect(routerTargetLabel(router("gcp-vertex/model-optimizer"), "cost")).toBe(
      "Vertex model optimizer (Prioritize cost)",
    );
    expect(routerTargetLabel(router("openrouter/auto"), "auto")).toBe(
      "OpenRouter auto router (auto)",
    );
  });
});

describe("describeServed", () => {
  const llama = router("aws-bedrock/meta.llama");
  const pool = priceRouterPool(llama, [
    {
      id: "offer-8b",
      platformId: "aws-bedrock",
      modelId: "meta/llama-3.1-8b-instruct",
      inputPrice: 0.2,
      outputPrice: 0.4,
    },
    // Another platform's offering of a pool model does not price this router's trials.
    {
      id: "offer-70b-elsewhere",
      platformId: "gcp-vertex",
      modelId: "meta/llama-3.1-70b-instruct",
      inputPrice: 1,
      outputPrice: 1,
    },
  ]);
  const target = { routerId: llama.id, mode: "default", pool };
  const usage = { inputTokens: 1000, outputTokens: 500 };

  it("maps a served ARN and prices it at the served model's offering", () => {
    const served = describeServed(
      target,
      "aws-bedrock",
      "arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-8b-instruct-v1:0",
      usage,
    );
    expect(served).toMatchObject({
      servedModelId: "meta/llama-3.1-8b-instruct",
      servedUnmapped: false,
      routerMode: "default",
      servedOfferingId: "offer-8b",
    });
    expect(served.costUsd).toBeCloseTo((1000 * 0.2 + 500 * 0.4) / 1e6, 12);
  });

  it("leaves the cost unknown when the served model has no offering on the platform", () => {
    const served = describeServed(target, "aws-bedrock", "meta.llama3-1-70b-instruct-v1:0", usage);
    expect(served).toMatchObject({
      servedModelId: "meta/llama-3.1-70b-instruct",
      servedOfferingId: null,
      costUsd: null,
    });
  });

  it("leaves an OpenRouter trial's cost unknown, not 0, when OpenRouter has no offering", () => {
    const auto = router("openrouter/auto");
    // A pool model offered elsewhere only, as in the seed: nothing prices OpenRouter's trials.
    const unpriced = priceRouterPool(auto, [
      {
        id: "gpt-5-mini-on-openai",
        platformId: "openai",
        modelId: "openai/gpt-5-mini",
        inputPrice: 0.25,
        outputPrice: 2,
      },
    ]);
    expect(unpriced).toEqual({});
    const served = describeServed(
      { routerId: auto.id, mode: "auto", pool: unpriced },
      "openrouter",
      "openai/gpt-5-mini",
      usage,
    );
    expect(served).toEqual({
      servedModelRaw: "openai/gpt-5-mini",
      servedModelId: "openai/gpt-5-mini",
      servedUnmapped: false,
      routerMode: "auto",
      servedOfferingId: null,
      costUsd: null,
    });
    // With an offering on OpenRouter, the served model's price counts.
    const priced = priceRouterPool(auto, [
      {
        id: "gpt-5-mini-on-openrouter",
        platformId: "openrouter",
        modelId: "openai/gpt-5-mini",
        inputPrice: 0.25,
        outputPrice: 2,
      },
    ]);
    const paid = describeServed(
      { routerId: auto.id, mode: "auto", pool: priced },
      "openrouter",
      "openai/gpt-5-mini",
      usage,
    );
    expect(paid.servedOfferingId).toBe("gpt-5-mini-on-openrouter");
    expect(paid.costUsd).toBeCloseTo((1000 * 0.25 + 500 * 2) / 1e6, 12);
  });

  it("keeps an unknown served id verbatim and flags it", () => {
    expect(describeServed(target, "aws-bedrock", "meta.llama9-mystery-v1:0", usage)).toEqual({
      servedModelRaw: "meta.llama9-mystery-v1:0",
      servedModelId: null,
      servedUnmapped: true,
      routerMode: "default",
      servedOfferingId: null,
      costUsd: null,
    });
  });
});
