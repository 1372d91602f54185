import { expect, test } from "@playwright/test";
import { ADMIN, createUserWithCli, signIn } from "./support";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the first-admin offer is gone once an administrator exists", async ({ page }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { name: "Sign in to Crossbench" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Create the first administrator" })).toHaveCount(
      0,
    );
  });

  test("a wrong password is refused, the right one signs in, and sign-out ends the session", async ({
    page,
  }) => {
    await signIn(page, ADMIN.email, "not-the-password-at-all");
    await expect(page.getByText("Email or password is incorrect")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);

    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

    await page
      .getByRole("region", { name: "Signed-in user" })
      .getByRole("button", { name: "Sign out" })
      .click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/runs");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("a viewer sees no admin controls and the server refuses admin pages", async ({ page }) => {
    const viewer = await createUserWithCli("viewer");
    await signIn(page, viewer.email, viewer.password);
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Runs", exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Settings", exact: true })).toHaveCount(0);

    for (const path of [
      "/settings",
      "/settings/users",
      "/settings/audit",
      "/settings/credentials",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("button", { name: "Create user" })).toHaveCount(0);
    }
  });
});

test("an admin creates a user whose one-time password must be replaced at first sign-in", async ({
  page,
  browser,
}) => {
  const email = `new-analyst-${Date.now()}@example.test`;
  await page.goto("/settings/users");
  await page.getByLabel("Name", { exact: true }).fill("Nia Analyst");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("analyst");
  await page.getByRole("button", { name: "Create user" }).click();
  const panel = page.getByRole("region", { name: `One-time password for ${email}` });
  await expect(panel).toBeVisible();
  const oneTimePassword = (await panel.locator("code").textContent())?.trim() ?? "";
  expect(oneTimePassword.length).toBeGreaterThanOrEqual(16);
  await expect(page.getByRole("row", { name: new RegExp(email) })).toBeVisible();

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const newUser = await context.newPage();
  await signIn(newUser, email, oneTimePassword);
  await expect(newUser).toHaveURL(/\/account\?first=1$/);
  await newUser.goto("/");
  await expect(newUser).toHaveURL(/\/account\?first=1$/);

  const chosen = "my-own-analyst-password-1";
  await newUser.getByLabel("Current password").fill(oneTimePassword);
  await newUser.getByLabel("New password", { exact: true }).fill(chosen);
  await newUser.getByLabel("Confirm new password").fill(chosen);
  await newUser.getByRole("button", { name: "Set my password and continue" }).click();
  await expect(newUser.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await context.close();

  // The audit log saw it all, newest first.
  await page.goto("/settings/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(page.getByText("auth.password_changed").first()).toBeVisible();
  await expect(page.getByText("user.created").first()).toBeVisible();
});
