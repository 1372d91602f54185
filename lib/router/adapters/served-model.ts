/**
 * Readers for the field that names the model that served a call, one per wire format. Each takes
 * any payload the AI SDK exposes (a parsed response body, a raw stream chunk, provider metadata)
 * and returns the served id when that payload carries it.
 */

/** Reads a served model id from one payload; undefined when the payload does not carry it. */
export type ServedModelReader = (payload: unknown) => string | undefined;

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * Chat Completions `model` (OpenAI, Azure OpenAI, Foundry model router, OpenRouter): in the
 * response body and in every stream chunk. Only a payload shaped like a completion counts, so
 * provider metadata or an error chunk is never read as an answer's model.
 */
export const readChatCompletionsModel: ServedModelReader = (payload) =>
  field(payload, "choices") === undefined ? undefined : nonEmpty(field(payload, "model"));

/** Vertex `generateContent` `modelVersion`, in the response and in every stream chunk. */
export const readVertexModelVersion: ServedModelReader = (payload) =>
  field(payload, "candidates") === undefined ? undefined : nonEmpty(field(payload, "modelVersion"));

function promptRouterModel(trace: unknown): string | undefined {
  return nonEmpty(field(field(trace, "promptRouter"), "invokedModelId"));
}

/**
 * Bedrock `trace.promptRouter.invokedModelId`: in a Converse response (the AI SDK passes the trace
 * on as `providerMetadata.bedrock.trace`) and in ConverseStream's metadata event.
 */
export const readBedrockInvokedModel: ServedModelReader = (payload) =>
  promptRouterModel(field(field(payload, "bedrock"), "trace")) ??
  promptRouterModel(field(field(payload, "metadata"), "trace")) ??
  promptRouterModel(field(payload, "trace"));
