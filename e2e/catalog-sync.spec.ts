import { expect, test, type Locator, type Page } from "@playwright/test";

/** A LiteLLM cost map in miniature: one Bedrock Claude, the documentation entry, a wandb price error. */
const LITELLM_FILE = JSON.stringify(
  {
    sample_spec: {
      max_tokens: "LEGACY parameter",
      input_cost_per_token: 0,
      output_cost_per_token: 0,
      litellm_provider: "one of https://docs.litellm.ai/docs/providers",
      mode: "one of: chat, embedding, completion, image_generation",
    },
    "anthropic.claude-3-5-haiku-20241022-v1:0": {
      litellm_provider: "bedrock",
      mode: "chat",
      max_input_tokens: 200000,
      max_output_tokens: 8192,
      input_cost_per_token: 8e-7,
      output_cost_per_token: 4e-6,
      supports_function_calling: true,
    },
    "wandb/openai/gpt-oss-120b": {
      litellm_provider: "wandb",
      mode: "chat",
      input_cost_per_token: 0.015,
      output_cost_per_token: 0.06,
    },
  },
  null,
  2,
);

const snapshotRows = (page: Page) =>
  page.getByRole("table", { name: /Catalogue snapshots/ }).locator("tbody tr");

/** The created / updated / unchanged cells of one kind's row in the sync report. */
async function countsOf(report: Locator, kind: string): Promise<string[]> {
  const row = report
    .getByRole("row")
    .filter({ has: report.page().getByRole("rowheader", { name: kind, exact: true }) });
  return (await row.getByRole("cell").allTextContents()).map((text) => text.trim());
}

async function upload(page: Page, name: string, text: string) {
  await page.getByRole("radio", { name: "A file from this computer" }).check();
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
}

test("an admin previews a LiteLLM sync, runs it, and a malformed file changes nothing", async ({
  page,
}) => {
  await page.goto("/settings");
  await page.getByRole("link", { name: /Catalogue syncs/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Catalogue syncs" })).toBeVisible();
  await expect(snapshotRows(page).first()).toBeVisible();
  const before = await snapshotRows(page).count();

  // Dry run (the default): the report says what would happen, and nothing is written.
  await upload(page, "litellm-sample.json", LITELLM_FILE);
  await expect(page.getByLabel("Dry run (show the changes, write nothing)")).toBeChecked();
  await page.getByRole("button", { name: "Run sync" }).click();
  const dryRun = page.getByRole("region", { name: "Dry run report: nothing was written" });
  await expect(dryRun).toBeVisible();
  await expect(dryRun).toContainText("litellm-sample.json");
  // The seed has no Claude 3.5 Haiku: one new model and one new Bedrock offering.
  expect(await countsOf(dryRun, "Offerings")).toEqual(["1", "0", "0"]);
  expect(await countsOf(dryRun, "Models")).toEqual(["1", "0", "0"]);
  await expect(dryRun.getByText("Skipped: 2 entries")).toBeVisible();
  const skips = dryRun.getByRole("listitem");
  await expect(skips.filter({ hasText: "documentation entry (sample_spec)" })).toContainText(
    "sample_spec",
  );
  await expect(skips.filter({ hasText: "implausible price" })).toContainText(
    "wandb/openai/gpt-oss-120b",
  );
  const change = dryRun.getByRole("row", { name: /anthropic\.claude-3-5-haiku-20241022-v1:0/ });
  await expect(change).toContainText("aws-bedrock");
  await expect(change).toContainText("created");
  await page.reload();
  await expect(snapshotRows(page)).toHaveCount(before);

  // The real sync: a new snapshot, by this admin, at the top of the list.
  await upload(page, "litellm-sample.json", LITELLM_FILE);
  await page.getByLabel("Dry run (show the changes, write nothing)").uncheck();
  await page.getByRole("button", { name: "Run sync" }).click();
  const real = page.getByRole("region", { name: "Sync report: new snapshot saved" });
  await expect(real).toBeVisible();
  expect(await countsOf(real, "Offerings")).toEqual(["1", "0", "0"]);
  await expect(snapshotRows(page)).toHaveCount(before + 1);
  const newest = snapshotRows(page).first();
  await expect(newest.getByRole("rowheader")).toContainText("LiteLLM");
  await expect(newest).toContainText("Ada Admin");

  // A truncated file: refused with where the JSON breaks, and no snapshot is added.
  await upload(page, "truncated.json", LITELLM_FILE.slice(0, 180));
  await expect(page.getByLabel("Dry run (show the changes, write nothing)")).not.toBeChecked();
  await page.getByRole("button", { name: "Run sync" }).click();
  await expect(
    page.getByText(/truncated\.json is not valid JSON at line \d+, column \d+/),
  ).toBeVisible();
  await expect(real).toHaveCount(0);
  await page.reload();
  await expect(snapshotRows(page)).toHaveCount(before + 1);
});
