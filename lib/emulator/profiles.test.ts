import { describe, expect, it } from "vitest";
import { getProfile, resolveModelId, TASK_CATEGORIES } from "./profiles";

describe("resolveModelId", () => {
  it("maps a platform's native id to the catalogue model", () => {
    expect(resolveModelId("aws-bedrock", "global.anthropic.claude-opus-4-5-20251101-v1:0")).toBe(
      "anthropic/claude-opus-4.5",
    );
    expect(resolveModelId("openai", "gpt-5.5")).toBe("openai/gpt-5.5");
  });

  it("leaves an unknown id as it is", () => {
    expect(resolveModelId("self-hosted", "my-finetune")).toBe("my-finetune");
  });
});

describe("getProfile", () => {
  it("is the same every time for a platform and model", () => {
    expect(getProfile("aws-bedrock", "amazon.nova-pro-v1:0")).toEqual(
      getProfile("aws-bedrock", "amazon.nova-pro-v1:0"),
    );
  });

  it("gives any model id a complete, simulated profile", () => {
    const profile = getProfile("self-hosted", "my-finetune");
    expect(profile.isSimulated).toBe(true);
    for (const category of TASK_CATEGORIES) {
      expect(profile.quality[category]).toBeGreaterThan(0);
      expect(profile.quality[category]).toBeLessThan(1);
    }
    expect(profile.ttftMs.median).toBeGreaterThan(0);
    expect(profile.tokensPerSecond.median).toBeGreaterThan(0);
  });

  it("makes the same model differ between its maker and a reseller", () => {
    const direct = getProfile("anthropic", "claude-opus-4-8");
    const resold = getProfile("ibm-watsonx", "claude-opus-4-8");
    expect(resold.modelId).toBe(direct.modelId);
    expect(resold.ttftMs.median).toBeGreaterThan(direct.ttftMs.median);
    const mean = (values: number[]) =>
      values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean(Object.values(resold.quality))).toBeLessThan(mean(Object.values(direct.quality)));
  });

  it("ranks a frontier model above a small one", () => {
    const large = getProfile("openai", "gpt-5.5");
    const small = getProfile("openai", "gpt-5.4-nano");
    expect(large.quality.reasoning).toBeGreaterThan(small.quality.reasoning);
    expect(large.tokensPerSecond.median).toBeLessThan(small.tokensPerSecond.median);
  });
});
