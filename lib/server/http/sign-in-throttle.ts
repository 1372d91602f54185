import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getIP, isAPIError } from "better-auth/api";
import type { Db } from "../ops/db-client";

/**
 * Password sign-in throttling, per account and per client address, with counters in PostgreSQL so
 * every server process shares them. A hold is short and says how long it lasts, so an attack
 * slows the attacker without locking anyone out for long:
 *
 * - account: from its 5th failed attempt, each failure holds the account for 1 s, doubling up to
 *   30 s. A success clears the account's count.
 * - address: from failures on 20 different accounts, each failure on yet another account holds
 *   the address for 1 s, doubling up to 60 s. Retries on one account count once, so one client
 *   hammering one account never holds up its neighbours behind the same address; a success removes
 *   that account from the address's count.
 * - counts are forgotten 15 minutes after their last failure.
 *
 * An attempt is counted before its password is checked and forgiven if it succeeds, so parallel
 * requests cannot slip past a hold. better-auth's own per-address limiter adds a request ceiling
 * (`SIGN_IN_LIMITS.requests`, applied in `auth-config.ts`).
 */

export type ThrottleRule = {
  /** Failures counted before the first hold. */
  freeFailures: number;
  /** The longest hold, in seconds. */
  maxHoldSeconds: number;
};

/** The limits, as stated in the README's "Sign-in throttling". */
export const SIGN_IN_LIMITS = {
  account: { freeFailures: 5, maxHoldSeconds: 30 },
  address: { freeFailures: 20, maxHoldSeconds: 60 },
  forgetAfterSeconds: 15 * 60,
  /**
   * better-auth's limiter, per address, whatever the outcome: at most this many sign-in requests
   * until a quiet window (no request let through for that long) starts the count again.
   */
  requests: { max: 60, windowSeconds: 60 },
} as const satisfies {
  account: ThrottleRule;
  address: ThrottleRule;
  forgetAfterSeconds: number;
  requests: { max: number; windowSeconds: number };
};

/** An address row remembers at most this many accounts; a forgotten one counts again if retried. */
const MAX_REMEMBERED_ACCOUNTS = 100;

/** First key of the two-key advisory locks that serialise attempts on one counter. */
const THROTTLE_LOCK = 73_012;

export type ThrottleCounter = {
  failures: number;
  accounts: string[];
  lockedUntil: Date | null;
  lastFailureAt: Date;
};

export type AttemptDecision =
  { isAllowed: true; next: ThrottleCounter } | { isAllowed: false; retryAfterSeconds: number };

/** How long a counter at `failures` holds further attempts, in seconds (0: no hold). */
export function getHoldSeconds(failures: number, rule: ThrottleRule): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(2 ** (failures - rule.freeFailures), rule.maxHoldSeconds);
}

/**
 * Whether an attempt may go ahead, and the counter once it is counted. With `account`, the counter
 * belongs to an address and counts distinct accounts; without, every attempt counts.
 */
export function decideAttempt(
  counter: ThrottleCounter | null,
  rule: ThrottleRule,
  nowMs: number,
  account?: string,
): AttemptDecision {
  const isForgotten =
    counter === null ||
    nowMs - counter.lastFailureAt.getTime() >= SIGN_IN_LIMITS.forgetAfterSeconds * 1000;
  const current: Omit<ThrottleCounter, "lastFailureAt"> = isForgotten
    ? { failures: 0, accounts: [], lockedUntil: null }
    : counter;
  const lockedUntilMs = current.lockedUntil?.getTime() ?? 0;
  if (lockedUntilMs > nowMs) {
    return { isAllowed: false, retryAfterSeconds: Math.ceil((lockedUntilMs - nowMs) / 1000) };
  }
  const lastFailureAt = new Date(nowMs);
  if (account !== undefined && current.accounts.includes(account)) {
    return {
      isAllowed: true,
      next: {
        failures: current.failures,
        accounts: current.accounts,
        lockedUntil: current.lockedUntil,
        lastFailureAt,
      },
    };
  }
  const failures = current.failures + 1;
  const holdSeconds = getHoldSeconds(failures, rule);
  return {
    isAllowed: true,
    next: {
      failures,
      accounts:
        account === undefined
          ? current.accounts
          : [...current.accounts, account].slice(-MAX_REMEMBERED_ACCOUNTS),
      lockedUntil: holdSeconds > 0 ? new Date(nowMs + holdSeconds * 1000) : null,
      lastFailureAt,
    },
  };
}

/**
 * An address counter after `account` signed in from it: that account's failures were its owner's
 * and no longer count, and the hold (which this attempt may have set) is lifted. Null: no change.
 */
export function decideForgiven(
  counter: ThrottleCounter | null,
  account: string,
): ThrottleCounter | null {
  if (!counter?.accounts.includes(account)) return null;
  return {
    failures: Math.max(0, counter.failures - 1),
    accounts: counter.accounts.filter((known) => known !== account),
    lockedUntil: null,
    lastFailureAt: counter.lastFailureAt,
  };
}

export type SignInAttempt = {
  /** The email as typed, lowercased: accounts that do not exist are counted the same way. */
  account: string;
  /** The client address (IPv6 by /64), or null when unknown: then only the account is counted. */
  address: string | null;
};

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const accountKey = (account: string) => `account:${account}`;
const addressKey = (address: string) => `address:${address}`;

