import type { ApiStyle } from "@/lib/catalog/types";

/**
 * The router's small, versioned provider interface: every adapter implements `ProviderAdapter`,
 * never throws for expected failures, and reports typed errors. Policies order candidates; the
 * router walks the order with timeouts, retries and circuit breaking, and emits a typed event for
 * every decision and attempt. Framework-free: no Next, React, Prisma or env.
 */

export const ROUTER_INTERFACE_VERSION = 1;

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type ChatRequest = {
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  stream?: boolean;
  /** Task category of the request (for quality-floor routing and run statistics). */
  category?: string;
  /** Passed to providers that support it, and to the emulator for determinism. */
  seed?: number;
};

export const PROVIDER_ERROR_KINDS = [
  "rate_limit",
  "timeout",
  "server",
  "auth",
  "bad_request",
  "content_filter",
  "network",
  "cancelled",
  "budget",
  "circuit_open",
  /** A router target answered without naming the model that served it. */
  "missing_served_model",
  "unknown",
] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

export type ProviderError = {
  kind: ProviderErrorKind;
  retryable: boolean;
  status?: number;
  message: string;
  /** From a Retry-After header, when the provider sent one. */
  retryAfterMs?: number;
};

export type Usage = { inputTokens: number | null; outputTokens: number | null };

export type CallMetrics = {
  /** Time to first token (streaming) or to the full response (non-streaming), ms. */
  ttftMs: number | null;
  totalMs: number;
  /** Output tokens per second measured after the first token; null when not measurable. */
  outputTokensPerSecond: number | null;
};

/** One offering the router can call: where, what, how, and at what price (USD per 1M tokens). */
export type Target = {
  offeringId: string;
  platformId: string;
  modelId: string;
  nativeId: string;
  apiStyle: ApiStyle;
  prices: { input: number | null; output: number | null };
  /** True when the call goes to the emulator: every result from it is labelled simulated. */
  simulated: boolean;
  /**
   * Set when the target is a provider's own model router (`nativeId` is the router's ARN,
   * deployment or model name): the answer must name the model that served it.
   */
  router?: TargetRouter;
};

/** A native-router target: which router (see lib/catalog/native-routers) and its mode. */
export type TargetRouter = {
  /** The native router's slug, e.g. "aws-bedrock/anthropic.claude". */
  routerId: string;
  /** The mode's slug; sent on the wire where the router takes it per request (Vertex). */
  mode: string;
  /**
   * The pool's catalogue offerings on the router's platform at launch, by catalogue model id:
   * what a served model costs (USD per 1M tokens). A served model missing here has no known price.
   */
  pool?: Record<string, RouterPoolOffering>;
};

/** A router pool model's offering on the router's platform, as priced at launch. */
export type RouterPoolOffering = {
  offeringId: string;
  prices: { input: number | null; output: number | null };
};

export type ProviderSuccess = {
  ok: true;
  text: string;
  usage: Usage;
  metrics: CallMetrics;
  finishReason: string;
  /**
   * The raw id of the model that served the call, as the response named it (Bedrock's
   * `trace.promptRouter.invokedModelId`, the Chat Completions `model`, Vertex's `modelVersion`).
   * Set when the wire format carries it; always set for a router target's success.
   */
  servedModel?: string;
};
export type ProviderFailure = { ok: false; error: ProviderError; metrics: Partial<CallMetrics> };
export type ProviderResult = ProviderSuccess | ProviderFailure;

export type CallContext = {
  signal: AbortSignal;
  /** Called once when the first output token arrives (streaming), for TTFT timeouts. */
  onFirstToken?: () => void;
  /** Injected clock, ms. */
  now: () => number;
};

/** What every provider implements. It must not throw for expected failures. */
export interface ProviderAdapter {
  readonly id: string;
  call(target: Target, request: ChatRequest, context: CallContext): Promise<ProviderResult>;
}
