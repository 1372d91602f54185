import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import {
  definition,
  expectRunCompleted,
  launchRunFromForm,
  openAllOfferings,
  modelGroups,
  readSuiteHint,
  selectSuite,
  signInNewUser,
  tickSimulatedOfferings,
} from "./support";

/**
 * Evaluation runs end to end: an operator launches a small run against two simulated offerings,
 * the in-process worker completes it against the emulator, and the results, the paired
 * comparison, the per-case table and the export read back. Viewers cannot launch, and the form
 * names the field that stops a launch.
 */

// Each test signs in as its own user; the project's admin state would otherwise be inherited.
test.use({ storageState: { cookies: [], origins: [] } });

const SUITE = "Factual questions";
// The model whose offerings the operator compares across platforms (several platforms sell it).
const MODEL_SEARCH = "llama 3.3 70b";

/** Signs a new user of this role in (see signInNewUser) and opens the Overview. */
async function signInAs(page: Page, role: "viewer" | "operator") {
  const user = await signInNewUser(page, role);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  return user;
}

/** The count in "Per-case results (N trials[ match])". */
async function trialsShown(page: Page): Promise<number> {
  const heading = page.getByRole("heading", { name: /^Per-case results \(\d+ trials/ });
  const text = (await heading.textContent()) ?? "";
  return Number(text.match(/\((\d+) trials/)?.[1]);
}

test("an operator launches a run on two simulated offerings and reads its results", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, "operator");

  await page.goto("/runs");
  await page.getByRole("link", { name: "New run" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New run" })).toBeVisible();

  // Suite: a small built-in one, scored by exact match (no judge needed).
  await selectSuite(page, SUITE);
  const { cases } = await readSuiteHint(page);
  expect(cases).toBeGreaterThan(0);
  expect(cases).toBeLessThanOrEqual(60);

  // Targets: the same model on two different platforms, both run against the emulator.
  const chosen = await tickSimulatedOfferings(page, {
    search: MODEL_SEARCH,
    group: modelGroups(page, /llama 3\.3 70b/i).first(),
    limit: 2,
    atLeast: 2,
  });
  expect(chosen, "two simulated offerings on different platforms").toHaveLength(2);
  await expect(page.getByRole("heading", { name: "Chosen targets (2)" })).toBeVisible();

  // Parameters.
  await page.getByLabel("Repeats").fill("1");
  await page.getByLabel("Concurrency", { exact: true }).fill("8");

  // The live preview: one trial per case and target, with an expected cost.
  const preview = page.getByRole("complementary", { name: "Preview" });
  await expect(definition(preview, "Trials")).toHaveText(String(cases * 2));
  await expect(definition(preview, "Expected cost")).toHaveText(/\$\d/);
  await expect(preview.getByText(/2 of 2 run against the emulator/)).toBeVisible();

  const started = Date.now();
  const runId = await launchRunFromForm(page);
  await expect(page.getByText("Simulated run", { exact: true })).toBeVisible();

  // The page refreshes itself every two seconds until the run is finished.
  await expectRunCompleted(page, 120_000);
  test.info().annotations.push({
    type: "run duration",
    description: `${((Date.now() - started) / 1000).toFixed(1)} s for ${cases * 2} trials`,
  });
  await expect(page.getByRole("progressbar", { name: "Trials stored" })).toHaveAttribute(
    "aria-valuenow",
    String(cases * 2),
  );

  // Results per target: both targets, each with a score, its 95% CI and n.
  const results = page.getByRole("table", { name: /^Results per target/ });
  const targetRows = results.locator("tbody tr");
  await expect(targetRows).toHaveCount(2);
  for (const platform of chosen) {
    await expect(results.getByRole("rowheader", { name: new RegExp(platform) })).toBeVisible();
  }
  for (const row of await targetRows.all()) {
    await expect(row.getByRole("cell").first()).toHaveText(
      /^\d{1,3}\.\d\s*\[\d{1,3}\.\d, \d{1,3}\.\d\] n=\d+ cases$/,
    );
  }

  // Paired comparison: choose the two targets explicitly, then submit.
  const pairForm = page.getByRole("form", { name: "Choose two targets to compare" });
  const targetLabels = await pairForm.getByLabel("Target A").locator("option").allTextContents();
  expect(targetLabels).toHaveLength(2);
  const [firstLabel = "", secondLabel = ""] = targetLabels;
  await pairForm.getByLabel("Target A").selectOption({ label: secondLabel });
  await pairForm.getByLabel("Target B").selectOption({ label: firstLabel });
  await pairForm.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/[?&]a=.+&b=.+#pair$/);
  const pair = page.getByRole("region", { name: "Paired comparison" });
  await expect(pair.getByText(/^(Equivalent|Different|Inconclusive)$/)).toBeVisible();
  await expect(pair.getByText(/\(95% CI .+ to .+; n = \d+ cases; simulated\)/)).toBeVisible();

  // Per-case results open by case (e2e/case-matrix.spec.ts); the trial list is one link away and
  // lists every trial, and the filters narrow it.
  await page
    .getByRole("navigation", { name: "Show the per-case results" })
    .getByRole("link", { name: "Trials" })
    .click();
  await expect(page).toHaveURL(/[?&]view=trials/);
  const trials = page.getByRole("table", { name: /^Trials: one row per case/ });
  await expect(trials.locator("tbody tr").first()).toBeVisible();
  expect(await trialsShown(page)).toBe(cases * 2);

  const filters = page.getByRole("form", { name: "Filter the per-case results" });
  await filters.getByLabel("Target").selectOption({ label: firstLabel });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]target=/);
  await expect(
    page.getByRole("heading", { name: `Per-case results (${cases} trials match)` }),
  ).toBeVisible();
  for (const cell of await trials.locator("tbody tr td:nth-child(2)").all()) {
    await expect(cell).toHaveText(firstLabel);
  }

  await filters.getByLabel("Outcome").selectOption("pass");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]outcome=pass/);
  await expect(
    page.getByRole("heading", { name: /^Per-case results \(\d+ trials match\)$/ }),
  ).toBeVisible();
  const passing = await trialsShown(page);
  expect(passing).toBeLessThanOrEqual(cases);
  for (const cell of await trials.locator("tbody tr td:nth-child(5)").all()) {
    await expect(cell).toContainText("Pass");
  }

  // The CSV export: a header row, then one row per trial, labelled simulated.
  const csvLink = page.getByRole("link", { name: "Trials CSV" });
  const download = page.waitForEvent("download");
  await csvLink.click();
  const csvPath = await (await download).path();
  const lines = (await readFile(csvPath, "utf8")).trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^run_id,target_id,target,case_id,repeat,status,pass,score,/);
  expect(lines[0]).toMatch(/,simulated$/);
  // Outputs may span lines inside quotes; a record starts with the run id.
  const dataRows = lines.filter((line) => line.startsWith(`${runId},`));
  expect(dataRows).toHaveLength(cases * 2);
  expect(dataRows.every((line) => line.endsWith(",true"))).toBe(true);

  const json = await page.request.get(
    (await page.getByRole("link", { name: "Trials JSON" }).getAttribute("href")) ?? "",
  );
  expect(json.ok()).toBe(true);
});

