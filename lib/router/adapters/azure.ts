import { createAzure } from "@ai-sdk/azure";
import type { ProviderAdapter } from "../types";
import { reuseModels, runModel } from "./run-model";
import { readChatCompletionsModel } from "./served-model";
import type { AdapterOptions } from "./types";

/**
 * Azure OpenAI Chat Completions through `@ai-sdk/azure`. The target's native id is the deployment
 * name. With an `apiVersion` the legacy deployment URLs
 * (`{base}/deployments/{name}/chat/completions?api-version=…`) are used, otherwise the v1 API.
 * The endpoint is `resourceName` or a base URL ending in `/openai`. A router target's deployment is
 * a Foundry model router; every response's `model` names the model that answered, see
 * https://learn.microsoft.com/azure/foundry/openai/how-to/model-router
 */
export function createAzureAdapter(options: AdapterOptions): ProviderAdapter {
  const { apiKey, resourceName, apiVersion } = options.credentials;
  // The SDK recognises an unversioned `…/openai` base only on Azure's own hosts; elsewhere (the
  // emulator, a proxy) the v1 API needs its `/v1` spelled out.
  const baseUrl =
    options.baseUrl && !apiVersion && /\/openai\/?$/.test(options.baseUrl)
      ? `${options.baseUrl.replace(/\/+$/, "")}/v1`
      : options.baseUrl;
  const provider = createAzure({
    apiKey,
    ...(baseUrl ? { baseURL: baseUrl } : { resourceName }),
    ...(apiVersion ? { apiVersion, useDeploymentBasedUrls: true } : {}),
    fetch: options.fetch,
    headers: options.headers,
  });
  const chatModel = reuseModels((modelId) => provider.chat(modelId));
  return {
    id: "azure-openai",
    call: (target, request, context) =>
      runModel(
        chatModel(target.nativeId),
        request,
        context,
        target.router ? { servedModel: readChatCompletionsModel } : {},
      ),
  };
}
