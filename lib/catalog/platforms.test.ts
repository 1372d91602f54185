import { describe, expect, it } from "vitest";
import { EMULATED_PLATFORMS, matchEndpoint, type EmulatedApi } from "@/lib/emulator/platforms";
import { EGRESS_PRICES } from "@/lib/lockin/reference-data";
import { createAdapterFor, getAdapterKind } from "@/lib/router/adapters/create-adapter";
import { getEmulatorTargets, isServedByEmulator } from "@/lib/router/adapters/emulator-targets";
import { PLATFORM_CREDENTIAL_KIND } from "@/lib/schemas/credentials";
import {
  apiStylesFor,
  LITELLM_PROVIDER_PLATFORMS,
  MODELS_DEV_PROVIDER_PLATFORMS,
} from "./import/id-mapping";
import {
  CREDENTIAL_KINDS,
  EMULATED_PLATFORM_ENTRIES,
  getPlatform,
  isPlatformId,
  PLATFORMS,
} from "./platforms";
import { SEED_OFFERINGS, SEED_PLATFORMS, SEED_TIES } from "./seed";
import { API_STYLES } from "./types";

const ids = PLATFORMS.map((platform) => platform.id);
const sorted = (values: Iterable<string>) => [...values].sort();
const noFetch: typeof fetch = () => Promise.reject(new Error("no network in unit tests"));

/** A chat request path for each wire the emulator speaks, under a platform's prefix. */
const CHAT_PATHS: Record<EmulatedApi, (prefix: string) => string> = {
  "openai-chat": (prefix) => `/${prefix}/v1/chat/completions`,
  "openai-compatible": (prefix) => `/${prefix}/v1/chat/completions`,
  "azure-openai": (prefix) => `/${prefix}/openai/v1/chat/completions`,
  "anthropic-messages": (prefix) => `/${prefix}/v1/messages`,
  "bedrock-converse": (prefix) => `/${prefix}/model/some-model/converse`,
  "vertex-gemini": (prefix) =>
    `/${prefix}/v1/projects/p/locations/l/publishers/google/models/some-model:generateContent`,
};

describe("the platform registry", () => {
  it("has unique ids, names and emulator paths, and finds each platform by id", () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(PLATFORMS.map((platform) => platform.name)).size).toBe(ids.length);
    const paths = EMULATED_PLATFORM_ENTRIES.map((platform) => platform.emulatorPath);
    expect(new Set(paths).size).toBe(paths.length);
    for (const platform of PLATFORMS) {
      expect(platform.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(isPlatformId(platform.id)).toBe(true);
      expect(getPlatform(platform.id)).toBe(platform);
    }
    expect(isPlatformId("aws")).toBe(false);
    expect(getPlatform("aws")).toBeNull();
  });

  it("lists known API styles once each, with the default among them", () => {
    for (const platform of PLATFORMS) {
      expect(new Set(platform.apiStyles).size, platform.id).toBe(platform.apiStyles.length);
      for (const style of platform.apiStyles) expect(API_STYLES, platform.id).toContain(style);
      expect(platform.apiStyles, platform.id).toContain(platform.defaultApiStyle);
    }
  });

  it("gives every platform a credential kind, except those Crossbench cannot call yet", () => {
    for (const platform of PLATFORMS) {
      if (platform.credentialKind === null) continue;
      expect(CREDENTIAL_KINDS, platform.id).toContain(platform.credentialKind);
    }
    const uncallable = PLATFORMS.filter((platform) => platform.credentialKind === null);
    expect(uncallable.map((platform) => platform.id)).toEqual(["cohere", "deepseek", "xai"]);
  });

  it("has an adapter for some API style of every platform that takes credentials", () => {
    for (const platform of PLATFORMS) {
      if (platform.credentialKind === null) continue;
      const kinds = platform.apiStyles.map((style) => getAdapterKind(platform.id, style));
      expect(
        kinds.some((kind) => kind !== null),
        platform.id,
      ).toBe(true);
    }
  });

  it("routes every simulated platform's default API style to an adapter the emulator answers", () => {
    const targets = getEmulatorTargets("http://127.0.0.1:4010");
    for (const platform of EMULATED_PLATFORM_ENTRIES) {
      const target = { platformId: platform.id, apiStyle: platform.defaultApiStyle };
      const kind = getAdapterKind(target.platformId, target.apiStyle);
      expect(kind, platform.id).not.toBeNull();
      if (kind) expect(isServedByEmulator(platform.id, kind), platform.id).toBe(true);
      expect(createAdapterFor(target, { ...targets, fetch: noFetch }), platform.id).not.toBeNull();
      expect(targets.baseUrls[platform.id], platform.id).toContain(
        `http://127.0.0.1:4010/${platform.emulatorPath}`,
      );
    }
  });

  it("gives every simulated platform an emulator route under its path", () => {
    for (const platform of EMULATED_PLATFORM_ENTRIES) {
      const emulated = EMULATED_PLATFORMS.find((entry) => entry.id === platform.id);
      expect(emulated?.prefix, platform.id).toBe(platform.emulatorPath);
      if (!emulated) continue;
      const endpoint = matchEndpoint("POST", CHAT_PATHS[emulated.api](emulated.prefix));
      expect(endpoint.kind, platform.id).toBe("chat");
      expect(endpoint.platform?.id, platform.id).toBe(platform.id);
    }
  });
});

