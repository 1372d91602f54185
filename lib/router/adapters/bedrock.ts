import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock";
import type { ProviderAdapter } from "../types";
import { reuseModels, runModel } from "./run-model";
import { readBedrockInvokedModel } from "./served-model";
import type { AdapterOptions } from "./types";

/**
 * Amazon Bedrock Converse and ConverseStream through `@ai-sdk/amazon-bedrock`: SigV4 with access
 * keys, or a Bedrock API key. A base URL replaces `https://bedrock-runtime.{region}.amazonaws.com`.
 * A router target's native id is a prompt-router ARN; the model that answered comes back in
 * `trace.promptRouter.invokedModelId` (Converse) or the metadata event's trace (ConverseStream), see
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_PromptRouterTrace.html
 */
export function createBedrockAdapter(options: AdapterOptions): ProviderAdapter {
  const { region, apiKey, accessKeyId, secretAccessKey, sessionToken } = options.credentials;
  const provider = createAmazonBedrock({
    region,
    ...(apiKey ? { apiKey } : { accessKeyId, secretAccessKey, sessionToken }),
    baseURL: options.baseUrl,
    fetch: options.fetch,
    headers: options.headers,
  });
  const languageModel = reuseModels((modelId) => provider.languageModel(modelId));
  return {
    id: "bedrock-converse",
    call: (target, request, context) =>
      runModel(
        languageModel(target.nativeId),
        request,
        context,
        target.router ? { servedModel: readBedrockInvokedModel } : {},
      ),
  };
}
