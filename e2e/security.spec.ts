import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import {
  expect,
  request as playwrightRequest,
  test,
  type Page,
  type Request,
} from "@playwright/test";
import { buildPath, listAppRoutes, type AppRoute } from "./app-routes";
import { ensureSampleData, type SampleData } from "./sample-data";
import { ADMIN_STATE, createUserWithCli } from "./support";

const root = path.resolve(import.meta.dirname, "..");
const NO_SESSION = { cookies: [], origins: [] };

/** Captures the server-action POST the users page sends, to replay it outside the browser. */
async function captureCreateUserAction(page: import("@playwright/test").Page, email: string) {
  await page.goto("/settings/users");
  await page.getByLabel("Name", { exact: true }).fill("Captured Request");
  await page.getByLabel("Email", { exact: true }).fill(email);
  const sent = page.waitForRequest(
    (candidate: Request) =>
      candidate.method() === "POST" && Boolean(candidate.headers()["next-action"]),
  );
  await page.getByRole("button", { name: "Create user" }).click();
  const captured = await sent;
  await expect(page.getByRole("region", { name: `One-time password for ${email}` })).toBeVisible();
  return { url: captured.url(), headers: captured.headers(), body: captured.postData() ?? "" };
}

function replayHeaders(captured: { headers: Record<string, string> }, origin: string) {
  return {
    "next-action": captured.headers["next-action"] ?? "",
    "content-type": captured.headers["content-type"] ?? "text/plain;charset=UTF-8",
    accept: "text/x-component",
    origin,
  };
}

test("server actions refuse a direct POST without a session, with a viewer's session, and from another origin", async ({
  page,
  baseURL,
}) => {
  const firstEmail = `captured-${Date.now()}@example.test`;
  const captured = await captureCreateUserAction(page, firstEmail);
  const origin = baseURL ?? "";
  const replay = (email: string) => captured.body.replace(firstEmail, email);

  // No session at all: the proxy sends the request to the sign-in page before it gets anywhere.
  // An explicit empty state: contexts otherwise inherit the project's admin storage state.
  const anonymous = await playwrightRequest.newContext({
    baseURL: origin,
    storageState: NO_SESSION,
  });
  const anonymousEmail = `anonymous-${Date.now()}@example.test`;
  const redirected = await anonymous.post(captured.url, {
    headers: replayHeaders(captured, origin),
    data: replay(anonymousEmail),
    maxRedirects: 0,
  });
  // Next turns a redirect answering an action request into an in-band action redirect.
  const headers = redirected.headers();
  expect(headers["location"] ?? headers["x-action-redirect"] ?? "").toMatch(/\/sign-in/);
  expect(await redirected.text()).not.toContain('"ok":true');

  // A forged session cookie gets past the proxy's cheap check; the action itself refuses it.
  const forgedEmail = `forged-${Date.now()}@example.test`;
  const refused = await anonymous.post(captured.url, {
    headers: {
      ...replayHeaders(captured, origin),
      cookie: "better-auth.session_token=forged.value",
    },
    data: replay(forgedEmail),
    maxRedirects: 0,
  });
  expect(await refused.text()).toContain("UNAUTHENTICATED");
  await anonymous.dispose();

  // A signed-in viewer.
  const viewer = await createUserWithCli("viewer");
  const asViewer = await playwrightRequest.newContext({
    baseURL: origin,
    storageState: NO_SESSION,
  });
  const signedIn = await asViewer.post("/api/auth/sign-in/email", {
    headers: { origin },
    data: { email: viewer.email, password: viewer.password },
  });
  expect(signedIn.status()).toBe(200);
  const viewerEmail = `by-viewer-${Date.now()}@example.test`;
  const forbidden = await asViewer.post(captured.url, {
    headers: replayHeaders(captured, origin),
    data: replay(viewerEmail),
  });
  expect(await forbidden.text()).toContain("FORBIDDEN");
  await asViewer.dispose();

  // The admin's own session, but sent from another site (a cross-site request forgery).
  const asAdmin = await playwrightRequest.newContext({
    baseURL: origin,
    storageState: ADMIN_STATE,
  });
  const crossSiteEmail = `cross-site-${Date.now()}@example.test`;
  const crossSite = await asAdmin.post(captured.url, {
    headers: replayHeaders(captured, "https://evil.example"),
    data: replay(crossSiteEmail),
  });
  expect(crossSite.ok()).toBe(false);
  await asAdmin.dispose();

  // None of them created anyone.
  await page.goto("/settings/users");
  await expect(page.getByRole("row", { name: new RegExp(firstEmail) })).toBeVisible();
  for (const email of [anonymousEmail, forgedEmail, viewerEmail, crossSiteEmail]) {
    await expect(page.getByRole("row", { name: new RegExp(email) })).toHaveCount(0);
  }
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : Promise.resolve([full]);
    }),
  );
  return files.flat();
}

