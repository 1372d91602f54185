/**
 * `npm test`: the whole suite in three layers, one after another.
 *   unit         Vitest, next to the code, no services
 *   int          Vitest `*.int.test.ts` against real PostgreSQL (guarded `*_test` database)
 *   e2e          Playwright against the production build in Chromium
 * PostgreSQL comes from TEST_DATABASE_URL, else the server in DATABASE_URL, else an embedded one.
 * `--only unit|int|e2e` runs one layer; `--filter TEXT` runs only test files whose path contains
 * TEXT (`npm run test:security` is `--filter security`: every *.security.* file and
 * e2e/security.spec.ts). Ends with one "N passed, N failed" line.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BROWSER_INSTALL_HINT, findBrowser } from "@/lib/server/ops/browser";
import { ensurePrismaClient } from "@/lib/server/ops/db/generate";
import {
  ensureTestDatabase,
  resolveTestServer,
  withDatabaseName,
  type TestServer,
} from "@/lib/testing/test-database";

type Layer = "unit" | "int" | "e2e";
type Outcome = { layer: Layer; passed: number; failed: number; skipped: number; exitCode: number };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex >= 0 ? (process.argv[onlyIndex + 1] as Layer | undefined) : undefined;
if (only !== undefined && !["unit", "int", "e2e"].includes(only)) {
  console.error("usage: npm test [-- --only unit|int|e2e]");
  process.exit(2);
}
const layers: Layer[] = only ? [only] : ["unit", "int", "e2e"];
const filterIndex = process.argv.indexOf("--filter");
const fileFilter = filterIndex >= 0 ? process.argv[filterIndex + 1] : undefined;
if (filterIndex >= 0 && !fileFilter) {
  console.error("usage: npm test [-- --filter TEXT]");
  process.exit(2);
}
const fileFilters = fileFilter ? [fileFilter] : [];

function log(message: string) {
  console.log(`[test] ${message}`);
}

function run(command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...env },
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

async function runVitest(
  layer: "unit" | "int",
  env: Record<string, string>,
  reportDir: string,
): Promise<Outcome> {
  const report = path.join(reportDir, `${layer}.json`);
  const exitCode = await run(
    bin("vitest"),
    [
      "run",
      "--project",
      layer,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
      ...fileFilters,
    ],
    env,
  );
  try {
    const json = JSON.parse(await readFile(report, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    return {
      layer,
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
      exitCode,
    };
  } catch {
    return { layer, passed: 0, failed: 1, skipped: 0, exitCode: exitCode || 1 };
  }
}

async function runPlaywright(env: Record<string, string>, reportDir: string): Promise<Outcome> {
  const report = path.join(reportDir, "e2e.json");
  const exitCode = await run(bin("playwright"), ["test", "--reporter=list,json", ...fileFilters], {
    ...env,
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  try {
    const json = JSON.parse(await readFile(report, "utf8")) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    };
    const { expected, unexpected, flaky, skipped } = json.stats;
    // A test that needed its one CI retry still counts as a failure here: flakiness is a defect.
    return {
      layer: "e2e",
      passed: expected,
      failed: unexpected + flaky,
      skipped,
      exitCode: exitCode || (flaky ? 1 : 0),
    };
  } catch {
    return { layer: "e2e", passed: 0, failed: 1, skipped: 0, exitCode: exitCode || 1 };
  }
}

async function main(): Promise<number> {
  try {
    process.loadEnvFile(path.join(root, ".env"));
  } catch {
    // No .env file.
  }
  const started = Date.now();
  await ensurePrismaClient({ root, log });
  const reportDir = await mkdtemp(path.join(tmpdir(), "crossbench-test-"));
  const outcomes: Outcome[] = [];
  let server: TestServer | null = null;

  try {
    if (layers.includes("unit")) outcomes.push(await runVitest("unit", {}, reportDir));

    if (layers.includes("int") || layers.includes("e2e")) {
      server = await resolveTestServer(process.env, root, log);
      log(`PostgreSQL for tests: ${server.source}.`);
    }

    if (server && layers.includes("int")) {
      outcomes.push(await runVitest("int", { TEST_DATABASE_URL: server.baseUrl }, reportDir));
    }

    if (server && layers.includes("e2e")) {
      if (!findBrowser(process.env.CROSSBENCH_BROWSER_PATH)) throw new Error(BROWSER_INSTALL_HINT);
      const e2eUrl = withDatabaseName(server.baseUrl, "crossbench_e2e_test");
      // A fresh database each run, so what the tests see is what a new installation sees.
      await ensureTestDatabase(e2eUrl);
      const { Client } = (await import("pg")).default;
      const client = new Client({ connectionString: e2eUrl });
      await client.connect();
      await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      await client.end();
      outcomes.push(await runPlaywright({ E2E_DATABASE_URL: e2eUrl }, reportDir));
    }
  } finally {
    await server?.stop();
    await rm(reportDir, { recursive: true, force: true });
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  for (const o of outcomes) {
    log(
      `${o.layer.padEnd(4)} ${o.passed} passed, ${o.failed} failed, ${o.skipped} skipped (exit ${o.exitCode})`,
    );
  }
  const empty = outcomes.filter((o) => o.passed + o.failed === 0);
  for (const o of empty) log(`${o.layer}: ran no test — treated as a failure.`);
  const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
  const failed = outcomes.reduce((sum, o) => sum + o.failed, 0);
  log(`all layers finished in ${seconds}s`);
  console.log(`${passed} passed, ${failed} failed`);
  return outcomes.some((o) => o.exitCode !== 0) || empty.length > 0 || failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
