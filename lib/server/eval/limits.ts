import type { Pool } from "pg";
import type { Prisma } from "@/prisma/generated/client";
import type { BudgetLedger, BudgetReservation } from "@/lib/router/budget";
import type { Admission, AdmitOptions, PlatformGate } from "@/lib/router/gate";
import { systemClock, type Clock } from "@/lib/router/resilience";
import type { DatabaseLink } from "./db-link";

/**
 * Limits that hold across every worker, kept in PostgreSQL:
 * - concurrency: one pool per run of N slot rows (platform "*"), and, when the run caps platforms,
 *   M slot rows per (run, platform). A call holds its platform's slot (if capped) and a run slot; a
 *   worker leases slots, renews the lease while it uses them and gives them back when idle, and a
 *   dead worker's lease simply runs out. A slot a fast platform frees goes to whichever call waits
 *   next, so the slowest platform does not set the run's length;
 * - requests per minute: a token bucket row per (run, platform), refilled from the clock of the
 *   database so that workers on different machines agree;
 * - budget: reservations per (run, worker) checked against the run's cap under the run row's
 *   lock, so concurrent reservations cannot overspend.
 * The first two reach the router as a `PlatformGate` (`createDbPlatformGate`).
 */

const LEASE_SECONDS = 15;
const RENEW_EVERY_MS = 5_000;
const RETRY_LEASE_MS = 150;
const IDLE_RELEASE_MS = 1_000;

/** Thrown by a wait for a slot or a rate token that its signal ended. */
export class AbortedError extends Error {
  constructor() {
    super("aborted");
  }
}

/** The platform id of a run's run-wide slot rows. */
export const RUN_WIDE_SLOTS = "*";

/** What a new run allows, in total and on each of its platforms. */
export type RunLimitsInput = {
  runId: string;
  platformIds: readonly string[];
  /** Calls in flight at once across the run, across every worker. */
  concurrency: number;
  /** Calls in flight at once per platform; null or absent: only the run-wide limit. */
  platformConcurrency?: number | null;
  /** Calls started per minute per platform; null or absent: unlimited. */
  requestsPerMinute?: number | null;
};

/**
 * Creates a new run's slot rows and rate buckets, one set per platform. Call it inside the
 * transaction that creates the run.
 */
export async function createRunLimits(
  tx: Pick<Prisma.TransactionClient, "evalSlot" | "evalRateBucket">,
  { runId, platformIds, concurrency, platformConcurrency, requestsPerMinute }: RunLimitsInput,
): Promise<void> {
  const slotRows = (platformId: string, count: number) =>
    Array.from({ length: count }, (_, slot) => ({ runId, platformId, slot }));
  await tx.evalSlot.createMany({
    data: [
      ...slotRows(RUN_WIDE_SLOTS, concurrency),
      ...(platformConcurrency
        ? platformIds.flatMap((platformId) => slotRows(platformId, platformConcurrency))
        : []),
    ],
  });
  if (requestsPerMinute) {
    const perSecond = requestsPerMinute / 60;
    const capacity = Math.max(1, perSecond);
    await tx.evalRateBucket.createMany({
      data: platformIds.map((platformId) => ({
        runId,
        platformId,
        tokens: capacity,
        capacity,
        perSecond,
      })),
    });
  }
}