test("a saved secret never reaches the browser again: not in pages, responses or client assets", async ({
  page,
}) => {
  const secret = `sk-e2e-${Date.now()}-${Math.random().toString(36).slice(2)}abcd`;
  const seen: string[] = [];
  page.on("response", async (response) => {
    if (
      response.request().method() === "POST" &&
      response.url().includes("/settings/credentials")
    ) {
      seen.push(await response.text().catch(() => ""));
    }
  });

  await page.goto("/settings/credentials");
  const openai = page.getByRole("region", { name: "OpenAI API" });
  await openai.getByRole("button", { name: /^(Add|Edit) OpenAI API credentials$/ }).click();
  await openai.getByLabel("API key").fill(secret);
  await openai.getByRole("button", { name: "Save OpenAI API credentials" }).click();
  await expect(openai.getByText("ending in abcd", { exact: true })).toBeVisible();
  await expect(openai.getByLabel("API key")).toHaveValue("");

  expect(seen.length, "the save went through a server action").toBeGreaterThan(0);
  for (const body of seen) expect(body).not.toContain(secret);

  await page.reload();
  expect(await page.content()).not.toContain(secret);
  for (const area of [
    "/",
    "/catalog",
    "/runs",
    "/settings",
    "/settings/users",
    "/settings/audit",
    "/account",
  ]) {
    const response = await page.request.get(area);
    expect(await response.text(), area).not.toContain(secret);
  }

  const assets = await listFiles(path.join(root, ".next", "static"));
  expect(assets.length).toBeGreaterThan(0);
  for (const file of assets) {
    expect((await readFile(file)).includes(secret), file).toBe(false);
  }
});

test("a forged Origin with a matching X-Forwarded-Host does not run a server action (no trusted proxy)", async ({
  page,
  baseURL,
}) => {
  const firstEmail = `forwarded-${Date.now()}@example.test`;
  const captured = await captureCreateUserAction(page, firstEmail);
  const asAdmin = await playwrightRequest.newContext({
    baseURL: baseURL ?? "",
    storageState: ADMIN_STATE,
  });
  const forgedEmail = `forwarded-host-${Date.now()}@example.test`;
  try {
    // Without TRUST_PROXY, X-Forwarded-Host is whatever the client wrote: it must not stand in for
    // the host the request really reached when the action checks where the request came from.
    const forged = await asAdmin.post(captured.url, {
      headers: {
        ...replayHeaders(captured, "https://evil.example"),
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
        forwarded: "host=evil.example;proto=https",
      },
      data: captured.body.replace(firstEmail, forgedEmail),
      maxRedirects: 0,
    });
    expect(forged.ok()).toBe(false);
    expect(await forged.text()).not.toContain('"ok":true');
  } finally {
    await asAdmin.dispose();
  }
  await page.goto("/settings/users");
  await expect(page.getByRole("row", { name: new RegExp(firstEmail) })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(forgedEmail) })).toHaveCount(0);
});

/** The headers every answer carries, whatever produced it (page, route, asset, refusal). */
function expectBaseHeaders(headers: Record<string, string>, where: string, isShare = false) {
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["referrer-policy"], where).toBe(
    isShare ? "no-referrer" : "strict-origin-when-cross-origin",
  );
  expect(headers["permissions-policy"] ?? "", where).toContain("camera=()");
  // Served over plain HTTP (and no trusted proxy said otherwise): no HSTS.
  expect(headers["strict-transport-security"], where).toBeUndefined();
}

/** The policy of everything the server renders or computes (all but build assets). */
function expectPolicy(headers: Record<string, string>, where: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  expect(csp, where).toContain("base-uri 'none'");
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? "";
  expect(scriptSrc, where).toMatch(/'nonce-[A-Za-z0-9+/=_-]{16,}'/);
  expect(scriptSrc, where).toContain("'strict-dynamic'");
  expect(scriptSrc, where).not.toContain("'unsafe-eval'");
  expect(scriptSrc, where).not.toContain("'unsafe-inline'");
  return /'nonce-([^']+)'/.exec(scriptSrc)?.[1] ?? "";
}

