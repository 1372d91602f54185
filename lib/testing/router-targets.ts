import { lookup as dnsLookup } from "node:dns/promises";
import { createSafeFetch, type HostLookup } from "@/lib/router/safe-fetch";
import type { Target } from "@/lib/router/types";

/** Builds a `Target` for tests, with sensible defaults. Not for production use. */
export function makeTarget(offeringId: string, overrides: Partial<Target> = {}): Target {
  return {
    offeringId,
    platformId: "p1",
    modelId: `model-${offeringId}`,
    nativeId: `native-${offeringId}`,
    apiStyle: "openai-compatible",
    prices: { input: 1, output: 2 },
    simulated: true,
    ...overrides,
  };
}

/** What the emulator is called for: a platform, the API style it is called with, a model id. */
export type EmulatedEndpoint = Pick<Target, "platformId" | "apiStyle" | "nativeId">;

/**
 * One endpoint for every way the emulator answers: each API style on a platform that speaks it
 * (Claude on Vertex too: Anthropic Messages over rawPredict), and each OpenAI-compatible gateway.
 */
export const EMULATED_ENDPOINTS: readonly EmulatedEndpoint[] = [
  { platformId: "openai", apiStyle: "openai-compatible", nativeId: "gpt-5.5" },
  { platformId: "azure-foundry", apiStyle: "azure-openai", nativeId: "gpt-5.5" },
  { platformId: "anthropic", apiStyle: "anthropic-messages", nativeId: "claude-sonnet-4-5" },
  {
    platformId: "aws-bedrock",
    apiStyle: "bedrock-converse",
    nativeId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
  },
  { platformId: "gcp-vertex", apiStyle: "vertex-generate", nativeId: "gemini-2.5-pro" },
  {
    platformId: "gcp-vertex",
    apiStyle: "anthropic-messages",
    nativeId: "claude-sonnet-4-5@20250929",
  },
  ...["oci-genai", "ibm-watsonx", "snowflake-cortex", "databricks", "mistral", "self-hosted"].map(
    (platformId): EmulatedEndpoint => ({
      platformId,
      apiStyle: "openai-compatible",
      nativeId: "some-model",
    }),
  ),
];

/** A simulated target for `endpoint`, at `prices` in USD per million tokens. */
export function endpointTarget(endpoint: EmulatedEndpoint, prices: Target["prices"]): Target {
  const { platformId, apiStyle, nativeId } = endpoint;
  return makeTarget(`${platformId}:${apiStyle}:${nativeId}`, {
    platformId,
    modelId: nativeId,
    nativeId,
    apiStyle,
    prices,
  });
}

/** The machine's own resolver: the emulator's loopback address is all it is asked for. */
export const systemLookup: HostLookup = async (host) =>
  (await dnsLookup(host, { all: true })).map((entry) => entry.address);

/** The safe fetch as the app configures it for the emulator: local endpoints allowed. */
export function loopbackSafeFetch() {
  return createSafeFetch({ allowLocal: true, allowPrivate: false, lookup: systemLookup });
}
