import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("the access matrix shows the seeded catalogue, and filters narrow it", async ({ page }) => {
  await page.goto("/catalog");
  // Names the snapshot in force: the seed, or the sync that catalog-sync.spec.ts ran before this.
  await expect(
    page.getByText(/Catalogue snapshot: (seed|litellm|models-dev), facts as of \d{4}-\d{2}-\d{2}/),
  ).toBeVisible();
  const heading = page.getByRole("heading", {
    name: /^Access matrix: \d+ models × \d+ platforms$/,
  });
  await expect(heading).toBeVisible();
  const allModels = Number((await heading.textContent())?.match(/(\d+) models/)?.[1]);
  expect(allModels).toBeGreaterThanOrEqual(30);
  await expect(page.locator('[data-status="available"]').first()).toBeVisible();

  const filtersForm = page.getByRole("form", { name: "Catalogue filters" });
  await filtersForm.getByLabel("Vendor").selectOption("amazon");
  await filtersForm.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/vendor=amazon/);
  const narrowed = Number((await heading.textContent())?.match(/(\d+) models/)?.[1]);
  expect(narrowed).toBeGreaterThan(0);
  expect(narrowed).toBeLessThan(allModels);
  const rowHeaders = page.locator("table").first().locator("tbody th");
  for (const text of await rowHeaders.allTextContents()) expect(text).toContain("amazon");

  // Amazon's own models are sold on its own cloud, and not on Azure.
  const firstRow = page.locator("table").first().locator("tbody tr").first();
  await expect(firstRow.getByLabel(/on AWS Bedrock: (available|preview)/)).toBeVisible();
  const columns = await page.locator("table").first().locator("thead th").allTextContents();
  expect(columns).toContain("Azure AI Foundry");
  const azure = firstRow.locator("th, td").nth(columns.indexOf("Azure AI Foundry"));
  await expect(azure).toBeEmpty();
  // Drawn as a dash whose alternative text a screen reader reads.
  expect(await azure.evaluate((cell) => getComputedStyle(cell, "::before").content)).toBe(
    '"—" / "not offered"',
  );
  await expect(azure.getByRole("button")).toHaveCount(0);

  const csv = await page.request.get("/catalog/offerings.csv?vendor=amazon");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toContain("model_id,model,vendor,platform_id");
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line).toContain(",amazon,");
});

test("the region filter asks by geography: EU/EEA only keeps EU regions and drops global", async ({
  page,
}) => {
  await page.goto("/catalog");
  const filtersForm = page.getByRole("form", { name: "Catalogue filters" });
  await filtersForm.getByLabel("Region").selectOption({ label: "EU/EEA only" });
  await filtersForm.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/region=geo%3Aeu/);
  await expect(filtersForm.getByLabel("Region")).toHaveValue("geo:eu");

  const offeringsIn = async (query: string) => {
    const csv = await page.request.get(`/catalog/offerings.csv?${query}`);
    return (await csv.text()).trim().split("\r\n").slice(1);
  };
  const eu = await offeringsIn("region=geo%3Aeu");
  expect(eu.some((line) => line.includes(",gcp-vertex,") && line.includes("europe-west1"))).toBe(
    true,
  );
  expect(eu.some((line) => line.includes(",aws-bedrock,") && line.includes("eu-west-1"))).toBe(
    true,
  );
  // Global-only offerings (the Anthropic API, Google AI Studio) may leave the EU: dropped.
  expect(eu.filter((line) => line.includes(",global,"))).toEqual([]);

  // A link made before geographies, with one region code, still filters by that code.
  const single = await offeringsIn("region=eu-west-1");
  expect(single.length).toBeGreaterThan(0);
  for (const line of single) expect(line).toContain("eu-west-1");
});

test("a model page compares the same model across platforms", async ({ page }) => {
  await page.goto("/catalog?q=claude");
  const firstModel = page.locator("table").first().locator("tbody th a").first();
  const name = (await firstModel.textContent())?.trim() ?? "";
  await firstModel.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(
    page.getByText(/USD per 1M tokens, cheapest offering per platform; n = \d+ offerings/),
  ).toBeVisible();
  const parity = page.getByRole("region", { name: /Context and capability parity/ });
  const platforms = await parity.locator("tbody th").allTextContents();
  expect(new Set(platforms).size).toBeGreaterThanOrEqual(3);
  expect(platforms.join(" ")).toMatch(/Anthropic API/);
  expect(platforms.join(" ")).toMatch(/AWS Bedrock/);
});

