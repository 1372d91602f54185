import { describe, expect, it } from "vitest";
import {
  cacheableRequest,
  keptHeaders,
  locateNonce,
  viewerCheck,
  withFreshNonce,
} from "./page-cache";

const session = "better-auth.session_token=tok.sig";

function request(url: string, headers: Record<string, string> = {}, method = "GET") {
  return cacheableRequest({ method, url, headers: { cookie: session, ...headers } });
}

describe("which requests the page cache may answer", () => {
  it("takes a signed-in document GET, keyed by everything that changes the answer", () => {
    const catalog = request("/catalog?page=2");
    expect(catalog?.viewer).toEqual({ kind: "session", token: "tok" });
    expect(catalog?.forceFresh).toBe(false);
    const keys = [
      catalog?.key,
      request("/catalog?page=3")?.key,
      request("/catalog?page=2", { cookie: "better-auth.session_token=other.sig" })?.key,
      request("/catalog?page=2", { "accept-encoding": "gzip" })?.key,
      request("/catalog?page=2", { host: "other.example" })?.key,
      request("/catalog?page=2", { "x-forwarded-proto": "https" })?.key,
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(request("/catalog?page=2")?.key).toBe(catalog?.key);
    expect(request("/", { cookie: "__Secure-better-auth.session_token=tok.sig" })?.viewer).toEqual({
      kind: "session",
      token: "tok",
    });
  });

  it("leaves alone what is not a page view", () => {
    expect(request("/catalog", {}, "POST")).toBeNull();
    expect(request("/catalog", {}, "HEAD")).toBeNull();
    expect(request("/api/health")).toBeNull();
    expect(request("/_next/static/chunks/a.js")).toBeNull();
    expect(request("/sign-in")).toBeNull();
    expect(request("/runs/r1/trials.csv")).toBeNull();
    expect(request("/catalog/models/gpt-4.1")).not.toBeNull();
    expect(request("/catalog?_rsc=abc")).toBeNull();
    for (const name of [
      "rsc",
      "next-router-state-tree",
      "next-router-prefetch",
      "next-action",
      "range",
    ]) {
      expect(request("/catalog", { [name]: "1" })).toBeNull();
    }
    expect(cacheableRequest({ method: "GET", url: "/catalog", headers: {} })).toBeNull();
    expect(request("/catalog", { cookie: "other=1" })).toBeNull();
  });

  it("keys a share page by its link alone, whoever opens it", () => {
    const anonymous = cacheableRequest({ method: "GET", url: "/share/abc.sig", headers: {} });
    expect(anonymous?.viewer.kind).toBe("share");
    expect(request("/share/abc.sig")?.key).toBe(anonymous?.key);
    expect(request("/share/abc.sig/report.pdf")).toBeNull();
    expect(request("/share/%E0%A4%A")).toBeNull();
  });

  it("honours a hard reload", () => {
    expect(request("/", { "cache-control": "no-cache" })?.forceFresh).toBe(true);
    expect(request("/", { pragma: "no-cache" })?.forceFresh).toBe(true);
    expect(request("/", { "cache-control": "max-age=0" })?.forceFresh).toBe(false);
  });

  it("checks a session by its token and a share link by its secret's hash", () => {
    expect(viewerCheck({ kind: "session", token: "tok" }).params).toEqual(["tok"]);
    expect(viewerCheck({ kind: "share", secretHash: "h" }).sql).toContain('"revokedAt" IS NULL');
  });
});

describe("what of an answer is kept", () => {
  const html = { "content-type": "text/html; charset=utf-8" };

  it("keeps a complete page's headers, not those of one transmission", () => {
    expect(
      keptHeaders(200, {
        ...html,
        "content-security-policy": "script-src 'nonce-x'",
        "content-encoding": "gzip",
        "content-length": 10,
        date: "now",
        connection: "keep-alive",
        "transfer-encoding": "chunked",
        vary: ["rsc", "accept-encoding"],
      }),
    ).toEqual({
      ...html,
      "content-security-policy": "script-src 'nonce-x'",
      "content-encoding": "gzip",
      vary: ["rsc", "accept-encoding"],
    });
  });

  it("keeps no error, redirect, download or answer that sets a cookie", () => {
    expect(keptHeaders(404, html)).toBeNull();
    expect(keptHeaders(307, html)).toBeNull();
    expect(keptHeaders(200, { "content-type": "text/csv" })).toBeNull();
    expect(keptHeaders(200, { ...html, "set-cookie": ["a=b"] })).toBeNull();
  });
});

describe("a fresh nonce for every copy", () => {
  const old = "AAAAAAAAAAAAAAAAAAAAAA==";
  const fresh = "BBBBBBBBBBBBBBBBBBBBBB==";
  const policy = `script-src 'self' 'nonce-${old}' 'strict-dynamic'`;
  const html = Buffer.from(
    `<link nonce="${old}"><script nonce="${old}">f("\\"nonce\\":\\"${old}\\"")</script>é`,
  );

  it("finds the policy's nonce wherever the page has it and writes the new one there", () => {
    const page = locateNonce(html, policy);
    expect(page.nonceAt).toHaveLength(3);
    const copy = withFreshNonce(page, { "content-security-policy": policy }, fresh);
    expect(copy?.html.toString()).toBe(html.toString().replaceAll(old, fresh));
    expect(copy?.headers["content-security-policy"]).toBe(policy.replace(old, fresh));
    // The kept page is left as it was, for the next copy.
    expect(page.html.toString()).toContain(old);
  });

  it("makes no copy when the new nonce would not fit, and copies a page without one as it is", () => {
    const page = locateNonce(html, policy);
    expect(withFreshNonce(page, {}, "short")).toBeNull();
    const none = locateNonce(Buffer.from("<p>hi</p>"), undefined);
    expect(withFreshNonce(none, {}, fresh)?.html.toString()).toBe("<p>hi</p>");
  });
});