/** A worker's share of one (run, platform)'s concurrency slots, or of the run-wide ones. */
export class SlotPool {
  private leased: number[] = [];
  private inUse = 0;
  private waiters: (() => void)[] = [];
  private leasing: Promise<void> | null = null;
  private renewTimer: ReturnType<typeof setInterval> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly workerId: string,
    private readonly runId: string,
    private readonly platformId: string,
    /** The most slots this worker wants (its own parallelism). */
    private readonly maxWanted: number,
  ) {}

  /** Waits for a slot; returns the function that gives it back. */
  async acquire(signal: AbortSignal): Promise<() => void> {
    this.cancelIdle();
    for (;;) {
      if (signal.aborted) throw new AbortedError();
      if (this.inUse < this.leased.length) {
        this.inUse += 1;
        let isReleased = false;
        return () => {
          if (isReleased) return;
          isReleased = true;
          this.inUse -= 1;
          this.waiters.shift()?.();
          if (this.inUse === 0) this.scheduleIdle();
        };
      }
      if (this.leased.length < this.maxWanted) {
        this.leasing ??= this.leaseMore().finally(() => {
          this.leasing = null;
        });
        const before = this.leased.length;
        await this.leasing;
        if (this.leased.length > before) continue;
        await systemClock.sleep(RETRY_LEASE_MS, signal);
        continue;
      }
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        this.waiters.push(() => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        });
        signal.addEventListener("abort", onAbort, { once: true });
      });
    }
  }

  private async leaseMore(): Promise<void> {
    const want = Math.max(
      1,
      Math.min(this.maxWanted - this.leased.length, this.waiters.length + 1),
    );
    const { rows } = await this.pool.query<{ slot: number }>(
      // Materialized: as a plain subquery the planner may rescan it once per joined row, and each
      // rescan skips the rows this statement already locked, so one lease took every free slot.
      `WITH free AS MATERIALIZED (
         SELECT "slot" FROM "EvalSlot"
         WHERE "runId" = $1 AND "platformId" = $2
           AND ("workerId" IS NULL OR "leaseUntil" < now())
         ORDER BY "slot" LIMIT $4 FOR UPDATE SKIP LOCKED)
       UPDATE "EvalSlot" s SET "workerId" = $3, "leaseUntil" = now() + make_interval(secs => $5)
       FROM free
       WHERE s."runId" = $1 AND s."platformId" = $2 AND s."slot" = free."slot"
       RETURNING s."slot"`,
      [this.runId, this.platformId, this.workerId, want, LEASE_SECONDS],
    );
    this.leased.push(...rows.map((row) => row.slot));
    if (this.leased.length > 0 && !this.renewTimer) {
      this.renewTimer = setInterval(() => void this.renew(), RENEW_EVERY_MS);
      this.renewTimer.unref();
    }
  }

  private async renew(): Promise<void> {
    if (this.leased.length === 0) return;
    await this.pool
      .query(
        `UPDATE "EvalSlot" SET "leaseUntil" = now() + make_interval(secs => $5)
         WHERE "runId" = $1 AND "platformId" = $2 AND "workerId" = $3 AND "slot" = ANY($4::int[])`,
        [this.runId, this.platformId, this.workerId, this.leased, LEASE_SECONDS],
      )
      // Named case: a renewal that fails (database away) lets the lease run out, and the slots
      // go back to the pool for any worker, as a dead worker's do. Nothing is lost.
      .catch(() => undefined);
  }

  private cancelIdle() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private scheduleIdle() {
    if (this.closed) return;
    this.cancelIdle();
    this.idleTimer = setTimeout(() => void this.releaseAll(), IDLE_RELEASE_MS);
    this.idleTimer.unref();
  }

  /** Gives every idle slot back so other workers can use them. */
  async releaseAll(): Promise<void> {
    if (this.inUse > 0 || this.leased.length === 0) return;
    const slots = this.leased;
    this.leased = [];
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
    await this.pool
      .query(
        `UPDATE "EvalSlot" SET "workerId" = NULL, "leaseUntil" = NULL
         WHERE "runId" = $1 AND "platformId" = $2 AND "workerId" = $3 AND "slot" = ANY($4::int[])`,
        [this.runId, this.platformId, this.workerId, slots],
      )
      // Named case: a release that fails leaves the lease to run out within LEASE_SECONDS.
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelIdle();
    for (const waiter of this.waiters.splice(0)) waiter();
    await this.releaseAll();
  }
}

/** Takes one token from the (run, platform) bucket, waiting as long as the bucket says. */
async function takeRateToken(
  pool: Pool,
  runId: string,
  platformId: string,
  signal: AbortSignal,
): Promise<void> {
  for (;;) {
    if (signal.aborted) throw new AbortedError();
    const { rows } = await pool.query<{ granted: boolean; waitSeconds: number | null }>(
      `WITH refilled AS (
         SELECT least("capacity", "tokens" + extract(epoch FROM clock_timestamp() - "refilledAt") * "perSecond") AS t,
                "perSecond"
         FROM "EvalRateBucket" WHERE "runId" = $1 AND "platformId" = $2 FOR UPDATE
       ), taken AS (
         UPDATE "EvalRateBucket" b SET "tokens" = r.t - 1, "refilledAt" = clock_timestamp()
         FROM refilled r WHERE b."runId" = $1 AND b."platformId" = $2 AND r.t >= 1
         RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM taken) AS granted,
              (SELECT (1 - t) / "perSecond" FROM refilled) AS "waitSeconds"`,
      [runId, platformId],
    );
    const row = rows[0];
    if (!row || row.waitSeconds === null) return; // no bucket: no limit
    if (row.granted) return;
    await systemClock.sleep(Math.max(10, Math.ceil(row.waitSeconds * 1000)), signal);
  }
}

