import type { Pool } from "pg";
import type { BudgetLedger, BudgetReservation } from "@/lib/router/budget";

/**
 * Limits that hold across every worker, kept in PostgreSQL:
 * - concurrency: each (run, platform) has N slot rows; a worker leases some, renews the lease
 *   while it uses them and gives them back when idle; a dead worker's lease simply runs out;
 * - requests per minute: a token bucket row per (run, platform), refilled from the clock of the
 *   database so that workers on different machines agree;
 * - budget: reservations per (run, worker) checked against the run's cap under the run row's
 *   lock, so concurrent reservations cannot overspend.
 */

const LEASE_SECONDS = 15;
const RENEW_EVERY_MS = 5_000;
const RETRY_LEASE_MS = 150;
const IDLE_RELEASE_MS = 1_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

class AbortedError extends Error {
  constructor() {
    super("aborted");
  }
}

/** A worker's share of one (run, platform)'s concurrency slots. */
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
        await sleep(RETRY_LEASE_MS, signal);
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
export async function takeRateToken(
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
    await sleep(Math.max(10, Math.ceil(row.waitSeconds * 1000)), signal);
  }
}

/** How long a reservation waits for other calls' holds to come back before giving up. */
const HOLD_WAIT_MS = 30_000;
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
      // way, wait for them rather than call the budget spent.
      const deadline = Date.now() + HOLD_WAIT_MS;
      for (;;) {
        const outcome = await tryReserve(runId, amountUsd);
        if (outcome === "reserved") return { runId, amountUsd };
        if (outcome === "over" || Date.now() > deadline) return null;
        await sleep(HOLD_RETRY_MS);
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

export { AbortedError };
