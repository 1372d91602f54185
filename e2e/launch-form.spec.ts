import { expect, test } from "@playwright/test";
import pg from "pg";
import {
  definition,
  expectRunCompleted,
  modelGroups,
  selectSuite,
  tickSimulatedOfferings,
} from "./support";

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

test("model first: a model on every platform in one search, and Launch run by keyboard alone", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto("/runs/new");
  await expect(page.getByRole("heading", { level: 1, name: "New run" })).toBeVisible();
  await selectSuite(page, "Factual questions");
  await page.getByLabel("Repeats").fill("1");

  // Type the model, press Enter: its offering on every platform it can be called on is ticked.
  await page.getByLabel("Add a model on every platform").focus();
  await page.keyboard.type("claude sonnet 4.6");
  await page.keyboard.press("Enter");
  const group = page
    .getByRole("region", { name: "Targets" })
    .getByRole("group", { name: "Claude Sonnet 4.6", exact: true });
  const ticked = await group.getByRole("checkbox", { checked: true }).count();
  expect(ticked, "Claude Sonnet 4.6 ticked on several platforms").toBeGreaterThanOrEqual(3);
  // One offering per platform: a platform with two ids for the model is not compared with itself.
  const platforms = await group
    .getByRole("checkbox", { checked: true })
    .evaluateAll((boxes) =>
      boxes.map((box) => document.querySelector(`label[for="${box.id}"]`)?.textContent ?? ""),
    );
  expect(new Set(platforms).size).toBe(platforms.length);
  await expect(page.getByRole("heading", { name: `Chosen targets (${ticked})` })).toBeVisible();
  await expect(
    definition(page.getByRole("complementary", { name: "Preview" }), "Trials"),
  ).toHaveText(/\d/);

  // From the model search, Tab alone reaches "Launch run": the long lists stay closed.
  const launch = page.getByRole("button", { name: "Launch run" });
  let presses = 0;
  for (; presses < 60; presses++) {
    if (await launch.evaluate((button) => button === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  expect(presses, "Tab presses from the model search to Launch run").toBeLessThanOrEqual(30);
  test.info().annotations.push({ type: "tab presses to Launch run", description: String(presses) });

  // One keystroke after choosing the model: Ctrl+Enter launches from any field. Every target runs
  // on the emulator, so nothing is spent and no confirmation is asked.
  const before = await countRuns();
  await page.getByLabel("Add a model on every platform").focus();
  await page.keyboard.press("Control+Enter");
  await expect(page).toHaveURL(/\/runs\/(?!new$)[^/?#]+$/);
  expect(await countRuns()).toBe(before + 1);
});

test("cloud routers are targets: the run records what served them, and the audit reads the same on the run page, Routing and a report", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const runName = `Router audit e2e ${Date.now().toString(36)}`;
  await page.goto("/runs/new");
  await selectSuite(page, "Factual questions");
  await page.getByLabel("Run name (optional)").fill(runName);
  await page.getByLabel("Repeats").fill("1");
  await page.getByText(/^Add a model router: a cloud's own, or OpenRouter's \(\d+\)/).click();
  await page.getByLabel(/^Bedrock prompt router \(anthropic\.claude\)/).check();
  await page.getByLabel(/^Foundry model router \(Balanced\)/).check();
  // Single models beside the routers: Crossbench's threshold policy is replayed over them.
  await page.getByLabel("Add a model on every platform").fill("gpt-5 mini");
  await page.getByLabel("Add a model on every platform").press("Enter");
  await expect(page.getByRole("heading", { name: /^Chosen targets \((\d+)\)/ })).toBeVisible();
  await expect(
    definition(page.getByRole("complementary", { name: "Preview" }), "Trials"),
  ).toHaveText(/^[\d,]+$/);
  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page).toHaveURL(/\/runs\/(?!new$)[^/?#]+$/);
  await expectRunCompleted(page, 180_000);
  const results = page.getByRole("table", { name: /^Results per target/ });
  const row = results.getByRole("row", { name: /Bedrock prompt router \(anthropic\.claude\)/ });
  await expect(row).toBeVisible();
  // The pool's models that answered are named beside the router, with their calls.
  await expect(row).toContainText(/Served by: .+ \(\d+\)/);

  // The measured audit: each router against the threshold policy, with interval and n, simulated.
  const audit = page.getByRole("region", { name: "Model routers, measured" });
  const bedrock = audit.getByTestId("router-audit").filter({ hasText: "anthropic.claude" });
  await expect(audit.getByTestId("router-audit")).toHaveCount(2);
  const headline = bedrock.getByTestId("router-audit-headline");
  await expect(headline).toHaveText(
    /than Crossbench quality threshold \(replayed\), n = \d+ cases, simulated\.$/,
  );
  await expect(headline).toContainText("95% CI");
  await expect(bedrock).toContainText(/Amazon group models served [\d.]+% of \d+ calls \(95% CI/);
  const words = await headline.textContent();

  // Routing shows the same audit, word for word.
  await audit.getByRole("link", { name: "Open it on Routing" }).click();
  await expect(page).toHaveURL(/\/routing\?run=/);
  const routing = page.getByRole("region", { name: "Model routers, measured" });
  await expect(
    routing
      .getByTestId("router-audit")
      .filter({ hasText: "anthropic.claude" })
      .getByTestId("router-audit-headline"),
  ).toHaveText(words!);

  // And so does a report drafted from the run.
  await page.goto("/reports");
  const form = page.getByRole("form", { name: "New report" });
  await form.getByLabel("Report title").fill(`${runName} report`);
  await form.getByRole("checkbox", { name: new RegExp(`^${runName}`) }).check();
  await form.getByRole("button", { name: "Draft report" }).click();
  await expect(page).toHaveURL(/\/reports\/[^/?#]+$/, { timeout: 60_000 });
  const inReport = page.getByRole("region", { name: "Model routers, measured" });
  await expect(
    inReport
      .getByTestId("router-audit")
      .filter({ hasText: "anthropic.claude" })
      .getByTestId("router-audit-headline"),
  ).toHaveText(words!);
});
