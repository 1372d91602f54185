import { z } from "zod";
import { encodeSse } from "../encoders";
import type { ChatMessage, ChatRequest, Completion, EmulatorError, WireFormat } from "../types";
import { contentSchema, contentText, describeIssue } from "./shared";

const requestSchema = z.object({
  model: z.string().min(1).optional(),
  messages: z.array(z.looseObject({ role: z.string(), content: contentSchema.optional() })).min(1),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
});

const ERRORS: Record<EmulatorError["kind"], { status: number; type: string; code: string }> = {
  invalid_request: { status: 400, type: "invalid_request_error", code: "invalid_request" },
  not_found: { status: 404, type: "invalid_request_error", code: "model_not_found" },
  rate_limited: { status: 429, type: "requests", code: "rate_limit_exceeded" },
  server_error: { status: 500, type: "server_error", code: "server_error" },
  unavailable: { status: 503, type: "server_error", code: "service_unavailable" },
};

function finishReason(completion: Completion): string {
  return completion.finishReason === "length" ? "length" : "stop";
}

function usage(completion: Completion) {
  return {
    prompt_tokens: completion.inputTokens,
    completion_tokens: completion.outputTokens,
    total_tokens: completion.inputTokens + completion.outputTokens,
  };
}

function chunk(request: ChatRequest, completion: Completion, extra: object) {
  return JSON.stringify({
    id: `chatcmpl-${completion.id}`,
    object: "chat.completion.chunk",
    created: completion.created,
    model: completion.servedModel ?? request.model,
    system_fingerprint: "fp_emulator",
    ...extra,
  });
}

/**
 * OpenAI Chat Completions, also spoken by Azure OpenAI and the OpenAI-compatible gateways.
 * Streams are SSE with `data: [DONE]` at the end and, when asked, a usage chunk whose `choices`
 * is empty, exactly as the API sends it.
 */
export const openAiFormat: WireFormat = {
  parse(body, route) {
    const parsed = requestSchema.safeParse(body);
    if (!parsed.success) return describeIssue(parsed.error);
    const value = parsed.data;
    const model = route.pathModel ?? value.model;
    if (!model) return "you must provide a model parameter";
    const system: string[] = [];
    const messages: ChatMessage[] = [];
    for (const message of value.messages) {
      const text = contentText(message.content);
      if (message.role === "system" || message.role === "developer") system.push(text);
      else messages.push({ role: message.role === "assistant" ? "assistant" : "user", text });
    }
    return {
      platformId: route.platformId,
      model,
      system: system.join("\n"),
      messages,
      maxTokens: value.max_completion_tokens ?? value.max_tokens ?? null,
      isStream: value.stream === true,
      isUsageRequested: value.stream_options?.include_usage === true,
    };
  },

  renderResponse(request, completion) {
    return {
      id: `chatcmpl-${completion.id}`,
      object: "chat.completion",
      created: completion.created,
      // A model router names the model that answered; any other deployment echoes the request.
      model: completion.servedModel ?? request.model,
      system_fingerprint: "fp_emulator",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: completion.text, refusal: null },
          logprobs: null,
          finish_reason: finishReason(completion),
        },
      ],
      usage: usage(completion),
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
      body: {
        error: { message: error.message, type: mapped.type, param: null, code: mapped.code },
      },
    };
  },

  stream: {
    contentType: "text/event-stream",
    head: (request, completion) => [
      encodeSse(
        chunk(request, completion, {
          choices: [
            {
              index: 0,
              delta: { role: "assistant", content: "", refusal: null },
              logprobs: null,
              finish_reason: null,
            },
          ],
          ...(request.isUsageRequested ? { usage: null } : {}),
        }),
      ),
    ],
    delta: (request, completion, text) => [
      encodeSse(
        chunk(request, completion, {
          choices: [{ index: 0, delta: { content: text }, logprobs: null, finish_reason: null }],
          ...(request.isUsageRequested ? { usage: null } : {}),
        }),
      ),
    ],
    tail: (request, completion) => {
      const frames = [
        encodeSse(
          chunk(request, completion, {
            choices: [
              { index: 0, delta: {}, logprobs: null, finish_reason: finishReason(completion) },
            ],
            ...(request.isUsageRequested ? { usage: null } : {}),
          }),
        ),
      ];
      if (request.isUsageRequested) {
        frames.push(
          encodeSse(chunk(request, completion, { choices: [], usage: usage(completion) })),
        );
      }
      frames.push(encodeSse("[DONE]"));
      return frames;
    },
    error: (error) => {
      const mapped = ERRORS[error.kind];
      return [
        encodeSse(
          JSON.stringify({
            error: { message: error.message, type: mapped.type, param: null, code: mapped.code },
          }),
        ),
      ];
    },
    malformed: () => [encodeSse('{"id":"chatcmpl-malformed","object":"chat.completion.chunk",')],
  },

  renderModels: (models) => ({
    object: "list",
    data: models.map((id) => ({ id, object: "model", created: 1_767_225_600, owned_by: "system" })),
  }),
};
