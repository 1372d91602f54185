/** One turn of a conversation, reduced to what the simulation needs: who spoke and the text. */
export type ChatMessage = { role: "user" | "assistant"; text: string };

/** A chat request after a wire format has parsed it: the same shape whatever the provider. */
export type ChatRequest = {
  platformId: string;
  /** The model id as the client sent it (native id, deployment name, path segment). */
  model: string;
  system: string;
  messages: ChatMessage[];
  maxTokens: number | null;
  isStream: boolean;
  /** OpenAI only sends a usage chunk when asked (`stream_options.include_usage`). */
  isUsageRequested: boolean;
  /**
   * Vertex's streamGenerateContent without `alt=sse` answers with one JSON array of the stream's
   * chunks instead of SSE.
   */
  isJsonArrayStream?: boolean;
  /** Vertex Model Optimizer: `generationConfig.modelConfig.featureSelectionPreference`. */
  routerPreference?: string;
};

/** Why a completion stopped. */
export type FinishReason = "stop" | "length";

/** What the simulated model produced for one request, before any wire format renders it. */
export type Completion = {
  id: string;
  /** Seconds since the epoch, as the providers report it. */
  created: number;
  text: string;
  /** The text split into the pieces a stream sends, in order; joined they equal `text`. */
  chunks: string[];
  inputTokens: number;
  outputTokens: number;
  finishReason: FinishReason;
  /** Simulated time to first token, already scaled by the emulator's latency scale. */
  ttftMs: number;
  /** Simulated output speed. */
  tokensPerSecond: number;
  /** Whether an answer-book question was answered correctly; null for a generic reply. */
  isCorrect: boolean | null;
  /**
   * For a native router's request: the id of the pool model that served it, as the provider
   * reports it (Bedrock's invokedModelId, the Chat Completions `model`, Vertex's `modelVersion`).
   */
  servedModel?: string;
};

/** Provider-neutral error kinds; each wire format maps them to its own status and body. */
export type EmulatorErrorKind =
  "invalid_request" | "not_found" | "rate_limited" | "server_error" | "unavailable";

/** An error to render in a provider's own shape. */
export type EmulatorError = {
  kind: EmulatorErrorKind;
  message: string;
  /** Sent as `Retry-After` (seconds) on rate-limit errors. */
  retryAfterSeconds?: number;
};

/** The faults a test can force, by `x-emulator-fault` header or by the `faults` option. */
export const FAULTS = [
  "429",
  "500",
  "timeout",
  "malformed-json",
  "cut-stream",
  "reset",
  "error-in-stream",
] as const;

/** One forced fault. */
export type Fault = (typeof FAULTS)[number];

/**
 * A simulated platform made worse on purpose, at run time (PUT /_emulator/degrade/<platform>), to
 * show what Crossbench's regression rules catch: answers less often correct, slower, or failing.
 * Every response it changes says so (`x-emulator-degraded`).
 */
export type Degradation = {
  /** Added to the probability of a correct answer in every category (−1 to 1). */
  qualityDelta: number;
  /** Multiplies time to first token and divides output speed (0.1 to 100). */
  latencyFactor: number;
  /** Forced on every request, as the `faults` option does; null: none. */
  fault: Fault | null;
};

/** A piece of a streamed body: SSE text or a binary event-stream frame. */
export type StreamChunk = string | Uint8Array;

/** Where a request landed: which platform, which format, and what the path says. */
export type Route = {
  platformId: string;
  /** The model named in the path (Azure deployment, Bedrock model id, Vertex model), if any. */
  pathModel: string | null;
  /** Streaming is chosen by the path on Bedrock and Vertex, by the body elsewhere. */
  pathStream: boolean | null;
  /** The query string, for APIs that switch behaviour on it (Vertex `alt=sse`). */
  query: URLSearchParams;
};

/** Renders a chunked stream in one provider's framing. */
export type StreamRenderer = {
  contentType: string;
  head(request: ChatRequest, completion: Completion): StreamChunk[];
  delta(request: ChatRequest, completion: Completion, text: string): StreamChunk[];
  tail(request: ChatRequest, completion: Completion): StreamChunk[];
  error(error: EmulatorError): StreamChunk[];
  /** One frame whose payload is not valid JSON, for the malformed-json fault. */
  malformed(): StreamChunk[];
};

/** One provider's wire format: request parsing, responses, errors and streaming. */
export type WireFormat = {
  /** Parses a request body; a string result is the message of a 400 error. */
  parse(body: unknown, route: Route): ChatRequest | string;
  renderResponse(request: ChatRequest, completion: Completion): unknown;
  renderError(error: EmulatorError): {
    status: number;
    headers: Record<string, string>;
    body: unknown;
  };
  stream: StreamRenderer;
  /** The model list for `GET …/models`, or null where the API has none. */
  renderModels: ((models: string[]) => unknown) | null;
};
