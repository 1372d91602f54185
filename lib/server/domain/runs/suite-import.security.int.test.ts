import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { AppError } from "../errors";
import { runSuiteImport } from "./suite-import-runner";
import { importSuiteFiles } from "./suites";

/**
 * Hostile suite imports against real PostgreSQL: the files that froze the server (a prompt with
 * three nested range(1000) loops, a 4 MB single-line JSONL file) and the template payload that
 * ran code. Each is refused with a clear answer, or imported, while the event loop keeps ticking
 * (what `/api/health` needs to answer), and a refusal stores nothing.
 */

const suffix = randomBytes(4).toString("hex");
const OPERATOR = testCaller({
  role: "operator",
  email: `import-probe-${suffix}@example.test`,
  name: "import probe",
});
let db: Db;

const upload = (fileName: string, text: string | Uint8Array) => ({
  fileName,
  bytes: typeof text === "string" ? new TextEncoder().encode(text) : text,
});

/** Runs `work` while a 20 ms timer measures the longest stall of this event loop. */
async function withEventLoopWatch<T>(work: () => Promise<T>) {
  let longestGapMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 20);
  const started = performance.now();
  try {
    const outcome = await work().then(
      (value) => ({ value, error: null }),
      (error: unknown) => ({ value: null, error }),
    );
    return { ...outcome, elapsedMs: performance.now() - started, longestGapMs };
  } finally {
    clearInterval(timer);
  }
}

function fileErrors(error: unknown): string[] {
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).fieldErrors?.file ?? [];
}

beforeAll(() => {
  db = createPrismaClient(requireTestDatabaseUrl(), { max: 2 });
});

afterAll(async () => {
  const suites = await db.suite.findMany({ where: { slug: { startsWith: `probe-${suffix}` } } });
  await db.suiteCase.deleteMany({ where: { suiteId: { in: suites.map((s) => s.id) } } });
  await db.suite.deleteMany({ where: { id: { in: suites.map((s) => s.id) } } });
  await db.$disconnect();
});

describe("hostile suite imports", () => {
  it("refuses three nested range(1000) loops quickly, without stalling the server", async () => {
    const prompt =
      "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}x{% endfor %}{% endfor %}{% endfor %}";
    const outcome = await withEventLoopWatch(() =>
      importSuiteFiles(OPERATOR, db, [
        upload(`probe-${suffix}-loops.yaml`, `prompts: ['${prompt}']\ntests:\n  - vars: {}\n`),
      ]),
    );
    expect(fileErrors(outcome.error)).toEqual([
      expect.stringMatching(
        /line 3: .*failed to render for test 1: loops ran more than 10000 iterations in total/,
      ),
    ]);
    expect(outcome.elapsedMs).toBeLessThan(10_000);
    expect(outcome.longestGapMs).toBeLessThan(1_000);
  });

  it("imports a 4 MB single-line JSONL file without stalling the server", async () => {
    const line = JSON.stringify({ input: "x".repeat(4_000_000), ideal: "y" });
    const outcome = await withEventLoopWatch(() =>
      importSuiteFiles(OPERATOR, db, [upload(`probe-${suffix}-long.jsonl`, `${line}\n`)]),
    );
    expect(outcome.error).toBeNull();
    expect(outcome.value?.caseCount).toBe(1);
    expect(outcome.longestGapMs).toBeLessThan(1_000);
  });

  it("refuses the template payload that ran code, and stores nothing", async () => {
    const before = await db.suite.count();
    const payload = `{{ "}}" ~ range.constructor("return process.version")() }}`;
    const outcome = await withEventLoopWatch(() =>
      importSuiteFiles(OPERATOR, db, [
        upload(`probe-${suffix}-ssti.yaml`, `prompts:\n  - '${payload}'\ntests:\n  - vars: {}\n`),
      ]),
    );
    expect(fileErrors(outcome.error)).toEqual([
      expect.stringMatching(/^probe-.*-ssti\.yaml line 2: .*only range\(\) may be called/),
    ]);
    expect(await db.suite.count()).toBe(before);
  });

  it("refuses invalid UTF-8 with its line instead of importing replacement characters", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode("input,ideal\nfine,ok\ncaf"),
      0xe9,
      ...new TextEncoder().encode(",x\n"),
    ]);
    const outcome = await withEventLoopWatch(() =>
      importSuiteFiles(OPERATOR, db, [upload(`probe-${suffix}-latin1.csv`, bytes)]),
    );
    expect(fileErrors(outcome.error)).toEqual([
      expect.stringMatching(/^probe-.*-latin1\.csv line 3: the file is not valid UTF-8 text/),
    ]);
  });

  it("stops an import that runs out of time with a clear message", async () => {
    await expect(
      runSuiteImport([{ fileName: "slow.jsonl", text: '{"input": "x"}\n' }], { timeLimitMs: 1 }),
    ).rejects.toThrow(/took longer than 0 s, so it was stopped. Nothing was stored/);
  });
});