/** What a run's gate needs. */
export type DbPlatformGateOptions = {
  pool: Pool;
  /** Waits out outages: a wait for a slot or a token outlasts them instead of failing the call. */
  link: Pick<DatabaseLink, "retry">;
  workerId: string;
  runId: string;
  /** The most run-wide slots this worker leases (the run's concurrency). */
  slotsWanted: number;
  /** The most slots this worker leases on one platform; null: platforms are not capped. */
  platformSlotsWanted: number | null;
  /** Whether the run has a requests-per-minute bucket to take a token from. */
  isRateLimited: boolean;
  /** The router's clock: `deadlineAt` is on it. */
  clock: Clock;
};

/** A run's platform gate in PostgreSQL, with this worker's slot pools. */
export type DbPlatformGate = PlatformGate & {
  /**
   * This worker's slot pools, by platform ("*" for the run-wide one), made on first use: close
   * them when the run ends here.
   */
  readonly slots: Map<string, SlotPool>;
};

/**
 * A `PlatformGate` over one run's slot rows and rate buckets: a call leases its platform's slot when
 * the run caps platforms, then a run-wide slot (each waiting its turn behind this worker's other
 * calls), then takes a rate token when the run has a rate. The platform slot comes first: a call
 * that waits for it holds nothing another platform could use. A database outage makes the call
 * wait rather than fail. Token-per-minute limits are not kept here.
 */
export function createDbPlatformGate(options: DbPlatformGateOptions): DbPlatformGate {
  const { pool, link, workerId, runId, slotsWanted, platformSlotsWanted, isRateLimited, clock } =
    options;
  const slots = new Map<string, SlotPool>();

  const poolFor = (platformId: string, wanted: number): SlotPool => {
    let platformSlots = slots.get(platformId);
    if (!platformSlots) {
      platformSlots = new SlotPool(pool, workerId, runId, platformId, wanted);
      slots.set(platformId, platformSlots);
    }
    return platformSlots;
  };

  async function admit(
    platformId: string,
    { signal, deadlineAt }: AdmitOptions,
  ): Promise<Admission> {
    const platformSlots =
      platformSlotsWanted === null ? null : poolFor(platformId, platformSlotsWanted);
    const runSlots = poolFor(RUN_WIDE_SLOTS, slotsWanted);
    // Not AbortSignal.any: on Node 20 each call leaves a reference on the long-lived run signal.
    let wait = signal ?? new AbortController().signal;
    let endWait: (() => void) | null = null;
    if (deadlineAt !== Infinity) {
      const waitController = new AbortController();
      const stop = () => waitController.abort();
      const timer = new AbortController();
      signal?.addEventListener("abort", stop, { once: true });
      if (signal?.aborted) stop();
      void clock.sleep(Math.max(0, deadlineAt - clock.now()), timer.signal).then(() => {
        if (!timer.signal.aborted) stop();
      });
      endWait = () => {
        timer.abort();
        signal?.removeEventListener("abort", stop);
      };
      wait = waitController.signal;
    }
    let releasePlatform: (() => void) | null = null;
    let releaseRun: (() => void) | null = null;
    const release = () => {
      releaseRun?.();
      releasePlatform?.();
    };
    try {
      if (platformSlots)
        releasePlatform = await link.retry(() => platformSlots.acquire(wait), wait);
      releaseRun = await link.retry(() => runSlots.acquire(wait), wait);
      if (isRateLimited) {
        await link.retry(() => takeRateToken(pool, runId, platformId, wait), wait);
      }
      return { outcome: "ok", release };
    } catch (error) {
      release();
      if (signal?.aborted) return { outcome: "cancelled" };
      if (wait.aborted) return { outcome: "deadline" };
      throw error;
    } finally {
      endWait?.();
    }
  }

  return { admit, slots };
}

