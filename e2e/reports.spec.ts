import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Download, type Page } from "@playwright/test";
import { PDFParse } from "pdf-parse";
import {
  escapeRegExp as escape,
  expectRunCompleted,
  launchRunFromForm,
  modelGroups,
  selectSuite,
  tickSimulatedOfferings,
} from "./support";

/**
 * Reports end to end: an administrator launches a small run on the emulator, drafts a report from
 * it, exports Markdown, JSON, CSV and PDF, and shares it; the link opens the report in a browser
 * with no account, and is refused once revoked. The tests share the run and report, in order.
 */

test.describe.configure({ mode: "serial" });

const SUITE = "Factual questions";
const MODEL = "Claude Sonnet 4.6";
const SUFFIX = randomBytes(3).toString("hex");
const RUN_NAME = `Reports e2e ${SUFFIX}`;
const TITLE = `Portability review ${SUFFIX}`;

const shared = { runId: "", reportUrl: "", shareUrl: "" };

async function downloadText(
  page: Page,
  name: string | RegExp,
): Promise<{ text: string; file: Download }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name }).click(),
  ]);
  const path = await file.path();
  return { text: await readFile(path, "utf8"), file };
}

test("an administrator launches a run on one model across two simulated platforms", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto("/runs/new");
  await selectSuite(page, SUITE);
  await page.getByLabel("Run name (optional)").fill(RUN_NAME);

  const platforms = await tickSimulatedOfferings(page, {
    search: MODEL,
    group: modelGroups(page, new RegExp(`^${escape(MODEL)}$`, "i")),
    limit: 2,
  });
  expect(platforms).toHaveLength(2);
  await page.getByLabel("Repeats").fill("1");
  shared.runId = await launchRunFromForm(page);
  await expectRunCompleted(page, 180_000);
});

test("an analyst drafts a report from the run, edits it and sees the simulated watermark", async ({
  page,
}) => {
  test.skip(!shared.runId, "needs the run from the first test");
  test.setTimeout(90_000);
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  const form = page.getByRole("form", { name: "New report" });
  await form.getByLabel("Report title").fill(TITLE);
  await form.getByRole("checkbox", { name: new RegExp(`^${escape(RUN_NAME)}`) }).check();
  await form.getByRole("button", { name: "Draft report" }).click();
  await expect(page).toHaveURL(/\/reports\/[^/?#]+$/, { timeout: 60_000 });
  shared.reportUrl = new URL(page.url()).pathname;

  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Executive summary" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Methodology" })).toBeVisible();
  const provenance = page.getByRole("region", { name: "Provenance" });
  await expect(provenance.getByText(shared.runId)).toBeVisible();
  await expect(page.locator('[data-watermark="simulated"]')).toBeAttached();
  await expect(page.getByText(/^Simulated data:/)).toBeVisible();

  const edit = page.getByRole("form", { name: "Edit report" });
  await edit.getByLabel("Recommendations").fill("Keep two platforms warm for failover.");
  await edit.getByRole("button", { name: "Save report" }).click();
  await expect(edit.getByText("Saved.")).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Recommendations" })
      .getByText("Keep two platforms warm for failover."),
  ).toBeVisible();
});

