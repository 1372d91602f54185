import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, request as playwrightRequest, test, type Request } from "@playwright/test";
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