/** Collects every CSP violation the page reports, from the DOM event and from the console. */
async function watchPolicyViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("__cspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __cspViolation(text: string): void }).__cspViolation;
      report(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`,
      );
    });
  });
  return violations;
}

/** One real value for each dynamic segment, by the route up to that segment. */
function sampleFill(samples: SampleData) {
  const values: Record<string, string> = {
    "/api/auth/[...all]": "get-session",
    "/catalog/models/[...id]": samples.modelId.split("/").map(encodeURIComponent).join("/"),
    "/catalog/platforms/[id]": encodeURIComponent(samples.platformId),
    "/reports/[id]": encodeURIComponent(samples.reportId),
    "/runs/[id]": encodeURIComponent(samples.runId),
    "/runs/suites/[id]": encodeURIComponent(samples.suiteId),
    "/runs/schedules/[id]": encodeURIComponent(samples.scheduleId),
    "/share/[token]": encodeURIComponent(samples.shareToken),
    "/settings/catalog/snapshots/[id]": encodeURIComponent(samples.snapshotId),
  };
  return (route: AppRoute) =>
    buildPath(route, (_segment, index) => {
      const prefix = `/${route.pattern
        .split("/")
        .slice(1, index + 2)
        .join("/")}`;
      const value = values[prefix];
      if (value === undefined) throw new Error(`No sample value for ${prefix}: add one here.`);
      return value;
    });
}

const isPublic = (pattern: string) =>
  /^\/(sign-in|share\/|api\/auth|api\/health|icon\.)/.test(pattern);

test("every page, route, download and refusal carries the security headers, and no page breaks its CSP", async ({
  page,
  browser,
}) => {
  test.setTimeout(420_000);
  const samples = await ensureSampleData(page);
  const fill = sampleFill(samples);
  const routes = await listAppRoutes(path.join(root, "app"));
  const anonymous = await browser.newContext({ storageState: NO_SESSION });
  const stranger = await anonymous.newPage();
  const checked: string[] = [];
  try {
    const adminViolations = await watchPolicyViolations(page);
    const strangerViolations = await watchPolicyViolations(stranger);
    for (const route of routes) {
      const url = fill(route);
      const where = `${route.pattern} (${url})`;
      const viewer = isPublic(route.pattern) ? stranger : page;
      const isShare = route.pattern.startsWith("/share/");
      if (route.kind === "page") {
        const response = await viewer.goto(url, { waitUntil: "networkidle" });
        expect(response?.status(), where).toBe(200);
        const headers = response?.headers() ?? {};
        expectBaseHeaders(headers, where, isShare);
        expectPolicy(headers, where);
        // The app's scripts ran (the CSP let them): Next's client runtime announced itself.
        expect(await viewer.evaluate(() => typeof (window as { next?: unknown }).next), where).toBe(
          "object",
        );
      } else {
        const response = await viewer.request.get(url, { maxRedirects: 0, timeout: 90_000 });
        expect(response.status(), where).toBe(200);
        const headers = response.headers();
        expectBaseHeaders(headers, where, isShare);
        expectPolicy(headers, where);
        await response.dispose();
      }
      checked.push(route.pattern);
    }

    // The theme switch adds a style element while it changes theme; the CSP must allow it.
    await page.goto("/catalog", { waitUntil: "networkidle" });
    const toggle = page.getByRole("button", { name: /colour theme/i });
    await expect(toggle).toBeEnabled();
    await toggle.click();
    await toggle.click();

    // A fresh nonce on every response.
    const first = expectPolicy((await page.request.get("/")).headers(), "/ (first)");
    const second = expectPolicy((await page.request.get("/")).headers(), "/ (second)");
    expect(first).not.toBe(second);

    // Answers that no page produced: a missing page, refusals, a redirect, a build asset.
    await page.goto("/catalog");
    const asset = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
    expect(asset).toBeTruthy();
    const assetResponse = await page.request.get(asset ?? "");
    expect(assetResponse.status()).toBe(200);
    expectBaseHeaders(assetResponse.headers(), `asset ${asset}`);
    for (const [url, status, context] of [
      ["/no-such-page", 404, page.request],
      ["/runs/%zz", 400, page.request],
      [`/runs/${"a".repeat(5_000)}`, 414, page.request],
      ["/runs", 307, stranger.request],
      ["/share/not-a-valid-token-0000", 404, stranger.request],
    ] as const) {
      const response = await context.get(url, { maxRedirects: 0 });
      expect(response.status(), url.slice(0, 60)).toBe(status);
      expectBaseHeaders(response.headers(), url.slice(0, 60), url.startsWith("/share/"));
      expect(response.headers()["content-security-policy"], url.slice(0, 60)).toContain(
        "frame-ancestors 'none'",
      );
    }
    // A client claiming HTTPS without a trusted proxy does not turn HSTS on.
    const claimed = await page.request.get("/", { headers: { "x-forwarded-proto": "https" } });
    expect(claimed.headers()["strict-transport-security"]).toBeUndefined();

    expect([...adminViolations, ...strangerViolations]).toEqual([]);
  } finally {
    await anonymous.close();
  }
  test.info().annotations.push({ type: "routes checked", description: checked.join(", ") });
});
