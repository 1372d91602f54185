import { describe, expect, it } from "vitest";
import {
  CONFIRM_ABOVE_USD,
  modelChoices,
  modelMatches,
  needsLaunchConfirmation,
  onePerPlatform,
  proposeJudge,
  type LaunchOffering,
} from "./launch";

function offering(
  modelId: string,
  platformId: string,
  fields: Partial<LaunchOffering> = {},
): LaunchOffering {
  return {
    id: `${modelId}@${platformId}`,
    label: `${modelId} on ${platformId}`,
    modelId,
    modelName: modelId.split("/")[1] ?? modelId,
    platformId,
    platformName: platformId,
    nativeId: modelId,
    inputPrice: 1,
    outputPrice: 2,
    apiStyle: "openai-compatible",
    isSimulated: true,
    ...fields,
  };
}

const sonnet = [
  offering("anthropic/claude-sonnet-4.6", "anthropic"),
  offering("anthropic/claude-sonnet-4.6", "aws-bedrock"),
  offering("anthropic/claude-sonnet-4.6", "gcp-vertex"),
  offering("anthropic/claude-sonnet-4.6", "azure-foundry", { apiStyle: null }),
];
const gpt = [offering("openai/gpt-5.5", "azure-foundry"), offering("openai/gpt-5.5", "openai")];
const gemini = [offering("google/gemini-3.1-pro", "gcp-vertex")];
const all = [...sonnet, ...gpt, ...gemini];

describe("modelChoices", () => {
  it("groups offerings by model, callable apart from the ones no adapter speaks", () => {
    const choices = modelChoices(all);
    expect(choices.map((c) => c.modelId)).toEqual([
      "anthropic/claude-sonnet-4.6",
      "google/gemini-3.1-pro",
      "openai/gpt-5.5",
    ]);
    expect(choices[0]?.callable.map((o) => o.platformId)).toEqual([
      "anthropic",
      "aws-bedrock",
      "gcp-vertex",
    ]);
    expect(choices[0]?.uncallable).toBe(1);
  });

  it("ticks one offering per platform, the cheapest there", () => {
    const [claude] = modelChoices([
      ...sonnet,
      offering("anthropic/claude-sonnet-4.6", "aws-bedrock", {
        id: "bedrock-global",
        inputPrice: 0.5,
        outputPrice: 1,
      }),
    ]);
    expect(onePerPlatform(claude!).map((o) => o.id)).toEqual([
      "anthropic/claude-sonnet-4.6@anthropic",
      "bedrock-global",
      "anthropic/claude-sonnet-4.6@gcp-vertex",
    ]);
  });

  it("matches every typed word against name, id and vendor", () => {
    const [claude] = modelChoices(sonnet);
    expect(modelMatches(claude!, "sonnet 4.6")).toBe(true);
    expect(modelMatches(claude!, "Anthropic sonnet")).toBe(true);
    expect(modelMatches(claude!, "sonnet 5")).toBe(false);
  });
});

describe("proposeJudge", () => {
  it("avoids the vendors under test and prefers the vendor's own platform", () => {
    const proposal = proposeJudge(
      all,
      sonnet.map((o) => o.id),
    );
    expect(proposal?.offeringId).toBe("openai/gpt-5.5@openai");
    expect(proposal?.reason).toMatch(/vendor none of your targets come from/);
  });

  it("moves down the list when the first choice's vendor is under test", () => {
    const proposal = proposeJudge(
      all,
      [...sonnet, ...gpt].map((o) => o.id),
    );
    expect(proposal?.offeringId).toBe("google/gemini-3.1-pro@gcp-vertex");
  });

  it("says so when every preferred vendor is under test", () => {
    const proposal = proposeJudge(
      all,
      all.map((o) => o.id),
    );
    expect(proposal?.offeringId).toBe("openai/gpt-5.5@openai");
    expect(proposal?.reason).toMatch(/may grade answers of its own family/);
  });

  it("falls back to the dearest callable model of another vendor", () => {
    const others = [
      offering("meta/llama-3.3-70b-instruct", "aws-bedrock", { outputPrice: 0.7 }),
      offering("mistral/mistral-large-3", "mistral", { outputPrice: 6 }),
    ];
    const proposal = proposeJudge(
      [...sonnet, ...others],
      sonnet.map((o) => o.id),
    );
    expect(proposal?.offeringId).toBe("mistral/mistral-large-3@mistral");
    expect(proposal?.reason).toMatch(/price stands in for strength/);
  });

  it("proposes nothing when nothing can be called", () => {
    expect(proposeJudge([offering("x/y", "p", { apiStyle: null })], [])).toBeNull();
  });
});

describe("needsLaunchConfirmation", () => {
  it("never asks for a wholly simulated run", () => {
    expect(needsLaunchConfirmation({ isAllSimulated: true, maxUsd: 50 })).toBe(false);
    expect(needsLaunchConfirmation({ isAllSimulated: true, maxUsd: null })).toBe(false);
  });

  it("asks when real calls could cost more than the small-cost threshold, or an unknown amount", () => {
    expect(needsLaunchConfirmation({ isAllSimulated: false, maxUsd: CONFIRM_ABOVE_USD })).toBe(
      false,
    );
    expect(needsLaunchConfirmation({ isAllSimulated: false, maxUsd: 0.11 })).toBe(true);
    expect(needsLaunchConfirmation({ isAllSimulated: false, maxUsd: null })).toBe(true);
  });
});
