import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Locator, type Page } from "@playwright/test";
import pg from "pg";

/**
 * Shared by the end-to-end specs: who the setup project created, how to make more users, and the
 * steps of the New run form.
 */

export const ADMIN = {
  name: "Ada Admin",
  email: "ada.admin@example.test",
  password: "e2e-admin-password-0001",
};
export const ADMIN_STATE = path.join(import.meta.dirname, ".auth", "admin.json");

const root = path.resolve(import.meta.dirname, "..");

/** Creates a user through the real command line (`npm run user:create`), with a known password. */
export async function createUserWithCli(role: "viewer" | "analyst" | "operator" | "admin") {
  const email = `${role}-${randomBytes(4).toString("hex")}@example.test`;
  const password = `e2e-${role}-${randomBytes(8).toString("hex")}`;
  await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "scripts/user.ts", "create", "--email", email, "--role", role],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: process.env.E2E_DATABASE_URL,
        CROSSBENCH_USER_PASSWORD: password,
      },
    },
  );
  return { email, password, role };
}

/**
 * Creates a user of this role with the CLI and signs them in through the sign-in endpoint rather
 * than the form (auth.spec.ts covers the form): `page.request` shares the context's cookies, and
 * nothing waits on hydration.
 */
export async function signInNewUser(page: Page, role: Parameters<typeof createUserWithCli>[0]) {
  const user = await createUserWithCli(role);
  const origin = new URL(test.info().project.use.baseURL ?? "").origin;
  const response = await page.request.post("/api/auth/sign-in/email", {
    headers: { origin },
    data: { email: user.email, password: user.password },
  });
  expect(response.status()).toBe(200);
  return user;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to Crossbench" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** `text` as a literal inside a regular expression. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The value next to a term in a definition list. */
export function definition(scope: Locator, term: string): Locator {
  return scope.locator(`xpath=.//dt[normalize-space(.)="${term}"]/following-sibling::dd[1]`);
}

/** New run: chooses the suite whose option text contains `suite`. */
export async function selectSuite(page: Page, suite: string) {
  const suiteSelect = page.getByRole("combobox", { name: "Suite", exact: true });
  const suiteOption = suiteSelect.locator("option", { hasText: suite });
  await suiteSelect.selectOption((await suiteOption.getAttribute("value")) ?? "");
}

/** New run: the chosen suite's hint, "N cases; categories: a, b", once it shows. */
export async function readSuiteHint(page: Page): Promise<{ cases: number; categories: string }> {
  const hint = page.getByText(/^\d+ cases; categories: /);
  await expect(hint).toBeVisible();
  const text = (await hint.textContent()) ?? "";
  return {
    cases: Number(text.match(/^(\d+) cases/)?.[1]),
    categories: text.replace(/^\d+ cases; categories: /, ""),
  };
}

/** New run: the model groups of the target picker whose name matches `name`. */
export function modelGroups(page: Page, name: RegExp): Locator {
  return page.getByRole("region", { name: "Targets" }).getByRole("group", { name });
}

/** New run: opens the full list of offerings (closed by default) unless it is open. */
export async function openAllOfferings(page: Page) {
  const search = page.getByLabel("Search offerings");
  if (!(await search.isVisible())) await page.getByText(/^All offerings \(\d+\)/).click();
  await expect(search).toBeVisible();
}

/**
 * New run: searches the offerings for `search`, waits until `group` shows at least `atLeast`
 * enabled simulated offerings, and ticks them, one per platform, up to `limit`. Returns the
 * platforms ticked.
 */
export async function tickSimulatedOfferings(
  page: Page,
  options: { search: string; group: Locator; limit: number; atLeast?: number },
): Promise<string[]> {
  await openAllOfferings(page);
  await page.getByLabel("Search offerings").fill(options.search);
  const candidates = options.group.getByRole("checkbox", { name: /Simulated/, disabled: false });
  await expect(candidates.nth((options.atLeast ?? 1) - 1)).toBeVisible();
  const chosen: string[] = [];
  for (const checkbox of await candidates.all()) {
    const platform = (
      await page.locator(`label[for="${await checkbox.getAttribute("id")}"]`).innerText()
    )
      .replace(/Simulated/, "")
      .trim();
    if (chosen.includes(platform)) continue;
    await checkbox.check();
    chosen.push(platform);
    if (chosen.length === options.limit) break;
  }
  return chosen;
}

/** New run: clicks Launch run and returns the id of the run whose page opens. */
export async function launchRunFromForm(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page).toHaveURL(/\/runs\/(?!new$)[^/?#]+$/);
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
}

/** On a run's page, which refreshes itself while the run goes on: waits for "Completed". */
export async function expectRunCompleted(page: Page, timeout: number) {
  const header = page.locator("header").filter({ has: page.getByRole("heading", { level: 1 }) });
  await expect(header.getByText("Completed", { exact: true })).toBeVisible({ timeout });
}

/** Runs a query on the e2e database. */
export async function queryE2eDatabase<T extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The suite of {@link launchSmallRun}: small, built in, scored by exact match. */
export const SMALL_RUN_SUITE = "Factual questions";

/** Launches a completed one-repeat run of two simulated llama offerings; returns its id. */
export async function launchSmallRun(page: Page): Promise<string> {
  await page.goto("/runs/new");
  await selectSuite(page, SMALL_RUN_SUITE);
  const chosen = await tickSimulatedOfferings(page, {
    search: "llama 3.3 70b",
    group: modelGroups(page, /llama 3\.3 70b/i).first(),
    limit: 2,
    atLeast: 2,
  });
  expect(chosen).toHaveLength(2);
  await page.getByLabel("Repeats").fill("1");
  await page.getByLabel("Max tokens").fill("300");
  const runId = await launchRunFromForm(page);
  await expectRunCompleted(page, 120_000);
  return runId;
}

/**
 * New schedule: a schedule of one simulated offering of `SMALL_RUN_SUITE`, saved through the form
 * (`cron` typed as a custom cron expression, or weekly when absent); returns its id.
 */
export async function createScheduleFromForm(
  page: Page,
  options: { name: string; cron?: string; search?: string },
): Promise<string> {
  await page.goto("/runs/schedules/new");
  await selectSuite(page, SMALL_RUN_SUITE);
  const search = options.search ?? "llama 3.3 70b";
  await tickSimulatedOfferings(page, {
    search,
    group: modelGroups(page, new RegExp(escapeRegExp(search), "i")).first(),
    limit: 1,
  });
  await page.getByLabel("Repeats").fill("1");
  await page.getByLabel("Max tokens").fill("300");
  await page.getByLabel("Schedule name").fill(options.name);
  if (options.cron) {
    await page.getByLabel("Frequency").selectOption("custom");
    await page.getByLabel("Cron expression").fill(options.cron);
  } else {
    await page.getByLabel("Frequency").selectOption("weekly");
  }
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page).toHaveURL(/\/runs\/schedules\/(?!new$)[^/?#]+$/);
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
}
