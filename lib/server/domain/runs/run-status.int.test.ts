import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_EVENTS, RUN_REOPEN, RUN_TRANSITIONS } from "@/lib/eval/run-lifecycle";
import { RUN_STATUSES, type RunStatusName } from "@/lib/schemas/runs";
import { createProbeSuite, type ProbeSuite } from "@/lib/testing/eval-harness";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { moveRun, prismaRunner, reopenRun } from "./run-status";

/**
 * The one writer of run status against real PostgreSQL: every event from every status moves
 * exactly as the lifecycle table says, and no other file in the tree writes a run's status.
 */

const root = path.resolve(import.meta.dirname, "..", "..", "..", "..");
let db: Db;
let probe: ProbeSuite;

beforeAll(async () => {
  db = createPrismaClient(requireTestDatabaseUrl(), { max: 2 });
  probe = await createProbeSuite(db, "status");
});

afterAll(async () => {
  await probe?.remove();
  await db.$disconnect();
});

/** A run in `from`, to move. */
const runIn = (status: RunStatusName) => probe.createRun(status);

describe("moveRun", () => {
  const cases = RUN_STATUSES.flatMap((from) => RUN_EVENTS.map((event) => [from, event] as const));
  it.each(cases)("from %s, %s moves only as the lifecycle allows", async (from, event) => {
    const runId = await runIn(from);
    const moved = await moveRun(prismaRunner(db), runId, event, "probe");
    const { to, from: allowed } = RUN_TRANSITIONS[event];
    const after = await db.evalRun.findUniqueOrThrow({ where: { id: runId } });
    expect(moved).toBe(allowed.includes(from));
    expect(after.status).toBe(moved ? to : from);
    if (moved && event === "start") expect(after.startedAt).not.toBeNull();
    if (moved && event !== "start") expect(after.finishedAt).not.toBeNull();
    if (moved) expect(after.statusMessage).toBe("probe");
  });
});

describe("reopenRun", () => {
  it.each(RUN_STATUSES)("from %s, reopens only an ended run, back to queued", async (from) => {
    const runId = await runIn(from);
    const reopened = await reopenRun(prismaRunner(db), runId, "again");
    const after = await db.evalRun.findUniqueOrThrow({ where: { id: runId } });
    const ended = RUN_REOPEN.from.includes(from);
    expect(ended).toBe(from !== "queued" && from !== "running");
    expect(reopened).toBe(ended);
    expect(after.status).toBe(ended ? "queued" : from);
    if (ended) expect(after.finishedAt).toBeNull();
  });
});

describe("one writer of run status", () => {
  it("no file but run-status.ts writes EvalRun.status", async () => {
    const offenders: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!["node_modules", "generated", ".next"].includes(entry.name)) await walk(full);
        } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          const text = await readFile(full, "utf8");
          const writesSql = /UPDATE\s+"EvalRun"[^;`]*"status"\s*=/i.test(text);
          const writesPrisma = /evalRun\.(update|updateMany|upsert)\([^)]*status\s*:/s.test(text);
          if (
            (writesSql || writesPrisma) &&
            !full.endsWith(path.join("lib", "server", "domain", "runs", "run-status.ts"))
          )
            offenders.push(path.relative(root, full));
        }
      }
    };
    for (const dir of ["app", "lib", "scripts", "bench", "prisma"])
      await walk(path.join(root, dir));
    expect(offenders).toEqual([]);
  });
});
