import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import {
  definition,
  escapeRegExp as escape,
  expectRunCompleted,
  launchRunFromForm,
  modelGroups,
  readSuiteHint,
  selectSuite,
  signInNewUser,
  tickSimulatedOfferings,
} from "./support";

/**
 * The comparison pages read one real run: an administrator launches the built-in "Mixed tasks"
 * suite (several categories) with one model on several simulated platforms plus a cheaper model,
 * the in-process worker completes it against the emulator, and then Compare (parity, latency,
 * category heat map, cost against quality), Lock-in (weights change the scores), Routing
 * (policies, neutrality, saving a threshold router that New run then offers) and the Overview
 * all read back from it. The tests share the run, so they run in order.
 */

test.describe.configure({ mode: "serial" });

const SUITE = "Mixed tasks";
// Sold by several platforms the emulator simulates (Anthropic, AWS Bedrock, Google Vertex…).
const MODEL = "Claude Sonnet 4.6";
// A cheaper model on one platform: the cost-quality chart and the routers get a cheap end.
const CHEAP_MODEL = "Claude Haiku 4.5";
const SUFFIX = randomBytes(3).toString("hex");
const RUN_NAME = `Comparisons e2e ${SUFFIX}`;
const POLICY_NAME = `Threshold router e2e ${SUFFIX}`;

/** Filled by the first test; the others read the run it launched. */
const shared = { runId: "", cases: 0, platforms: [] as string[] };

/** Skips without the first test's run; else opens `pathname` and waits for its heading. */
async function openPageOfSharedRun(page: Page, pathname: string, heading: string) {
  test.skip(!shared.runId, "needs the run from the first test");
  await page.goto(pathname);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

/** The page's URL names the shared run (the run forms are GET forms). */
async function expectSharedRunInUrl(page: Page) {
  await expect(page).toHaveURL(new RegExp(`[?&]run=${escape(encodeURIComponent(shared.runId))}`));
}

/** Ticks enabled simulated offerings of one model, one per platform, up to `limit`. */
function tickOfferings(page: Page, model: string, limit: number): Promise<string[]> {
  const group = modelGroups(page, new RegExp(`^${escape(model)}$`, "i"));
  return tickSimulatedOfferings(page, { search: model, group, limit });
}

test("an administrator launches a mixed-task run on one model across platforms", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto("/runs/new");
  await expect(page.getByRole("heading", { level: 1, name: "New run" })).toBeVisible();

  await selectSuite(page, SUITE);
  const hint = await readSuiteHint(page);
  shared.cases = hint.cases;
  expect(shared.cases).toBeGreaterThan(0);
  // Several categories: what the heat map and the threshold router need.
  expect(hint.categories.split(",").length).toBeGreaterThan(2);
  await page.getByLabel("Run name (optional)").fill(RUN_NAME);

  shared.platforms = await tickOfferings(page, MODEL, 3);
  expect(shared.platforms.length, `${MODEL} on several simulated platforms`).toBeGreaterThan(1);
  const cheap = await tickOfferings(page, CHEAP_MODEL, 1);
  expect(cheap, `one simulated offering of ${CHEAP_MODEL}`).toHaveLength(1);
  const targets = shared.platforms.length + 1;
  await expect(page.getByRole("heading", { name: `Chosen targets (${targets})` })).toBeVisible();

  await page.getByLabel("Repeats").fill("1");
  await page.getByLabel("Concurrency", { exact: true }).fill("8");
  const preview = page.getByRole("complementary", { name: "Preview" });
  await expect(definition(preview, "Trials")).toHaveText(
    (shared.cases * targets).toLocaleString("en-US"),
  );

  shared.runId = await launchRunFromForm(page);
  await expectRunCompleted(page, 240_000);
});

