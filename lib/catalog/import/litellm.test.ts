import { describe, expect, it } from "vitest";
import type { OfferingFact } from "../types";
import { CatalogImportError, parseSourceJson } from "./errors";
import { SKIP, parseLiteLlm, perMillion } from "./litellm";

const SOURCE = { sourceUrl: "https://example.test/litellm.json", takenAt: "2026-08-01" };

/** A chat entry at $3 / $15 per 1M tokens, with the given overrides. */
const chat = (provider: string, overrides: Record<string, unknown> = {}) => ({
  litellm_provider: provider,
  mode: "chat",
  input_cost_per_token: 0.000003,
  output_cost_per_token: 0.000015,
  max_input_tokens: 200000,
  max_output_tokens: 64000,
  ...overrides,
});

function offering(batch: ReturnType<typeof parseLiteLlm>, platformId: string, nativeId: string) {
  const found = batch.offerings.find(
    (entry) => entry.platformId === platformId && entry.nativeId === nativeId,
  );
  if (!found) throw new Error(`no offering ${platformId}:${nativeId}`);
  return found;
}

const reasonOf = (batch: ReturnType<typeof parseLiteLlm>, key: string) =>
  batch.skipped.find((entry) => entry.key === key)?.reason;

describe("parseLiteLlm skips", () => {
  const batch = parseLiteLlm(
    {
      sample_spec: { litellm_provider: "one of https://docs.litellm.ai/docs/providers" },
      fallback_generalizations: { rules: [{ name: "bedrock-claude-ids", pattern: "^x" }] },
      "wandb/openai/gpt-oss-120b": chat("wandb", { input_cost_per_token: 0.015 }),
      "text-embedding-3-small": chat("openai", { mode: "embedding" }),
      "dall-e-3": chat("openai", { mode: "image_generation" }),
      "whisper-1": chat("openai", { mode: "audio_transcription" }),
      "together_ai/some-model": chat("together_ai"),
      "bedrock/us-east-1/1-month-commitment/anthropic.claude-instant-v1": chat("bedrock"),
      "bedrock/*/6-month-commitment/cohere.command-text-v14": chat("bedrock"),
      "azure/container": chat("azure", {
        input_cost_per_token: undefined,
        output_cost_per_token: undefined,
      }),
      "ft:gpt-4o": chat("openai"),
    },
    SOURCE,
  );

  it.each([
    ["sample_spec", SKIP.sampleSpec],
    ["fallback_generalizations", SKIP.fallbackRules],
    ["wandb/openai/gpt-oss-120b", SKIP.implausible],
    ["text-embedding-3-small", "not a chat model (mode: embedding)"],
    ["dall-e-3", "not a chat model (mode: image_generation)"],
    ["whisper-1", "not a chat model (mode: audio_transcription)"],
    ["together_ai/some-model", SKIP.notTracked],
    ["bedrock/us-east-1/1-month-commitment/anthropic.claude-instant-v1", SKIP.provisioned],
    ["bedrock/*/6-month-commitment/cohere.command-text-v14", SKIP.provisioned],
    ["azure/container", SKIP.missingPrices],
    ["ft:gpt-4o", SKIP.fineTuned],
  ])("%s: %s", (key, reason) => {
    expect(reasonOf(batch, key)).toBe(reason);
  });

  it("keeps nothing it skipped", () => {
    expect(batch.offerings).toEqual([]);
    expect(batch.skipped).toHaveLength(11);
  });
});

