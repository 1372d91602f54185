import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { createAuth, type Auth } from "./auth-config";
import { authOptionsFromEnv } from "./auth-options";
import { createPrismaClient, type Db } from "../ops/db-client";
import { parseEnv } from "../ops/env";
import { unsafeCreateUser } from "../domain/access/users";

/**
 * better-auth as configured for Crossbench, over real HTTP requests to its handler and the real
 * test database: sign-in throttling per account and per address, which address counts (TRUST_PROXY),
 * and the audit events of sign-in, failure, sign-out and password change.
 */

const BASE = "http://localhost:3000";
const WRONG = "wrong-password-123";
const suffix = randomBytes(4).toString("hex");
const secretKey = randomBytes(32).toString("base64");
let db: Db;
const userIds: string[] = [];

/**
 * An auth instance configured from the environment, as the app's is, whose throttle reads a clock
 * the test moves (`advance`), so waits are checked without sleeping.
 */
function makeAuth(env: Record<string, string> = {}) {
  let nowMs = Date.now();
  const auth = createAuth(db, {
    ...authOptionsFromEnv(parseEnv({ CROSSBENCH_SECRET_KEY: secretKey, ...env })),
    now: () => nowMs,
  });
  return {
    auth,
    advance(seconds: number) {
      nowMs += seconds * 1000;
    },
  };
}