test("Compare draws parity, latency, the category heat map and cost against quality", async ({
  page,
}) => {
  await openPageOfSharedRun(page, "/compare", "Compare");

  // Choose the run, then the model on several platforms (both GET forms: the URL holds them).
  const runForm = page.getByRole("form", { name: "Choose a run" });
  await runForm.getByLabel("Run").selectOption(shared.runId);
  await runForm.getByRole("button", { name: "Open run" }).click();
  await expectSharedRunInUrl(page);
  const what = page.getByRole("form", { name: "Choose what to compare" });
  await what
    .getByLabel("Same model on several platforms")
    .selectOption({ label: `${MODEL} (${shared.platforms.length} platforms)` });
  await what.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/[?&]model=/);
  const n = shared.platforms.length;
  await expect(page.getByText(`${MODEL} on ${n} targets`, { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: RUN_NAME, exact: true })).toBeVisible();

  // Provenance on every chart: the run, its status, the suite and the catalogue snapshot.
  const provenance = new RegExp(
    `^Run “${escape(RUN_NAME)}” \\(Completed, .+\\), suite ${SUITE}; catalogue snapshot .+\\.$`,
  );

  // Score with its CI per platform, and the paired difference with a verdict.
  const parity = page.getByRole("region", { name: /^Score and parity against / });
  await expect(parity.getByText("Simulated", { exact: true })).toBeVisible();
  await expect(parity.getByText(provenance)).toBeVisible();
  await expect(
    parity.getByRole("img", {
      name: /: mean score \d{1,3}\.\d points, 95% CI \d{1,3}\.\d to \d{1,3}\.\d, n = \d+ cases$/,
    }),
  ).toHaveCount(n);
  await expect(
    parity.getByRole("img", { name: / minus .+, 95% CI .+ n = \d+ paired/ }),
  ).toHaveCount(n - 1);
  await expect(parity.getByText(/^(Equivalent|Different|Inconclusive)$/)).toHaveCount(n - 1);
  await expect(parity.getByText("(reference)", { exact: true })).toBeVisible();
  await parity.getByText("Table view: the numbers behind this chart").click();
  const parityTable = parity.getByRole("table", { name: "Score and paired difference per target" });
  await expect(parityTable.locator("tbody tr")).toHaveCount(n);
  for (const platform of shared.platforms) {
    const row = parityTable.getByRole("row", {
      name: new RegExp(`^${escape(`${MODEL} on ${platform}`)}`),
    });
    await expect(row.getByRole("cell").first()).toHaveText(/^\d{1,3}\.\d$/);
  }
  await expect(
    parityTable.getByRole("cell", { name: /^(equivalent|different|inconclusive)$/ }),
  ).toHaveCount(n - 1);

  // Latency: p50–p95 bars with p99 whiskers, time to first token and total, per platform.
  const latency = page.getByRole("region", { name: "Time to first token and total latency" });
  await expect(latency.getByText("Simulated", { exact: true })).toBeVisible();
  await expect(latency.getByRole("img", { name: /: p50 \d.*, p95 \d.*, p99 \d/ })).not.toHaveCount(
    0,
  );
  await latency.getByText("Table view: the numbers behind this chart").click();
  const latencyTable = latency.getByRole("table", { name: "Latency percentiles per target" });
  await expect(latencyTable.locator("tbody tr")).toHaveCount(n);
  await expect(latencyTable.locator("tbody tr").first().getByRole("cell").nth(4)).toHaveText(
    /^\d+(\.\d+)? m?s$/,
  );

  // The heat map: one row per category, one column per non-reference platform.
  const heatmap = page.getByRole("region", { name: /^Score difference vs .+, by category$/ });
  await expect(heatmap.getByText("Simulated", { exact: true })).toBeVisible();
  const grid = heatmap.getByRole("table", { name: /^Mean paired score difference per category/ });
  const categories = grid.locator("tbody tr");
  expect(await categories.count()).toBeGreaterThan(2);
  await expect(grid.getByRole("columnheader")).toHaveCount(n);
  await expect(grid.getByRole("cell", { name: /n = \d+/ }).first()).toBeVisible();

  // Cost against quality: every target of the run (the cheap model too), with the frontier.
  const cost = page.getByRole("region", { name: "Cost against quality, every target of this run" });
  await expect(cost.getByText("Simulated", { exact: true })).toBeVisible();
  await expect(cost.getByText(provenance)).toBeVisible();
  // Recharts draws the plot (an unnamed "application") and a legend with named icons.
  await expect(cost.getByRole("application")).toBeVisible();
  await expect(cost.getByRole("img", { name: "Pareto frontier legend icon" })).toBeVisible();
  await expect(cost.getByRole("img", { name: "On the frontier legend icon" })).toBeVisible();
  await cost.getByText("Table view: the numbers behind this chart").click();
  const costTable = cost.getByRole("table", { name: "Cost and score per target" });
  await expect(costTable.locator("tbody tr")).toHaveCount(n + 1);
  await expect(costTable.getByRole("row", { name: new RegExp(CHEAP_MODEL) })).toBeVisible();
  await expect(costTable.getByRole("cell", { name: /^\$\d/ }).first()).toBeVisible();
  await expect(costTable.getByRole("cell", { name: "yes", exact: true }).first()).toBeVisible();
});

