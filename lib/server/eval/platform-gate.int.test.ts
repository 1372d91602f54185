import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Admission } from "@/lib/router/gate";
import { systemClock } from "@/lib/router/resilience";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { createPrismaClient, type Db } from "../ops/db-client";
import { createDatabaseLink, type DatabaseLink } from "./db-link";
import { createDbPlatformGate, createRunLimits, type DbPlatformGate } from "./limits";

/**
 * The PostgreSQL platform gate against real PostgreSQL: a run's slot rows and rate bucket, made as
 * the run is launched, hold calls to the run's concurrency (one pool across its platforms, with an
 * optional cap per platform) and rate; a wait ends in `cancelled` or
 * `deadline` without keeping a slot; an outage makes a call wait instead of failing.
 * (guarantees-limits.int.test.ts checks the same limits across two whole workers.)
 */

const PLATFORM = "openai";
let db: Db;
let pool: pg.Pool;
const runIds: string[] = [];
const gates: DbPlatformGate[] = [];
const links: DatabaseLink[] = [];

beforeAll(() => {
  const url = requireTestDatabaseUrl();
  db = createPrismaClient(url, { max: 1 });
  pool = new pg.Pool({ connectionString: url, max: 4 });
});

afterEach(async () => {
  for (const gate of gates.splice(0)) {
    await Promise.all([...gate.slots.values()].map((slots) => slots.close()));
  }
  for (const link of links.splice(0)) link.close();
});

afterAll(async () => {
  await pool.query(`DELETE FROM "EvalSlot" WHERE "runId" = ANY($1::text[])`, [runIds]);
  await pool.query(`DELETE FROM "EvalRateBucket" WHERE "runId" = ANY($1::text[])`, [runIds]);
  await pool.end();
  await db.$disconnect();
});

async function createRun(
  concurrency: number,
  requestsPerMinute: number | null = null,
  platformConcurrency: number | null = null,
) {
  const runId = `gate-${randomUUID()}`;
  runIds.push(runId);
  await db.$transaction((tx) =>
    createRunLimits(tx, {
      runId,
      platformIds: [PLATFORM, "anthropic"],
      concurrency,
      platformConcurrency,
      requestsPerMinute,
    }),
  );
  return runId;
}

function createLink(probe: () => Promise<void> = async () => undefined): DatabaseLink {
  const link = createDatabaseLink({ probe, log: () => undefined, initialBackoffMs: 20 });
  links.push(link);
  return link;
}

function createGate(
  runId: string,
  options: {
    isRateLimited?: boolean;
    pool?: pg.Pool;
    link?: DatabaseLink;
    platformSlotsWanted?: number;
  } = {},
) {
  const gate = createDbPlatformGate({
    pool: options.pool ?? pool,
    link: options.link ?? createLink(),
    workerId: `worker-${randomUUID().slice(0, 8)}`,
    runId,
    slotsWanted: 8,
    platformSlotsWanted: options.platformSlotsWanted ?? null,
    isRateLimited: options.isRateLimited ?? false,
    clock: systemClock,
  });
  gates.push(gate);
  return gate;
}

const admit = (
  gate: DbPlatformGate,
  options: { signal?: AbortSignal; deadlineMs?: number; platformId?: string } = {},
) =>
  Promise.resolve(
    gate.admit(options.platformId ?? PLATFORM, {
      tokens: 100,
      signal: options.signal,
      deadlineAt:
        options.deadlineMs === undefined ? Infinity : systemClock.now() + options.deadlineMs,
    }),
  );

/** Whether `promise` is still pending after `ms`. */
async function isPendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const pending = Symbol("pending");
  const timeout = new Promise((resolve) => setTimeout(() => resolve(pending), ms));
  return (await Promise.race([promise, timeout])) === pending;
}

function release(admission: Admission): void {
  if (admission.outcome !== "ok") throw new Error(`not admitted: ${admission.outcome}`);
  admission.release();
}

describe("createRunLimits", () => {
  it("makes the run-wide slots, slots per platform only under a cap, and a rate bucket only when it has a rate", async () => {
    const limited = await createRun(3, 30, 2);
    const unlimited = await createRun(2);
    expect(await db.evalSlot.count({ where: { runId: limited, platformId: "*" } })).toBe(3);
    expect(await db.evalSlot.count({ where: { runId: limited, platformId: PLATFORM } })).toBe(2);
    expect(await db.evalSlot.count({ where: { runId: limited, platformId: "anthropic" } })).toBe(2);
    const buckets = await db.evalRateBucket.findMany({ where: { runId: limited } });
    // 30 a minute: half a token a second, a burst of one call.
    expect(buckets.map((b) => [b.platformId, b.perSecond, b.capacity, b.tokens]).sort()).toEqual([
      ["anthropic", 0.5, 1, 1],
      [PLATFORM, 0.5, 1, 1],
    ]);
    expect(await db.evalSlot.count({ where: { runId: unlimited } })).toBe(2);
    expect(await db.evalRateBucket.count({ where: { runId: unlimited } })).toBe(0);
  });
});

