import { generateText, streamText, type LanguageModel, type ModelMessage } from "ai";
import type {
  CallContext,
  CallMetrics,
  ChatRequest,
  ProviderError,
  ProviderResult,
  Usage,
} from "../types";
import { toProviderError } from "./errors";
import type { ServedModelReader } from "./served-model";

/**
 * The measured call every adapter shares: one AI SDK `generateText` or `streamText` call with no
 * SDK retries (the router retries), timed with the injected clock, turned into a
 * {@link ProviderResult}. Never throws.
 */

/**
 * A provider's model objects, made once per model id and reused by every call. The AI SDK builds
 * a model's response schemas when the object is made (the OpenAI-compatible chat model about
 * 0.4 ms of zod work each time): made per call, that was a tenth of a zero-latency run's CPU.
 * The objects hold only their configuration, so sharing them between calls is safe.
 */
export function reuseModels<M>(create: (modelId: string) => M): (modelId: string) => M {
  const models = new Map<string, M>();
  return (modelId) => {
    let model = models.get(modelId);
    if (model === undefined) {
      model = create(modelId);
      models.set(modelId, model);
    }
    return model;
  };
}

/** Options an adapter passes through to the AI SDK call. */
export type RunModelOptions = {
  /** Provider-specific options, keyed by provider name as the AI SDK expects. */
  providerOptions?: Parameters<typeof generateText>[0]["providerOptions"];
  /**
   * For a router target: how to read the served model from the response. A success whose
   * response does not name it becomes a `missing_served_model` failure.
   */
  servedModel?: ServedModelReader;
};

/** The first served id any payload names, in order. */
function readServed(reader: ServedModelReader, payloads: unknown[]): string | undefined {
  for (const payload of payloads) {
    const served = reader(payload);
    if (served !== undefined) return served;
  }
  return undefined;
}

const MISSING_SERVED_MODEL: ProviderError = {
  kind: "missing_served_model",
  retryable: false,
  message: "The router answered without naming the model that served the request.",
};

function toPrompt(request: ChatRequest): { system: string | undefined; messages: ModelMessage[] } {
  const system = request.messages
    .filter((message) => message.role === "system")
    .map((message) => message.content);
  const messages: ModelMessage[] = request.messages.flatMap((message): ModelMessage[] => {
    if (message.role === "user") return [{ role: "user", content: message.content }];
    if (message.role === "assistant") return [{ role: "assistant", content: message.content }];
    return [];
  });
  return { system: system.length > 0 ? system.join("\n\n") : undefined, messages };
}

function toUsage(usage: {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
}): Usage {
  return { inputTokens: usage.inputTokens ?? null, outputTokens: usage.outputTokens ?? null };
}

/** Below these, the time after the first token is mostly noise and a speed would mislead. */
const MIN_SPEED_TOKENS = 8;
const MIN_SPEED_SECONDS = 0.05;

/**
 * Output speed after the first token: the tokens that came after it over the time they took.
 * Null for short answers (a one-chunk reply has no measurable streaming time).
 */
function outputSpeed(
  outputTokens: number | null,
  firstTokenAt: number | null,
  end: number,
): number | null {
  if (outputTokens === null || outputTokens < MIN_SPEED_TOKENS || firstTokenAt === null) {
    return null;
  }
  const seconds = (end - firstTokenAt) / 1000;
  return seconds >= MIN_SPEED_SECONDS ? (outputTokens - 1) / seconds : null;
}

/** A finish reason that means the provider refused or failed, not that the answer is complete. */
function finishError(finishReason: string): ProviderError | null {
  if (finishReason === "content-filter") {
    return {
      kind: "content_filter",
      retryable: false,
      message: "The provider's content filter stopped the answer.",
    };
  }
  if (finishReason === "error") {
    return { kind: "server", retryable: true, message: "The provider reported an error." };
  }
  return null;
}

/** The `error` object of a raw stream chunk that carries one, as several providers send. */
function rawError(value: unknown): unknown {
  if (typeof value !== "object" || value === null || !("error" in value)) return undefined;
  const error: unknown = value.error;
  return typeof error === "object" && error !== null ? error : undefined;
}

