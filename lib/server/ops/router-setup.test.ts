import { describe, expect, it } from "vitest";
import type { Target } from "@/lib/router/types";
import {
  createAppAdapters,
  describeEnvironmentVariables,
  fromEnvironment,
  markSimulated,
  needsEmulator,
  resolveConnections,
  ROUTABLE_PLATFORMS,
} from "./router-setup";

const EMULATOR = "http://127.0.0.1:4010";

const noFetch: typeof fetch = () => Promise.reject(new Error("no network in unit tests"));

describe("resolveConnections", () => {
  it("sends every platform the emulator serves there when nothing is configured", () => {
    const connections = resolveConnections({}, {}, EMULATOR);
    expect(connections.openai).toEqual({
      simulated: true,
      source: "emulator",
      credentials: { apiKey: "emulator-key" },
      baseUrl: `${EMULATOR}/openai/v1`,
    });
    expect(connections["aws-bedrock"]?.baseUrl).toBe(`${EMULATOR}/bedrock`);
    expect(connections["oci-genai"]?.baseUrl).toBe(`${EMULATOR}/oci-genai/v1`);
    // The emulator does not speak the Gemini API: no connection at all.
    expect(connections["google-ai"]).toBeUndefined();
    expect(needsEmulator(connections)).toBe(true);
  });

  it("leaves unconfigured platforms out when no emulator runs", () => {
    const connections = resolveConnections({}, { OPENAI_API_KEY: "sk-real" }, null);
    expect(Object.keys(connections)).toEqual(["openai"]);
    expect(connections.openai).toEqual({
      simulated: false,
      source: "env",
      credentials: { apiKey: "sk-real" },
    });
  });

  it("reads the usual provider variables, one platform each", () => {
    const env = {
      OPENAI_API_KEY: "sk-openai",
      ANTHROPIC_API_KEY: "sk-ant",
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "AKID",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_SESSION_TOKEN: "session",
      AZURE_API_KEY: "az-key",
      AZURE_RESOURCE_NAME: "my-resource",
      GOOGLE_VERTEX_PROJECT: "my-project",
      GOOGLE_VERTEX_LOCATION: "us-central1",
    };
    const connections = resolveConnections({}, env, EMULATOR);
    expect(connections.anthropic).toMatchObject({ simulated: false, source: "env" });
    expect(connections.anthropic?.baseUrl).toBeUndefined();
    expect(connections["aws-bedrock"]?.credentials).toEqual({
      region: "eu-west-1",
      accessKeyId: "AKID",
      secretAccessKey: "secret",
      sessionToken: "session",
    });
    expect(connections["azure-foundry"]?.credentials).toEqual({
      apiKey: "az-key",
      resourceName: "my-resource",
    });
    expect(connections["gcp-vertex"]?.credentials).toEqual({
      project: "my-project",
      location: "us-central1",
    });
    // The OpenAI-compatible gateways still go to the emulator.
    expect(connections.databricks?.simulated).toBe(true);
    expect(needsEmulator(connections)).toBe(true);
  });

  it("prefers the Bedrock bearer token and takes an Azure endpoint as the base URL", () => {
    expect(
      fromEnvironment("aws-bedrock", {
        AWS_REGION: "us-east-1",
        AWS_BEARER_TOKEN_BEDROCK: "bearer",
        AWS_ACCESS_KEY_ID: "AKID",
        AWS_SECRET_ACCESS_KEY: "secret",
      }),
    ).toEqual({ credentials: { region: "us-east-1", apiKey: "bearer" } });
    expect(
      fromEnvironment("azure-foundry", {
        AZURE_API_KEY: "k",
        AZURE_OPENAI_ENDPOINT: "https://res.openai.azure.com/",
      }),
    ).toEqual({ credentials: { apiKey: "k" }, baseUrl: "https://res.openai.azure.com/openai" });
  });

  it("reads OPENROUTER_API_KEY for OpenRouter, at its one public base URL", () => {
    const env = { OPENROUTER_API_KEY: " sk-or-v1-key " };
    expect(fromEnvironment("openrouter", env)).toEqual({
      credentials: { apiKey: "sk-or-v1-key" },
      baseUrl: "https://openrouter.ai/api/v1",
    });
    const connections = resolveConnections({}, env, EMULATOR);
    expect(connections.openrouter).toMatchObject({ simulated: false, source: "env" });
    // The key is OpenRouter's alone: the other OpenAI-compatible platforms still need stored ones.
    expect(fromEnvironment("mistral", env)).toBeNull();
    expect(fromEnvironment("self-hosted", env)).toBeNull();
    expect(connections.mistral?.simulated).toBe(true);
  });

  it("sends OpenRouter to the emulator's OpenRouter prefix when nothing is configured", () => {
    expect(resolveConnections({}, {}, EMULATOR).openrouter).toEqual({
      simulated: true,
      source: "emulator",
      credentials: { apiKey: "emulator-key" },
      baseUrl: `${EMULATOR}/openrouter/v1`,
    });
  });

  it("names the variables each platform reads, as Settings shows them", () => {
    expect(describeEnvironmentVariables("openrouter")).toBe("OPENROUTER_API_KEY");
    expect(describeEnvironmentVariables("openai")).toBe("OPENAI_API_KEY (OPENAI_BASE_URL)");
    expect(describeEnvironmentVariables("mistral")).toBeNull();
    expect(describeEnvironmentVariables("google-ai")).toBeNull();
    expect(describeEnvironmentVariables("cohere")).toBeNull();
    // What Settings names for OpenRouter is exactly what configures it.
    expect(fromEnvironment("openrouter", { OPENROUTER_API_KEY: "k" })).not.toBeNull();
  });

  it.each([
    ["openrouter", { OPENROUTER_API_KEY: "  " }],
    ["aws-bedrock", { AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "s" }],
    ["aws-bedrock", { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKID" }],
    ["azure-foundry", { AZURE_API_KEY: "k" }],
    ["azure-foundry", { AZURE_RESOURCE_NAME: "r" }],
    ["gcp-vertex", { GOOGLE_VERTEX_PROJECT: "p" }],
    ["openai", { OPENAI_API_KEY: "  " }],
  ])("treats incomplete variables for %s as missing: %j", (platformId, env) => {
    expect(fromEnvironment(platformId, env)).toBeNull();
    expect(resolveConnections({}, env, EMULATOR)[platformId]?.simulated).toBe(true);
  });

  it("prefers a stored credential over the environment", () => {
    const connections = resolveConnections(
      {
        openai: { kind: "openai", settings: {}, secrets: { apiKey: "sk-stored" } },
        "azure-foundry": {
          kind: "azure",
          settings: { endpoint: "https://res.openai.azure.com", apiVersion: "2024-10-21" },
          secrets: { apiKey: "az-stored" },
        },
        "aws-bedrock": {
          kind: "bedrock",
          settings: { authMode: "api-key", region: "us-west-2" },
          secrets: { apiKey: "bedrock-key" },
        },
        "gcp-vertex": {
          kind: "vertex",
          settings: { project: "proj-123", location: "global" },
          secrets: {
            serviceAccountJson: JSON.stringify({
              type: "service_account",
              client_email: "sa@proj.iam.gserviceaccount.com",
              private_key: "-----BEGIN PRIVATE KEY-----x",
            }),
          },
        },
        mistral: {
          kind: "openai-compatible",
          settings: { baseUrl: "https://api.mistral.ai/v1" },
          secrets: { apiKey: "m-key" },
        },
      },
      { OPENAI_API_KEY: "sk-env" },
      EMULATOR,
    );
    expect(connections.openai).toEqual({
      simulated: false,
      source: "store",
      credentials: { apiKey: "sk-stored" },
    });
    expect(connections["azure-foundry"]).toEqual({
      simulated: false,
      source: "store",
      credentials: { apiKey: "az-stored", apiVersion: "2024-10-21" },
      baseUrl: "https://res.openai.azure.com/openai",
    });
    expect(connections["aws-bedrock"]?.credentials).toEqual({
      region: "us-west-2",
      apiKey: "bedrock-key",
    });
    expect(connections["gcp-vertex"]?.credentials).toEqual({
      project: "proj-123",
      location: "global",
      googleCredentials: {
        client_email: "sa@proj.iam.gserviceaccount.com",
        private_key: "-----BEGIN PRIVATE KEY-----x",
      },
    });
    expect(connections.mistral).toMatchObject({
      simulated: false,
      baseUrl: "https://api.mistral.ai/v1",
    });
  });

  it("falls back from an unusable stored credential to the environment", () => {
    const connections = resolveConnections(
      { openai: { kind: "openai", settings: {}, secrets: {} } },
      { OPENAI_API_KEY: "sk-env" },
      EMULATOR,
    );
    expect(connections.openai?.source).toBe("env");
  });

  it("needs no emulator once every simulated platform has real credentials", () => {
    const stored = Object.fromEntries(
      ROUTABLE_PLATFORMS.map((id) => [
        id,
        {
          kind: "openai-compatible" as const,
          settings: { baseUrl: `https://${id}.example.com/v1` },
          secrets: { apiKey: "k" },
        },
      ]),
    );
    expect(needsEmulator(resolveConnections(stored, {}, EMULATOR))).toBe(false);
  });
});

describe("markSimulated and createAppAdapters", () => {
  const target: Target = {
    offeringId: "openai:gpt",
    platformId: "openai",
    modelId: "gpt",
    nativeId: "gpt",
    apiStyle: "openai-compatible",
    prices: { input: 1, output: 2 },
    simulated: false,
  };

  it("marks targets on emulated platforms as simulated", () => {
    const simulated = resolveConnections({}, {}, EMULATOR);
    expect(markSimulated(target, simulated).simulated).toBe(true);
    const real = resolveConnections({}, { OPENAI_API_KEY: "sk" }, EMULATOR);
    expect(markSimulated(target, real)).toBe(target);
  });

  it("creates one adapter per platform and style, and a failing one when unconfigured", async () => {
    const adapters = createAppAdapters({
      connections: resolveConnections({}, { OPENAI_API_KEY: "sk" }, null),
      fetch: noFetch,
    });
    expect(adapters(target).id).toBe("openai");
    expect(adapters(target)).toBe(adapters(target));
    const missing = adapters({
      ...target,
      platformId: "anthropic",
      apiStyle: "anthropic-messages",
    });
    const result = await missing.call(
      target,
      { messages: [] },
      {
        signal: new AbortController().signal,
        now: () => 0,
      },
    );
    expect(result).toMatchObject({ ok: false, error: { kind: "auth", retryable: false } });
  });
});