describe("the PostgreSQL platform gate", () => {
  it("admits no more calls than the run's concurrency, and hands a freed slot to a waiting call", async () => {
    const runId = await createRun(2);
    const gate = createGate(runId);
    const held = [await admit(gate), await admit(gate)];
    expect(held.map((a) => a.outcome)).toEqual(["ok", "ok"]);
    const third = admit(gate);
    expect(await isPendingAfter(third, 300)).toBe(true);
    release(held[0]!);
    expect(await third).toMatchObject({ outcome: "ok" });
    const leased = await db.evalSlot.count({
      where: { runId, platformId: "*", NOT: { workerId: null } },
    });
    expect(leased).toBe(2);
  });

  it("holds the run's concurrency across its platforms: a slot one platform frees goes to another", async () => {
    // Before one pool per run, concurrency 2 meant 2 per platform: 4 calls at once here.
    const runId = await createRun(2);
    const gate = createGate(runId);
    const openai = await admit(gate);
    const anthropic = await admit(gate, { platformId: "anthropic" });
    const third = admit(gate, { platformId: "anthropic" });
    expect(await isPendingAfter(third, 300)).toBe(true);
    release(openai);
    expect(await third).toMatchObject({ outcome: "ok" });
    release(anthropic);
    release(await third);
  });

  it("keeps a platform under its cap while the run's pool has room, and a call waiting for its platform holds no run slot", async () => {
    const runId = await createRun(3, null, 2);
    const gate = createGate(runId, { platformSlotsWanted: 2 });
    const openai = [await admit(gate), await admit(gate)];
    const openaiThird = admit(gate);
    expect(await isPendingAfter(openaiThird, 300)).toBe(true);
    // The run's third slot is free: the waiting openai call does not hold it.
    const anthropic = await admit(gate, { platformId: "anthropic", deadlineMs: 2_000 });
    expect(anthropic.outcome).toBe("ok");
    const anthropicSecond = admit(gate, { platformId: "anthropic" });
    expect(await isPendingAfter(anthropicSecond, 300)).toBe(true);
    // A freed openai call frees a run slot and an openai slot: one of the two waiting calls takes
    // the run slot, the other still waits (the run never has more than 3 in flight).
    release(openai[0]!);
    const first = await Promise.race([
      anthropicSecond.then(() => "anthropic"),
      openaiThird.then(() => "openai"),
    ]);
    const other = first === "anthropic" ? openaiThird : anthropicSecond;
    expect(await isPendingAfter(other, 300)).toBe(true);
    release(anthropic);
    expect(await other).toMatchObject({ outcome: "ok" });
    for (const admission of [openai[1]!, await anthropicSecond, await openaiThird]) {
      release(admission);
    }
  });

  it("ends a wait as cancelled or at the deadline, keeping no slot", async () => {
    const runId = await createRun(1);
    const gate = createGate(runId);
    const held = await admit(gate);
    const ac = new AbortController();
    const cancelled = admit(gate, { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    expect(await cancelled).toEqual({ outcome: "cancelled" });

    const startedAt = systemClock.now();
    expect(await admit(gate, { deadlineMs: 200 })).toEqual({ outcome: "deadline" });
    expect(systemClock.now() - startedAt).toBeGreaterThanOrEqual(195);

    release(held);
    expect(await admit(gate, { deadlineMs: 5_000 })).toMatchObject({ outcome: "ok" });
  });

  it("waits for a rate token, and gives its slot back when the deadline comes first", async () => {
    const runId = await createRun(1, 60); // one call a second, a burst of one
    const gate = createGate(runId, { isRateLimited: true });
    const firstAt = systemClock.now();
    release(await admit(gate));
    expect(await admit(gate, { deadlineMs: 300 })).toEqual({ outcome: "deadline" });
    // Had the refused call kept the only slot, this one would never be admitted.
    release(await admit(gate, { deadlineMs: 5_000 }));
    expect(systemClock.now() - firstAt).toBeGreaterThanOrEqual(900);
  });

  it("makes a call wait out a database outage instead of failing it", async () => {
    const runId = await createRun(1);
    let isDown = true;
    const refused = () =>
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    // Only the gate's connection is cut: the test still reads the database through its own pool.
    const cut = new Proxy(pool, {
      get(target, key, receiver) {
        if (key === "query" && isDown) return () => Promise.reject(refused());
        const value: unknown = Reflect.get(target, key, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const link = createLink(async () => {
      if (isDown) throw refused();
    });
    const gate = createGate(runId, { pool: cut, link });
    const waiting = admit(gate);
    expect(await isPendingAfter(waiting, 300)).toBe(true);
    expect(link.isReachable()).toBe(false);
    isDown = false;
    expect(await waiting).toMatchObject({ outcome: "ok" });
    expect(
      await db.evalSlot.count({ where: { runId, platformId: "*", NOT: { workerId: null } } }),
    ).toBe(1);
  });
});
