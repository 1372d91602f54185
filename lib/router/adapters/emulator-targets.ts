import type { AdapterFactoryOptions, AdapterKind } from "./create-adapter";
import type { PlatformCredentials } from "./types";

/**
 * Points the adapters at the emulator: for each simulated platform, the base URL of its path
 * prefix and fake credentials the emulator accepts. Real credentials switch a platform to its
 * real endpoint with no other change: leave it out of these maps (the same adapters, no override).
 */

/** The OpenAI-compatible platforms the emulator serves under `/{platformId}/v1`. */
export const EMULATED_OPENAI_COMPATIBLE_PLATFORMS = [
  "oci-genai",
  "ibm-watsonx",
  "snowflake-cortex",
  "databricks",
  "mistral",
  "self-hosted",
] as const;

/** Base URLs and fake credentials for every simulated platform, by catalogue platform id. */
export type EmulatorTargets = Pick<AdapterFactoryOptions, "baseUrls" | "credentials"> & {
  baseUrls: Record<string, string>;
  credentials: Record<string, PlatformCredentials>;
};

/**
 * The base URLs and fake credentials each adapter needs to reach the emulator at `emulatorUrl`
 * (its root URL, e.g. `http://127.0.0.1:4010`).
 */
export function getEmulatorTargets(emulatorUrl: string): EmulatorTargets {
  const root = emulatorUrl.replace(/\/+$/, "");
  const fakeKey: PlatformCredentials = { apiKey: "emulator-key" };
  const baseUrls: Record<string, string> = {
    openai: `${root}/openai/v1`,
    "azure-foundry": `${root}/azure/openai`,
    anthropic: `${root}/anthropic/v1`,
    "aws-bedrock": `${root}/bedrock`,
    "gcp-vertex": `${root}/vertex/v1/projects/p/locations/l/publishers/google`,
  };
  const credentials: Record<string, PlatformCredentials> = {
    openai: fakeKey,
    "azure-foundry": { ...fakeKey, apiVersion: "2024-10-21" },
    anthropic: fakeKey,
    "aws-bedrock": {
      region: "us-east-1",
      accessKeyId: "AKIDEMULATOR",
      secretAccessKey: "emulator-secret",
    },
    "gcp-vertex": { ...fakeKey, project: "p", location: "l", accessToken: "emulator-token" },
  };
  for (const id of EMULATED_OPENAI_COMPATIBLE_PLATFORMS) {
    baseUrls[id] = `${root}/${id}/v1`;
    credentials[id] = fakeKey;
  }
  return { baseUrls, credentials };
}

/**
 * Whether the emulator answers an adapter kind on a platform. It speaks one wire format per
 * platform (two on Vertex: Gemini and Claude); the one gap is Azure AI Foundry, where it simulates
 * the Azure OpenAI API only, not the Anthropic Messages endpoint Foundry serves Claude on.
 */
export function isServedByEmulator(platformId: string, kind: AdapterKind): boolean {
  if (platformId === "azure-foundry") return kind === "azure-openai";
  return true;
}
