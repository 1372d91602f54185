import { expect, test } from "@playwright/test";
import {
  SMALL_RUN_SUITE,
  expectRunCompleted,
  launchRunFromForm,
  modelGroups,
  selectSuite,
  signInNewUser,
  tickSimulatedOfferings,
} from "./support";

test.use({ storageState: { cookies: [], origins: [] } });

test("a grid cell's other repeats arrive when the reader opens them, by keyboard", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInNewUser(page, "operator");
  await page.goto("/runs/new");
  await selectSuite(page, SMALL_RUN_SUITE);
  await tickSimulatedOfferings(page, {
    search: "llama 3.3 70b",
    group: modelGroups(page, /llama 3\.3 70b/i).first(),
    limit: 2,
    atLeast: 2,
  });
  await page.getByLabel("Repeats").fill("3");
  await page.getByLabel("Max tokens").fill("300");
  await launchRunFromForm(page);
  await expectRunCompleted(page, 150_000);
  await page.reload();

  const grid = page.getByRole("table", { name: /^Cases × targets/ });
  const firstCell = grid.locator("tbody tr").first().getByRole("cell").first();
  await expect(firstCell).toContainText(/of 3 passed|errors?|not scored/);
  // Only the first repeat is in the page; the others are not there until opened.
  await expect(firstCell.getByText(/^Repeat 2:/)).toHaveCount(0);
  const more = firstCell.getByText("The other 2 repeats");
  await more.focus();
  await page.keyboard.press("Enter");
  await expect(firstCell.getByText(/^Repeat 2: /)).toBeVisible();
  await expect(firstCell.getByText(/^Repeat 3: /)).toBeVisible();
  await expect(firstCell.getByText(/· score .* · latency /).first()).toBeVisible();
  // Closing and opening again keeps them, without another fetch.
  await page.keyboard.press("Enter");
  await expect(firstCell.getByText(/^Repeat 2: /)).toBeHidden();
  await page.keyboard.press("Enter");
  await expect(firstCell.getByText(/^Repeat 2: /)).toBeVisible();
  await page.screenshot({ path: "/tmp/run-repeats-open.png", fullPage: false });
});
