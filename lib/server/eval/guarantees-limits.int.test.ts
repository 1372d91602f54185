import { afterEach, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { createProxyLedger, startCountingProxy } from "@/lib/testing/counting-proxy";
import { enqueueChunks, type ChunkJobData } from "@/lib/queue/eval-queue";
import type { LaunchRunInput } from "@/lib/schemas/runs";
import {
  pickOfferings,
  seedEvalDatabase,
  startEvalRig,
  startTestWorker,
  suiteId,
  TEST_ENV,
  TEST_OPERATOR,
} from "@/lib/testing/eval-harness";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import type { Db } from "../ops/db-client";
import pg from "pg";
import { AbortedError, RUN_WIDE_SLOTS, SlotPool } from "./limits";
import { resolvePlatformConnections } from "../ops/router-setup";
import { cancelRun, launchRun } from "../domain/runs/runs";

/**
 * A run's limits (its concurrency, requests per minute per platform) hold across workers. Two in-process workers, each with its own connection
 * pool, reach the emulator through their own proxy; the proxies share one ledger, so it sees every
 * call of the run as the provider would. (A trial's startedAt is taken before the slot wait, so the
 * stored trials cannot show overlap; the proxy can.)
 */

const databases = freshDatabasePool("evallimits");
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await databases.dropAll();
});

/** A seeded database, an emulator, and two workers each behind its own proxy to it. */
async function createTwoWorkerWorld(label: string, holdMs: number, trialsPerJob: number) {
  const rig = await startEvalRig(databases, label);
  cleanups.push(() => rig.close());
  const ledger = createProxyLedger();
  const proxies = [];
  for (const name of ["a", "b"]) {
    const proxy = await startCountingProxy(rig.emulator.url, ledger, { holdMs, label: name });
    cleanups.push(() => proxy.close());
    proxies.push(proxy);
    // One job at a time each, so the run's chunks spread over both workers.
    const worker = await startTestWorker(rig, {
      emulatorUrl: proxy.url,
      jobsInParallel: 1,
      trialsPerJob,
    });
    cleanups.push(() => worker.stop(1_000));
  }
  return { ...rig, ledger, launchUrl: proxies[0]!.url };
}

