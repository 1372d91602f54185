import { createVertex } from "@ai-sdk/google-vertex";
import { createVertexAnthropic } from "@ai-sdk/google-vertex/anthropic";
import { getNativeRouter } from "@/lib/catalog/native-routers";
import type { ProviderAdapter, TargetRouter } from "../types";
import { reuseModels, runModel } from "./run-model";
import { readVertexModelVersion } from "./served-model";
import type { AdapterOptions } from "./types";

function authOptions(options: AdapterOptions) {
  const { googleCredentials } = options.credentials;
  return googleCredentials ? { googleAuthOptions: { credentials: googleCredentials } } : {};
}

/** The wire value of a router target's mode (`BALANCED`, …), or null when it has none. */
function optimizerPreference(router: TargetRouter): string | null {
  const native = getNativeRouter(router.routerId);
  return native?.modes.find((mode) => mode.id === router.mode)?.wireValue ?? null;
}

/**
 * A fetch that adds the Model Optimizer's preference to each generateContent body, as
 * `generationConfig.modelConfig.featureSelectionPreference` (the wire form of the Gen AI SDK's
 * `modelSelectionConfig`, which the AI SDK does not expose). See
 * https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/vertex-ai-model-optimizer
 */
function withPreference(baseFetch: typeof fetch, preference: string): typeof fetch {
  return (input, init) => {
    if (typeof init?.body !== "string") return baseFetch(input, init);
    const body = JSON.parse(init.body) as { generationConfig?: Record<string, unknown> };
    const generationConfig = {
      ...body.generationConfig,
      modelConfig: { featureSelectionPreference: preference },
    };
    return baseFetch(input, { ...init, body: JSON.stringify({ ...body, generationConfig }) });
  };
}

/**
 * Gemini on Vertex AI (`generateContent` / `streamGenerateContent`) through
 * `@ai-sdk/google-vertex`: express mode with an API key, or project + location with
 * google-auth-library. A base URL ends in `/publishers/google`. A router target calls the Model
 * Optimizer (v1beta1) with its mode, and reads the model that answered from `modelVersion`.
 */
export function createVertexGeminiAdapter(options: AdapterOptions): ProviderAdapter {
  const { apiKey, project, location } = options.credentials;
  const providerFor = (routerFetch?: typeof fetch, baseUrl = options.baseUrl) =>
    createVertex({
      ...(apiKey ? { apiKey } : { project, location, ...authOptions(options) }),
      baseURL: baseUrl,
      fetch: routerFetch ?? options.fetch,
      headers: options.headers,
    });
  const provider = providerFor();
  // The optimizer is served on v1beta1 only; without an override, point the SDK there.
  const optimizerBaseUrl =
    options.baseUrl ??
    (project && location
      ? `https://${location === "global" ? "" : `${location}-`}aiplatform.googleapis.com/v1beta1/projects/${project}/locations/${location}/publishers/google`
      : undefined);
  const languageModel = reuseModels((modelId) => provider.languageModel(modelId));
  return {
    id: "vertex-gemini",
    call: (target, request, context) => {
      if (!target.router) {
        return runModel(languageModel(target.nativeId), request, context);
      }
      const preference = optimizerPreference(target.router);
      const routed = providerFor(
        preference ? withPreference(options.fetch, preference) : options.fetch,
        optimizerBaseUrl,
      );
      return runModel(routed.languageModel(target.nativeId), request, context, {
        servedModel: readVertexModelVersion,
      });
    },
  };
}

/**
 * Claude on Vertex AI (`rawPredict` / `streamRawPredict`) through
 * `@ai-sdk/google-vertex/anthropic`; a fixed `accessToken` replaces google-auth-library.
 */
export function createVertexAnthropicAdapter(options: AdapterOptions): ProviderAdapter {
  const { project, location, accessToken } = options.credentials;
  const provider = createVertexAnthropic({
    project,
    location,
    ...(accessToken ? { generateAuthToken: () => Promise.resolve(accessToken) } : {}),
    ...authOptions(options),
    baseURL: options.baseUrl,
    fetch: options.fetch,
    headers: options.headers,
  });
  const languageModel = reuseModels((modelId) => provider.languageModel(modelId));
  return {
    id: "vertex-anthropic",
    call: (target, request, context) => runModel(languageModel(target.nativeId), request, context),
  };
}
