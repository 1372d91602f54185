import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { expect, type Page } from "@playwright/test";

/** Shared by the end-to-end specs: who the setup project created, and how to make more users. */

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

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to Crossbench" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
