import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import {
  ADMIN_STATE,
  expectRunCompleted,
  launchRunFromForm,
  modelGroups,
  selectSuite,
  tickSimulatedOfferings,
} from "./support";

/**
 * axe-core on the pages a PM works in: the New run form, a run's page (results, the paired
 * comparison and the per-case view), in the light and the dark theme. No serious or critical
 * violation is allowed.
 */

/** The serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}; ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

let runPath = "";

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const page = await browser.newPage({
    storageState: ADMIN_STATE,
    baseURL: testInfo.project.use.baseURL,
  });
  await page.goto("/runs/new");
  await selectSuite(page, "Factual questions");
  await tickSimulatedOfferings(page, {
    search: "llama 3.3 70b",
    group: modelGroups(page, /llama 3\.3 70b/i).first(),
    limit: 2,
    atLeast: 2,
  });
  await page.getByLabel("Repeats").fill("1");
  runPath = `/runs/${encodeURIComponent(await launchRunFromForm(page))}`;
  await expectRunCompleted(page, 120_000);
  await page.close();
});

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test("the New run form has no serious or critical violation", async ({ page }) => {
      await page.goto("/runs/new");
      await expect(page.getByRole("heading", { level: 1, name: "New run" })).toBeVisible();
      await page.getByLabel("Add a model on every platform").fill("claude sonnet 4.6");
      await page.getByLabel("Add a model on every platform").press("Enter");
      await expect(page.getByRole("heading", { name: /^Chosen targets/ })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("a run's page has no serious or critical violation", async ({ page }) => {
      await page.goto(runPath);
      await expect(
        page.getByRole("heading", { level: 2, name: "Results per target" }),
      ).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