/** "+4.2" → "−4.2", "−0.3" → "+0.3", "0.0" → "0.0": a signed figure in points, negated. */
const negate = (figure: string) =>
  figure === "0.0"
    ? figure
    : figure.startsWith("+")
      ? `−${figure.slice(1)}`
      : `+${figure.slice(1)}`;

test("the run page shows Compare's paired comparison, and its exact mirror", async ({ page }) => {
  await openPageOfSharedRun(page, `/compare?run=${encodeURIComponent(shared.runId)}`, "Compare");
  const what = page.getByRole("form", { name: "Choose what to compare" });
  await what
    .getByLabel("Same model on several platforms")
    .selectOption({ label: `${MODEL} (${shared.platforms.length} platforms)` });
  await what.getByRole("button", { name: "Compare" }).click();
  const parity = page.getByRole("region", { name: /^Score and parity against / });
  const label =
    (await parity
      .getByRole("img", { name: / minus / })
      .first()
      .getAttribute("aria-label")) ?? "";
  const shown =
    /^(.+) minus (.+): ([+−]?\d+\.\d) points, 95% CI ([+−]?\d+\.\d) to ([+−]?\d+\.\d), n = (\d+) paired cases$/.exec(
      label,
    );
  expect(shown, label).not.toBeNull();
  const [, target = "", reference = "", difference = "", low = "", high = "", n = ""] = shown!;

  await page.goto(`/runs/${encodeURIComponent(shared.runId)}`);
  const pairForm = page.getByRole("form", { name: "Choose two targets to compare" });
  const options = await pairForm.getByLabel("Target A").locator("option").allTextContents();
  // Compare names a target by its label, or by its platform alone when it compares one model.
  const optionFor = (name: string) => {
    const option = options.find((text) => text === name || text === `${MODEL} on ${name}`);
    expect(option, `the run target "${name}" among ${options.join(", ")}`).toBeDefined();
    return option!;
  };
  const pair = page.getByRole("region", { name: "Paired comparison" });
  for (const [a, b, figures] of [
    [target, reference, [difference, low, high]],
    [reference, target, [negate(difference), negate(high), negate(low)]],
  ] as const) {
    await pairForm.getByLabel("Target A").selectOption({ label: optionFor(a) });
    await pairForm.getByLabel("Target B").selectOption({ label: optionFor(b) });
    await pairForm.getByRole("button", { name: "Compare" }).click();
    await expect(pair).toContainText(
      `${figures[0]} points (95% CI ${figures[1]} to ${figures[2]}; n = ${n} cases; simulated)`,
    );
  }
});

/** Lock-in score per platform, from the table view of the chart (opened if closed). */
async function lockinScores(page: Page): Promise<Record<string, string>> {
  const table = page.getByRole("table", { name: /^Lock-in score and factor contributions/ });
  if (!(await table.isVisible())) await page.getByText("Show the numbers as a table").click();
  await expect(table).toBeVisible();
  const scores: Record<string, string> = {};
  for (const row of await table.locator("tbody tr").all()) {
    const platform = (await row.getByRole("rowheader").innerText()).trim();
    scores[platform] = (await row.getByRole("cell").first().innerText()).trim();
  }
  return scores;
}

