import { describe, expect, it } from "vitest";
import {
  BASE_SECURITY_HEADERS,
  baseSecurityHeadersFor,
  buildContentSecurityPolicy,
  createNonce,
  isHttpsRequest,
  referrerPolicyFor,
} from "./security-headers";

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values.join(" ")];
    }),
  );
}

describe("buildContentSecurityPolicy", () => {
  it("in production runs only scripts carrying this request's nonce, and nothing evaluated", () => {
    const policy = directives(
      buildContentSecurityPolicy({ nonce: "abc123", isDev: false, isHttps: false }),
    );
    expect(policy.get("script-src")).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy.get("style-src")).toBe("'self' 'nonce-abc123'");
    expect(policy.get("style-src-attr")).toBe("'unsafe-inline'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'none'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("allows eval and inline style elements only in development", () => {
    const policy = directives(
      buildContentSecurityPolicy({ nonce: "abc123", isDev: true, isHttps: false }),
    );
    expect(policy.get("script-src")).toContain("'unsafe-eval'");
    expect(policy.get("style-src")).toContain("'unsafe-inline'");
  });

  it("upgrades sub-resources only when the page itself came over HTTPS", () => {
    const policy = buildContentSecurityPolicy({ nonce: "n", isDev: false, isHttps: true });
    expect(directives(policy).has("upgrade-insecure-requests")).toBe(true);
  });
});

describe("headers", () => {
  it("refuse framing and sniffing everywhere, and send no referrer from share links", () => {
    const keys = BASE_SECURITY_HEADERS.map((h) => h.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Referrer-Policy",
        "Permissions-Policy",
      ]),
    );
    expect(referrerPolicyFor("/share/tok.en/report.md")).toBe("no-referrer");
    expect(referrerPolicyFor("/share/tok.en?print=1")).toBe("no-referrer");
    expect(referrerPolicyFor("/shared-thing")).toBe("strict-origin-when-cross-origin");
    expect(baseSecurityHeadersFor("/share/x")["Referrer-Policy"]).toBe("no-referrer");
    expect(baseSecurityHeadersFor("/runs")["X-Frame-Options"]).toBe("DENY");
  });

  it("make a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("see HTTPS from the URL or from a forwarded protocol (which only a trusted proxy keeps)", () => {
    expect(isHttpsRequest("https://app.example/", null)).toBe(true);
    expect(isHttpsRequest("http://app.example/", null)).toBe(false);
    expect(isHttpsRequest("http://app.example/", "https")).toBe(true);
    expect(isHttpsRequest("http://app.example/", "http")).toBe(false);
    expect(isHttpsRequest("http://app.example/", "https, http")).toBe(true);
  });
});
