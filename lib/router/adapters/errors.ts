import { APICallError, RetryError } from "ai";
import { findEndpointRefusal } from "../safe-fetch";
import type { ProviderError } from "../types";

/**
 * Turns whatever an AI SDK call threw (or put in a stream's error part) into a typed
 * {@link ProviderError}. Never throws.
 */

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

// Provider phrases for a refusal by the provider's safety system rather than a malformed request.
const CONTENT_FILTER_PATTERN =
  /content_filter|content management policy|ResponsibleAIPolicyViolation|content_policy_violation|SAFETY|guardrail/i;

function headerValue(
  headers: Record<string, string> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** A Go-style duration as OpenAI sends it in `x-ratelimit-reset-*` ("1s", "6m0s", "20ms"), ms. */
function parseDurationMs(text: string): number | null {
  const pattern = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let matched = "";
  for (const match of text.matchAll(pattern)) {
    const amount = Number(match[1]);
    const unit = match[2];
    total += amount * (unit === "ms" ? 1 : unit === "s" ? 1000 : unit === "m" ? 60_000 : 3_600_000);
    matched += match[0];
  }
  return matched === text && matched !== "" ? total : null;
}

/**
 * How long the provider asked us to wait, in ms, from `retry-after-ms`, `Retry-After` (seconds or
 * an HTTP date) or `x-ratelimit-reset*` (seconds, a duration like "6m0s", or epoch seconds).
 *
 * @returns undefined when no usable header was sent.
 */
export function parseRetryAfterMs(
  headers: Record<string, string> | undefined,
  now: number,
): number | undefined {
  const ms = headerValue(headers, "retry-after-ms");
  if (ms !== undefined && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);

  const retryAfter = headerValue(headers, "retry-after")?.trim();
  if (retryAfter !== undefined && retryAfter !== "") {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }

  for (const name of [
    "x-ratelimit-reset",
    "x-ratelimit-reset-requests",
    "x-ratelimit-reset-tokens",
  ]) {
    const value = headerValue(headers, name)?.trim();
    if (value === undefined || value === "") continue;
    if (/^\d+(\.\d+)?$/.test(value)) {
      const number = Number(value);
      // Large values are epoch seconds, small ones seconds to wait.
      return number > 1e9 ? Math.max(0, number * 1000 - now) : number * 1000;
    }
    const duration = parseDurationMs(value);
    if (duration !== null) return duration;
  }
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const code: unknown = (current as Error & { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    current = current.cause;
  }
  return undefined;
}

function isNetworkCause(error: unknown): boolean {
  if (errorCode(error) !== undefined) return true;
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    if (current instanceof TypeError && /terminated|other side closed/i.test(current.message)) {
      return true;
    }
    current = current.cause;
  }
  return false;
}

function isAbort(error: unknown): boolean {
  return (
    (error instanceof Error || error instanceof DOMException) &&
    (error.name === "AbortError" ||
      error.name === "TimeoutError" ||
      error.name === "ResponseAborted")
  );
}

/** Why the signal was aborted: a timeout (`AbortSignal.timeout`) or a cancellation. */
function abortKind(signal: AbortSignal): "timeout" | "cancelled" {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name === "TimeoutError" ? "timeout" : "cancelled";
}

function fromStatus(
  status: number,
  message: string,
  headers: Record<string, string> | undefined,
  body: string | undefined,
  now: number,
): ProviderError {
  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(headers, now);
    return {
      kind: "rate_limit",
      retryable: true,
      status,
      message,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status === 408) return { kind: "timeout", retryable: true, status, message };
  if (status === 401 || status === 403) return { kind: "auth", retryable: false, status, message };
  if (status >= 500) {
    const retryAfterMs = parseRetryAfterMs(headers, now);
    return {
      kind: status === 504 ? "timeout" : "server",
      retryable: true,
      status,
      message,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status >= 400) {
    if (CONTENT_FILTER_PATTERN.test(`${message} ${body ?? ""}`)) {
      return { kind: "content_filter", retryable: false, status, message };
    }
    return { kind: "bad_request", retryable: false, status, message };
  }
  // A 2xx whose body the SDK could not understand: the provider (or a proxy) sent garbage.
  return {
    kind: "server",
    retryable: true,
    status,
    message: `The provider sent a response that could not be read: ${message}`,
  };
}

/**
 * Maps an error from an AI SDK call to a {@link ProviderError}.
 *
 * @param signal the call's abort signal: an abort it caused is a timeout or a cancellation.
 * @param now the clock, for `Retry-After` dates.
 */
export function toProviderError(error: unknown, signal: AbortSignal, now: number): ProviderError {
  const refusal = findEndpointRefusal(error);
  if (refusal) return { kind: "bad_request", retryable: false, message: refusal.message };

  if (signal.aborted) {
    const kind = abortKind(signal);
    return {
      kind,
      retryable: kind === "timeout",
      message: kind === "timeout" ? "The request timed out." : "The request was cancelled.",
    };
  }
  if (isAbort(error)) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return timedOut
      ? { kind: "timeout", retryable: true, message: "The request timed out." }
      : { kind: "cancelled", retryable: false, message: "The request was cancelled." };
  }

  if (RetryError.isInstance(error)) return toProviderError(error.lastError, signal, now);

  if (APICallError.isInstance(error)) {
    // A 2xx whose body broke off mid-way (the connection dropped) is a network failure.
    if (error.statusCode !== undefined && error.statusCode < 300 && isNetworkCause(error.cause)) {
      return {
        kind: "network",
        retryable: true,
        status: error.statusCode,
        message: "The connection dropped before the response was complete.",
      };
    }
    if (error.statusCode !== undefined) {
      return fromStatus(
        error.statusCode,
        error.message,
        error.responseHeaders,
        error.responseBody,
        now,
      );
    }
    return { kind: "network", retryable: true, message: error.message };
  }

  const code = errorCode(error);
  if (code !== undefined) {
    return {
      kind: code.includes("TIMEOUT") || code === "ETIMEDOUT" ? "timeout" : "network",
      retryable: true,
      message: `Network error (${code}).`,
    };
  }
  if (error instanceof TypeError && /fetch failed|terminated|network/i.test(error.message)) {
    return { kind: "network", retryable: true, message: `Network error: ${error.message}` };
  }
  if (error instanceof Error) {
    // Streams report provider errors as data (for example an error event inside a 200 stream).
    const status = statusFromStreamError(error);
    if (status !== undefined) return fromStatus(status, error.message, undefined, undefined, now);
    if (error.name === "AI_JSONParseError" || error.name === "AI_TypeValidationError") {
      return fromStatus(200, error.message, undefined, undefined, now);
    }
    return { kind: "unknown", retryable: false, message: error.message };
  }
  return streamPartError(error);
}

function statusFromStreamError(error: Error): number | undefined {
  const status: unknown = (error as Error & { statusCode?: unknown }).statusCode;
  return typeof status === "number" ? status : undefined;
}

/**
 * An error object a provider sent inside a 200 stream (OpenAI `{ message, type }`, Anthropic
 * `{ type: "overloaded_error" }`, Bedrock exception events). Treated as a server error unless it
 * says otherwise: the provider failed mid-answer.
 */
function streamPartError(error: unknown): ProviderError {
  const text = typeof error === "string" ? error : safeStringify(error);
  const status = numericStatus(error);
  if (status !== undefined) {
    return fromStatus(status, `The provider failed mid-stream: ${text}`, undefined, text, 0);
  }
  if (/rate.?limit|throttl|too many requests|RESOURCE_EXHAUSTED/i.test(text)) {
    return { kind: "rate_limit", retryable: true, message: `Rate limited mid-stream: ${text}` };
  }
  if (CONTENT_FILTER_PATTERN.test(text)) {
    return { kind: "content_filter", retryable: false, message: `Content filtered: ${text}` };
  }
  if (/invalid_request|validation/i.test(text)) {
    return { kind: "bad_request", retryable: false, message: text };
  }
  return { kind: "server", retryable: true, message: `The provider failed mid-stream: ${text}` };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A numeric HTTP status in an error payload (Gemini's `{ code: 503 }`, others' `status`). */
function numericStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  for (const key of ["code", "status", "statusCode"]) {
    const value: unknown = (error as Record<string, unknown>)[key];
    if (typeof value === "number" && value >= 400 && value <= 599) return value;
  }
  return undefined;
}