test.describe("as an analyst", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("Lock-in weights change the scores, and resetting restores them", async ({ page }) => {
    await signInNewUser(page, "analyst");

    await page.goto("/lock-in");
    await expect(page.getByRole("heading", { level: 1, name: "Lock-in" })).toBeVisible();
    await expect(
      page.getByRole("heading", { name: "Lock-in risk per platform, by factor" }),
    ).toBeVisible();
    await expect(page.getByText(/default weights/).first()).toBeVisible();
    // The stacked bars (Recharts' unnamed "application") and the open factor table of the top one.
    await expect(page.getByRole("application").first()).toBeVisible();
    await expect(
      page.getByRole("heading", { name: "Factors and evidence per platform" }),
    ).toBeVisible();
    const factors = page.getByRole("table", { name: /^Lock-in factors of / }).first();
    await expect(factors.getByRole("rowheader", { name: /Model substitutability/ })).toBeVisible();
    const before = await lockinScores(page);
    expect(Object.keys(before).length).toBeGreaterThan(1);
    for (const score of Object.values(before)) expect(score).toMatch(/^\d+\.\d$/);

    // One factor counts far more than the rest: some platform's score moves.
    const weights = page.getByRole("form", { name: "Factor weights" });
    await expect(weights.getByText("Default rubric.")).toBeVisible();
    await weights.getByLabel("Model substitutability").fill("1000");
    await expect(weights.getByText("Sum of weights: 1080")).toBeVisible();
    await weights.getByRole("button", { name: "Save weights" }).click();
    await expect(weights.getByText("Weights saved. The scores above use them now.")).toBeVisible();
    await expect(weights.getByText("Your saved weights.")).toBeVisible();
    await expect(async () => {
      expect(await lockinScores(page)).not.toEqual(before);
    }).toPass();

    // Saved for this user: a reload keeps them.
    await page.reload();
    await expect(weights.getByLabel("Model substitutability")).toHaveValue("1000");
    expect(await lockinScores(page)).not.toEqual(before);

    await weights.getByRole("button", { name: "Reset to defaults" }).click();
    await expect(weights.getByText("Weights reset to the default rubric.")).toBeVisible();
    await expect(weights.getByLabel("Model substitutability")).toHaveValue("20");
    await expect(async () => {
      expect(await lockinScores(page)).toEqual(before);
    }).toPass();
  });
});

test("Lock-in loads a closed platform's factors when it is opened, and lists its reference facts with their check dates", async ({
  page,
}) => {
  await page.goto("/lock-in");
  const section = page.getByRole("heading", { name: "Factors and evidence per platform" });
  await expect(section).toBeVisible();
  // Only the top platform's factor table comes with the page.
  await expect(page.getByRole("table", { name: /^Lock-in factors of / })).toHaveCount(1);
  const azure = page.locator("details#platform-azure-foundry");
  await azure.locator("summary").focus();
  await page.keyboard.press("Enter");
  const table = page.getByRole("table", { name: "Lock-in factors of Azure AI Foundry" });
  await expect(table).toBeVisible();
  // Data gravity cites Azure's exit waiver, with its conditions and the date it was checked.
  const gravity = table.getByRole("row", { name: /Data gravity and switching cost/ });
  await expect(gravity).toContainText("Exit waiver (since 2024-03-12)");
  await expect(gravity).toContainText("Azure Storage");
  await expect(gravity).toContainText("checked 2026-12-07");

  const facts = page.getByRole("table", { name: /^Reference facts behind the lock-in factors/ });
  await expect(facts.getByRole("row", { name: /exit waiver since 2024-03-12/ })).toContainText(
    "60 days",
  );
  await expect(facts.getByText(/not yet confirmed against its source/).first()).toBeVisible();
});

