import { z } from "zod";
import { encodeEventStreamMessage } from "../encoders";
import type { Completion, EmulatorError, WireFormat } from "../types";
import { describeIssue } from "./shared";

const blocksSchema = z.array(z.looseObject({ text: z.string().optional() }));

const requestSchema = z.object({
  messages: z
    .array(z.looseObject({ role: z.enum(["user", "assistant"]), content: blocksSchema }))
    .min(1),
  system: blocksSchema.optional(),
  inferenceConfig: z.looseObject({ maxTokens: z.number().int().positive().optional() }).optional(),
});

// AWS error types, as the SDK reads them from `x-amzn-errortype`.
const ERRORS: Record<EmulatorError["kind"], { status: number; type: string; streamType: string }> =
  {
    invalid_request: {
      status: 400,
      type: "ValidationException",
      streamType: "validationException",
    },
    not_found: {
      status: 404,
      type: "ResourceNotFoundException",
      streamType: "validationException",
    },
    rate_limited: { status: 429, type: "ThrottlingException", streamType: "throttlingException" },
    server_error: {
      status: 500,
      type: "InternalServerException",
      streamType: "internalServerException",
    },
    unavailable: {
      status: 503,
      type: "ServiceUnavailableException",
      streamType: "serviceUnavailableException",
    },
  };

function stopReason(completion: Completion): string {
  return completion.finishReason === "length" ? "max_tokens" : "end_turn";
}

function event(eventType: string, payload: object): Uint8Array {
  return encodeEventStreamMessage({ messageType: "event", eventType }, JSON.stringify(payload));
}

/** Simulated server-side latency as Bedrock reports it in `metrics.latencyMs`. */
function latencyMs(completion: Completion): number {
  return Math.round(
    completion.ttftMs + (completion.outputTokens / completion.tokensPerSecond) * 1000,
  );
}

/** A prompt router's trace: the model that answered (PromptRouterTrace.invokedModelId). */
function trace(completion: Completion) {
  return completion.servedModel === undefined
    ? {}
    : { trace: { promptRouter: { invokedModelId: completion.servedModel } } };
}

function usage(completion: Completion) {
  return {
    inputTokens: completion.inputTokens,
    outputTokens: completion.outputTokens,
    totalTokens: completion.inputTokens + completion.outputTokens,
  };
}

/**
 * Amazon Bedrock Converse and ConverseStream. The stream is AWS event-stream binary framing
 * (not SSE); errors mid-stream are `exception` messages, which the AWS SDK raises as typed errors.
 */
export const bedrockFormat: WireFormat = {
  parse(body, route) {
    const parsed = requestSchema.safeParse(body);
    if (!parsed.success) return describeIssue(parsed.error);
    const value = parsed.data;
    return {
      platformId: route.platformId,
      model: route.pathModel ?? "",
      system: (value.system ?? []).map((block) => block.text ?? "").join("\n"),
      messages: value.messages.map((message) => ({
        role: message.role,
        text: message.content.map((block) => block.text ?? "").join(""),
      })),
      maxTokens: value.inferenceConfig?.maxTokens ?? null,
      isStream: route.pathStream === true,
      isUsageRequested: true,
    };
  },

  renderResponse(_request, completion) {
    return {
      output: { message: { role: "assistant", content: [{ text: completion.text }] } },
      stopReason: stopReason(completion),
      usage: usage(completion),
      metrics: { latencyMs: latencyMs(completion) },
      ...trace(completion),
    };
  },

  renderError(error) {
    const mapped = ERRORS[error.kind];
    const headers: Record<string, string> = {
      "x-amzn-errortype": `${mapped.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    };
    if (error.retryAfterSeconds !== undefined) {
      headers["retry-after"] = String(error.retryAfterSeconds);
    }
    return { status: mapped.status, headers, body: { message: error.message } };
  },

  stream: {
    contentType: "application/vnd.amazon.eventstream",
    head: () => [event("messageStart", { role: "assistant" })],
    delta: (_request, _completion, text) => [
      event("contentBlockDelta", { contentBlockIndex: 0, delta: { text } }),
    ],
    tail: (_request, completion) => [
      event("contentBlockStop", { contentBlockIndex: 0 }),
      event("messageStop", { stopReason: stopReason(completion) }),
      event("metadata", {
        usage: usage(completion),
        metrics: { latencyMs: latencyMs(completion) },
        ...trace(completion),
      }),
    ],
    error: (error) => [
      encodeEventStreamMessage(
        { messageType: "exception", exceptionType: ERRORS[error.kind].streamType },
        JSON.stringify({ message: error.message }),
      ),
    ],
    malformed: () => [
      encodeEventStreamMessage(
        { messageType: "event", eventType: "contentBlockDelta" },
        '{"contentBlockIndex":0,"delta":{',
      ),
    ],
  },

  // Bedrock's runtime API has no model list (that lives on the control-plane API).
  renderModels: null,
};