/** Runs one chat request against an AI SDK language model and measures it. Never throws. */
export async function runModel(
  model: LanguageModel,
  request: ChatRequest,
  context: CallContext,
  options: RunModelOptions = {},
): Promise<ProviderResult> {
  const { now, signal } = context;
  const start = now();
  const { system, messages } = toPrompt(request);
  const settings = {
    model,
    system,
    messages,
    maxRetries: 0,
    abortSignal: signal,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxTokens === undefined ? {} : { maxOutputTokens: request.maxTokens }),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    ...(options.providerOptions ? { providerOptions: options.providerOptions } : {}),
  };

  if (!request.stream) {
    try {
      const result = await generateText(settings);
      const end = now();
      const failure = finishError(result.finishReason);
      const totalMs = end - start;
      if (failure) return { ok: false, error: failure, metrics: { ttftMs: null, totalMs } };
      let servedModel: string | undefined;
      if (options.servedModel) {
        servedModel = readServed(options.servedModel, [
          result.response.body,
          result.providerMetadata,
        ]);
        if (servedModel === undefined) {
          return { ok: false, error: MISSING_SERVED_MODEL, metrics: { ttftMs: null, totalMs } };
        }
      }
      return {
        ok: true,
        text: result.text,
        usage: toUsage(result.usage),
        metrics: { ttftMs: totalMs, totalMs, outputTokensPerSecond: null },
        finishReason: result.finishReason,
        ...(servedModel === undefined ? {} : { servedModel }),
      };
    } catch (error) {
      return {
        ok: false,
        error: toProviderError(error, signal, now()),
        metrics: { ttftMs: null, totalMs: now() - start },
      };
    }
  }

  let firstTokenAt: number | null = null;
  let text = "";
  let streamError: unknown = null;
  let hasError = false;
  let finishReason: string | null = null;
  let rawFinishReason: string | undefined;
  let usage: Usage = { inputTokens: null, outputTokens: null };
  let servedModel: string | undefined;
  const noteServed = (payload: unknown) => {
    if (options.servedModel && servedModel === undefined) {
      servedModel = options.servedModel(payload);
    }
  };
  const partial = (): Partial<CallMetrics> => ({
    ttftMs: firstTokenAt === null ? null : firstTokenAt - start,
    totalMs: now() - start,
  });
  try {
    // Errors arrive as stream parts; the default onError would also log them.
    // Raw chunks too: some providers' SDKs (Gemini's) skip an `{ error }` chunk inside a 200
    // stream and end it as if the answer were complete.
    const result = streamText({ ...settings, includeRawChunks: true, onError: () => undefined });
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") {
        if (part.text === "") continue;
        if (firstTokenAt === null) {
          firstTokenAt = now();
          context.onFirstToken?.();
        }
        text += part.text;
      } else if (part.type === "raw") {
        noteServed(part.rawValue);
        const payload = rawError(part.rawValue);
        if (payload !== undefined && !hasError) {
          hasError = true;
          streamError = payload;
        }
      } else if (part.type === "error") {
        if (!hasError) streamError = part.error;
        hasError = true;
      } else if (part.type === "abort") {
        hasError = true;
        streamError = signal.reason ?? new DOMException("Aborted", "AbortError");
      } else if (part.type === "finish-step") {
        noteServed(part.providerMetadata);
      } else if (part.type === "finish") {
        finishReason = part.finishReason;
        rawFinishReason = part.rawFinishReason;
        usage = toUsage(part.totalUsage);
      }
    }
  } catch (error) {
    hasError = true;
    streamError = error;
  }
  if (hasError) {
    return { ok: false, error: toProviderError(streamError, signal, now()), metrics: partial() };
  }
  const failure = finishReason === null ? null : finishError(finishReason);
  if (failure) return { ok: false, error: failure, metrics: partial() };
  if (finishReason === null || (finishReason === "other" && rawFinishReason === undefined)) {
    // A stream that ends without saying why was cut off: a partial answer is not a success.
    return {
      ok: false,
      error: {
        kind: "network",
        retryable: true,
        message: "The stream ended before the provider finished the answer.",
      },
      metrics: partial(),
    };
  }
  if (options.servedModel && servedModel === undefined) {
    return { ok: false, error: MISSING_SERVED_MODEL, metrics: partial() };
  }
  const end = now();
  return {
    ok: true,
    text,
    usage,
    metrics: {
      ttftMs: firstTokenAt === null ? null : firstTokenAt - start,
      totalMs: end - start,
      outputTokensPerSecond: outputSpeed(usage.outputTokens, firstTokenAt, end),
    },
    finishReason,
    ...(servedModel === undefined ? {} : { servedModel }),
  };
}
