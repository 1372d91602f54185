import { expect, test } from "@playwright/test";
import { launchSmallRun, queryE2eDatabase, signInNewUser } from "./support";

/**
 * The per-case results of a run read case by case: one row per case, one column per target,
 * each cell the target's output, verdict and score. From the keyboard, the reader keeps only the
 * cases where the targets disagree, switches to the trial list and back, and an empty result says
 * so. What "disagree" should catch is worked out here from the stored trials, not the rollups.
 */

// Each test signs in as its own user; the project's admin state would otherwise be inherited.
test.use({ storageState: { cookies: [], origins: [] } });

const PAGE_SIZE = 25;

/**
 * The cases of a one-repeat, two-target run, and those where one target passed and the other
 * failed or whose scores are more than 20 points apart.
 */
async function countDisagreements(runId: string): Promise<{ cases: number; disagree: number }> {
  const [row] = await queryE2eDatabase<{ cases: number; disagree: number }>(
    `SELECT count(*)::int AS cases,
       count(*) FILTER (WHERE is_split OR spread > 0.2 + 1e-9)::int AS disagree
     FROM (
       SELECT "caseId",
         count(*) FILTER (WHERE score IS NOT NULL AND status = 'ok') = 2
           AND bool_or(coalesce(pass, false)) <> bool_and(coalesce(pass, false)) AS is_split,
         CASE WHEN count(score) FILTER (WHERE status = 'ok') = 2
           THEN max(score) - min(score) END AS spread
       FROM "Trial" WHERE "runId" = $1 GROUP BY "caseId"
     ) AS per_case`,
    [runId],
  );
  return { cases: row?.cases ?? 0, disagree: row?.disagree ?? 0 };
}

test("a run reads case by case, side by side, down to the cases where the targets disagree", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInNewUser(page, "operator");
  const runId = await launchSmallRun(page);
  const { cases, disagree } = await countDisagreements(runId);
  expect(cases).toBeGreaterThan(0);

  // "By case" is the default view.
  const views = page.getByRole("navigation", { name: "Show the per-case results" });
  await expect(views.getByRole("link", { name: "By case" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(
    page.getByRole("heading", { name: `Per-case results (${cases} cases)` }),
  ).toBeVisible();
  await expect(page.getByText(/mean scores are more than 20\.0 points apart/)).toBeVisible();

  // One column per target after the case, each marked simulated; one row per case, paged.
  const grid = page.getByRole("table", { name: /^Cases × targets/ });
  const headers = grid.getByRole("columnheader");
  await expect(headers).toHaveCount(3);
  await expect(headers.nth(1)).toContainText("Simulated");
  await expect(headers.nth(2)).toContainText("Simulated");
  const rows = grid.locator("tbody tr");
  await expect(rows).toHaveCount(Math.min(cases, PAGE_SIZE));
  const firstCells = rows.first().getByRole("cell");
  await expect(firstCells).toHaveCount(2);
  for (const cell of await firstCells.all()) {
    await expect(cell).toContainText(/(\d of 1 passed|1 error|1 not scored) · score /);
  }
  if (cases > PAGE_SIZE) {
    await expect(
      page.getByRole("navigation", { name: "Case pages" }).getByRole("link", { name: "Next" }),
    ).toBeVisible();
  }

  // The grid reads cell by cell from the keyboard: one Tab stop, then the arrow keys.
  const caseHeader = rows.first().getByRole("rowheader");
  await caseHeader.focus();
  await page.keyboard.press("ArrowRight");
  await expect(firstCells.first()).toBeFocused();
  await page.keyboard.press("End");
  await expect(firstCells.last()).toBeFocused();
  await page.keyboard.press("Home");
  await expect(caseHeader).toBeFocused();
  if (cases > 1) {
    await page.keyboard.press("ArrowDown");
    await expect(rows.nth(1).getByRole("rowheader")).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(caseHeader).toBeFocused();
  }

  // Only the cases where the targets disagree, by keyboard.
  const filters = page.getByRole("form", { name: "Filter the per-case results" });
  const onlyDisagree = filters.getByLabel("Only cases where the targets disagree");
  await onlyDisagree.focus();
  await page.keyboard.press("Space");
  await expect(onlyDisagree).toBeChecked();
  await filters.getByRole("button", { name: "Apply filters" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]disagree=on/);
  await expect(
    page.getByRole("heading", { name: `Per-case results (${disagree} cases match)` }),
  ).toBeVisible();
  await expect(filters.getByLabel("Only cases where the targets disagree")).toBeChecked();
  const disagreeing = grid.locator("tbody tr");
  await expect(disagreeing).toHaveCount(Math.min(disagree, PAGE_SIZE));
  for (const row of await disagreeing.all()) {
    await expect(row.getByText("Targets disagree", { exact: true })).toBeVisible();
  }

  // To the trial list and back, by keyboard; the trial filters go along, the disagreement
  // filter (which the trial list has not) stays behind.
  await filters.getByLabel("Search").fill("fact-0");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]q=fact-0/);
  await views.getByRole("link", { name: "Trials" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]view=trials/);
  await expect(page).toHaveURL(/[?&]q=fact-0/);
  await expect(
    page.getByRole("heading", { name: /^Per-case results \(\d+ trials match\)$/ }),
  ).toBeVisible();
  await expect(page.getByRole("table", { name: /^Trials: one row per case/ })).toBeVisible();
  await views.getByRole("link", { name: "By case" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/[?&]view=/);
  await expect(page).toHaveURL(/[?&]q=fact-0/);
  await expect(grid).toBeVisible();
  await expect(filters.getByLabel("Only cases where the targets disagree")).not.toBeChecked();

  // Nothing matches: the page says so instead of drawing an empty grid.
  await filters.getByLabel("Search").fill("no case says this");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No case matches these filters.")).toBeVisible();
  await expect(grid).toHaveCount(0);
});
