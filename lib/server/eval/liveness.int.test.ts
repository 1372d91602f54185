import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { beatHeart, deregister, reapStoppedWorkers } from "./liveness";

/**
 * The heartbeat and the reaper against real PostgreSQL: a worker silent for longer than the
 * staleness period loses its registry row, its claimed jobs are failed with the queue (so pg-boss
 * retries them) and its budget holds and slot leases are given back; a live worker keeps all of
 * its own.
 */

const runId = `liveness-${randomUUID()}`;
const alive = `alive-${randomUUID().slice(0, 8)}`;
const silent = `silent-${randomUUID().slice(0, 8)}`;
let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: requireTestDatabaseUrl(), max: 2 });
});

afterAll(async () => {
  await pool.query(`DELETE FROM "EvalWorker" WHERE "id" = ANY($1::text[])`, [[alive, silent]]);
  await pool.query(`DELETE FROM "EvalJobClaim" WHERE "runId" = $1`, [runId]);
  await pool.query(`DELETE FROM "EvalBudgetHold" WHERE "runId" = $1`, [runId]);
  await pool.query(`DELETE FROM "EvalSlot" WHERE "runId" = $1`, [runId]);
  await pool.end();
});

async function holdings(workerId: string) {
  const count = async (sql: string) =>
    Number((await pool.query<{ n: string }>(sql, [runId, workerId])).rows[0]?.n ?? 0);
  return {
    claims: await count(
      `SELECT count(*) AS n FROM "EvalJobClaim" WHERE "runId" = $1 AND "workerId" = $2`,
    ),
    holds: await count(
      `SELECT count(*) AS n FROM "EvalBudgetHold" WHERE "runId" = $1 AND "workerId" = $2`,
    ),
    slots: await count(
      `SELECT count(*) AS n FROM "EvalSlot" WHERE "runId" = $1 AND "workerId" = $2`,
    ),
    registered: await count(
      `SELECT count(*) AS n FROM "EvalWorker" WHERE $1::text IS NOT NULL AND "id" = $2`,
    ),
  };
}

describe("the reaper", () => {
  it("hands back a silent worker's jobs and holdings, and leaves a live worker's alone", async () => {
    await beatHeart(pool, alive);
    await beatHeart(pool, silent);
    await pool.query(
      `UPDATE "EvalWorker" SET "heartbeatAt" = now() - interval '60 seconds' WHERE "id" = $1`,
      [silent],
    );
    const silentJob = randomUUID();
    const aliveJob = randomUUID();
    for (const [jobId, workerId] of [
      [silentJob, silent],
      [aliveJob, alive],
    ] as const) {
      await pool.query(
        `INSERT INTO "EvalJobClaim" ("jobId", "workerId", "runId") VALUES ($1, $2, $3)`,
        [jobId, workerId, runId],
      );
      await pool.query(
        `INSERT INTO "EvalBudgetHold" ("runId", "workerId", "reservedUsd") VALUES ($1, $2, 0.5)`,
        [runId, workerId],
      );
    }
    await pool.query(
      `INSERT INTO "EvalSlot" ("runId", "platformId", "slot", "workerId", "leaseUntil")
       VALUES ($1, 'openai', 0, $2, now() + interval '1 minute'),
              ($1, 'openai', 1, $3, now() + interval '1 minute')`,
      [runId, silent, alive],
    );

    // A worker that left without giving its hold back, and was never seen again.
    const gone = `gone-${randomUUID().slice(0, 8)}`;
    await pool.query(
      `INSERT INTO "EvalBudgetHold" ("runId", "workerId", "reservedUsd") VALUES ($1, $2, 0.25)`,
      [runId, gone],
    );

    const failed: Array<{ jobId: string; reason: unknown }> = [];
    const lines: string[] = [];
    // The queue is pg-boss in production; here its `fail` only records what the reaper asked.
    const boss = {
      fail: async (_queue: string, jobId: string, data?: object) => {
        failed.push({ jobId, reason: (data as { reason?: unknown } | undefined)?.reason });
      },
    } as Parameters<typeof reapStoppedWorkers>[1];
    await reapStoppedWorkers(pool, boss, 20_000, (line) => lines.push(line));

    // Files share the database: claims left by earlier files' killed workers may be reaped too.
    const ours: string[] = [silentJob, aliveJob];
    expect(failed.filter((f) => ours.includes(f.jobId))).toEqual([
      { jobId: silentJob, reason: `worker ${silent} stopped` },
    ]);
    expect(lines.filter((line) => ours.some((job) => line.includes(job)))).toEqual([
      `handed back job ${silentJob} from stopped worker ${silent}`,
    ]);
    expect(await holdings(silent)).toEqual({ claims: 0, holds: 0, slots: 0, registered: 0 });
    expect(await holdings(alive)).toEqual({ claims: 1, holds: 1, slots: 1, registered: 1 });
    const goneHold = await pool.query(
      `SELECT 1 FROM "EvalBudgetHold" WHERE "runId" = $1 AND "workerId" = $2`,
      [runId, gone],
    );
    expect(goneHold.rowCount).toBe(0);
  });

  it("lets a worker presumed dead come back with its next beat, and leave", async () => {
    const returning = `returning-${randomUUID().slice(0, 8)}`;
    await beatHeart(pool, returning);
    await pool.query(
      `UPDATE "EvalWorker" SET "heartbeatAt" = now() - interval '60 seconds' WHERE "id" = $1`,
      [returning],
    );
    await beatHeart(pool, returning);
    const fresh = await pool.query<{ age: number }>(
      `SELECT extract(epoch FROM now() - "heartbeatAt")::float AS age FROM "EvalWorker" WHERE "id" = $1`,
      [returning],
    );
    expect(fresh.rows[0]?.age).toBeLessThan(5);
    await deregister(pool, returning);
    const left = await pool.query(`SELECT 1 FROM "EvalWorker" WHERE "id" = $1`, [returning]);
    expect(left.rowCount).toBe(0);
  });
});
