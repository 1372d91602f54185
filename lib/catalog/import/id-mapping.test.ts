import { describe, expect, it } from "vitest";
import {
  apiStylesFor,
  canonicalModelFor,
  familyFor,
  isOpenWeight,
  platformForLiteLlmProvider,
  platformForModelsDevProvider,
} from "./id-mapping";

describe("canonicalModelFor", () => {
  it.each([
    ["anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic/claude-sonnet-4.5"],
    ["claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4.5"],
    ["claude-sonnet-4-5@20250929", "anthropic/claude-sonnet-4.5"],
    ["claude-sonnet-4-5-20250929-v1:0", "anthropic/claude-sonnet-4.5"],
    ["databricks-claude-sonnet-4-5", "anthropic/claude-sonnet-4.5"],
    ["claude-opus-4-6@default", "anthropic/claude-opus-4.6"],
    ["anthropic.claude-opus-4-6-v1", "anthropic/claude-opus-4.6"],
    ["claude-4-opus-20250514", "anthropic/claude-opus-4"],
    ["claude-3-5-sonnet-20241022", "anthropic/claude-3.5-sonnet"],
    ["anthropic.claude-v2:1", "anthropic/claude-2.1"],
    ["anthropic.claude-instant-v1", "anthropic/claude-instant-1"],
    ["meta.llama3-1-70b-instruct-v1:0", "meta/llama-3.1-70b"],
    ["meta/llama-3.1-70b-instruct-maas", "meta/llama-3.1-70b"],
    ["Meta-Llama-3.1-70B-Instruct", "meta/llama-3.1-70b"],
    ["meta-llama/llama-3-3-70b-instruct", "meta/llama-3.3-70b"],
    ["llama3.3-70b", "meta/llama-3.3-70b"],
    ["mistral.mistral-7b-instruct-v0:2", "mistral/mistral-7b"],
    ["mistral-large-2407", "mistral/mistral-large-2407"],
    ["deepseek.v3-v1:0", "deepseek/deepseek-v3"],
    ["deepseek.v3.2", "deepseek/deepseek-v3.2"],
    ["deepseek-v3", "deepseek/deepseek-v3"],
    ["deepseek-ai/deepseek-v3.2-maas", "deepseek/deepseek-v3.2"],
    ["gpt-35-turbo", "openai/gpt-3.5-turbo"],
    ["gpt-4o-2024-08-06", "openai/gpt-4o"],
    ["openai-gpt-5", "openai/gpt-5"],
    ["openai.gpt-oss-120b-1:0", "openai/gpt-oss-120b"],
    ["gemini-2-5-pro", "google/gemini-2.5-pro"],
    ["google.gemma-3-27b-it", "google/gemma-3-27b"],
    ["amazon.nova-pro-v1:0", "amazon/nova-pro"],
    ["moonshot.kimi-k2-thinking", "moonshotai/kimi-k2-thinking"],
    ["zai-org/glm-5-maas", "zai/glm-5"],
    ["writer.palmyra-x5-v1:0", "writer/palmyra-x5"],
    ["Phi-4-mini-instruct", "microsoft/phi-4-mini"],
  ])("%s → %s", (nativeId, canonical) => {
    expect(canonicalModelFor(nativeId).id).toBe(canonical);
  });

  it("takes an unknown vendor from the id's prefix, else the fallback, else the first word", () => {
    expect(canonicalModelFor("acme.rocket-2-v1:0").id).toBe("acme/rocket-2");
    expect(canonicalModelFor("acme/rocket-2").id).toBe("acme/rocket-2");
    expect(canonicalModelFor("text-unicorn@001", "google").id).toBe("google/text-unicorn");
    expect(canonicalModelFor("reka-core").id).toBe("reka/reka-core");
  });
});

describe("platform mapping", () => {
  it.each([
    ["bedrock", "aws-bedrock"],
    ["bedrock_converse", "aws-bedrock"],
    ["bedrock_mantle", "aws-bedrock"],
    ["azure", "azure-foundry"],
    ["azure_ai", "azure-foundry"],
    ["vertex_ai-anthropic_models", "gcp-vertex"],
    ["vertex_ai-language-models", "gcp-vertex"],
    ["openai", "openai"],
    ["anthropic", "anthropic"],
    ["gemini", "google-ai"],
    ["mistral", "mistral"],
    ["oci", "oci-genai"],
    ["watsonx", "ibm-watsonx"],
    ["snowflake", "snowflake-cortex"],
    ["databricks", "databricks"],
  ])("LiteLLM %s → %s", (provider, platform) => {
    expect(platformForLiteLlmProvider(provider)).toBe(platform);
  });

  it("does not track other providers, nor Vertex's embedding and image models", () => {
    expect(platformForLiteLlmProvider("wandb")).toBeNull();
    expect(platformForLiteLlmProvider("fireworks_ai")).toBeNull();
    expect(platformForLiteLlmProvider("vertex_ai-embedding-models")).toBeNull();
    expect(platformForModelsDevProvider("github-models")).toBeNull();
    expect(platformForModelsDevProvider("amazon-bedrock")).toBe("aws-bedrock");
    expect(platformForModelsDevProvider("google-vertex-anthropic")).toBe("gcp-vertex");
  });
});

describe("model facts by rule", () => {
  it("flags open-weight families by vendor", () => {
    expect(isOpenWeight("meta", "llama-3.1-70b")).toBe(true);
    expect(isOpenWeight("mistral", "mixtral-8x7b")).toBe(true);
    expect(isOpenWeight("mistral", "mistral-large-2407")).toBe(false);
    expect(isOpenWeight("openai", "gpt-oss-120b")).toBe(true);
    expect(isOpenWeight("openai", "gpt-5")).toBe(false);
    expect(isOpenWeight("google", "gemma-3-27b")).toBe(true);
    expect(isOpenWeight("google", "gemini-2.5-pro")).toBe(false);
    expect(isOpenWeight("anthropic", "claude-sonnet-4.5")).toBe(false);
  });

  it("guesses a family from the name's words", () => {
    expect(familyFor("claude-sonnet-4.5")).toBe("claude-sonnet");
    expect(familyFor("llama-3.1-70b")).toBe("llama");
    expect(familyFor("o3-mini")).toBe("o-series");
    expect(familyFor("gpt-oss-120b")).toBe("gpt-oss");
  });

  it.each([
    ["aws-bedrock", { vendor: "anthropic" }, ["bedrock-converse"]],
    ["aws-bedrock", { vendor: "openai", isMantle: true }, ["openai-compatible"]],
    ["gcp-vertex", { vendor: "anthropic" }, ["vertex-generate", "anthropic-messages"]],
    ["azure-foundry", { vendor: "openai" }, ["azure-openai", "openai-compatible"]],
    ["openai", { vendor: "openai" }, ["openai-compatible", "openai-responses"]],
    ["google-ai", { vendor: "google" }, ["gemini-api", "openai-compatible"]],
    ["databricks", { vendor: "meta" }, ["openai-compatible"]],
  ] as const)("gives %s with %o the API styles %o", (platform, model, styles) => {
    expect(apiStylesFor(platform, model)).toEqual(styles);
  });
});