describe("parseLiteLlm on Bedrock", () => {
  const batch = parseLiteLlm(
    {
      "anthropic.claude-sonnet-4-5-20250929-v1:0": chat("bedrock_converse"),
      "us.anthropic.claude-sonnet-4-5-20250929-v1:0": chat("bedrock_converse", {
        input_cost_per_token: 0.0000033,
      }),
      "us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0": chat("bedrock_converse"),
      "global.anthropic.claude-sonnet-4-5-20250929-v1:0": chat("bedrock_converse"),
      "bedrock/eu-central-1/anthropic.claude-v2:1": chat("bedrock", {
        input_cost_per_token: 0.000008,
      }),
      "bedrock/us-east-1/anthropic.claude-v2:1": chat("bedrock", {
        input_cost_per_token: 0.000008,
      }),
      "bedrock/ap-northeast-1/anthropic.claude-v2:1": chat("bedrock", {
        input_cost_per_token: 0.000009,
      }),
      "bedrock_mantle/openai.gpt-5.4": chat("bedrock_mantle", { mode: "responses" }),
    },
    SOURCE,
  );

  it("keeps a bare id with the bedrock-converse style", () => {
    const bare = offering(batch, "aws-bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(bare).toMatchObject({
      modelId: "anthropic/claude-sonnet-4.5",
      regions: [],
      apiStyles: ["bedrock-converse"],
      prices: { input: 3, output: 15 },
    });
  });

  it("keeps the geo prefix in the native id and regions, and the file's price", () => {
    const us = offering(batch, "aws-bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(us.regions).toEqual(["us"]);
    expect(us.modelId).toBe("anthropic/claude-sonnet-4.5");
    expect(us.prices.input).toBe(3.3);
    expect(
      offering(batch, "aws-bedrock", "us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0").regions,
    ).toEqual(["us-gov"]);
    expect(
      offering(batch, "aws-bedrock", "global.anthropic.claude-sonnet-4-5-20250929-v1:0").regions,
    ).toEqual(["global"]);
  });

  it("merges bedrock/<region>/ keys into one offering, and reports a regional price it cannot keep", () => {
    const claude2 = offering(batch, "aws-bedrock", "anthropic.claude-v2:1");
    expect(claude2.modelId).toBe("anthropic/claude-2.1");
    expect(claude2.regions).toEqual(["eu-central-1", "us-east-1"]);
    expect(reasonOf(batch, "bedrock/us-east-1/anthropic.claude-v2:1")).toBe(SKIP.duplicate);
    expect(reasonOf(batch, "bedrock/ap-northeast-1/anthropic.claude-v2:1")).toBe(
      SKIP.regionalPrice,
    );
  });

  it("serves bedrock_mantle models through the OpenAI-compatible endpoint", () => {
    expect(offering(batch, "aws-bedrock", "openai.gpt-5.4")).toMatchObject({
      modelId: "openai/gpt-5.4",
      apiStyles: ["openai-compatible"],
    });
  });
});

describe("parseLiteLlm on Azure and Vertex", () => {
  const batch = parseLiteLlm(
    {
      "azure/gpt-5.4": chat("azure", { input_cost_per_token: 0.0000025 }),
      "azure/us/gpt-5.4": chat("azure", { input_cost_per_token: 0.00000275 }),
      "azure/eu/gpt-5.4": chat("azure", { input_cost_per_token: 0.00000275 }),
      "azure_ai/Phi-4": chat("azure_ai", { max_input_tokens: 16384 }),
      "azure_ai/claude-sonnet-4-5": chat("azure_ai"),
      "gemini-2.5-pro": chat("vertex_ai-language-models", { max_input_tokens: 1048576 }),
      "vertex_ai/gemini-2.5-pro": chat("vertex_ai-language-models"),
      "vertex_ai/claude-sonnet-4-5@20250929": chat("vertex_ai-anthropic_models"),
      "vertex_ai/deepseek-ai/deepseek-v3.2-maas": chat("vertex_ai-deepseek_models"),
      "claude-sonnet-4-5-20250929": chat("anthropic", { max_input_tokens: 1000000 }),
    },
    SOURCE,
  );

  it("keeps Azure data zones apart, with the zone in regions", () => {
    expect(offering(batch, "azure-foundry", "gpt-5.4")).toMatchObject({
      regions: [],
      prices: { input: 2.5 },
      apiStyles: ["azure-openai", "openai-compatible"],
    });
    expect(offering(batch, "azure-foundry", "us/gpt-5.4")).toMatchObject({
      modelId: "openai/gpt-5.4",
      regions: ["data-zone-us"],
      prices: { input: 2.75 },
    });
    expect(offering(batch, "azure-foundry", "eu/gpt-5.4").regions).toEqual(["data-zone-eu"]);
  });

  it("reads Foundry models from azure_ai/", () => {
    expect(offering(batch, "azure-foundry", "Phi-4").modelId).toBe("microsoft/phi-4");
    expect(offering(batch, "azure-foundry", "claude-sonnet-4-5").apiStyles).toEqual([
      "anthropic-messages",
    ]);
  });

  it("reads Vertex's bare Gemini ids, Claude @versions and -maas publisher models", () => {
    expect(offering(batch, "gcp-vertex", "gemini-2.5-pro").modelId).toBe("google/gemini-2.5-pro");
    expect(reasonOf(batch, "vertex_ai/gemini-2.5-pro")).toBe(SKIP.duplicate);
    expect(offering(batch, "gcp-vertex", "claude-sonnet-4-5@20250929")).toMatchObject({
      modelId: "anthropic/claude-sonnet-4.5",
      apiStyles: ["vertex-generate", "anthropic-messages"],
    });
    expect(offering(batch, "gcp-vertex", "deepseek-ai/deepseek-v3.2-maas").modelId).toBe(
      "deepseek/deepseek-v3.2",
    );
  });

  it("keeps each platform's own context window for the same model", () => {
    const windows = batch.offerings
      .filter((entry) => entry.modelId === "anthropic/claude-sonnet-4.5")
      .map((entry) => [entry.platformId, entry.contextWindow]);
    expect(windows).toEqual(
      expect.arrayContaining([
        ["anthropic", 1000000],
        ["gcp-vertex", 200000],
        ["azure-foundry", 200000],
      ]),
    );
  });

  it("makes one model fact per canonical model, from the file", () => {
    const ids = batch.models.map((model) => model.id).sort();
    expect(ids).toEqual([
      "anthropic/claude-sonnet-4.5",
      "deepseek/deepseek-v3.2",
      "google/gemini-2.5-pro",
      "microsoft/phi-4",
      "openai/gpt-5.4",
    ]);
    expect(batch.models.find((model) => model.id === "microsoft/phi-4")).toMatchObject({
      vendor: "microsoft",
      openWeights: true,
      releaseDate: null,
      sourceUrl: SOURCE.sourceUrl,
    });
  });
});

