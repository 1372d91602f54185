import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { EndpointRefusedError } from "../safe-fetch";
import { parseRetryAfterMs, toProviderError } from "./errors";

const NOW = Date.parse("2026-01-01T00:00:00Z");
const live = new AbortController().signal;

function apiError(statusCode: number | undefined, headers: Record<string, string> = {}, body = "") {
  return new APICallError({
    message: `status ${statusCode ?? "none"}`,
    url: "https://api.example.com/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
    responseBody: body,
  });
}

describe("parseRetryAfterMs", () => {
  it.each([
    [{ "retry-after-ms": "250" }, 250],
    [{ "Retry-After": "2" }, 2000],
    [{ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }, 5000],
    [{ "x-ratelimit-reset": "3" }, 3000],
    [{ "x-ratelimit-reset-requests": "6m0s" }, 360_000],
    [{ "x-ratelimit-reset-tokens": "20ms" }, 20],
    [{ "x-ratelimit-reset": String(NOW / 1000 + 7) }, 7000],
  ])("reads %j as %i ms", (headers, expected) => {
    expect(parseRetryAfterMs(headers, NOW)).toBe(expected);
  });

  it("returns undefined without a usable header", () => {
    expect(parseRetryAfterMs({ "retry-after": "soon" }, NOW)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, NOW)).toBeUndefined();
  });
});

describe("toProviderError", () => {
  it.each([
    [429, "rate_limit", true],
    [408, "timeout", true],
    [500, "server", true],
    [503, "server", true],
    [504, "timeout", true],
    [401, "auth", false],
    [403, "auth", false],
    [400, "bad_request", false],
    [404, "bad_request", false],
    [422, "bad_request", false],
  ] as const)("maps HTTP %i to %s", (status, kind, retryable) => {
    expect(toProviderError(apiError(status), live, NOW)).toMatchObject({
      kind,
      retryable,
      status,
    });
  });

  it("carries Retry-After on a 429", () => {
    const error = toProviderError(apiError(429, { "retry-after": "1" }), live, NOW);
    expect(error.retryAfterMs).toBe(1000);
  });

  it("recognises a content-filter refusal in a 400 body", () => {
    const body = JSON.stringify({ error: { code: "content_filter", message: "filtered" } });
    expect(toProviderError(apiError(400, {}, body), live, NOW).kind).toBe("content_filter");
  });

  it("maps a connection failure without a status to a retryable network error", () => {
    expect(toProviderError(apiError(undefined), live, NOW)).toMatchObject({
      kind: "network",
      retryable: true,
    });
  });

  it("tells a timeout abort from a cancellation", () => {
    const timedOut = new AbortController();
    timedOut.abort(new DOMException("timed out", "TimeoutError"));
    const cancelled = new AbortController();
    cancelled.abort();
    const abortError = new DOMException("aborted", "AbortError");
    expect(toProviderError(abortError, timedOut.signal, NOW)).toMatchObject({
      kind: "timeout",
      retryable: true,
    });
    expect(toProviderError(abortError, cancelled.signal, NOW)).toMatchObject({
      kind: "cancelled",
      retryable: false,
    });
  });

  it("maps a refused endpoint, even wrapped, to a bad request", () => {
    const refusal = new EndpointRefusedError("metadata", "The address is a metadata service.");
    const wrapped = new TypeError("fetch failed", { cause: refusal });
    expect(toProviderError(wrapped, live, NOW)).toEqual({
      kind: "bad_request",
      retryable: false,
      message: "The address is a metadata service.",
    });
  });

  it("maps an error payload from inside a stream by its status or wording", () => {
    expect(toProviderError({ code: 503, status: "UNAVAILABLE" }, live, NOW).kind).toBe("server");
    expect(toProviderError({ type: "rate_limit_error" }, live, NOW).kind).toBe("rate_limit");
    expect(toProviderError({ type: "overloaded_error" }, live, NOW)).toMatchObject({
      kind: "server",
      retryable: true,
    });
  });
});
