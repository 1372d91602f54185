import { expect, test } from "@playwright/test";

/**
 * Suite import through the UI of the production build: the importer runs in its own process, so
 * this checks that the app finds and starts it, and that refusals reach the user with their line.
 */

const stamp = Date.now().toString(36);

test("imports a JSONL suite and refuses a hostile template and an oversized upload", async ({
  page,
}) => {
  await page.goto("/runs/suites");
  const files = page.getByLabel("Suite files");
  const importButton = page.getByRole("button", { name: /^Import/ });

  await files.setInputFiles({
    name: `e2e-import-${stamp}.jsonl`,
    mimeType: "application/octet-stream",
    buffer: Buffer.from(
      `${JSON.stringify({ input: `What is 2 + 2? (${stamp})`, ideal: "4" })}\n${JSON.stringify({ input: "Capital of France?", ideal: "Paris" })}\n`,
    ),
  });
  await importButton.click();
  await expect(page.getByText(/Imported: .*2 cases/)).toBeVisible();

  const payload = `{{ "}}" ~ range.constructor("return process.version")() }}`;
  await files.setInputFiles({
    name: `e2e-hostile-${stamp}.yaml`,
    mimeType: "application/octet-stream",
    buffer: Buffer.from(`prompts:\n  - '${payload}'\ntests:\n  - vars: {}\n`),
  });
  await importButton.click();
  await expect(page.getByText("The suite was not imported: nothing was stored.")).toBeVisible();
  await expect(
    page.getByText(
      new RegExp(`e2e-hostile-${stamp}\\.yaml line 2: .*only range\\(\\) may be called`),
    ),
  ).toBeVisible();
  await expect(page.getByText(process.version)).toHaveCount(0);

  await files.setInputFiles({
    name: "huge.jsonl",
    mimeType: "application/octet-stream",
    buffer: Buffer.alloc(6 * 1024 * 1024, 0x61),
  });
  await importButton.click();
  await expect(
    page.getByText("The files are 6.0 MB together, larger than the 5 MB limit."),
  ).toBeVisible();
});