describe("parseLiteLlm facts", () => {
  const batch = parseLiteLlm(
    {
      "gpt-4o-2024-08-06": chat("openai", {
        input_cost_per_token: 0.0000025,
        output_cost_per_token: 0.00001,
        cache_read_input_token_cost: 0.00000125,
        input_cost_per_token_batches: 0.00000125,
        output_cost_per_token_batches: 0.000005,
        supports_function_calling: true,
        supports_response_schema: true,
        supports_vision: true,
        supports_prompt_caching: false,
        deprecation_date: "2026-09-30",
      }),
      "claude-3-opus-20240229": chat("anthropic", {
        deprecation_date: "2026-05-01",
        supports_reasoning: true,
        max_input_tokens: undefined,
        max_tokens: 4096,
      }),
      "databricks/databricks-claude-sonnet-4-5": chat("databricks", {
        input_cost_per_token: 0.0000029999900000000002,
      }),
    },
    SOURCE,
  );

  it("converts USD per token to USD per 1M tokens at 6 decimals", () => {
    expect(perMillion(0.000003)).toBe(3);
    expect(perMillion(1.5e-7)).toBe(0.15);
    expect(perMillion(0.0000029999900000000002)).toBe(2.99999);
    expect(offering(batch, "openai", "gpt-4o-2024-08-06").prices).toEqual({
      input: 2.5,
      output: 10,
      cachedInput: 1.25,
      batchInput: 1.25,
      batchOutput: 5,
    });
    expect(offering(batch, "databricks", "databricks-claude-sonnet-4-5").prices.input).toBe(
      2.99999,
    );
  });

  it("reads capabilities, limits and the lifecycle", () => {
    const gpt4o: OfferingFact = offering(batch, "openai", "gpt-4o-2024-08-06");
    expect(gpt4o.capabilities).toEqual(["tools", "json-mode", "vision"]);
    expect(gpt4o).toMatchObject({ lifecycle: "deprecated", deprecationDate: "2026-09-30" });
    const opus = offering(batch, "anthropic", "claude-3-opus-20240229");
    expect(opus).toMatchObject({
      lifecycle: "retired",
      deprecationDate: "2026-05-01",
      contextWindow: 4096,
      maxOutputTokens: 64000,
      capabilities: ["reasoning"],
    });
  });
});

describe("malformed input", () => {
  it("refuses a file that is not an object", () => {
    expect(() => parseLiteLlm([], SOURCE)).toThrow(CatalogImportError);
    expect(() => parseLiteLlm("text", SOURCE)).toThrow(/not a JSON object/);
  });

  it("names the key whose value is not an object", () => {
    try {
      parseLiteLlm({ "gpt-4o": "cheap" }, SOURCE);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogImportError);
      expect((error as CatalogImportError).key).toBe("gpt-4o");
    }
  });

  it("names the key whose price is not a number", () => {
    expect(() =>
      parseLiteLlm({ "gpt-4o": chat("openai", { output_cost_per_token: "0.00001" }) }, SOURCE),
    ).toThrow(/gpt-4o: output_cost_per_token is not a number/);
  });

  it("gives the line and column of a JSON syntax error", () => {
    const text = '{\n  "gpt-4o": {\n    "mode": "chat",,\n  }\n}';
    try {
      parseSourceJson(text, "the LiteLLM file");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogImportError);
      expect((error as CatalogImportError).line).toBe(3);
      expect((error as CatalogImportError).column).toBe(20);
    }
    expect(() => parseSourceJson('{"a": {', "the file")).toThrow(/line 1, column 8/);
  });
});
