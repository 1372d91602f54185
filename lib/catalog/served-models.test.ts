import { describe, expect, it } from "vitest";
import { NATIVE_ROUTERS } from "./native-routers";
import { SEED_MODELS } from "./seed";
import { mapServedModel, SERVED_MODEL_ROWS } from "./served-models";

describe("mapServedModel", () => {
  it.each([
    [
      "a foundation-model ARN",
      "aws-bedrock",
      "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0",
      "anthropic/claude-3.5-sonnet",
      "foundation-model-arn",
    ],
    [
      "an inference-profile ARN with a geo prefix",
      "aws-bedrock",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0",
      "anthropic/claude-3-haiku",
      "inference-profile-arn",
    ],
    [
      "a GovCloud foundation-model ARN",
      "aws-bedrock",
      "arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/amazon.nova-pro-v1:0",
      "amazon/nova-pro",
      "foundation-model-arn",
    ],
    [
      "a bare Bedrock model id",
      "aws-bedrock",
      "meta.llama3-1-70b-instruct-v1:0",
      "meta/llama-3.1-70b-instruct",
      "bedrock-model-id",
    ],
    [
      "a Bedrock cross-region profile id from the seed catalogue",
      "aws-bedrock",
      "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "anthropic/claude-sonnet-4.5",
      "bedrock-model-id",
    ],
    [
      "a dated Foundry id",
      "azure-foundry",
      "gpt-5-nano-2025-08-07",
      "openai/gpt-5-nano",
      "model-id",
    ],
    [
      "a Foundry id in another case",
      "azure-foundry",
      "DeepSeek-V3.1",
      "deepseek/deepseek-v3.1",
      "model-id",
    ],
    ["an undated seed id on Foundry", "azure-foundry", "gpt-5.5", "openai/gpt-5.5", "model-id"],
    [
      "a versioned Vertex id",
      "gcp-vertex",
      "gemini-2.0-flash-001",
      "google/gemini-2.0-flash",
      "model-id",
    ],
    [
      "a Vertex preview snapshot",
      "gcp-vertex",
      "gemini-2.5-pro-preview-03-25",
      "google/gemini-2.5-pro",
      "model-id",
    ],
    ["a Vertex seed id", "gcp-vertex", "gemini-2.5-flash", "google/gemini-2.5-flash", "model-id"],
    [
      "an OpenRouter vendor/model id",
      "openrouter",
      "meta-llama/llama-3.3-70b-instruct",
      "meta/llama-3.3-70b-instruct",
      "model-id",
    ],
    [
      "an OpenRouter preview id",
      "openrouter",
      "google/gemini-3-flash-preview",
      "google/gemini-3-flash",
      "model-id",
    ],
  ] as const)("maps %s", (_label, platformId, raw, modelId, form) => {
    expect(mapServedModel(platformId, raw)).toMatchObject({ kind: "mapped", raw, modelId, form });
  });

  it.each([
    ["an unknown Bedrock model", "aws-bedrock", "anthropic.claude-9-9-20990101-v1:0"],
    [
      "an ARN of an unknown model",
      "aws-bedrock",
      "arn:aws:bedrock:us-east-1::foundation-model/acme.widget-v1:0",
    ],
    [
      "a prompt-router ARN (not a model)",
      "aws-bedrock",
      "arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1",
    ],
    ["a Foundry snapshot date nobody documented", "azure-foundry", "gpt-5-nano-2031-01-01"],
    ["an undocumented Vertex version suffix", "gcp-vertex", "gemini-2.5-flash-001"],
    ["an OpenRouter alias that moves between versions", "openrouter", "mistralai/mistral-large"],
    ["another platform's spelling", "openrouter", "gpt-5-nano-2025-08-07"],
    ["an empty id", "azure-foundry", "  "],
    ["a platform without a table", "nowhere", "gpt-5"],
  ])("leaves %s unmapped, with the raw id", (_label, platformId, raw) => {
    expect(mapServedModel(platformId, raw)).toEqual({ kind: "unmapped", raw });
  });

  it("maps every served id of every documented pool, except the aliases left out on purpose", () => {
    const unmapped = NATIVE_ROUTERS.flatMap((router) =>
      router.pool
        .filter((member) => mapServedModel(router.platformId, member.servedId).kind === "unmapped")
        .map((member) => `${router.platformId}:${member.servedId}`),
    );
    expect(unmapped).toEqual(["openrouter:mistralai/mistral-large"]);
  });

  it("names the pool models the seed catalogue still lacks (the catalogue step adds them)", () => {
    const known = new Set(SEED_MODELS.map((model) => model.id));
    const missing = new Set(
      Object.values(SERVED_MODEL_ROWS)
        .flatMap((rows) => Object.values(rows))
        .filter((modelId) => !known.has(modelId)),
    );
    // Every target follows the catalogue's id rules, so adding these models to the seed is all
    // it takes for them to resolve to offerings.
    for (const modelId of missing) expect(modelId).toMatch(/^[a-z0-9]+\/[a-z0-9.-]+$/);
    expect([...missing].sort()).toEqual([
      "anthropic/claude-3-haiku",
      "anthropic/claude-3.5-haiku",
      "anthropic/claude-3.5-sonnet",
      "anthropic/claude-3.5-sonnet-v2",
      "anthropic/claude-opus-4.6",
      "google/gemini-2.0-flash",
      "google/gemini-3-pro",
      "meta/llama-3.1-70b-instruct",
      "meta/llama-3.2-11b-instruct",
      "meta/llama-3.2-90b-instruct",
      "minimax/minimax-m2.5",
      "mistral/codestral-2508",
      "moonshotai/kimi-k2-thinking",
      "moonshotai/kimi-k2.5",
      "openai/gpt-4.1-nano",
      "openai/gpt-4o",
      "openai/gpt-4o-mini",
      "openai/gpt-5-chat",
      "openai/gpt-5-nano",
      "openai/gpt-5.1",
      "openai/gpt-5.2-chat",
      "openai/gpt-5.3-chat",
      "openai/o4-mini",
      "xai/grok-4",
      "xai/grok-4-fast",
    ]);
  });

  it("never maps one served id to two models on a platform", () => {
    for (const [platformId, rows] of Object.entries(SERVED_MODEL_ROWS)) {
      const keys = Object.keys(rows).map((key) => key.toLowerCase());
      expect(new Set(keys).size, platformId).toBe(keys.length);
    }
  });
});
