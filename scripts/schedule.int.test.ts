import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/ops/db-client";
import { freshDatabasePool } from "@/lib/testing/fresh-database";

/**
 * `npm run schedule` as a user runs it (a child process on a fresh database): create, list,
 * pause, resume, run now and delete a schedule, with the app's checks and messages.
 */

const root = path.resolve(import.meta.dirname, "..");
const pool = freshDatabasePool("schedule_cli");
let db: Db;
let env: Record<string, string>;

type Result = { code: number; stdout: string; stderr: string };

function schedule(args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/schedule.ts", ...args],
      { cwd: root, env: { ...process.env, ...env }, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  const fresh = await pool.create("cli");
  db = fresh.db;
  env = { DATABASE_URL: fresh.url, CROSSBENCH_SECRET_KEY: randomBytes(32).toString("base64") };
}, 60_000);

afterAll(() => pool.dropAll());

describe("npm run schedule", () => {
  it("creates, lists, pauses, resumes, runs now and deletes a schedule", async () => {
    const bad = await schedule([
      "create",
      ...["--name", "Weekly parity", "--cron", "every monday"],
      ...["--suite", "factual-qa", "--targets", "openai/gpt-5.5@openai"],
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Schedule: use five cron fields");

    const created = await schedule([
      "create",
      ...["--name", "Weekly parity", "--cron", "weekly", "--timezone", "Europe/Paris"],
      ...[
        "--suite",
        "factual-qa",
        "--targets",
        "openai/gpt-5.5@openai,openai/gpt-5.5@azure-foundry",
      ],
      ...["--monthly-budget", "5", "--alert-latency-p95-ms", "2000", "--alert-error-rate", "5"],
    ]);
    expect(created.code, created.stderr).toBe(0);
    const id = /created schedule (\S+);/.exec(created.stdout)?.[1];
    expect(id).toBeTruthy();
    const stored = await db.runSchedule.findUniqueOrThrow({ where: { id: id! } });
    expect([
      stored.cron,
      stored.timezone,
      Number(stored.monthlyBudgetUsd),
      stored.alertLatencyP95Ms,
      stored.alertErrorRate,
    ]).toEqual(["0 6 * * 1", "Europe/Paris", 5, 2000, 0.05]);

    const listed = await schedule(["list"]);
    expect(listed.stdout).toContain(`${id}  Weekly parity`);
    expect(listed.stdout).toContain(
      "Weekly on Monday at 06:00 (Europe/Paris) [0 6 * * 1], version 1",
    );
    expect(listed.stdout).toContain("spent this month $0.00 of a $5.00 cap");

    expect((await schedule(["pause", id!])).code).toBe(0);
    expect((await schedule(["list"])).stdout).toContain("(paused)");
    expect((await schedule(["resume", id!])).code).toBe(0);

    const now = await schedule(["run-now", id!]);
    expect(now.code, now.stderr).toBe(0);
    const runId = /queued run (\S+) of schedule/.exec(now.stdout)?.[1];
    const run = await db.evalRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(run).toMatchObject({ scheduleId: id, scheduleVersion: 1, origin: "schedule" });

    expect((await schedule(["delete", id!])).code).toBe(0);
    expect((await schedule(["list"])).stdout).toContain("No schedules yet");
    expect(await db.evalRun.count({ where: { id: runId! } })).toBe(1);
  }, 120_000);

  it("exits 64 with the usage line for a bad command", async () => {
    const [unknown, noId] = await Promise.all([schedule(["explode"]), schedule(["pause"])]);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('unknown command "explode"');
    expect(noId.code).toBe(64);
    expect(noId.stderr).toContain("pause needs a schedule id");
    for (const result of [unknown, noId])
      expect(result.stderr).toContain("usage: npm run schedule");
  });
});