test("the report exports as Markdown, JSON, CSV and PDF", async ({ page }) => {
  test.skip(!shared.reportUrl, "needs the report from the previous test");
  test.setTimeout(120_000);
  await page.goto(shared.reportUrl);

  const markdown = await downloadText(page, "Markdown");
  expect(markdown.file.suggestedFilename()).toMatch(/\.md$/);
  expect(markdown.text).toContain(TITLE);
  expect(markdown.text.toLowerCase()).toContain("simulated");
  expect(markdown.text).toContain("Keep two platforms warm for failover.");

  const json = await downloadText(page, "JSON (chart data)");
  const parsed = JSON.parse(json.text) as { title: string; isSimulated: boolean; data: unknown };
  expect(parsed.title).toBe(TITLE);
  expect(parsed.isSimulated).toBe(true);
  expect(json.text.toLowerCase()).toContain("simulated");

  const csv = await downloadText(page, "CSV (tables)");
  expect(csv.file.suggestedFilename()).toMatch(/\.csv$/);
  expect(csv.text.split(/\r?\n/)[0]).toMatch(/^table,/);
  expect(csv.text).toContain(shared.runId);
  // No cell starts a formula: neutralised cells start with a quote.
  expect(csv.text).not.toMatch(/(^|,)[=+@]/m);

  const pdfLink = page.getByRole("link", { name: "PDF" });
  await expect(pdfLink).toBeVisible();
  const response = await page.request.get(`${shared.reportUrl}/report.pdf`, { timeout: 90_000 });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  const pdf = await response.body();
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(10_000);
  // The document title (the report's) is in the PDF's metadata, as text or as UTF-16 hex.
  const raw = pdf.toString("latin1");
  const utf16Hex = [...TITLE]
    .map((c) => c.charCodeAt(0).toString(16).padStart(4, "0"))
    .join("")
    .toUpperCase();
  expect(raw.includes(`(${TITLE}`) || raw.toUpperCase().includes(utf16Hex)).toBe(true);
  expect(raw.match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThan(1);

  // The text as a reader sees it: the title, the charts' titles and axis text (drawn as vector
  // text, not pictures), and the simulated watermark on every page.
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const text = await parser.getText();
    expect(text.text).toContain(TITLE);
    expect(text.text).toContain("Cost against quality");
    expect(text.text).toContain("Lock-in risk per platform, by factor");
    expect(text.pages.length).toBeGreaterThan(1);
    for (const pageText of text.pages) expect(pageText.text).toContain("SIMULATED");
    // Page one is the brief: the answer, the recommendation, key numbers and the monthly cost.
    const first = text.pages[0]?.text ?? "";
    expect(first).toContain("Brief");
    expect(first).toMatch(/Recommendation/);
    expect(first).toMatch(/Key numbers/);
    expect(first).toMatch(/95% CI/);
    expect(first).toMatch(/per month/);
    // The whole brief fits on page one: its last line (provenance) is there too, and nothing of
    // it runs over onto page two.
    expect(first).toMatch(/Provenance:/);
    const second = text.pages[1]?.text ?? "";
    expect(second).not.toMatch(/Provenance:|Key numbers|Monthly cost/);
    // The per-target results are printed, and every chart's table is printed open: no toggles.
    expect(text.text).toContain("Results per target");
    expect(text.text).not.toContain("Table view");
    const images = await parser.getImage({ imageThreshold: 80 });
    expect(images.pages.flatMap((p) => p.images)).toHaveLength(0);
  } finally {
    await parser.destroy();
  }

  // What Chromium printed: the print layout, with no app navigation and the watermark fixed to
  // the page, which is what repeats it on every printed page.
  await page.emulateMedia({ media: "print" });
  await page.goto(`${shared.reportUrl}?print=1`);
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Markdown" })).toHaveCount(0);
  const watermark = page.locator('[data-watermark="simulated"]');
  await expect(watermark).toBeVisible();
  await expect(watermark).toContainText("SIMULATED");
  expect(await watermark.evaluate((node) => getComputedStyle(node).position)).toBe("fixed");
});

test("a share link opens the report without an account, and is refused once revoked", async ({
  page,
  browser,
}) => {
  test.skip(!shared.reportUrl, "needs the report from the earlier test");
  await page.goto(shared.reportUrl);
  const create = page.getByRole("form", { name: "Create a share link" });
  await expect(create.getByLabel("Valid for (days)")).toHaveValue("14");
  await create.getByRole("button", { name: "Create share link" }).click();
  const link = page.getByRole("textbox", { name: "New share link" });
  await expect(link).toHaveValue(/\/share\/[^/]+$/);
  shared.shareUrl = await link.inputValue();

  const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const stranger = await anonymous.newPage();
    await stranger.goto(shared.shareUrl);
    await expect(stranger.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(stranger.getByText("Shared report · read-only")).toBeVisible();
    // Nothing else of the app is reachable: no navigation, no links into it.
    await expect(stranger.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    // On a phone (390 px) the parity answer is readable without scrolling sideways.
    await stranger.setViewportSize({ width: 390, height: 844 });
    const words = stranger.getByRole("list", { name: "Parity in words" });
    await words.scrollIntoViewIfNeeded();
    await expect(words).toBeVisible();
    await expect(words.getByRole("listitem").first()).toContainText(
      /: (equivalent|different|inconclusive), [+−]?\d+\.\d points \(95% CI /,
    );
    const box = await words.boundingBox();
    expect(box && box.x + box.width, "the list fits the phone's width").toBeLessThanOrEqual(390);
    await test.info().attach("share link at 390 px", {
      body: await stranger.screenshot({ fullPage: true }),
      contentType: "image/png",
    });
    await stranger.setViewportSize({ width: 1280, height: 720 });
    const markdown = await stranger.request.get(`${new URL(shared.shareUrl).pathname}/report.md`);
    expect(markdown.status()).toBe(200);
    expect(await markdown.text()).toContain(TITLE);
    const elsewhere = await stranger.request.get(shared.reportUrl, { maxRedirects: 0 });
    expect(elsewhere.status()).toBe(307);

    const shareLinks = page.getByRole("region", { name: "Share links" });
    await expect(shareLinks.getByRole("cell", { name: "Active" })).toBeVisible();
    await shareLinks.getByRole("button", { name: /^Revoke/ }).click();
    await expect(shareLinks.getByText(/^Revoked /)).toBeVisible();

    await stranger.goto(shared.shareUrl);
    await expect(
      stranger.getByRole("heading", { level: 1, name: "This share link is not valid" }),
    ).toBeVisible();
    await expect(stranger.getByText(TITLE)).toHaveCount(0);
  } finally {
    await anonymous.close();
  }
});