test("Routing simulates policies on the run and saves a threshold router as a target", async ({
  page,
}) => {
  await openPageOfSharedRun(page, "/routing", "Routing");
  await page.getByLabel("Finished run").selectOption(shared.runId);
  await page.getByRole("button", { name: "Simulate" }).click();
  await expectSharedRunInUrl(page);

  const frontier = page.getByRole("region", { name: "Quality against cost, by routing policy" });
  await expect(frontier.getByText("Simulated", { exact: true })).toBeVisible();
  await expect(frontier.getByRole("link", { name: RUN_NAME, exact: true })).toBeVisible();
  await expect(frontier.getByRole("list", { name: "Legend" })).toContainText("Pareto frontier");
  await expect(frontier.getByRole("button", { name: "Points CSV" })).toBeVisible();

  const policies = frontier.getByRole("table", { name: /^Routing policies/ });
  await expect(policies.getByRole("columnheader", { name: "AIQ" })).toBeVisible();
  for (const name of ["Oracle (upper bound)", "Random mix", "Quality threshold"]) {
    const row = policies.getByRole("row").filter({
      has: page.getByRole("rowheader", { name: new RegExp(`^${escape(name)}`) }),
    });
    await expect(row).toHaveCount(1);
    // Mean score, USD per case, USD per 1,000 cases, n, AIQ.
    await expect(row.getByRole("cell").nth(0)).toHaveText(/^\d{1,3}\.\d$/);
    await expect(row.getByRole("cell").nth(2)).toHaveText(/^\$\d/);
    await expect(row.getByRole("cell").nth(3)).toHaveText(String(shared.cases));
    await expect(row.getByRole("cell").nth(4)).toHaveText(/^\d{1,3}\.\d$/);
  }
  // CPT is defined for the threshold router only.
  const threshold = policies.getByRole("row").filter({
    has: page.getByRole("rowheader", { name: /^Quality threshold/ }),
  });
  await expect(threshold.getByRole("cell").nth(5)).toHaveText(/^(\d+\.\d%|—)$/);

  const audit = page.getByRole("region", {
    name: "Share of calls by vendor group, per routing policy",
  });
  await expect(audit.getByText("Simulated", { exact: true })).toBeVisible();
  await expect(
    audit.getByRole("list", { name: "Vendor groups" }).getByRole("listitem"),
  ).not.toHaveCount(0);
  await audit.getByText("Table view", { exact: true }).click();
  await expect(audit.getByRole("table").getByRole("cell", { name: /%$/ }).first()).toBeVisible();

  // Save the threshold router under a unique name.
  const save = page.getByRole("region", { name: "Save as routing target" });
  await save.getByLabel("Name").fill(POLICY_NAME);
  await expect(save.getByLabel("Policy")).toHaveValue("quality-floor");
  await expect(save.getByLabel("Threshold (mean score, points 0–100)")).toHaveValue(
    /^\d{1,3}\.\d$/,
  );
  await save.getByRole("button", { name: "Save as routing target" }).click();
  await expect(save.getByText(`Saved “${POLICY_NAME}”.`)).toBeVisible();

  // New run offers it under "Saved routing policies", and ticking it makes it a target.
  await save.getByRole("link", { name: "New run" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New run" })).toBeVisible();
  const saved = page.getByRole("group", { name: "Saved routing policies" });
  const checkbox = saved.getByRole("checkbox", { name: new RegExp(`^${escape(POLICY_NAME)}`) });
  await expect(checkbox).toBeVisible();
  await checkbox.check();
  await expect(page.getByRole("heading", { name: "Chosen targets (1)" })).toBeVisible();
  const suiteSelect = page.getByRole("combobox", { name: "Suite", exact: true });
  const suiteOption = suiteSelect.locator("option", { hasText: SUITE });
  await suiteSelect.selectOption((await suiteOption.getAttribute("value")) ?? "");
  await page.getByLabel("Repeats").fill("1");
  const preview = page.getByRole("complementary", { name: "Preview" });
  await expect(definition(preview, "Trials")).toHaveText(shared.cases.toLocaleString("en-US"));
  await expect(preview.getByText(POLICY_NAME)).toBeVisible();
});

test("the Overview shows the latest run and the lock-in scores", async ({ page }) => {
  test.skip(!shared.runId, "needs the run from the first test");
  await page.goto("/lock-in");
  const scores = await lockinScores(page);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Latest runs" })).toBeVisible();
  await expect(page.getByRole("link", { name: RUN_NAME, exact: true }).first()).toBeVisible();
  const expected = String(shared.cases * (shared.platforms.length + 1));
  await expect(
    page.getByRole("progressbar", { name: `${RUN_NAME}: trials stored` }),
  ).toHaveAttribute("aria-valuenow", expected);

  await expect(page.getByRole("heading", { name: "Lock-in risk per platform" })).toBeVisible();
  await expect(page.getByText(/(default|your) weights; catalogue snapshot/)).toBeVisible();
  for (const [platform, score] of Object.entries(scores).slice(0, 3)) {
    // A platform scored on part of the workload is marked "(partial)" and says what it lacks.
    const item = page.getByRole("listitem").filter({
      hasText: new RegExp(
        `^${escape(platform)}( \\(partial\\))?\\s*\\d+\\.\\d\\s*(Low|Moderate|High|Critical)(\\s*Not ranked with the others: .*)?$`,
      ),
    });
    await expect(item).toHaveCount(1);
    // The same figure as the Lock-in page, at the same precision (it was rounded to a whole
    // number here and shown with one decimal there).
    const shown = (await item.innerText()).match(/(\d+\.\d)\s*(Low|Moderate|High|Critical)/)?.[1];
    expect(shown).toBe(score);
  }
});
