import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import { ADMIN_STATE } from "./e2e/support";
import { BROWSER_ARGS, BROWSER_INSTALL_HINT, findBrowser } from "./lib/server/ops/browser";

/**
 * End-to-end tests drive the production build in Chromium. `npm test` (scripts/test.ts) prepares
 * the database and passes it as E2E_DATABASE_URL; the web server is the real `npm start` path.
 */

const port = Number(process.env.E2E_PORT ?? 3100);
const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) {
  throw new Error(
    "E2E_DATABASE_URL is not set: run end-to-end tests with `npm test` or `npm run test:e2e`.",
  );
}
const secretKey = (process.env.E2E_SECRET_KEY ??= randomBytes(32).toString("base64"));
const executablePath = findBrowser(process.env.CROSSBENCH_BROWSER_PATH);
if (!executablePath) throw new Error(BROWSER_INSTALL_HINT);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      // Creates the first administrator through the UI, as a new installation would.
      name: "setup",
      testMatch: /.*\.setup\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath, args: BROWSER_ARGS } },
    },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath, args: BROWSER_ARGS },
        storageState: ADMIN_STATE,
      },
    },
  ],
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      // E2E_PORT + 1010 (4110 by default): a developer's emulator on 4010 and parallel runs do not clash.
      EMULATOR_PORT: String(port + 1010),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      // A fresh key per run (the e2e database is fresh too); the app refuses to start without one.
      CROSSBENCH_SECRET_KEY: secretKey,
      ALLOW_LOCAL_ENDPOINTS: "true",
    },
  },
});
