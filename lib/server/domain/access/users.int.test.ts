import { randomBytes } from "node:crypto";
import { verifyPassword } from "better-auth/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeRoleSchema, createUserSchema, firstAdminSchema } from "@/lib/schemas/account";
import type { Role } from "@/lib/schemas/roles";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { rejectionOf } from "@/lib/testing/rejection";
import { callerOf, createRoleCallers, requireCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import type { Caller } from "../caller";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { AppError } from "../errors";
import { changeUserRole, createFirstAdmin, createUser, hasAnyUser, listUsers } from "./users";

/**
 * User management against real PostgreSQL: who may create users and change roles, what is
 * stored for a new account (a hash, never the one-time password), the last-admin guard, the
 * first-admin flow and its race, and the audit events each change leaves.
 *
 * Role checks and user creation use the shared test database with unique emails. Anything that
 * depends on how many users or admins exist (first admin, last admin) gets a fresh database.
 */

const suffix = randomBytes(4).toString("hex");
const LOWER_ROLES = ["viewer", "analyst", "operator"] as const;

const freshDatabases = freshDatabasePool("users");
let db: Db;
/** Clients of the fresh databases, for the final sweep of their audit logs. */
const freshClients: Db[] = [];
/** Users made in the shared database, removed afterwards. */
const sharedUserIds: string[] = [];
/** Every password and one-time password these tests know, to prove none reaches the audit log. */
const passwords: string[] = [];
let callers = new Map<Role, Caller>();

function email(label: string): string {
  return `users-${label}-${suffix}@example.test`;
}

function password(): string {
  const value = `pw-${randomBytes(12).toString("base64url")}`;
  passwords.push(value);
  return value;
}

function callerFor(role: Role): Caller {
  return requireCaller(callers, role);
}

function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  return rejectionOf(promise, AppError);
}

async function storedPasswordHash(client: Db, userId: string): Promise<string> {
  const account = await client.account.findFirstOrThrow({
    where: { userId, providerId: "credential" },
  });
  expect(account.password).toEqual(expect.any(String));
  return account.password ?? "";
}

/** A new, migrated, empty database on the test server and a client for it. */
async function freshDatabase(label: string): Promise<Db> {
  const { db: client } = await freshDatabases.create(label, { max: 4 });
  freshClients.push(client);
  return client;
}

/** The caller of the first admin of a fresh database, made through createFirstAdmin. */
async function firstAdminOf(fresh: Db, name: string, label: string): Promise<Caller> {
  const input = firstAdminSchema.parse({ name, email: email(label), password: password() });
  return callerOf(await createFirstAdmin(fresh, input, null));
}

/** Another user made by `admin` through createUser, its one-time password remembered. */
async function addUser(admin: Caller, client: Db, name: string, label: string, role: Role) {
  const input = createUserSchema.parse({ name, email: email(label), role });
  const { user, oneTimePassword } = await createUser(admin, client, input);
  passwords.push(oneTimePassword);
  return callerOf(user);
}

/** The one `action` event on user `targetId`: by the admin, from the admin's address. */
async function expectOneAdminEvent(action: string, targetId: string, detail: object) {
  const admin = callerFor("admin");
  const events = await db.auditEvent.findMany({ where: { action, targetId } });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    actorId: admin.userId,
    actorEmail: admin.email,
    targetType: "user",
    ipAddress: "192.0.2.10",
    detail,
  });
  return events[0];
}

beforeAll(async () => {
  db = createPrismaClient(requireTestDatabaseUrl(), { max: 4 });
  callers = await createRoleCallers(db, {
    label: "users",
    suffix,
    adminIp: "192.0.2.10",
    password,
  });
  for (const caller of callers.values()) sharedUserIds.push(caller.userId);
});

afterAll(async () => {
  if (db) {
    // By email too: a user a broken check let through is this run's as well.
    const ours = await db.user.findMany({
      where: {
        OR: [{ id: { in: sharedUserIds } }, { email: { endsWith: `-${suffix}@example.test` } }],
      },
      select: { id: true },
    });
    const ids = ours.map((user) => user.id);
    await db.auditEvent.deleteMany({
      where: { OR: [{ actorId: { in: ids } }, { targetId: { in: ids } }] },
    });
    // Accounts go with their users (onDelete: Cascade).
    await db.user.deleteMany({ where: { id: { in: ids } } });
    await db.$disconnect();
  }
  await freshDatabases.dropAll();
});

describe("roles below admin", () => {
  it.each(LOWER_ROLES)(
    "%s is refused createUser, listUsers and changeUserRole with FORBIDDEN, and nothing changes",
    async (role) => {
      const caller = callerFor(role);
      const target = email(`refused-by-${role}`);

      const created = await appErrorOf(
        createUser(caller, db, createUserSchema.parse({ name: "Refused", email: target, role })),
      );
      expect(created.code).toBe("FORBIDDEN");
      expect(await db.user.findUnique({ where: { email: target } })).toBeNull();

      expect((await appErrorOf(listUsers(caller, db))).code).toBe("FORBIDDEN");

      // Promoting oneself is the change that matters most.
      const promoted = await appErrorOf(
        changeUserRole(
          caller,
          db,
          changeRoleSchema.parse({ userId: caller.userId, role: "admin" }),
        ),
      );
      expect(promoted.code).toBe("FORBIDDEN");
      const self = await db.user.findUniqueOrThrow({ where: { id: caller.userId } });
      expect(self.role).toBe(role);

      expect(await db.auditEvent.count({ where: { actorId: caller.userId } })).toBe(0);
    },
  );
});

