import { createAnthropic } from "@ai-sdk/anthropic";
import type { ProviderAdapter } from "../types";
import { reuseModels, runModel } from "./run-model";
import type { AdapterOptions } from "./types";

/** Anthropic Messages through `@ai-sdk/anthropic`; a base URL includes `/v1`. */
export function createAnthropicAdapter(options: AdapterOptions): ProviderAdapter {
  const provider = createAnthropic({
    apiKey: options.credentials.apiKey,
    baseURL: options.baseUrl,
    fetch: options.fetch,
    headers: options.headers,
  });
  const messagesModel = reuseModels((modelId) => provider.messages(modelId));
  return {
    id: "anthropic",
    call: (target, request, context) => runModel(messagesModel(target.nativeId), request, context),
  };
}