test("a viewer cannot launch a run", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/runs");
  await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Suites" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New run" })).toHaveCount(0);

  const response = await page.goto("/runs/new");
  expect(response?.status()).toBe(403);
  await expect(
    page.getByRole("heading", { level: 1, name: "You need a different role" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Launch run" })).toHaveCount(0);
});

test("the launch form names the field that stops a launch", async ({ page }) => {
  await signInAs(page, "operator");
  await page.goto("/runs/new");
  await expect(page.getByRole("heading", { level: 1, name: "New run" })).toBeVisible();
  const alert = page.getByRole("alert").filter({ hasText: "The run was not launched" });

  // No target ticked: the message names the targets, and the model search (the field) gets focus.
  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(alert).toBeVisible();
  await expect(alert.getByRole("button", { name: /^Targets: / })).toBeVisible();
  await expect(page.getByLabel("Add a model on every platform")).toBeFocused();
  await expect(page).toHaveURL(/\/runs\/new$/);

  // One target, but too many repeats: now the repeats are named instead.
  await openAllOfferings(page);
  await page
    .getByRole("checkbox", { name: /Simulated/, disabled: false })
    .first()
    .check();
  await page.getByLabel("Repeats").fill("101");
  await expect(alert.getByRole("button", { name: "Repeats: at most 100." })).toBeVisible();
  await expect(alert.getByRole("button", { name: /^Targets: / })).toHaveCount(0);
  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page.getByLabel("Repeats")).toBeFocused();
  await expect(page.getByLabel("Repeats")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/runs\/new$/);
});

test("a run stopped by its budget shows what it spent against the cap, and why it stopped", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, "operator");
  await page.goto("/runs/new");
  await selectSuite(page, SUITE);
  const chosen = await tickSimulatedOfferings(page, {
    search: MODEL_SEARCH,
    group: modelGroups(page, /llama 3\.3 70b/i).first(),
    limit: 1,
  });
  expect(chosen).toHaveLength(1);
  await page.getByLabel("Repeats").fill("1");
  // Far less than one call's worst case (its prompt and max tokens out): the first call cannot
  // start, so the run stops before spending anything.
  await page.getByLabel("Budget cap, USD (optional)").fill("0.0001");
  await launchRunFromForm(page);

  const header = page.locator("header").filter({ has: page.getByRole("heading", { level: 1 }) });
  await expect(header.getByText("Budget exceeded", { exact: true })).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    header.getByText(
      /^Stopped before going over the budget: \$0\.00 spent of the \$0\.00010 cap; the next call could cost up to \$0\.\d+ /,
    ),
  ).toBeVisible();
  await expect(page.getByText(/cost so far \$0\.00 of a \$0\.00010 budget$/)).toBeVisible();
});