describe("admin", () => {
  it("creates a user with a one-time password, stores only its hash, and audits it", async () => {
    const admin = callerFor("admin");
    const input = createUserSchema.parse({
      name: "  New Analyst ",
      email: email("new-analyst").toUpperCase(),
      role: "analyst",
    });

    const { user, oneTimePassword } = await createUser(admin, db, input);
    sharedUserIds.push(user.id);
    passwords.push(oneTimePassword);

    expect(user).toMatchObject({
      name: "New Analyst",
      email: email("new-analyst"),
      role: "analyst",
      mustChangePassword: true,
    });
    expect(Object.keys(user).sort()).toEqual(
      ["createdAt", "email", "id", "mustChangePassword", "name", "role"].sort(),
    );
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.mustChangePassword).toBe(true);

    const hash = await storedPasswordHash(db, user.id);
    expect(hash).not.toContain(oneTimePassword);
    expect(await verifyPassword({ hash, password: oneTimePassword })).toBe(true);
    expect(await verifyPassword({ hash, password: `${oneTimePassword}x` })).toBe(false);

    // A second user gets a different one-time password.
    const second = await createUser(
      admin,
      db,
      createUserSchema.parse({ name: "Second", email: email("second"), role: "viewer" }),
    );
    sharedUserIds.push(second.user.id);
    passwords.push(second.oneTimePassword);
    expect(second.oneTimePassword).not.toBe(oneTimePassword);

    const event = await expectOneAdminEvent("user.created", user.id, {
      email: email("new-analyst"),
      role: "analyst",
    });
    expect(JSON.stringify(event)).not.toContain(oneTimePassword);
    expect(JSON.stringify(event)).not.toContain(hash);
  });

  it("refuses a second user with the same email (in any case) with CONFLICT", async () => {
    const admin = callerFor("admin");
    const taken = email("taken");
    const { user } = await createUser(
      admin,
      db,
      createUserSchema.parse({ name: "Taken", email: taken, role: "viewer" }),
    );
    sharedUserIds.push(user.id);

    const again = await appErrorOf(
      createUser(
        admin,
        db,
        createUserSchema.parse({ name: "Again", email: taken.toUpperCase(), role: "admin" }),
      ),
    );
    expect(again.code).toBe("CONFLICT");

    const withEmail = await db.user.findMany({ where: { email: taken } });
    expect(withEmail.map((row) => [row.id, row.role])).toEqual([[user.id, "viewer"]]);
    expect(await db.account.count({ where: { userId: user.id } })).toBe(1);
    const audited = await db.auditEvent.findMany({
      where: { action: "user.created", actorId: admin.userId },
      select: { detail: true },
    });
    expect(audited.filter((event) => JSON.stringify(event.detail).includes(taken))).toHaveLength(1);
  });

  it("lists users without any password or hash", async () => {
    const users = await listUsers(callerFor("admin"), db);
    const ids = users.map((user) => user.id);
    for (const id of sharedUserIds) expect(ids).toContain(id);
    for (const user of users) {
      expect(Object.keys(user).sort()).toEqual(
        ["createdAt", "email", "id", "mustChangePassword", "name", "role"].sort(),
      );
    }
    const text = JSON.stringify(users);
    for (const secret of passwords) expect(text).not.toContain(secret);
    expect(text).not.toContain(await storedPasswordHash(db, callerFor("viewer").userId));
  });

  it("changes a role and audits from and to; an unchanged role writes nothing", async () => {
    const admin = callerFor("admin");
    const { user } = await createUser(
      admin,
      db,
      createUserSchema.parse({ name: "Promoted", email: email("promoted"), role: "viewer" }),
    );
    sharedUserIds.push(user.id);

    const updated = await changeUserRole(
      admin,
      db,
      changeRoleSchema.parse({ userId: user.id, role: "operator" }),
    );
    expect(updated).toMatchObject({ id: user.id, role: "operator" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("operator");

    const unchanged = await changeUserRole(admin, db, { userId: user.id, role: "operator" });
    expect(unchanged.role).toBe("operator");

    await expectOneAdminEvent("user.role_changed", user.id, {
      email: email("promoted"),
      from: "viewer",
      to: "operator",
    });

    const missing = await appErrorOf(
      changeUserRole(admin, db, { userId: `missing-${suffix}`, role: "viewer" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
  });
});

describe("in a fresh database", () => {
  it("createFirstAdmin creates the first admin once, then refuses with CONFLICT", async () => {
    const fresh = await freshDatabase("first");
    expect(await hasAnyUser(fresh)).toBe(false);

    const secret = password();
    const input = firstAdminSchema.parse({
      name: "First Admin",
      email: email("first"),
      password: secret,
    });
    const user = await createFirstAdmin(fresh, input, "198.51.100.4");
    expect(user).toMatchObject({
      name: "First Admin",
      email: email("first"),
      role: "admin",
      mustChangePassword: false,
    });
    expect(await hasAnyUser(fresh)).toBe(true);

    const hash = await storedPasswordHash(fresh, user.id);
    expect(hash).not.toContain(secret);
    expect(await verifyPassword({ hash, password: secret })).toBe(true);

    const events = await fresh.auditEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "user.first_admin_created",
      actorId: user.id,
      actorEmail: email("first"),
      targetType: "user",
      targetId: user.id,
      ipAddress: "198.51.100.4",
    });

    const second = await appErrorOf(
      createFirstAdmin(
        fresh,
        firstAdminSchema.parse({ name: "Late", email: email("late"), password: password() }),
        null,
      ),
    );
    expect(second.code).toBe("CONFLICT");
    expect(await fresh.user.count()).toBe(1);
    expect(await fresh.account.count()).toBe(1);
    expect(await fresh.auditEvent.count()).toBe(1);
  });

  it("two simultaneous createFirstAdmin calls create exactly one user", async () => {
    const fresh = await freshDatabase("race");
    const results = await Promise.allSettled(
      ["one", "two"].map((label) =>
        createFirstAdmin(
          fresh,
          firstAdminSchema.parse({
            name: `Racer ${label}`,
            email: email(`racer-${label}`),
            password: password(),
          }),
          null,
        ),
      ),
    );

    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result) => result.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(AppError);
    expect((rejected[0]?.reason as AppError).code).toBe("CONFLICT");
    expect(await fresh.user.count()).toBe(1);
    expect(await fresh.account.count()).toBe(1);
    expect(await fresh.auditEvent.count({ where: { action: "user.first_admin_created" } })).toBe(1);
  });

  it("refuses to demote the last admin with CONFLICT, and allows it once a second admin exists", async () => {
    const fresh = await freshDatabase("last");
    const first = await firstAdminOf(fresh, "Only", "only");

    for (const role of LOWER_ROLES) {
      const refused = await appErrorOf(
        changeUserRole(first, fresh, { userId: first.userId, role }),
      );
      expect(refused.code).toBe("CONFLICT");
    }
    expect((await fresh.user.findUniqueOrThrow({ where: { id: first.userId } })).role).toBe(
      "admin",
    );
    expect(await fresh.auditEvent.count({ where: { action: "user.role_changed" } })).toBe(0);

    const second = await addUser(first, fresh, "Second Admin", "second-admin", "admin");

    const demoted = await changeUserRole(first, fresh, { userId: first.userId, role: "operator" });
    expect(demoted.role).toBe("operator");
    const changes = await fresh.auditEvent.findMany({ where: { action: "user.role_changed" } });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      actorId: first.userId,
      targetId: first.userId,
      detail: { email: email("only"), from: "admin", to: "operator" },
    });

    // Now the second admin is the last one.
    const last = await appErrorOf(
      changeUserRole(second, fresh, { userId: second.userId, role: "viewer" }),
    );
    expect(last.code).toBe("CONFLICT");
    expect(await fresh.user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("admins demoting themselves at the same moment always leave exactly one admin", async () => {
    const fresh = await freshDatabase("demote");
    const first = await firstAdminOf(fresh, "A", "demote-a");
    const admins = [first];
    for (const label of ["b", "c", "d"]) {
      admins.push(await addUser(first, fresh, label, `demote-${label}`, "admin"));
    }

    // A race may go either way once; several rounds make a missing lock show every time.
    for (let round = 0; round < 5; round++) {
      await fresh.user.updateMany({ data: { role: "admin" } });
      const results = await Promise.allSettled(
        admins.map((caller) =>
          changeUserRole(caller, fresh, { userId: caller.userId, role: "viewer" }),
        ),
      );

      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
      const rejected = results.filter((result) => result.status === "rejected");
      expect(rejected.map((result) => (result.reason as AppError).code)).toEqual(["CONFLICT"]);
      expect(await fresh.user.count({ where: { role: "admin" } })).toBe(1);
    }
  });
});

describe("the audit log of user changes", () => {
  it("holds no password, one-time password or hash in any event", async () => {
    // Runs last: every event the tests above caused, in the shared and the fresh databases.
    const events = [];
    events.push(
      ...(await db.auditEvent.findMany({
        where: {
          OR: [{ actorId: { in: sharedUserIds } }, { targetId: { in: sharedUserIds } }],
        },
      })),
    );
    for (const client of freshClients) events.push(...(await client.auditEvent.findMany()));
    expect(events.length).toBeGreaterThanOrEqual(8);
    const hashes = (await db.account.findMany({ where: { userId: { in: sharedUserIds } } })).map(
      (account) => account.password ?? "",
    );
    const text = JSON.stringify(events);
    for (const secret of passwords) expect(text).not.toContain(secret);
    for (const hash of hashes) expect(text).not.toContain(hash);
  });
});
