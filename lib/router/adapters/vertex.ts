import { createVertex } from "@ai-sdk/google-vertex";
import { createVertexAnthropic } from "@ai-sdk/google-vertex/anthropic";
import type { ProviderAdapter } from "../types";
import { runModel } from "./run-model";
import type { AdapterOptions } from "./types";

function authOptions(options: AdapterOptions) {
  const { googleCredentials } = options.credentials;
  return googleCredentials ? { googleAuthOptions: { credentials: googleCredentials } } : {};
}

/**
 * Gemini on Vertex AI (`generateContent` / `streamGenerateContent`) through
 * `@ai-sdk/google-vertex`: express mode with an API key, or project + location with
 * google-auth-library. A base URL ends in `/publishers/google`.
 */
export function createVertexGeminiAdapter(options: AdapterOptions): ProviderAdapter {
  const { apiKey, project, location } = options.credentials;
  const provider = createVertex({
    ...(apiKey ? { apiKey } : { project, location, ...authOptions(options) }),
    baseURL: options.baseUrl,
    fetch: options.fetch,
    headers: options.headers,
  });
  return {
    id: "vertex-gemini",
    call: (target, request, context) =>
      runModel(provider.languageModel(target.nativeId), request, context),
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
  return {
    id: "vertex-anthropic",
    call: (target, request, context) =>
      runModel(provider.languageModel(target.nativeId), request, context),
  };
}
