import { expect, test } from "@playwright/test";
import { modelGroups, selectSuite, tickSimulatedOfferings } from "./support";

/**
 * The New run form launches only from its button. Enter in a field used to submit the form and
 * launch a run with whatever was ticked (with real credentials, that spends money).
 */

test("Enter in the search box or in Repeats does not launch a run; the button does", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const launches: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/runs/new") {
      launches.push(request.url());
    }
  });
  await page.goto("/runs/new");
  await expect(page.getByRole("heading", { level: 1, name: "New run" })).toBeVisible();
  await selectSuite(page, "Factual questions");
  await tickSimulatedOfferings(page, {
    search: "llama 3.3 70b",
    group: modelGroups(page, /llama 3\.3 70b/i).first(),
    limit: 1,
  });
  await page.getByLabel("Repeats").fill("1");

  await page.getByLabel("Search offerings").press("Enter");
  await page.getByLabel("Repeats").press("Enter");
  // Give a submission, had there been one, time to reach the server.
  await page.waitForTimeout(1_500);
  expect(launches).toEqual([]);
  await expect(page).toHaveURL(/\/runs\/new$/);

  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page).toHaveURL(/\/runs\/(?!new$)[^/?#]+$/);
  expect(launches.length).toBe(1);
});
