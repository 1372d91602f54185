import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "./auth-config";
import { deriveAuthSecret } from "./auth-options";
import { createPrismaClient, type Db } from "./db-client";
import { unsafeCreateUser } from "./users";

/**
 * better-auth as configured for Crossbench, over real HTTP requests to its handler and the real
 * test database: rate limiting, and the audit events of sign-in, failure, sign-out and password
 * change.
 */

const BASE = "http://localhost:3000";
const suffix = randomBytes(4).toString("hex");
let db: Db;
let auth: Auth;
const userIds: string[] = [];

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return auth.handler(
    new Request(`${BASE}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

/** A random address per test, so rate-limit counters do not carry over between tests. */
const randomIp = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}`;

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

beforeAll(() => {
  db = createPrismaClient(process.env.TEST_DATABASE_URL ?? "", { max: 2 });
  auth = createAuth(db, {
    secret: deriveAuthSecret(randomBytes(32)),
    baseURL: BASE,
    trustedOrigins: [BASE],
    signInAttemptsPerMinute: 3,
  });
});

afterAll(async () => {
  await db.auditEvent.deleteMany({ where: { actorEmail: { endsWith: `${suffix}@example.test` } } });
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await db.$disconnect();
});

describe("sign-in", () => {
  it("limits attempts per address per minute and records each failure", async () => {
    const user = await makeUser();
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await post(
        "/sign-in/email",
        { email: user.email, password: "wrong-password-123" },
        {
          "x-forwarded-for": ip,
        },
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Even the right password is refused from that address until the window passes.
    const blocked = await post(
      "/sign-in/email",
      { email: user.email, password: user.password },
      { "x-forwarded-for": ip },
    );
    expect(blocked.status).toBe(429);

    const events = await auditFor(user.email);
    expect(events.filter((event) => event.action === "auth.sign_in_failed")).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain("wrong-password-123");
  });

  it("signs in, records it, and records the sign-out", async () => {
    const user = await makeUser();
    const response = await post(
      "/sign-in/email",
      { email: user.email, password: user.password },
      {
        "x-forwarded-for": randomIp(),
      },
    );
    expect(response.status).toBe(200);
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");

    const out = await post("/sign-out", {}, { cookie });
    expect(out.status).toBe(200);
    const actions = (await auditFor(user.email)).map((event) => event.action);
    expect(actions).toEqual(["auth.sign_in", "auth.sign_out"]);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a password change clears the one-time flag, is audited, and is not counted as a sign-in", async () => {
    const user = await makeUser(true);
    const signedIn = await post(
      "/sign-in/email",
      { email: user.email, password: user.password },
      {
        "x-forwarded-for": randomIp(),
      },
    );
    const cookie = signedIn.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    const changed = await post(
      "/change-password",
      {
        currentPassword: user.password,
        newPassword: "a-brand-new-password-9",
        revokeOtherSessions: true,
      },
      { cookie },
    );
    expect(changed.status).toBe(200);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.mustChangePassword).toBe(false);
    const actions = (await auditFor(user.email)).map((event) => event.action);
    expect(actions).toEqual(["auth.sign_in", "auth.password_changed"]);
  });

  it("refuses self sign-up: accounts are created by administrators", async () => {
    const response = await post("/sign-up/email", {
      email: `intruder-${suffix}@example.test`,
      password: "intruder-password-1",
      name: "Intruder",
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await db.user.count({ where: { email: `intruder-${suffix}@example.test` } })).toBe(0);
  });
});