/** How often a reservation blocked only by other calls' holds checks again. */
const HOLD_RETRY_MS = 50;

/** A budget ledger in PostgreSQL, shared by every worker. Only used for runs with a cap. */
export function createDbBudgetLedger(
  pool: Pool,
  workerId: string,
  limitFor: (runId: string) => number | null,
): BudgetLedger {
  /** "held": the money is there once calls in flight settle; "over": it is spent. */
  async function tryReserve(
    runId: string,
    amountUsd: number,
  ): Promise<"reserved" | "held" | "over"> {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ budget: string | null; spent: string; held: string }>(
        `SELECT r."budgetUsd" AS budget, r."spentUsd" AS spent,
                (SELECT coalesce(sum("reservedUsd"), 0) FROM "EvalBudgetHold" WHERE "runId" = $1) AS held
         FROM "EvalRun" r WHERE r."id" = $1 FOR UPDATE`,
        [runId],
      );
      const row = rows[0];
      let outcome: "reserved" | "held" | "over" = "over";
      if (row) {
        const budget = row.budget === null ? Infinity : Number(row.budget);
        if (Number(row.spent) + amountUsd > budget) outcome = "over";
        else if (Number(row.spent) + Number(row.held) + amountUsd > budget) outcome = "held";
        else outcome = "reserved";
      }
      if (outcome === "reserved") {
        await client.query(
          `INSERT INTO "EvalBudgetHold" ("runId", "workerId", "reservedUsd") VALUES ($1, $2, $3)
           ON CONFLICT ("runId", "workerId")
           DO UPDATE SET "reservedUsd" = "EvalBudgetHold"."reservedUsd" + excluded."reservedUsd"`,
          [runId, workerId, amountUsd],
        );
      }
      await client.query("COMMIT");
      return outcome;
    } catch (error) {
      // Named case: the error below is the one to report; a ROLLBACK that fails means the
      // connection is gone, and the server discards the transaction with it.
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    limitUsd: limitFor,
    async reserve(runId, amountUsd): Promise<BudgetReservation | null> {
      // Money held for calls in flight comes back as they finish: when only holds stand in the
      // way, wait for them rather than call the budget spent. There is no time limit: a run is
      // stopped for its budget only when spent + this call would pass the cap, never because
      // calls in flight were slow. Holds always come back: settled, released on failure or
      // cancel, or freed by the reaper when their worker dies.
      for (;;) {
        const outcome = await tryReserve(runId, amountUsd);
        if (outcome === "reserved") return { runId, amountUsd };
        if (outcome === "over") return null;
        await systemClock.sleep(HOLD_RETRY_MS);
      }
    },
    async commit(reservation, actualUsd) {
      await pool.query(
        `WITH hold AS (
           UPDATE "EvalBudgetHold" SET "reservedUsd" = greatest(0, "reservedUsd" - $3)
           WHERE "runId" = $1 AND "workerId" = $2)
         UPDATE "EvalRun" SET "spentUsd" = "spentUsd" + $4 WHERE "id" = $1`,
        [reservation.runId, workerId, reservation.amountUsd, actualUsd],
      );
    },
    async release(reservation) {
      await pool.query(
        `UPDATE "EvalBudgetHold" SET "reservedUsd" = greatest(0, "reservedUsd" - $3)
         WHERE "runId" = $1 AND "workerId" = $2`,
        [reservation.runId, workerId, reservation.amountUsd],
      );
    },
  };
}

/**
 * Gives back everything workers presumed dead still hold: their budget holds and their slot
 * leases (a lease also runs out by itself; this frees it at once).
 */
export async function releaseWorkerHolds(pool: Pool, workerIds: readonly string[]): Promise<void> {
  if (workerIds.length === 0) return;
  await pool.query(`DELETE FROM "EvalBudgetHold" WHERE "workerId" = ANY($1::text[])`, [workerIds]);
  await pool.query(
    `UPDATE "EvalSlot" SET "workerId" = NULL, "leaseUntil" = NULL WHERE "workerId" = ANY($1::text[])`,
    [workerIds],
  );
}
