import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { launchSmallRun, signInNewUser } from "./support";

/**
 * The production server serves a page again while nothing it shows has changed
 * (lib/server/http/page-cache.ts). Each test opens a page until it comes from the cache, makes the
 * change a user makes (a weights change, a new run, a catalogue sync), and opens the page again:
 * it is rendered afresh and shows the change, and then is kept in its new form.
 */

test.describe.configure({ mode: "serial" });

const CACHE_HEADER = "x-crossbench-cache";
const SUFFIX = randomBytes(3).toString("hex");

/** Opens `path` as a document load and returns whether the page came from the cache. */
async function open(page: Page, path: string): Promise<string | undefined> {
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  return response?.headers()[CACHE_HEADER];
}

/**
 * Opens `path` until it comes from the cache: the first view renders it, and a write elsewhere
 * (the worker finishing an earlier spec's run) renders it again.
 */
async function openUntilKept(page: Page, path: string) {
  await expect.poll(() => open(page, path), { timeout: 30_000, intervals: [200] }).toBe("hit");
}

test.describe("as an analyst", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a weights change shows on the next view of Lock-in", async ({ page }) => {
    await signInNewUser(page, "analyst");
    const weights = page.getByRole("form", { name: "Factor weights" });
    const substitutability = weights.getByLabel("Model substitutability");

    await openUntilKept(page, "/lock-in");
    await expect(substitutability).toHaveValue("20");

    await substitutability.fill("1000");
    await weights.getByRole("button", { name: "Save weights" }).click();
    await expect(weights.getByText("Weights saved. The scores above use them now.")).toBeVisible();

    expect(await open(page, "/lock-in")).toBe("miss");
    await expect(substitutability).toHaveValue("1000");
    await openUntilKept(page, "/lock-in");
    await expect(substitutability).toHaveValue("1000");

    await weights.getByRole("button", { name: "Reset to defaults" }).click();
    await expect(weights.getByText("Weights reset to the default rubric.")).toBeVisible();
    expect(await open(page, "/lock-in")).toBe("miss");
    await expect(substitutability).toHaveValue("20");
  });
});

test("a new run shows on the next view of Runs", async ({ page }) => {
  await openUntilKept(page, "/runs");
  const runId = await launchSmallRun(page);
  const link = page.locator(`a[href="/runs/${encodeURIComponent(runId)}"]`).first();

  expect(await open(page, "/runs")).toBe("miss");
  await expect(link).toBeVisible();
  await openUntilKept(page, "/runs");
  await expect(link).toBeVisible();
});

test("a catalogue sync shows on the next view of the catalogue", async ({ page }) => {
  const nativeId = `anthropic.claude-cache-${SUFFIX}-v1:0`;
  const search = `/catalog?q=${encodeURIComponent(`cache-${SUFFIX}`)}`;
  await openUntilKept(page, search);
  await expect(page.getByText(nativeId)).toHaveCount(0);

  await page.goto("/settings");
  await page.getByRole("link", { name: /Catalogue syncs/ }).click();
  await page.getByRole("radio", { name: "A file from this computer" }).check();
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "cache-sync.json",
    mimeType: "application/json",
    buffer: Buffer.from(
      JSON.stringify({
        [nativeId]: {
          litellm_provider: "bedrock",
          mode: "chat",
          max_input_tokens: 200000,
          max_output_tokens: 8192,
          input_cost_per_token: 8e-7,
          output_cost_per_token: 4e-6,
        },
      }),
    ),
  });
  await page.getByLabel("Dry run (show the changes, write nothing)").uncheck();
  await page.getByRole("button", { name: "Run sync" }).click();
  await expect(page.getByRole("region", { name: "Sync report: new snapshot saved" })).toBeVisible();

  expect(await open(page, search)).toBe("miss");
  await expect(page.getByText(nativeId).first()).toBeVisible();
  await openUntilKept(page, search);
  await expect(page.getByText(nativeId).first()).toBeVisible();
});