function post(auth: Auth, path: string, body: unknown, headers: Record<string, string> = {}) {
  return auth.handler(
    new Request(`${BASE}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

function signIn(auth: Auth, email: string, password: string, forwardedFor: string) {
  return post(auth, "/sign-in/email", { email, password }, { "x-forwarded-for": forwardedFor });
}

/** Seconds the server asks the client to wait (0 when it does not say). */
const retryAfterOf = (response: Response) => Number(response.headers.get("retry-after") ?? 0);

/**
 * One wrong password that reaches the password check, as a patient attacker sends it: a refusal
 * is waited out (as long as the server asks) before trying again. Returns the final status.
 */
async function failOnce(
  auth: Auth,
  advance: (seconds: number) => void,
  email: string,
  forwardedFor: string,
): Promise<number> {
  let status = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const response = await signIn(auth, email, WRONG, forwardedFor);
    status = response.status;
    if (status !== 429) return status;
    advance(retryAfterOf(response));
  }
  return status;
}

/** A fresh address per call, so counters never carry over between tests or runs. */
const nextAddress = () => `10.${[...randomBytes(3)].join(".")}`;

/** An email nobody has: failures against it count like any other. */
let ghosts = 0;
const ghostEmail = () => `ghost-${ghosts++}-${suffix}@example.test`;

async function makeUser(mustChangePassword = false) {
  const email = `auth-${randomBytes(4).toString("hex")}-${suffix}@example.test`;
  const password = `auth-test-${randomBytes(8).toString("hex")}`;
  const user = await unsafeCreateUser(db, {
    name: "Auth Test",
    email,
    role: "viewer",
    password,
    mustChangePassword,
  });
  userIds.push(user.id);
  return { ...user, password };
}

const auditFor = (email: string) =>
  db.auditEvent.findMany({ where: { actorEmail: email }, orderBy: { at: "asc" } });

/**
 * A wrong password, then the right one, each sent with its X-Forwarded-For: the audit log and
 * the session both record `address` as the client's.
 */
async function expectClientAddress(
  auth: Auth,
  user: Awaited<ReturnType<typeof makeUser>>,
  forwardedFor: { failing: string; succeeding: string },
  address: string,
) {
  expect((await signIn(auth, user.email, WRONG, forwardedFor.failing)).status).toBe(401);
  const signedIn = await signIn(auth, user.email, user.password, forwardedFor.succeeding);
  expect(signedIn.status).toBe(200);
  const events = await auditFor(user.email);
  expect(events.map((event) => [event.action, event.ipAddress])).toEqual([
    ["auth.sign_in_failed", address],
    ["auth.sign_in", address],
  ]);
  const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
  expect(session.ipAddress).toBe(address);
}

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");

beforeAll(() => {
  db = createPrismaClient(requireTestDatabaseUrl(), { max: 2 });
});

afterAll(async () => {
  await db.auditEvent.deleteMany({ where: { actorEmail: { endsWith: `${suffix}@example.test` } } });
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await db.signInThrottle.deleteMany({ where: { key: { endsWith: `${suffix}@example.test` } } });
  await db.$disconnect();
});

describe("sign-in throttling", () => {
  it("failed attempts on one account do not lock another account out of the same address", async () => {
    const { auth } = makeAuth();
    const victim = await makeUser();
    const colleague = await makeUser();
    const office = nextAddress();

    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await signIn(auth, victim.email, WRONG, office)).status);
    }
    // Five wrong passwords are checked, then the attacked account is held.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);

    // Someone else behind the same address signs in straight away.
    const colleagueIn = await signIn(auth, colleague.email, colleague.password, office);
    expect(colleagueIn.status).toBe(200);

    const events = await auditFor(victim.email);
    const reasons = events
      .filter((event) => event.action === "auth.sign_in_failed")
      .map((event) => (event.detail as { reason?: string } | null)?.reason);
    expect(reasons.filter((reason) => reason === "invalid credentials")).toHaveLength(5);
    expect(reasons.filter((reason) => reason === "rate limited")).toHaveLength(7);
    expect(JSON.stringify(events)).not.toContain(WRONG);
  });

  it("slows failures on one account spread over many addresses, doubling the wait up to 30 s", async () => {
    const { auth, advance } = makeAuth();
    const victim = await makeUser();
    for (let i = 0; i < 5; i++) {
      expect((await signIn(auth, victim.email, WRONG, nextAddress())).status).toBe(401);
    }
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const refused = await signIn(auth, victim.email, WRONG, nextAddress());
      expect(refused.status).toBe(429);
      waits.push(retryAfterOf(refused));
      advance(retryAfterOf(refused));
      expect((await signIn(auth, victim.email, WRONG, nextAddress())).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30]);

    // While the account is held, its owner is told how long to wait, in words the form shows.
    const held = await signIn(auth, victim.email, victim.password, nextAddress());
    expect(held.status).toBe(429);
    expect(retryAfterOf(held)).toBe(30);
    expect(await held.json()).toMatchObject({ code: "RATE_LIMITED", retryAfter: 30 });
  });

  it("checks no more than 5 passwords when guesses on one account arrive all at once", async () => {
    const { auth } = makeAuth();
    const victim = await makeUser();
    const responses = await Promise.all(
      Array.from({ length: 15 }, () => signIn(auth, victim.email, WRONG, nextAddress())),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(10).fill(429)]);
  });

  it("lets the right password in at most 30 s after the attack stops, from the attacker's address too", async () => {
    const { auth, advance } = makeAuth();
    const victim = await makeUser();
    const shared = nextAddress();
    for (let i = 0; i < 15; i++) {
      expect(await failOnce(auth, advance, victim.email, shared)).toBe(401);
    }

    const early = await signIn(auth, victim.email, victim.password, shared);
    expect(early.status).toBe(429);
    const wait = retryAfterOf(early);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    advance(wait - 1);
    expect((await signIn(auth, victim.email, victim.password, shared)).status).toBe(429);
    advance(1);
    expect((await signIn(auth, victim.email, victim.password, shared)).status).toBe(200);

    // A successful sign-in starts the account afresh: the next typo is checked, not held.
    expect((await signIn(auth, victim.email, WRONG, shared)).status).toBe(401);
  });

  it("slows an address that fails on many accounts, for at most 60 s, and only that address", async () => {
    const { auth, advance } = makeAuth();
    const sprayer = nextAddress();
    for (let i = 0; i < 20; i++) {
      expect((await signIn(auth, ghostEmail(), WRONG, sprayer)).status).toBe(401);
    }
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const refused = await signIn(auth, ghostEmail(), WRONG, sprayer);
      expect(refused.status).toBe(429);
      waits.push(retryAfterOf(refused));
      advance(retryAfterOf(refused));
      expect((await signIn(auth, ghostEmail(), WRONG, sprayer)).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60]);

    const user = await makeUser();
    expect((await signIn(auth, user.email, user.password, nextAddress())).status).toBe(200);
    const fromSprayer = await signIn(auth, user.email, user.password, sprayer);
    expect(fromSprayer.status).toBe(429);
    expect(retryAfterOf(fromSprayer)).toBeLessThanOrEqual(60);
    advance(retryAfterOf(fromSprayer));
    expect((await signIn(auth, user.email, user.password, sprayer)).status).toBe(200);
  });

  it("caps a run of sign-in requests from one address at 60, refusing for at most 60 s", async () => {
    const { auth } = makeAuth();
    const flooder = nextAddress();
    const victim = await makeUser();
    const colleague = await makeUser();
    for (let i = 0; i < 60; i++) {
      expect((await signIn(auth, victim.email, WRONG, flooder)).status).not.toBe(200);
    }
    // The 61st request is refused whatever it carries, for at most a minute.
    const refused = await signIn(auth, colleague.email, colleague.password, flooder);
    expect(refused.status).toBe(429);
    const wait = retryAfterOf(refused);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ code: "RATE_LIMITED", retryAfter: wait });
    expect((await signIn(auth, colleague.email, colleague.password, nextAddress())).status).toBe(
      200,
    );
  });
});

describe("the client address (TRUST_PROXY)", () => {
  it("without TRUST_PROXY, a forged first hop changes nothing: the nearest hop is the address", async () => {
    const { auth } = makeAuth();
    const user = await makeUser();
    const socket = nextAddress();

    const forwardedFor = {
      failing: `198.51.100.7, ${socket}`,
      succeeding: `198.51.100.8, ${socket}`,
    };
    await expectClientAddress(auth, user, forwardedFor, socket);

    // Changing the forged hop does not dodge the per-address limit either.
    for (let i = 0; i < 20; i++) {
      const forged = `198.51.${i}.${i + 1}, ${socket}`;
      expect((await signIn(auth, ghostEmail(), WRONG, forged)).status).toBe(401);
    }
    expect((await signIn(auth, ghostEmail(), WRONG, `192.0.2.99, ${socket}`)).status).toBe(429);
  });

  it("with TRUST_PROXY, the first hop the proxy forwards is the client's address", async () => {
    const { auth } = makeAuth({ TRUST_PROXY: "true" });
    const user = await makeUser();
    const proxy = nextAddress();
    const client = nextAddress();

    const viaProxy = `${client}, ${proxy}`;
    await expectClientAddress(auth, user, { failing: viaProxy, succeeding: viaProxy }, client);

    // Clients behind one proxy are throttled one by one, not as the proxy.
    for (let i = 0; i < 20; i++) {
      expect((await signIn(auth, ghostEmail(), WRONG, `${client}, ${proxy}`)).status).toBe(401);
    }
    expect((await signIn(auth, ghostEmail(), WRONG, `${client}, ${proxy}`)).status).toBe(429);
    expect((await signIn(auth, ghostEmail(), WRONG, `${nextAddress()}, ${proxy}`)).status).toBe(
      401,
    );
  });
});

describe("sign-in", () => {
  it("signs in, records it, and records the sign-out", async () => {
    const { auth } = makeAuth();
    const user = await makeUser();
    const response = await signIn(auth, user.email, user.password, nextAddress());
    expect(response.status).toBe(200);

    const out = await post(auth, "/sign-out", {}, { cookie: cookieOf(response) });
    expect(out.status).toBe(200);
    const actions = (await auditFor(user.email)).map((event) => event.action);
    expect(actions).toEqual(["auth.sign_in", "auth.sign_out"]);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a password change clears the one-time flag, is audited, and is not counted as a sign-in", async () => {
    const { auth } = makeAuth();
    const user = await makeUser(true);
    const signedIn = await signIn(auth, user.email, user.password, nextAddress());
    const changed = await post(
      auth,
      "/change-password",
      {
        currentPassword: user.password,
        newPassword: "a-brand-new-password-9",
        revokeOtherSessions: true,
      },
      { cookie: cookieOf(signedIn) },
    );
    expect(changed.status).toBe(200);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.mustChangePassword).toBe(false);
    const actions = (await auditFor(user.email)).map((event) => event.action);
    expect(actions).toEqual(["auth.sign_in", "auth.password_changed"]);
  });

  it("refuses self sign-up: accounts are created by administrators", async () => {
    const { auth } = makeAuth();
    const response = await post(auth, "/sign-up/email", {
      email: `intruder-${suffix}@example.test`,
      password: "intruder-password-1",
      name: "Intruder",
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await db.user.count({ where: { email: `intruder-${suffix}@example.test` } })).toBe(0);
  });
});
