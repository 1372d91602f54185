import {
  EMULATED_PLATFORM_ENTRIES,
  getCredentialKind,
  type CredentialKind,
  type PlatformId,
} from "@/lib/catalog/platforms";
import type { AdapterFactoryOptions, AdapterKind } from "./create-adapter";
import type { PlatformCredentials } from "./types";

/**
 * Points the adapters at the emulator: for each simulated platform, the base URL of its path
 * prefix and fake credentials the emulator accepts. Real credentials switch a platform to its
 * real endpoint with no other change: leave it out of these maps (the same adapters, no override).
 */

/** The OpenAI-compatible platforms the emulator serves under `/{platformId}/v1`. */
export const EMULATED_OPENAI_COMPATIBLE_PLATFORMS: readonly PlatformId[] =
  EMULATED_PLATFORM_ENTRIES.filter(
    (platform) => platform.credentialKind === "openai-compatible",
  ).map((platform) => platform.id);

/** Base URLs and fake credentials for every simulated platform, by catalogue platform id. */
export type EmulatorTargets = Pick<AdapterFactoryOptions, "baseUrls" | "credentials"> & {
  baseUrls: Record<string, string>;
  credentials: Record<string, PlatformCredentials>;
};

/** What the adapter of one credential kind needs to reach the emulator. */
type EmulatorTarget = {
  /** Appended to the platform's emulator prefix to give the adapter's base URL. */
  baseUrlSuffix: string;
  credentials: () => PlatformCredentials;
};

const fakeKey = (): PlatformCredentials => ({ apiKey: "emulator-key" });

/** By credential kind (API family); null where the emulator does not speak the family's API. */
const TARGETS: Readonly<Record<CredentialKind, EmulatorTarget | null>> = {
  openai: { baseUrlSuffix: "/v1", credentials: fakeKey },
  azure: {
    baseUrlSuffix: "/openai",
    credentials: () => ({ ...fakeKey(), apiVersion: "2024-10-21" }),
  },
  anthropic: { baseUrlSuffix: "/v1", credentials: fakeKey },
  bedrock: {
    baseUrlSuffix: "",
    credentials: () => ({
      region: "us-east-1",
      accessKeyId: "AKIDEMULATOR",
      secretAccessKey: "emulator-secret",
    }),
  },
  vertex: {
    baseUrlSuffix: "/v1/projects/p/locations/l/publishers/google",
    credentials: () => ({
      ...fakeKey(),
      project: "p",
      location: "l",
      accessToken: "emulator-token",
    }),
  },
  "google-ai": null,
  "openai-compatible": { baseUrlSuffix: "/v1", credentials: fakeKey },
};

/**
 * The base URLs and fake credentials each adapter needs to reach the emulator at `emulatorUrl`
 * (its root URL, e.g. `http://127.0.0.1:4010`).
 */
export function getEmulatorTargets(emulatorUrl: string): EmulatorTargets {
  const root = emulatorUrl.replace(/\/+$/, "");
  const baseUrls: Record<string, string> = {};
  const credentials: Record<string, PlatformCredentials> = {};
  for (const platform of EMULATED_PLATFORM_ENTRIES) {
    const target = TARGETS[platform.credentialKind];
    if (!target) continue;
    baseUrls[platform.id] = `${root}/${platform.emulatorPath}${target.baseUrlSuffix}`;
    credentials[platform.id] = target.credentials();
  }
  return { baseUrls, credentials };
}

/**
 * Whether the emulator answers an adapter kind on a platform. It speaks one wire format per
 * platform (two on Vertex: Gemini and Claude); the one gap is Azure AI Foundry, where it simulates
 * the Azure OpenAI API only, not the Anthropic Messages endpoint Foundry serves Claude on.
 */
export function isServedByEmulator(platformId: string, kind: AdapterKind): boolean {
  if (getCredentialKind(platformId) === "azure") return kind === "azure-openai";
  return true;
}
