import type { IncomingHttpHeaders } from "node:http";
import { NO_CONTENT_SECURITY_POLICY, baseSecurityHeadersFor } from "./security-headers";

/**
 * What the start script's HTTP server refuses before Next.js sees a request, and how. Pure: no
 * sockets here, only decisions over strings and header objects, so every rule is unit-tested.
 *
 * Why a check in front of Next at all: a path segment that is not valid percent-encoding makes
 * Next.js look for a `/400` page the App Router does not have, and it answers 500; a decoded NUL
 * reaches PostgreSQL, which cannot store it in text and fails the query (500 again); and pages
 * that decode their parameters throw on what Next passes through. One check at the door answers
 * all of them with a 400, for every route, present and future.
 */

/** The longest request target (path and query) served; anything longer is answered 414. */
export const MAX_REQUEST_TARGET_LENGTH = 4_096;
/**
 * The request line and all headers together; more is answered 431 as soon as the limit is
 * crossed. Node's default, stated here so that it is a decision and not an accident.
 */
export const MAX_HEADER_BYTES = 16 * 1024;
/**
 * How long a client may take to send its whole request head. Node's default (60 s, checked every
 * 30 s) let a client that never ends its head hold a connection for 60–90 s before a 408.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
/** How often the server looks for heads and requests that are overdue. */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
/** "GET " + target + " HTTP/1.1\r\n", with room for the longest method. */
const MAX_REQUEST_LINE_LENGTH = MAX_REQUEST_TARGET_LENGTH + 32;

export type RequestRefusal = { status: 400 | 414; reason: string };

/** C0 controls and DEL: never part of a real name or id, and NUL breaks PostgreSQL text. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

function splitTarget(target: string): { path: string; query: string } | null {
  let rest = target;
  // Absolute form (`GET http://host/path`), which proxies may send: keep the path.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || "/";
  // `*` (OPTIONS) and authority form (CONNECT) are not paths: Next decides.
  if (!rest.startsWith("/")) return null;
  const queryAt = rest.search(/[?#]/);
  return queryAt < 0
    ? { path: rest, query: "" }
    : { path: rest.slice(0, queryAt), query: rest.slice(queryAt + 1) };
}

/**
 * Decides whether a request target may go on to the app: null when it may, else the status and a
 * short reason. 414 over the length limit; 400 when a path segment is not valid percent-encoded
 * UTF-8, decodes to a control character (NUL included) or to a dot segment (`%2e%2e`), or when
 * the query holds an encoded NUL.
 */
export function checkRequestTarget(target: string): RequestRefusal | null {
  if (target.length > MAX_REQUEST_TARGET_LENGTH) {
    return {
      status: 414,
      reason: `The address is longer than ${MAX_REQUEST_TARGET_LENGTH} characters.`,
    };
  }
  const parts = splitTarget(target);
  if (!parts) return null;
  for (const segment of parts.path.split("/")) {
    if (!segment.includes("%")) {
      if (CONTROL_CHARACTER.test(segment)) {
        return { status: 400, reason: "The address holds a control character." };
      }
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { status: 400, reason: "The address is not valid percent-encoding." };
    }
    if (CONTROL_CHARACTER.test(decoded)) {
      return { status: 400, reason: "The address holds a control character." };
    }
    if (decoded === "." || decoded === "..") {
      return { status: 400, reason: "The address holds an encoded dot segment." };
    }
  }
  // Query values are decoded leniently (a bad escape stays as text), but a NUL survives decoding
  // and fails any database query it reaches.
  if (/%00/i.test(parts.query)) {
    return { status: 400, reason: "The query holds a NUL character." };
  }
  return null;
}

/**
 * Looks at the bytes a connection opened with: "too-long" when they already show a request line
 * over the limit (no line end within it), "ok" once the line has ended in time, "undecided" while
 * neither is known. Lets the server answer 414 at once even when a client never ends its head
 * (curl 7.88 does that when it drops a cookie that would overflow its own limit).
 */
export function scanRequestLine(head: string): "ok" | "too-long" | "undecided" {
  const lineEnd = head.indexOf("\n");
  if (lineEnd >= 0) return lineEnd > MAX_REQUEST_LINE_LENGTH ? "too-long" : "ok";
  return head.length > MAX_REQUEST_LINE_LENGTH ? "too-long" : "undecided";
}

/**
 * The status for a head that crossed MAX_HEADER_BYTES, from the bytes that crossed it: 414 when
 * they are the start of a request whose line alone is over the limit, else 431.
 */
export function statusForHeaderOverflow(packet: string): 414 | 431 {
  const startsRequest = /^[A-Z]{3,10} [^ ]/.test(packet);
  return startsRequest && scanRequestLine(packet) === "too-long" ? 414 : 431;
}

/**
 * Headers a reverse proxy sets to describe the original request. Without a trusted proxy they are
 * whatever the client wrote: X-Forwarded-Host in particular would stand in for the real host when
 * Next.js checks that a server action came from its own origin.
 */
export const FORWARDING_HEADERS = [
  "forwarded",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
] as const;

/**
 * Unless a trusted proxy is in front (TRUST_PROXY), removes the forwarding headers and replaces
 * X-Forwarded-For by the socket's address (rate limits and the audit log key on it). Mutates
 * `headers`, the request's own header object, before the app reads it.
 */
export function applyForwardingPolicy(
  headers: IncomingHttpHeaders,
  options: { trustProxy: boolean; remoteAddress: string | undefined },
): void {
  if (options.trustProxy) return;
  for (const name of FORWARDING_HEADERS) delete headers[name];
  headers["x-forwarded-for"] = options.remoteAddress ?? "";
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  414: "URI Too Long",
  431: "Request Header Fields Too Large",
};

/**
 * The headers of a refusal of `target` (path and query): the site-wide security headers, a closed
 * CSP, plain text, no cache, and the connection closed.
 */
export function refusalHeaders(target: string): Record<string, string> {
  return {
    ...baseSecurityHeadersFor(target),
    "Content-Security-Policy": NO_CONTENT_SECURITY_POLICY,
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    Connection: "close",
  };
}

/**
 * A complete HTTP/1.1 refusal as raw text, for the moments when there is only a socket (a head
 * too large or too slow to become a request).
 */
export function formatRawRefusal(status: 400 | 408 | 414 | 431, reason: string): string {
  const body = `${reason}\n`;
  const headers = {
    ...refusalHeaders("/"),
    "Content-Length": String(Buffer.byteLength(body)),
  };
  const lines = Object.entries(headers).map(([key, value]) => `${key}: ${value}`);
  return `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n${lines.join("\r\n")}\r\n\r\n${body}`;
}