/** Launches a run whose jobs are cut to 10 cases each, so there are always several to share. */
async function launchSplitRun(
  world: { db: Db; boss: PgBoss },
  emulatorUrl: string,
  input: Partial<LaunchRunInput> & Pick<LaunchRunInput, "suiteId" | "targets">,
) {
  const connections = await resolvePlatformConnections(world.db, TEST_ENV, emulatorUrl);
  const split = (jobs: ChunkJobData[]) =>
    jobs.flatMap((job) => {
      const parts: ChunkJobData[] = [];
      for (let from = job.from; from < job.to; from += 10) {
        parts.push({ ...job, from, to: Math.min(job.to, from + 10) });
      }
      return parts;
    });
  return launchRun(
    TEST_OPERATOR,
    world.db,
    { temperature: 0, maxTokens: 256, repeats: 1, concurrency: 4, stream: true, ...input },
    { connections, enqueue: (jobs) => enqueueChunks(world.boss, split(jobs)), origin: "cli" },
  );
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("a run's limits across two workers", () => {
  it("never has more calls in flight than the run's concurrency", async () => {
    // Each worker runs up to 2 trials at once, so together they want 4; the run allows 3. Each
    // call is held 60 ms at the proxy, so calls the slots let through together overlap.
    const world = await createTwoWorkerWorld("conc", 60, 2);
    const [offeringId] = await pickOfferings(world.db, ["openai"]);
    const { runId } = await launchSplitRun(world, world.launchUrl, {
      suiteId: await suiteId(world.db, "factual-qa"),
      targets: [{ kind: "offering", offeringId: offeringId! }],
      repeats: 2,
      concurrency: 3,
    });
    await waitFor(
      () => world.ledger.total >= 40 && world.ledger.maxInFlightShared > 0,
      30_000,
      "40 calls, some from both workers at once",
    );
    await cancelRun(TEST_OPERATOR, world.db, runId);
    await waitFor(() => world.ledger.inFlight === 0, 10_000, "the last calls to end");
    // Both workers were calling at once, and together they reached the cap but never passed it.
    expect(world.ledger.maxInFlightShared).toBe(3);
    expect(world.ledger.maxInFlight).toBe(3);
  }, 60_000);

  it("keeps the calls on a platform within the run's requests per minute", async () => {
    // Concurrency above what one worker takes (8), so both workers hold slots and race the bucket.
    const world = await createTwoWorkerWorld("rpm", 0, 8);
    const [offeringId] = await pickOfferings(world.db, ["openai"]);
    const perSecond = 2;
    const capacity = 2;
    const { runId } = await launchSplitRun(world, world.launchUrl, {
      suiteId: await suiteId(world.db, "factual-qa"),
      targets: [{ kind: "offering", offeringId: offeringId! }],
      repeats: 2,
      concurrency: 16,
      requestsPerMinute: perSecond * 60,
    });
    const calls = 12;
    await waitFor(() => world.ledger.total >= calls, 20_000, `${calls} calls`);
    await cancelRun(TEST_OPERATOR, world.db, runId);

    const arrivals = world.ledger.arrivals.slice(0, calls).map((a) => a.at);
    expect(new Set(world.ledger.arrivals.slice(0, calls).map((a) => a.label))).toEqual(
      new Set(["a", "b"]),
    );
    // A token bucket grants at most capacity + rate × w in any window of length w. Arrivals are
    // seen a little after the grant, so windows get 150 ms of slack for that jitter.
    for (let i = 0; i < arrivals.length; i += 1) {
      for (let j = i; j < arrivals.length; j += 1) {
        const windowSeconds = (arrivals[j]! - arrivals[i]!) / 1000;
        const allowed = capacity + perSecond * (windowSeconds + 0.15);
        expect(j - i + 1, `calls ${i}..${j} within ${windowSeconds}s`).toBeLessThanOrEqual(
          Math.floor(allowed),
        );
      }
    }
    // So the first `calls` calls take at least (calls - capacity) / rate seconds.
    const spanSeconds = (arrivals[calls - 1]! - arrivals[0]!) / 1000;
    expect(spanSeconds).toBeGreaterThanOrEqual((calls - capacity) / perSecond - 0.15);
  }, 60_000);

  it("leases a worker only the slots it asks for, leaving the rest to other workers", async () => {
    const { db, url } = await databases.create("lease", { max: 2 });
    await seedEvalDatabase(db);
    const [offeringId] = await pickOfferings(db, ["openai"]);
    const offering = await db.offering.findUniqueOrThrow({ where: { id: offeringId! } });
    const { runId } = await launchRun(
      TEST_OPERATOR,
      db,
      {
        suiteId: await suiteId(db, "factual-qa"),
        targets: [{ kind: "offering", offeringId: offering.id }],
        temperature: 0,
        maxTokens: 256,
        repeats: 1,
        concurrency: 3,
        stream: true,
      },
      {
        connections: await resolvePlatformConnections(db, TEST_ENV, "http://127.0.0.1:9"),
        enqueue: async () => undefined,
        origin: "cli",
      },
    );
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    // Dropping the database at the end terminates idle connections; that is expected.
    pool.on("error", () => undefined);
    cleanups.push(() => pool.end());
    const a = new SlotPool(pool, "worker-a", runId, RUN_WIDE_SLOTS, 2);
    const b = new SlotPool(pool, "worker-b", runId, RUN_WIDE_SLOTS, 2);
    cleanups.push(() => Promise.all([a.close(), b.close()]));
    const leasedBy = (workerId: string) => db.evalSlot.count({ where: { runId, workerId } });

    await a.acquire(new AbortController().signal);
    expect(await leasedBy("worker-a")).toBe(1);
    // A needs one slot; B may have the other two at once (it gives up after 3 s if A took them).
    const signal = AbortSignal.timeout(3_000);
    const acquired = await Promise.all([b.acquire(signal), b.acquire(signal)]).catch(
      (error: unknown) => (error instanceof AbortedError ? "starved" : Promise.reject(error)),
    );
    expect(acquired).not.toBe("starved");
    expect(await leasedBy("worker-b")).toBe(2);
    expect(await leasedBy("worker-a")).toBe(1);
  });
});
