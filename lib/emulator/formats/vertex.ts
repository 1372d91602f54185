import { z } from "zod";
import { encodeSse } from "../encoders";
import type { ChatRequest, Completion, EmulatorError, WireFormat } from "../types";
import { describeIssue } from "./shared";

const partsSchema = z.array(z.looseObject({ text: z.string().optional() }));

const requestSchema = z.object({
  contents: z.array(z.looseObject({ role: z.string().optional(), parts: partsSchema })).min(1),
  systemInstruction: z.looseObject({ parts: partsSchema }).optional(),
  generationConfig: z
    .looseObject({
      maxOutputTokens: z.number().int().positive().optional(),
      // The Model Optimizer's preference (v1beta1): the SDKs' `modelSelectionConfig` on the wire.
      modelConfig: z.looseObject({ featureSelectionPreference: z.string().optional() }).optional(),
    })
    .optional(),
});

const ERRORS: Record<EmulatorError["kind"], { status: number; status_: string }> = {
  invalid_request: { status: 400, status_: "INVALID_ARGUMENT" },
  not_found: { status: 404, status_: "NOT_FOUND" },
  rate_limited: { status: 429, status_: "RESOURCE_EXHAUSTED" },
  server_error: { status: 500, status_: "INTERNAL" },
  unavailable: { status: 503, status_: "UNAVAILABLE" },
};

function errorBody(error: EmulatorError) {
  const mapped = ERRORS[error.kind];
  return { error: { code: mapped.status, message: error.message, status: mapped.status_ } };
}

function usageMetadata(completion: Completion) {
  return {
    promptTokenCount: completion.inputTokens,
    candidatesTokenCount: completion.outputTokens,
    totalTokenCount: completion.inputTokens + completion.outputTokens,
  };
}

function finishReason(completion: Completion): string {
  return completion.finishReason === "length" ? "MAX_TOKENS" : "STOP";
}

function candidateChunk(
  request: ChatRequest,
  completion: Completion,
  text: string,
  isLast: boolean,
) {
  return {
    candidates: [
      {
        content: { role: "model", parts: [{ text }] },
        index: 0,
        ...(isLast ? { finishReason: finishReason(completion) } : {}),
      },
    ],
    ...(isLast ? { usageMetadata: usageMetadata(completion) } : {}),
    modelVersion: completion.servedModel ?? request.model,
    responseId: completion.id,
  };
}

/**
 * Vertex AI Gemini `generateContent` and `streamGenerateContent?alt=sse`. The stream is plain
 * `data:` SSE with no terminator; the last chunk carries finishReason and usageMetadata.
 */
export const vertexFormat: WireFormat = {
  parse(body, route) {
    const parsed = requestSchema.safeParse(body);
    if (!parsed.success) return describeIssue(parsed.error);
    const value = parsed.data;
    const isStreamPath = route.pathStream === true;
    const isSse = route.query.get("alt") === "sse";
    return {
      platformId: route.platformId,
      model: route.pathModel ?? "",
      system: (value.systemInstruction?.parts ?? []).map((part) => part.text ?? "").join("\n"),
      messages: value.contents.map((content) => ({
        role: content.role === "model" ? "assistant" : "user",
        text: content.parts.map((part) => part.text ?? "").join(""),
      })),
      maxTokens: value.generationConfig?.maxOutputTokens ?? null,
      isStream: isStreamPath && isSse,
      isUsageRequested: true,
      isJsonArrayStream: isStreamPath && !isSse,
      ...(value.generationConfig?.modelConfig?.featureSelectionPreference
        ? { routerPreference: value.generationConfig.modelConfig.featureSelectionPreference }
        : {}),
    };
  },

  renderResponse(request, completion) {
    if (request.isJsonArrayStream) {
      return [
        ...completion.chunks.map((text) => candidateChunk(request, completion, text, false)),
        candidateChunk(request, completion, "", true),
      ];
    }
    return {
      candidates: [
        {
          content: { role: "model", parts: [{ text: completion.text }] },
          finishReason: finishReason(completion),
          index: 0,
        },
      ],
      usageMetadata: usageMetadata(completion),
      modelVersion: completion.servedModel ?? request.model,
      responseId: completion.id,
    };
  },

  renderError(error) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) {
      headers["retry-after"] = String(error.retryAfterSeconds);
    }
    return { status: ERRORS[error.kind].status, headers, body: errorBody(error) };
  },

  stream: {
    contentType: "text/event-stream",
    // Gemini has no separate start frame: the first text chunk opens the stream.
    head: () => [],
    delta: (request, completion, text) => [
      encodeSse(JSON.stringify(candidateChunk(request, completion, text, false))),
    ],
    tail: (request, completion) => [
      encodeSse(JSON.stringify(candidateChunk(request, completion, "", true))),
    ],
    error: (error) => [encodeSse(JSON.stringify(errorBody(error)))],
    malformed: () => [encodeSse('{"candidates":[{"content":{"role":"model","parts":[{"te')],
  },

  renderModels: null,
};
