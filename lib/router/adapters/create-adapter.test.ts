import { describe, expect, it } from "vitest";
import { createAdapterFor, getAdapterKind } from "./create-adapter";
import { EMULATED_OPENAI_COMPATIBLE_PLATFORMS, getEmulatorTargets } from "./emulator-targets";

const noFetch: typeof fetch = () => Promise.reject(new Error("no network in unit tests"));

describe("getAdapterKind", () => {
  it.each([
    ["openai", "openai-compatible", "openai"],
    ["openai", "openai-responses", "openai"],
    ["azure-foundry", "azure-openai", "azure-openai"],
    ["anthropic", "anthropic-messages", "anthropic"],
    ["aws-bedrock", "bedrock-converse", "bedrock-converse"],
    ["aws-bedrock", "anthropic-messages", "bedrock-converse"],
    ["gcp-vertex", "vertex-generate", "vertex-gemini"],
    ["gcp-vertex", "anthropic-messages", "vertex-anthropic"],
    ["databricks", "openai-compatible", "openai-compatible"],
    ["oci-genai", "cohere-chat", null],
    ["mistral", "mistral-chat", null],
  ] as const)("%s with %s → %s", (platformId, apiStyle, kind) => {
    expect(getAdapterKind(platformId, apiStyle)).toBe(kind);
  });
});

describe("createAdapterFor", () => {
  it("returns null rather than falling back to environment credentials", () => {
    const options = { credentials: {}, baseUrls: {}, fetch: noFetch };
    expect(createAdapterFor({ platformId: "openai", apiStyle: "openai-compatible" }, options)).toBe(
      null,
    );
    expect(
      createAdapterFor({ platformId: "aws-bedrock", apiStyle: "bedrock-converse" }, options),
    ).toBe(null);
    // An OpenAI-compatible platform has no default endpoint.
    expect(
      createAdapterFor(
        { platformId: "self-hosted", apiStyle: "openai-compatible" },
        { ...options, credentials: { "self-hosted": { apiKey: "k" } } },
      ),
    ).toBe(null);
  });

  it("creates an adapter for every simulated platform from the emulator targets", () => {
    const targets = getEmulatorTargets("http://127.0.0.1:4010/");
    const platforms = [
      ["openai", "openai-compatible"],
      ["azure-foundry", "azure-openai"],
      ["anthropic", "anthropic-messages"],
      ["aws-bedrock", "bedrock-converse"],
      ["gcp-vertex", "vertex-generate"],
      ...EMULATED_OPENAI_COMPATIBLE_PLATFORMS.map((id) => [id, "openai-compatible"] as const),
    ] as const;
    for (const [platformId, apiStyle] of platforms) {
      const adapter = createAdapterFor({ platformId, apiStyle }, { ...targets, fetch: noFetch });
      expect(adapter, platformId).not.toBeNull();
    }
    expect(targets.baseUrls.openai).toBe("http://127.0.0.1:4010/openai/v1");
    expect(targets.baseUrls.databricks).toBe("http://127.0.0.1:4010/databricks/v1");
  });
});
