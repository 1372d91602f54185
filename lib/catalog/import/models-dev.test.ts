import { describe, expect, it } from "vitest";
import { CatalogImportError } from "./errors";
import { MODELS_DEV_SKIP, parseModelsDev } from "./models-dev";

const SOURCE = { sourceUrl: "https://example.test/models-dev.json", takenAt: "2026-07-02" };

const model = (overrides: Record<string, unknown> = {}) => ({
  name: "Some model",
  family: "some",
  release_date: "2025-09-29",
  open_weights: false,
  reasoning: true,
  tool_call: true,
  cost: { input: 3, output: 15, cache_read: 0.3 },
  limit: { context: 200000, output: 64000 },
  ...overrides,
});

describe("parseModelsDev", () => {
  const batch = parseModelsDev(
    {
      _source: { repo: "github.com/anomalyco/models.dev" },
      "amazon-bedrock": {
        name: "Amazon Bedrock",
        models: {
          "anthropic.claude-sonnet-4-5-20250929-v1:0": model(),
          "cohere.embed-v4:0": model(),
        },
      },
      "google-vertex": {
        models: { "claude-sonnet-4-5@20250929": model({ limit: { context: 1000000 } }) },
      },
      "google-vertex-anthropic": {
        models: { "claude-sonnet-4-5@20250929": model() },
      },
      azure: {
        models: {
          "claude-sonnet-5": model({ base_model: "anthropic/claude-sonnet-5", status: "beta" }),
          "gpt-4o": model({ cost: undefined }),
        },
      },
      "github-models": { models: { "gpt-4o": model() } },
    },
    SOURCE,
  );

  it("maps providers to platforms and ids to canonical models, with costs as they are", () => {
    expect(batch.offerings.map((o) => [o.platformId, o.nativeId, o.modelId])).toEqual([
      ["aws-bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic/claude-sonnet-4.5"],
      ["gcp-vertex", "claude-sonnet-4-5@20250929", "anthropic/claude-sonnet-4.5"],
      ["azure-foundry", "claude-sonnet-5", "anthropic/claude-sonnet-5"],
    ]);
    expect(batch.offerings[0]).toMatchObject({
      prices: { input: 3, output: 15, cachedInput: 0.3 },
      capabilities: ["tools", "reasoning", "prompt-caching"],
      contextWindow: 200000,
      maxOutputTokens: 64000,
    });
    expect(batch.offerings[1]?.contextWindow).toBe(1000000);
    expect(batch.offerings[2]?.lifecycle).toBe("preview");
    expect(batch.models.find((m) => m.id === "anthropic/claude-sonnet-4.5")?.releaseDate).toBe(
      "2025-09-29",
    );
  });

  it("skips with reasons", () => {
    expect(batch.skipped).toEqual([
      { key: "amazon-bedrock/cohere.embed-v4:0", reason: MODELS_DEV_SKIP.notChat },
      {
        key: "google-vertex-anthropic/claude-sonnet-4-5@20250929",
        reason: MODELS_DEV_SKIP.duplicate,
      },
      { key: "azure/gpt-4o", reason: MODELS_DEV_SKIP.missingPrices },
      { key: "github-models/gpt-4o", reason: MODELS_DEV_SKIP.notTracked },
    ]);
  });

  it("refuses malformed files, naming the key", () => {
    expect(() => parseModelsDev([], SOURCE)).toThrow(CatalogImportError);
    expect(() => parseModelsDev({ openai: { models: { "gpt-4o": 3 } } }, SOURCE)).toThrow(
      /openai\/gpt-4o/,
    );
    expect(() =>
      parseModelsDev(
        { openai: { models: { "gpt-4o": model({ cost: { input: "3", output: 15 } }) } } },
        SOURCE,
      ),
    ).toThrow(/openai\/gpt-4o: cost.input is not a number/);
  });
});
