import { expect, type Page } from "@playwright/test";
import pg from "pg";
import {
  createScheduleFromForm,
  escapeRegExp,
  expectRunCompleted,
  launchRunFromForm,
  selectSuite,
} from "./support";

/**
 * One real value for every dynamic segment of the app, for specs that visit every route. What the
 * seed or earlier specs left is reused (read from the e2e database); what is missing (a run, a
 * report) is made through the UI, as a user would; a share link is always made fresh, because only
 * a hash of its token is stored.
 */

export type SampleData = {
  platformId: string;
  modelId: string;
  suiteId: string;
  runId: string;
  reportId: string;
  shareToken: string;
  scheduleId: string;
  /** A catalogue snapshot (the seed's, on a fresh installation), for its stored report. */
  snapshotId: string;
};

const SUITE = "Factual questions";
const MODEL = "Claude Sonnet 4.6";

async function query<T>(sql: string): Promise<T | undefined> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T | undefined;
  } finally {
    await client.end();
  }
}

async function launchSmallRun(page: Page, name: string): Promise<string> {
  await page.goto("/runs/new");
  await selectSuite(page, SUITE);
  await page.getByLabel("Run name (optional)").fill(name);
  await page.getByLabel("Search offerings").fill(MODEL);
  await page
    .getByRole("region", { name: "Targets" })
    .getByRole("checkbox", { name: /Simulated/, disabled: false })
    .first()
    .check();
  await page.getByLabel("Repeats").fill("1");
  const runId = await launchRunFromForm(page);
  await expectRunCompleted(page, 180_000);
  return runId;
}

async function draftReport(page: Page, runName: string): Promise<string> {
  await page.goto("/reports");
  const form = page.getByRole("form", { name: "New report" });
  await form.getByLabel("Report title").fill(`Sample report ${Date.now()}`);
  await form.getByRole("checkbox", { name: new RegExp(`^${escapeRegExp(runName)}`) }).check();
  await form.getByRole("button", { name: "Draft report" }).click();
  await expect(page).toHaveURL(/\/reports\/[^/?#]+$/, { timeout: 60_000 });
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
}

async function createShareToken(page: Page, reportId: string): Promise<string> {
  await page.goto(`/reports/${encodeURIComponent(reportId)}`);
  const create = page.getByRole("form", { name: "Create a share link" });
  await create.getByRole("button", { name: "Create share link" }).click();
  const link = page.getByRole("textbox", { name: "New share link" });
  await expect(link).toHaveValue(/\/share\/[^/]+$/);
  return decodeURIComponent(new URL(await link.inputValue()).pathname.split("/").pop() ?? "");
}

/** Finds or makes the sample data, signed in as an administrator on `page`. */
export async function ensureSampleData(page: Page): Promise<SampleData> {
  const platform = await query<{ id: string }>(`SELECT id FROM "Platform" ORDER BY id LIMIT 1`);
  // A model whose id has a slash, so the catch-all route gets more than one segment.
  const model = await query<{ id: string }>(
    `SELECT id FROM "Model" WHERE id LIKE '%/%' ORDER BY id LIMIT 1`,
  );
  const suite = await query<{ id: string }>(`SELECT id FROM "Suite" ORDER BY id LIMIT 1`);
  const snapshot = await query<{ id: string }>(
    `SELECT id FROM "CatalogSnapshot" ORDER BY "createdAt" DESC LIMIT 1`,
  );
  if (!platform || !model || !suite || !snapshot)
    throw new Error("The seed has no platform, model, suite or catalogue snapshot.");

  let report = await query<{ id: string }>(
    `SELECT id FROM "Report" ORDER BY "createdAt" DESC LIMIT 1`,
  );
  let run = await query<{ id: string; name: string }>(
    `SELECT id, name FROM "EvalRun" WHERE status = 'completed' ORDER BY "createdAt" DESC LIMIT 1`,
  );
  if (!run) {
    const name = `Sample run ${Date.now()}`;
    run = { id: await launchSmallRun(page, name), name };
  }
  report ??= { id: await draftReport(page, run.name) };
  // Weekly: it exists for its pages, not to fire during the tests.
  const schedule = (await query<{ id: string }>(
    `SELECT id FROM "RunSchedule" ORDER BY "createdAt" LIMIT 1`,
  )) ?? { id: await createScheduleFromForm(page, { name: `Sample schedule ${Date.now()}` }) };
  return {
    platformId: platform.id,
    modelId: model.id,
    suiteId: suite.id,
    runId: run.id,
    reportId: report.id,
    shareToken: await createShareToken(page, report.id),
    scheduleId: schedule.id,
    snapshotId: snapshot.id,
  };
}
