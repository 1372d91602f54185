import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairExport } from "@/lib/views/runs";
import { getCompareView, listParityGaps } from "@/lib/server/domain/comparisons/compare";
import { getRunPair } from "@/lib/server/domain/runs/runs";
import { createPrismaClient, type Db } from "@/lib/server/ops/db-client";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";

/**
 * One paired comparison, every surface: a real run launched through the CLI (`npm run eval --
 * --json`, its own worker and emulator) lists every ordered pair of targets, and each pair is the
 * one the run page, Compare and Overview's parity gaps show for the same targets: the same value,
 * the same bounds, and B vs A the exact mirror of A vs B.
 */

const root = path.resolve(import.meta.dirname, "..");
const VIEWER = testCaller({ role: "viewer", email: "cli-pairs@example.test", name: "cli pairs" });
const TARGETS = [
  "anthropic/claude-sonnet-4.6@anthropic",
  "anthropic/claude-sonnet-4.6@aws-bedrock",
  "anthropic/claude-sonnet-4.6@gcp-vertex",
];

type CliPair = {
  a: string;
  b: string;
  n: number;
  difference: { value: number; low: number; high: number } | null;
  verdict: string;
  casesNeeded: number | null;
};
type CliReport = { runId: string; status: string; targets: { id: string }[]; pairs: CliPair[] };

let db: Db;
let report: CliReport;

beforeAll(async () => {
  db = createPrismaClient(requireTestDatabaseUrl(), { max: 2 });
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/eval.ts",
      "--suite",
      "factual-qa",
      "--targets",
      TARGETS.join(","),
      "--repeats",
      "1",
      "--name",
      `cli pairs ${randomBytes(3).toString("hex")}`,
      "--json",
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: requireTestDatabaseUrl(),
        CROSSBENCH_SECRET_KEY: randomBytes(32).toString("base64"),
      },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  report = JSON.parse(stdout) as CliReport;
}, 180_000);

afterAll(async () => {
  await db.$disconnect();
});


describe("the CLI's --json pairs", () => {
  it("lists every ordered pair, each the exact mirror of its reverse", () => {
    expect(report.status).toBe("completed");
    const ids = report.targets.map((t) => t.id);
    expect(ids).toHaveLength(3);
    expect(report.pairs).toHaveLength(6);
    for (const pair of report.pairs) {
      const reverse = report.pairs.find((p) => p.a === pair.b && p.b === pair.a);
      expect(reverse, `${pair.b} vs ${pair.a}`).toBeDefined();
      expect(pair.n).toBeGreaterThan(0);
      expect(reverse?.difference).toEqual({
        value: -pair.difference!.value,
        low: -pair.difference!.high,
        high: -pair.difference!.low,
      });
      expect(reverse?.verdict).toBe(pair.verdict);
      expect(reverse?.casesNeeded).toBe(pair.casesNeeded);
    }
  });

  it("matches the run page's paired comparison for every ordered pair", async () => {
    for (const pair of report.pairs) {
      const shown = await getRunPair(VIEWER, db, report.runId, pair.a, pair.b);
      expect(pairExport(pair.a, pair.b, shown)).toEqual(pair);
    }
  });

  it("matches Compare (each target against the reference) and Overview's parity gaps", async () => {
    const [reference, ...others] = report.targets.map((t) => t.id);
    const view = await getCompareView(VIEWER, db, {
      runId: report.runId,
      targetIds: [reference!, ...others],
      referenceId: reference,
    });
    for (const id of others) {
      const cli = report.pairs.find((p) => p.a === id && p.b === reference);
      expect(pairExport(id, reference!, view.pairs[id] ?? null)).toEqual(cli);
    }
    const gaps = (await listParityGaps(VIEWER, db, { runs: 20, limit: 100 })).filter(
      (gap) => gap.runId === report.runId,
    );
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) {
      const cli = report.pairs.find((p) => p.a === gap.a.targetId && p.b === gap.b.targetId);
      expect(pairExport(gap.a.targetId, gap.b.targetId, gap.pair)).toEqual(cli);
    }
  });
});