test("a platform page shows its catalogue, exclusives and first-party share", async ({ page }) => {
  await page.goto("/catalog/platforms/aws-bedrock");
  await expect(page.getByRole("heading", { level: 1, name: "AWS Bedrock" })).toBeVisible();
  await expect(page.getByText("First-party (Amazon)")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Offered nowhere else" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "API styles" })).toBeVisible();
});

test("the platforms breadcrumb opens the list of platforms, and each row opens its page", async ({
  page,
}) => {
  await page.goto("/catalog/platforms/aws-bedrock");
  await page.getByRole("link", { name: "platforms", exact: true }).click();
  await expect(page).toHaveURL(/\/catalog\/platforms$/);
  await expect(page.getByRole("heading", { level: 1, name: "Platforms" })).toBeVisible();
  await page.getByRole("link", { name: "Google Vertex AI" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Google Vertex AI" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Measured reliability" })).toBeVisible();
});

test("a matrix cell opens its details with the keyboard; Escape closes them and returns focus", async ({
  page,
}) => {
  await page.goto("/catalog?vendor=anthropic");
  const firstRow = page.locator("table").first().locator("tbody tr").first();
  // Tab from the row's model link to the row's first offered cell: cells are buttons.
  await firstRow.locator("th a").focus();
  await page.keyboard.press("Tab");
  const cellName = (await page.locator("button[data-cell]:focus").getAttribute("aria-label")) ?? "";
  expect(cellName).toMatch(/ on .+: (available,|preview|deprecated,) \S+ blended per 1M tokens/);
  const cell = page.getByRole("button", { name: cellName, exact: true });
  await expect(cell).toBeFocused();
  await expect(cell).toHaveAttribute("aria-expanded", "false");
  const model = cellName.split(" on ")[0] ?? "";

  await page.keyboard.press("Enter");
  const details = page.getByRole("dialog", { name: new RegExp(`^${escapeRegExp(model)} on `) });
  await expect(details).toBeVisible();
  await expect(details).toBeFocused();
  await expect(details.getByRole("heading", { name: "Prices, USD per 1M tokens" })).toBeVisible();
  await expect(details.getByRole("columnheader", { name: "Blended 3:1" })).toBeVisible();
  await expect(details.getByRole("cell", { name: /^\$\d+\.\d+$/ }).first()).toBeVisible();
  await expect(details.getByRole("heading", { name: "Regions by geography" })).toBeVisible();
  await expect(
    details
      .getByText(
        /^(United States \(US law\)|EU\/EEA \(GDPR \(EU\/EEA\)\)|Global: data may leave the geography)$/,
      )
      .first(),
  ).toBeVisible();
  await expect(details.getByRole("heading", { name: "API styles" })).toBeVisible();
  await expect(details.getByRole("heading", { name: "Sources" })).toBeVisible();
  await expect(details.getByRole("link", { name: /^https:\/\// }).first()).toBeVisible();
  await expect(details.getByText(/^snapshot \d{4}-\d{2}-\d{2}$/).first()).toBeVisible();
  await expect(cell).toHaveAttribute("aria-expanded", "true");
  // Text a reader can select and copy, and a button that copies it as plain text.
  await details.getByRole("button", { name: "Copy details" }).click();
  await expect(details.getByRole("status")).toHaveText(/Copied as text|the details are selected/);

  const axe = await new AxeBuilder({ page })
    .include('section[aria-labelledby="matrix-heading"]')
    .analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`),
  ).toEqual([]);

  await page.keyboard.press("Escape");
  await expect(details).toBeHidden();
  await expect(cell).toBeFocused();
  await expect(cell).toHaveAttribute("aria-expanded", "false");

  // Space opens it too; a click outside closes it.
  await page.keyboard.press("Space");
  await expect(details).toBeVisible();
  await page.getByRole("heading", { name: /^Access matrix:/ }).click();
  await expect(details).toBeHidden();
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
