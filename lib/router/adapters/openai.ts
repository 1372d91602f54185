import { createOpenAI } from "@ai-sdk/openai";
import type { ProviderAdapter } from "../types";
import { reuseModels, runModel } from "./run-model";
import { readChatCompletionsModel } from "./served-model";
import type { AdapterOptions } from "./types";

/** OpenAI Chat Completions through `@ai-sdk/openai` (streams ask for usage by default). */
export function createOpenAiAdapter(options: AdapterOptions): ProviderAdapter {
  const provider = createOpenAI({
    apiKey: options.credentials.apiKey,
    baseURL: options.baseUrl,
    fetch: options.fetch,
    headers: options.headers,
  });
  const chatModel = reuseModels((modelId) => provider.chat(modelId));
  return {
    id: "openai",
    call: (target, request, context) =>
      runModel(
        chatModel(target.nativeId),
        request,
        context,
        target.router ? { servedModel: readChatCompletionsModel } : {},
      ),
  };
}
