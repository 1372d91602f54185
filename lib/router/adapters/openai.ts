import { createOpenAI } from "@ai-sdk/openai";
import type { ProviderAdapter } from "../types";
import { runModel } from "./run-model";
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
  return {
    id: "openai",
    call: (target, request, context) =>
      runModel(
        provider.chat(target.nativeId),
        request,
        context,
        target.router ? { servedModel: readChatCompletionsModel } : {},
      ),
  };
}
