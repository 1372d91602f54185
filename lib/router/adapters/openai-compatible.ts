import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { ProviderAdapter } from "../types";
import { reuseModels, runModel } from "./run-model";
import { readChatCompletionsModel } from "./served-model";
import type { AdapterOptions } from "./types";

/**
 * Any OpenAI-compatible Chat Completions endpoint through `@ai-sdk/openai-compatible`: OCI
 * Generative AI, the watsonx gateway, Snowflake Cortex, Databricks, Mistral, self-hosted
 * servers, and OpenRouter. The base URL is required (it ends before `/chat/completions`). For a
 * router target (OpenRouter's `openrouter/auto`) the response's `model` names the model chosen, see
 * https://openrouter.ai/openrouter/auto
 */
export function createOpenAiCompatibleAdapter(
  platformId: string,
  options: AdapterOptions & { baseUrl: string },
): ProviderAdapter {
  const provider = createOpenAICompatible({
    name: platformId,
    baseURL: options.baseUrl,
    apiKey: options.credentials.apiKey,
    fetch: options.fetch,
    headers: options.headers,
    // Streams carry token counts only when asked.
    includeUsage: true,
  });
  const chatModel = reuseModels((modelId) => provider.chatModel(modelId));
  return {
    id: `openai-compatible:${platformId}`,
    call: (target, request, context) =>
      runModel(
        chatModel(target.nativeId),
        request,
        context,
        target.router ? { servedModel: readChatCompletionsModel } : {},
      ),
  };
}
