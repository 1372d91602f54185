import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import {
  MAX_REQUEST_TARGET_LENGTH,
  applyForwardingPolicy,
  checkRequestTarget,
  formatRawRefusal,
  refusalHeaders,
  scanRequestLine,
  statusForHeaderOverflow,
} from "./request-hygiene";

describe("checkRequestTarget", () => {
  it("lets ordinary addresses through, encoded ones included", () => {
    for (const target of [
      "/",
      "/runs/cmabc123",
      "/catalog/models/anthropic/claude-sonnet-4.6",
      "/catalog/models/meta%2Fllama",
      "/share/abc.def_ghi-jkl",
      "/compare?run=x&t=a&t=b",
      "/catalog?q=%zz",
      "/caf%C3%A9",
      "/%F0%9F%9A%80",
      "http://example.test/runs?x=1",
      "*",
    ]) {
      expect(checkRequestTarget(target), target).toBeNull();
    }
  });

  it("answers 414 for an address over the limit, and not one character earlier", () => {
    const base = "/runs/";
    const atLimit = base + "a".repeat(MAX_REQUEST_TARGET_LENGTH - base.length);
    expect(checkRequestTarget(atLimit)).toBeNull();
    expect(checkRequestTarget(`${atLimit}a`)?.status).toBe(414);
    expect(checkRequestTarget(`/runs/${"a".repeat(8_000)}`)?.status).toBe(414);
  });

  it.each([
    "/runs/%zz",
    "/runs/%",
    "/runs/%E0%A4%A",
    "/runs/%C0%AE%C0%AE",
    "/runs/%ED%A0%80",
    "/runs/%u0041",
    "/share/%zz/report.json",
    "/catalog/models/ok/%zz",
  ])("answers 400 for a segment that does not decode: %s", (target) => {
    expect(checkRequestTarget(target)?.status).toBe(400);
  });

  it.each([
    "/runs/%00",
    "/runs/a%00b",
    "/runs/%0d%0aX-Injected:%20yes",
    "/runs/%7F",
    "/runs/%2e%2e",
    "/runs/%2E/x",
    "/runs?actor=a%00b",
  ])(
    "answers 400 for a control character, an encoded dot segment or a NUL in the query: %s",
    (target) => {
      expect(checkRequestTarget(target)?.status).toBe(400);
    },
  );

  it("leaves lenient query parsing alone (a bad escape in the query stays text)", () => {
    expect(checkRequestTarget("/audit?before=%&q=%E0%A4%A")).toBeNull();
  });
});

describe("scanRequestLine", () => {
  it("decides as soon as the line ends, or as soon as it is too long without ending", () => {
    expect(scanRequestLine("GET /runs HTTP/1.1\r\nHost: x")).toBe("ok");
    expect(scanRequestLine("GET /runs/aaaa")).toBe("undecided");
    expect(scanRequestLine(`GET /runs/${"a".repeat(8_000)}`)).toBe("too-long");
    expect(scanRequestLine(`GET /runs/${"a".repeat(8_000)} HTTP/1.1\r\nCookie: \r\n`)).toBe(
      "too-long",
    );
    // Exactly what the handler would still accept is accepted here too.
    const longest = `GET /${"a".repeat(MAX_REQUEST_TARGET_LENGTH - 1)} HTTP/1.1\r\n`;
    expect(scanRequestLine(longest)).toBe("ok");
  });
});

describe("statusForHeaderOverflow", () => {
  it("tells a long address from large headers", () => {
    expect(statusForHeaderOverflow(`GET /${"a".repeat(20_000)}`)).toBe(414);
    expect(statusForHeaderOverflow(`GET /runs HTTP/1.1\r\nCookie: ${"b".repeat(20_000)}`)).toBe(
      431,
    );
    // A chunk from the middle of a long header is not mistaken for a request line.
    expect(statusForHeaderOverflow("b".repeat(20_000))).toBe(431);
  });
});

describe("applyForwardingPolicy", () => {
  const forged = (): IncomingHttpHeaders => ({
    host: "app.example:3000",
    origin: "https://evil.example",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-forwarded-port": "443",
    "x-forwarded-for": "203.0.113.9",
    "x-real-ip": "203.0.113.9",
    forwarded: "for=203.0.113.9;host=evil.example;proto=https",
  });

  it("without a trusted proxy, drops what a client may forge and uses the socket's address", () => {
    const headers = forged();
    applyForwardingPolicy(headers, { trustProxy: false, remoteAddress: "127.0.0.1" });
    expect(headers).toEqual({
      host: "app.example:3000",
      origin: "https://evil.example",
      "x-forwarded-for": "127.0.0.1",
    });
  });

  it("behind a trusted proxy, keeps what the proxy set", () => {
    const headers = forged();
    applyForwardingPolicy(headers, { trustProxy: true, remoteAddress: "10.0.0.2" });
    expect(headers).toEqual(forged());
  });
});

describe("refusals", () => {
  it("carry the security headers and a closed policy", () => {
    const headers = refusalHeaders("/runs/%zz");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(refusalHeaders("/share/%zz")["Referrer-Policy"]).toBe("no-referrer");
  });

  it("are complete HTTP messages when written to a bare socket", () => {
    const raw = formatRawRefusal(414, "The address is too long.");
    expect(raw).toMatch(/^HTTP\/1\.1 414 URI Too Long\r\n/);
    const [head, body] = raw.split("\r\n\r\n");
    expect(head).toContain("X-Frame-Options: DENY");
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body ?? "")}`);
    expect(body).toBe("The address is too long.\n");
  });
});
