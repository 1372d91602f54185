import { z } from "zod";
import { encodeSse } from "../encoders";
import type { ChatRequest, Completion, EmulatorError, WireFormat } from "../types";
import { contentSchema, contentText, describeIssue } from "./shared";

const requestSchema = z.object({
  // Claude on Vertex (rawPredict) names the model in the path, not the body.
  model: z.string().min(1).optional(),
  max_tokens: z.number().int().positive(),
  system: contentSchema.optional(),
  messages: z
    .array(z.looseObject({ role: z.enum(["user", "assistant"]), content: contentSchema }))
    .min(1),
  stream: z.boolean().optional(),
});

const ERRORS: Record<EmulatorError["kind"], { status: number; type: string }> = {
  invalid_request: { status: 400, type: "invalid_request_error" },
  not_found: { status: 404, type: "not_found_error" },
  rate_limited: { status: 429, type: "rate_limit_error" },
  server_error: { status: 500, type: "api_error" },
  // Anthropic reports overload with its own 529 status.
  unavailable: { status: 529, type: "overloaded_error" },
};

function stopReason(completion: Completion): string {
  return completion.finishReason === "length" ? "max_tokens" : "end_turn";
}

function event(type: string, payload: object): string {
  return encodeSse(JSON.stringify({ type, ...payload }), type);
}

function messageBase(request: ChatRequest, completion: Completion) {
  return {
    id: `msg_emu${completion.id}`,
    type: "message",
    role: "assistant",
    model: request.model,
  };
}

/**
 * Anthropic Messages. Streams are named SSE events in the documented order: message_start,
 * content_block_start, content_block_delta…, content_block_stop, message_delta (with the final
 * output token count), message_stop; an `error` event inside a 200 stream is how the API
 * reports overload mid-stream.
 */
export const anthropicFormat: WireFormat = {
  parse(body, route) {
    const parsed = requestSchema.safeParse(body);
    if (!parsed.success) return describeIssue(parsed.error);
    const value = parsed.data;
    const model = value.model ?? route.pathModel;
    if (!model) return "model: Required";
    return {
      platformId: route.platformId,
      model,
      system: contentText(value.system),
      messages: value.messages.map((message) => ({
        role: message.role,
        text: contentText(message.content),
      })),
      maxTokens: value.max_tokens,
      isStream: value.stream === true || route.pathStream === true,
      isUsageRequested: true,
    };
  },

  renderResponse(request, completion) {
    return {
      ...messageBase(request, completion),
      content: [{ type: "text", text: completion.text }],
      stop_reason: stopReason(completion),
      stop_sequence: null,
      usage: {
        input_tokens: completion.inputTokens,
        output_tokens: completion.outputTokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    };
  },

  renderError(error) {
    const mapped = ERRORS[error.kind];
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) {
      headers["retry-after"] = String(error.retryAfterSeconds);
    }
    return {
      status: mapped.status,
      headers,
      body: { type: "error", error: { type: mapped.type, message: error.message } },
    };
  },

  stream: {
    contentType: "text/event-stream",
    head: (request, completion) => [
      event("message_start", {
        message: {
          ...messageBase(request, completion),
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: completion.inputTokens,
            output_tokens: 1,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        },
      }),
      event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    ],
    delta: (_request, _completion, text) => [
      event("content_block_delta", { index: 0, delta: { type: "text_delta", text } }),
    ],
    tail: (_request, completion) => [
      event("content_block_stop", { index: 0 }),
      event("message_delta", {
        delta: { stop_reason: stopReason(completion), stop_sequence: null },
        usage: { output_tokens: completion.outputTokens },
      }),
      event("message_stop", {}),
    ],
    error: (error) => [
      encodeSse(
        JSON.stringify({
          type: "error",
          error: { type: ERRORS[error.kind].type, message: error.message },
        }),
        "error",
      ),
    ],
    malformed: () => [
      encodeSse('{"type":"content_block_delta","index":0,"delta":{', "content_block_delta"),
    ],
  },

  renderModels: (models) => ({
    data: models.map((id) => ({
      type: "model",
      id,
      display_name: id,
      created_at: "2026-01-01T00:00:00Z",
    })),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models.at(-1) ?? null,
  }),
};
