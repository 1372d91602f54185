import { getCredentialKind } from "@/lib/catalog/platforms";
import type { ProviderAdapter, Target } from "../types";
import type { AdapterOptions, PlatformCredentials } from "./types";

/** Options of {@link createAdapterFor}: everything keyed by catalogue platform id. */
export type AdapterFactoryOptions = {
  credentials: Partial<Record<string, PlatformCredentials>>;
  /** Endpoint overrides (emulator, gateways); required for OpenAI-compatible platforms. */
  baseUrls: Partial<Record<string, string>>;
  /** The fetch every adapter sends with; a safe fetch when base URLs come from users. */
  fetch: typeof fetch;
  /** Extra headers on every request (tests use the emulator's `x-emulator-fault`). */
  headers?: Record<string, string>;
};

/** Which adapter a platform and API style resolve to. */
export type AdapterKind =
  | "openai"
  | "azure-openai"
  | "anthropic"
  | "bedrock-converse"
  | "vertex-gemini"
  | "vertex-anthropic"
  | "openai-compatible";

/**
 * Picks the adapter for a platform and API style, or null when none speaks it (Cohere and
 * Mistral native APIs, the Gemini API, OpenAI Responses outside OpenAI, Vertex's OpenAI-compatible
 * partner-model endpoint; Bedrock's InvokeModel is served by Converse). Where a style has a
 * platform's own dialect, the platform's credential kind (its API family) decides: Claude's
 * Messages API goes through Converse on Bedrock and through Vertex's own endpoint on Vertex.
 */
export function getAdapterKind(
  platformId: string,
  apiStyle: Target["apiStyle"],
): AdapterKind | null {
  const family = getCredentialKind(platformId);
  switch (apiStyle) {
    case "azure-openai":
      return "azure-openai";
    case "bedrock-converse":
    case "bedrock-invoke":
      return "bedrock-converse";
    case "vertex-generate":
      return "vertex-gemini";
    case "anthropic-messages":
      if (family === "vertex") return "vertex-anthropic";
      if (family === "bedrock") return "bedrock-converse";
      return "anthropic";
    case "openai-compatible":
      if (family === "openai") return "openai";
      if (family === "azure") return "azure-openai";
      if (family === "bedrock") return "bedrock-converse";
      // Vertex serves its partner (MaaS) models on an OpenAI-compatible endpoint under
      // /endpoints/openapi that no adapter speaks yet; Gemini offerings list vertex-generate first.
      if (family === "vertex") return null;
      return "openai-compatible";
    case "openai-responses":
      return family === "openai" ? "openai" : null;
    case "gemini-api":
    case "mistral-chat":
    case "cohere-chat":
      return null;
  }
}

function hasCredentials(kind: AdapterKind, credentials: PlatformCredentials, baseUrl?: string) {
  switch (kind) {
    case "openai":
    case "anthropic":
      return Boolean(credentials.apiKey);
    case "azure-openai":
      return Boolean(credentials.apiKey && (credentials.resourceName || baseUrl));
    case "bedrock-converse":
      return Boolean(
        credentials.region &&
        (credentials.apiKey || (credentials.accessKeyId && credentials.secretAccessKey)),
      );
    case "vertex-gemini":
      return Boolean(credentials.apiKey || (credentials.project && credentials.location));
    case "vertex-anthropic":
      return Boolean(credentials.project && credentials.location);
    case "openai-compatible":
      return Boolean(baseUrl);
  }
}

/**
 * Creates the adapter that calls `target` on its platform with its API style.
 *
 * @returns null when no adapter speaks the platform's API style, or the platform's credentials
 *   (or, for OpenAI-compatible platforms, its base URL) are missing, so that a provider never
 *   falls back to reading credentials from the environment.
 */
export function createAdapterFor(
  target: Pick<Target, "platformId" | "apiStyle">,
  options: AdapterFactoryOptions,
): ProviderAdapter | null {
  const kind = getAdapterKind(target.platformId, target.apiStyle);
  if (kind === null) return null;
  const credentials = options.credentials[target.platformId] ?? {};
  const baseUrl = options.baseUrls[target.platformId];
  if (!hasCredentials(kind, credentials, baseUrl)) return null;
  const adapterOptions: AdapterOptions = {
    credentials,
    fetch: options.fetch,
    ...(baseUrl ? { baseUrl } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  };
  switch (kind) {
    case "openai":
      return lazyAdapter("openai", async () =>
        (await import("./openai")).createOpenAiAdapter(adapterOptions),
      );
    case "azure-openai":
      return lazyAdapter("azure-openai", async () =>
        (await import("./azure")).createAzureAdapter(adapterOptions),
      );
    case "anthropic":
      return lazyAdapter("anthropic", async () =>
        (await import("./anthropic")).createAnthropicAdapter(adapterOptions),
      );
    case "bedrock-converse":
      return lazyAdapter("bedrock-converse", async () =>
        (await import("./bedrock")).createBedrockAdapter(adapterOptions),
      );
    case "vertex-gemini":
      return lazyAdapter("vertex-gemini", async () =>
        (await import("./vertex")).createVertexGeminiAdapter(adapterOptions),
      );
    case "vertex-anthropic": {
      // One Vertex base URL serves both publishers: Gemini under /publishers/google, Claude
      // under /publishers/anthropic/models (the shape @ai-sdk/google-vertex/anthropic expects).
      const vertexOptions = baseUrl
        ? {
            ...adapterOptions,
            baseUrl: baseUrl.replace(/\/publishers\/google\/?$/, "/publishers/anthropic/models"),
          }
        : adapterOptions;
      return lazyAdapter("vertex-anthropic", async () =>
        (await import("./vertex")).createVertexAnthropicAdapter(vertexOptions),
      );
    }
    case "openai-compatible":
      return baseUrl
        ? lazyAdapter(`openai-compatible:${target.platformId}`, async () =>
            (await import("./openai-compatible")).createOpenAiCompatibleAdapter(target.platformId, {
              ...adapterOptions,
              baseUrl,
            }),
          )
        : null;
  }
}

/**
 * An adapter whose provider package is loaded at its first call. The AI SDK's providers take
 * 0.1–0.4 s each to load (Bedrock's the most) and a run calls only its targets' platforms, so a
 * command or worker loads only what it calls. The id is the loaded adapter's (checked at load).
 */
function lazyAdapter(id: string, load: () => Promise<ProviderAdapter>): ProviderAdapter {
  let loading: Promise<ProviderAdapter> | null = null;
  const loaded = () => {
    loading ??= load().then((adapter) => {
      if (adapter.id !== id) throw new Error(`adapter ${adapter.id} loaded for ${id}`);
      return adapter;
    });
    // A failed load is tried again at the next call, not remembered.
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };
  return {
    id,
    call: async (callTarget, request, context) =>
      (await loaded()).call(callTarget, request, context),
  };
}
