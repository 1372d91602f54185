import { expect, test, type Page } from "@playwright/test";
import {
  launchSmallRun,
  queryE2eDatabase as query,
  signInNewUser,
  SMALL_RUN_SUITE,
} from "./support";

/**
 * The run page leads on: links to Compare, Routing and the report builder with this run chosen,
 * "Launch again" into a form holding the run's settings, and delete with a confirmation that works
 * from the keyboard. A viewer sees only what a viewer may use. A queued run says what it waits for.
 */

// Each test signs in as its own user; the project's admin state would otherwise be inherited.
test.use({ storageState: { cookies: [], origins: [] } });

const nextSteps = (page: Page) => page.getByRole("navigation", { name: "Next steps for this run" });

test("an operator goes on from a run: compare, launch again with its settings, delete it", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInNewUser(page, "operator");
  const runId = await launchSmallRun(page);
  const runPath = `/runs/${encodeURIComponent(runId)}`;
  const runName = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";

  const steps = nextSteps(page);
  for (const name of [
    "Compare this run",
    "Routing for this run",
    "Build a report from it",
    "Launch again",
  ]) {
    await expect(steps.getByRole("link", { name })).toBeVisible();
  }

  await steps.getByRole("link", { name: "Compare this run" }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?run=${encodeURIComponent(runId)}`));
  await expect(page.getByRole("link", { name: runName }).first()).toBeVisible();

  await page.goto(runPath);
  await nextSteps(page).getByRole("link", { name: "Launch again" }).click();
  await expect(page.getByText(`Settings copied from the run “${runName}”`)).toBeVisible();
  await expect(page.getByLabel("Repeats")).toHaveValue("1");
  await expect(page.getByLabel("Max tokens")).toHaveValue("300");
  await expect(page.getByRole("heading", { name: "Chosen targets (2)" })).toBeVisible();

  // Delete, from the keyboard: the question takes focus on "Keep it", which backs out.
  await page.goto(runPath);
  const trigger = page.getByRole("button", { name: "Delete run" });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const question = page.getByRole("group", { name: "Delete run" });
  await expect(question.getByRole("button", { name: "Keep it" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(trigger).toBeFocused();

  await page.keyboard.press("Enter");
  await question.getByRole("button", { name: "Yes, delete the run" }).click();
  await expect(page).toHaveURL(/\/runs\?deleted=1$/);
  await expect(page.getByText("The run was deleted with its trials and results.")).toBeVisible();
  expect(await query(`SELECT 1 FROM "EvalRun" WHERE "id" = $1`, [runId])).toHaveLength(0);
  expect(await query(`SELECT 1 FROM "Trial" WHERE "runId" = $1`, [runId])).toHaveLength(0);
  const response = await page.goto(runPath);
  expect(response?.status()).toBe(404);
});

test("a viewer sees where to go from a run, but not launch again or delete", async ({ page }) => {
  test.setTimeout(180_000);
  await signInNewUser(page, "operator");
  const runId = await launchSmallRun(page);

  await page.context().clearCookies();
  await signInNewUser(page, "viewer");
  await page.goto(`/runs/${encodeURIComponent(runId)}`);
  const steps = nextSteps(page);
  await expect(steps.getByRole("link", { name: "Compare this run" })).toBeVisible();
  await expect(steps.getByRole("link", { name: "Routing for this run" })).toBeVisible();
  await expect(steps.getByRole("link", { name: "Build a report from it" })).toHaveCount(0);
  await expect(steps.getByRole("link", { name: "Launch again" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete run" })).toHaveCount(0);
});

test("a queued run says whether a worker is running and what it waits for", async ({ page }) => {
  await signInNewUser(page, "viewer");
  // A run with no job in the queue: it stays queued, and no worker will take it.
  const [suite] = await query<{ id: string }>(
    `SELECT "id" FROM "Suite" WHERE "name" = $1 AND "isLatest" LIMIT 1`,
    [SMALL_RUN_SUITE],
  );
  const [run] = await query<{ id: string }>(
    `INSERT INTO "EvalRun" ("id", "name", "suiteId", "temperature", "maxTokens", "repeats",
       "concurrency", "expectedTrials", "isSimulated")
     VALUES ('e2e-queued-' || md5(random()::text), 'Waiting run', $1, 0, 64, 1, 1, 1, true)
     RETURNING "id"`,
    [suite?.id],
  );
  try {
    await page.goto(`/runs/${encodeURIComponent(run?.id ?? "")}`);
    const queue = page.getByRole("group", { name: "Queue" });
    await expect(queue).toBeVisible();
    // `npm start` runs a worker in-process in the e2e server.
    await expect(queue.getByText(/^\d+ workers? running/)).toBeVisible();
    await expect(queue.getByText(/No job of this run is waiting in the queue/)).toBeVisible();
  } finally {
    await query(`DELETE FROM "EvalRun" WHERE "id" = $1`, [run?.id]);
  }
});