describe("the tables keyed by platform", () => {
  it("seed exactly the registry's platforms, all but OpenRouter with offerings in its API styles", () => {
    expect(SEED_PLATFORMS.map((platform) => platform.id)).toEqual(ids);
    for (const fact of SEED_PLATFORMS) {
      expect(fact).toMatchObject({
        name: getPlatform(fact.id)?.name,
        kind: getPlatform(fact.id)?.kind,
      });
    }
    // OpenRouter's per-model prices are not in the curated seed: the one platform without any.
    expect(sorted(new Set(SEED_OFFERINGS.map((offering) => offering.platformId)))).toEqual(
      sorted(ids.filter((id) => id !== "openrouter")),
    );
    for (const offering of SEED_OFFERINGS) {
      const styles: readonly string[] = getPlatform(offering.platformId)?.apiStyles ?? [];
      for (const style of offering.apiStyles) {
        expect(styles, `${offering.platformId} ${offering.nativeId}`).toContain(style);
      }
    }
    const owners = new Set<string>(PLATFORMS.map((platform) => platform.owner));
    for (const tie of SEED_TIES)
      expect(owners.has(tie.platformOwner), tie.platformOwner).toBe(true);
  });

  it("import offerings only in API styles their platform serves", () => {
    const imported = new Set([
      ...Object.values(LITELLM_PROVIDER_PLATFORMS),
      ...Object.values(MODELS_DEV_PROVIDER_PLATFORMS),
    ]);
    for (const platformId of imported) {
      const styles: readonly string[] = getPlatform(platformId).apiStyles;
      for (const vendor of ["anthropic", "openai", "meta"]) {
        for (const isMantle of [false, true]) {
          for (const style of apiStylesFor(platformId, { vendor, isMantle })) {
            expect(styles, `${platformId} ${vendor}`).toContain(style);
          }
        }
      }
    }
  });

  it("take credentials for exactly the platforms with a credential kind", () => {
    const withKind = PLATFORMS.filter((platform) => platform.credentialKind !== null);
    expect(sorted(Object.keys(PLATFORM_CREDENTIAL_KIND))).toEqual(
      sorted(withKind.map((platform) => platform.id)),
    );
    for (const platform of withKind) {
      expect(PLATFORM_CREDENTIAL_KIND[platform.id]).toBe(platform.credentialKind);
    }
  });

  it("simulate exactly the registry's emulated platforms, OpenRouter's among them", () => {
    const emulated = sorted(EMULATED_PLATFORM_ENTRIES.map((platform) => platform.id));
    expect(emulated).toContain("openrouter");
    expect(sorted(EMULATED_PLATFORMS.map((platform) => platform.id))).toEqual(emulated);
    const targets = getEmulatorTargets("http://127.0.0.1:4010");
    expect(sorted(Object.keys(targets.baseUrls))).toEqual(emulated);
    expect(sorted(Object.keys(targets.credentials))).toEqual(emulated);
  });

  it("record an egress price, or its absence, for every platform", () => {
    expect(sorted(Object.keys(EGRESS_PRICES))).toEqual(sorted(ids));
  });
});
