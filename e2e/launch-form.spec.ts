import { expect, test } from "@playwright/test";
import pg from "pg";
import { modelGroups, selectSuite, tickSimulatedOfferings } from "./support";

/**
 * The New run form launches only from its button. Enter in a field used to submit the form and
 * launch a run with whatever was ticked (with real credentials, that spends money).
 */

/** Runs in the e2e database: what a launch would add to. */
async function countRuns(): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "EvalRun"`);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

test("Enter in the search box or in Repeats does not launch a run; the button does", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto("/runs/new");
  await expect(page.getByRole("heading", { level: 1, name: "New run" })).toBeVisible();
  await selectSuite(page, "Factual questions");
  await tickSimulatedOfferings(page, {
    search: "llama 3.3 70b",
    group: modelGroups(page, /llama 3\.3 70b/i).first(),
    limit: 1,
  });
  await page.getByLabel("Repeats").fill("1");
  const before = await countRuns();

  await page.getByLabel("Search offerings").press("Enter");
  await page.getByLabel("Repeats").press("Enter");
  // Give a launch, had there been one, time to reach the database.
  await page.waitForTimeout(2_000);
  await expect(page).toHaveURL(/\/runs\/new$/);
  expect(await countRuns()).toBe(before);

  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page).toHaveURL(/\/runs\/(?!new$)[^/?#]+$/);
  expect(await countRuns()).toBe(before + 1);
});