/** Serialises work on these counters across processes; keys in order, so two never deadlock. */
async function lockCounters(tx: Tx, keys: string[]): Promise<void> {
  for (const key of [...keys].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${THROTTLE_LOCK}::int, hashtext(${key}))`;
  }
}

class Refused extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("sign-in attempt refused");
  }
}

/**
 * Counts an attempt against its account and address before the password is checked, or refuses
 * it with the seconds to wait when either is held. A refused attempt is not counted.
 */
export async function reserveSignInAttempt(
  db: Db,
  attempt: SignInAttempt,
  nowMs: number,
): Promise<{ isAllowed: true } | { isAllowed: false; retryAfterSeconds: number }> {
  const counters = [
    { key: accountKey(attempt.account), rule: SIGN_IN_LIMITS.account, account: undefined },
    ...(attempt.address
      ? [
          {
            key: addressKey(attempt.address),
            rule: SIGN_IN_LIMITS.address,
            account: attempt.account,
          },
        ]
      : []),
  ];
  try {
    await db.$transaction(async (tx) => {
      const keys = counters.map((counter) => counter.key);
      await lockCounters(tx, keys);
      const rows = await tx.signInThrottle.findMany({ where: { key: { in: keys } } });
      const decisions = counters.map((counter) => ({
        key: counter.key,
        decision: decideAttempt(
          rows.find((row) => row.key === counter.key) ?? null,
          counter.rule,
          nowMs,
          counter.account,
        ),
      }));
      const waits = decisions.flatMap(({ decision }) =>
        decision.isAllowed ? [] : [decision.retryAfterSeconds],
      );
      if (waits.length > 0) throw new Refused(Math.max(...waits));
      for (const { key, decision } of decisions) {
        if (!decision.isAllowed) continue;
        await tx.signInThrottle.upsert({
          where: { key },
          create: { key, ...decision.next },
          update: decision.next,
        });
      }
    });
  } catch (error) {
    if (error instanceof Refused) {
      return { isAllowed: false, retryAfterSeconds: error.retryAfterSeconds };
    }
    throw error;
  }
  await forgetOldSignInFailures(db, nowMs);
  return { isAllowed: true };
}

/** After a successful sign-in: the account starts afresh and the address stops counting it. */
export async function forgiveSignInAttempt(db: Db, attempt: SignInAttempt): Promise<void> {
  await db.$transaction(async (tx) => {
    const account = accountKey(attempt.account);
    const address = attempt.address ? addressKey(attempt.address) : null;
    await lockCounters(tx, address ? [account, address] : [account]);
    await tx.signInThrottle.deleteMany({ where: { key: account } });
    if (!address) return;
    const row = await tx.signInThrottle.findUnique({ where: { key: address } });
    const next = decideForgiven(row, attempt.account);
    if (next) await tx.signInThrottle.update({ where: { key: address }, data: next });
  });
}

/** Deletes counters past the forgetting time; rows another sign-in is using are left for later. */
async function forgetOldSignInFailures(db: Db, nowMs: number): Promise<void> {
  const cutoff = new Date(nowMs - SIGN_IN_LIMITS.forgetAfterSeconds * 1000);
  await db.$executeRaw`
    DELETE FROM "SignInThrottle" WHERE "key" IN (
      SELECT "key" FROM "SignInThrottle" WHERE "lastFailureAt" < ${cutoff}
      LIMIT 1000 FOR UPDATE SKIP LOCKED
    )`;
}

/** The body of every 429 the auth endpoints answer; the sign-in form shows `retryAfter`. */
export function tooManyAttemptsBody(retryAfterSeconds: number) {
  return {
    code: "RATE_LIMITED",
    message: `Too many attempts. Try again in ${retryAfterSeconds} s.`,
    retryAfter: retryAfterSeconds,
  };
}

const SIGN_IN_PATH = "/sign-in/email";

function attemptOf(ctx: {
  body?: unknown;
  request?: Request;
  headers?: Headers;
  context: { options: Parameters<typeof getIP>[1] };
}): SignInAttempt | null {
  const body = ctx.body;
  if (typeof body !== "object" || body === null || !("email" in body)) return null;
  if (typeof body.email !== "string") return null;
  const source = ctx.request ?? ctx.headers;
  return {
    account: body.email.trim().toLowerCase().slice(0, 320),
    address: source ? getIP(source, ctx.context.options) : null,
  };
}

/**
 * The throttle as a better-auth plugin: a hook before the email sign-in counts the attempt or
 * answers 429 with Retry-After; a hook after it forgives a success. Failures stay counted.
 */
export function signInThrottle(db: Db, options: { now: () => number }): BetterAuthPlugin {
  return {
    id: "crossbench-sign-in-throttle",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === SIGN_IN_PATH,
          handler: createAuthMiddleware(async (ctx) => {
            const attempt = attemptOf(ctx);
            if (!attempt) return;
            const decision = await reserveSignInAttempt(db, attempt, options.now());
            if (decision.isAllowed) return;
            throw new APIError(
              "TOO_MANY_REQUESTS",
              tooManyAttemptsBody(decision.retryAfterSeconds),
              {
                "Retry-After": String(decision.retryAfterSeconds),
              },
            );
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === SIGN_IN_PATH,
          handler: createAuthMiddleware(async (ctx) => {
            if (isAPIError(ctx.context.returned)) return;
            const attempt = attemptOf(ctx);
            if (attempt) await forgiveSignInAttempt(db, attempt);
          }),
        },
      ],
    },
  };
}
