import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/schemas/roles";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { listAuditEvents } from "./audit";
import type { Caller } from "./caller";
import { createPrismaClient, type Db } from "../ops/db-client";
import { AppError } from "./errors";

/**
 * The audit log as an admin reads it, against real PostgreSQL: admins only, newest first,
 * filtered by action prefix and by actor (a case-insensitive part of the email), paged with
 * `before`, and never more than 500 events at once.
 *
 * The test database is shared, so every event here carries this run's tag in its actor email
 * (and its target id, for clean-up), every query filters on it, and the events have fixed,
 * distinct times in the past.
 */

const suffix = randomBytes(4).toString("hex");
const tag = `audit-${suffix}`;
const bulkTag = `audit-bulk-${suffix}`;
const LOWER_ROLES = ["viewer", "analyst", "operator"] as const;
const T0 = Date.parse("2021-03-04T05:06:07.000Z");
const BULK = 502;

const ALICE = `Alice.${tag}@Example.TEST`;
const BOB = `bob.${tag}@example.test`;
const CAROL = `CAROL.${tag}@EXAMPLE.TEST`;
const DAVE = `dave.${tag}@example.test`;

type Event = { action: string; actorEmail: string };

/** The events of the filter tests, oldest first, one second apart. */
const EVENTS: Event[] = [
  { action: "auth.sign_in", actorEmail: ALICE },
  { action: "user.created", actorEmail: ALICE },
  { action: "user.role_changed", actorEmail: BOB },
  { action: "credential.saved", actorEmail: ALICE },
  { action: "credential.deleted", actorEmail: BOB },
  { action: "auth.sign_out", actorEmail: ALICE },
  { action: "user.created", actorEmail: CAROL },
  { action: "auth.sign_in_failed", actorEmail: DAVE },
];

let db: Db;

function caller(role: Role): Caller {
  return testCaller({
    userId: `${tag}-${role}`,
    email: `${role}-reader@example.test`,
    name: role,
    role,
  });
}

/** The filter-test events that pass `keep`, newest first, as listAuditEvents should return them. */
function expected(keep: (event: Event) => boolean = () => true): Event[] {
  return EVENTS.filter(keep).reverse();
}

function summary(events: { action: string; actorEmail: string | null }[]) {
  return events.map(({ action, actorEmail }) => ({ action, actorEmail }));
}

beforeAll(async () => {
  db = createPrismaClient(requireTestDatabaseUrl(), { max: 2 });
  // Inserted in shuffled order, so that order of insertion cannot pass for order of time.
  const rows = EVENTS.map((event, index) => ({
    ...event,
    at: new Date(T0 + index * 1_000),
    targetType: "test",
    targetId: tag,
  }));
  await db.auditEvent.createMany({ data: [...rows.slice(4), ...rows.slice(0, 4)].reverse() });
  await db.auditEvent.createMany({
    data: Array.from({ length: BULK }, (_, index) => ({
      action: "auth.sign_in",
      actorEmail: `${bulkTag}@example.test`,
      at: new Date(T0 + 3_600_000 + index * 10),
      targetType: "test",
      targetId: tag,
    })),
  });
});

afterAll(async () => {
  await db?.auditEvent.deleteMany({ where: { targetId: tag } });
  await db?.$disconnect();
});

describe("listAuditEvents", () => {
  it.each(LOWER_ROLES)("refuses %s with FORBIDDEN", async (role) => {
    const error = await listAuditEvents(caller(role), db, { actor: tag }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("FORBIDDEN");
  });

  it("gives an admin the events newest first", async () => {
    const events = await listAuditEvents(caller("admin"), db, { actor: tag });
    expect(summary(events)).toEqual(expected());
    expect(events.map((event) => event.at.getTime())).toEqual(
      EVENTS.map((_, index) => T0 + index * 1_000).reverse(),
    );
  });

  it("filters by action prefix, not by any part of the action", async () => {
    const admin = caller("admin");
    const byAction = async (action: string) =>
      summary(await listAuditEvents(admin, db, { action, actor: tag }));

    expect(await byAction("user.")).toEqual(expected((e) => e.action.startsWith("user.")));
    expect(await byAction("credential")).toEqual(
      expected((e) => e.action.startsWith("credential")),
    );
    expect(await byAction("user.created")).toEqual(expected((e) => e.action === "user.created"));
    expect(await byAction("auth.sign_in")).toEqual(
      expected((e) => e.action === "auth.sign_in" || e.action === "auth.sign_in_failed"),
    );
    expect(await byAction("created")).toEqual([]);
    expect(await byAction("ser.")).toEqual([]);
    // LIKE wildcards in the filter are plain characters.
    expect(await byAction("user_")).toEqual([]);
    expect(await byAction("%")).toEqual([]);
  });

  it("filters by any part of the actor's email, ignoring case", async () => {
    const admin = caller("admin");
    const byActor = async (actor: string, action?: string) =>
      summary(await listAuditEvents(admin, db, { actor, action }));

    const alice = expected((e) => e.actorEmail === ALICE);
    expect(alice).toHaveLength(4);
    expect(await byActor(`alice.${tag}`)).toEqual(alice);
    expect(await byActor(`ALICE.${tag.toUpperCase()}@EXAMPLE.test`)).toEqual(alice);
    expect(await byActor(`carol.${tag}`)).toEqual(expected((e) => e.actorEmail === CAROL));
    expect(await byActor(`ob.${tag}@`)).toEqual(expected((e) => e.actorEmail === BOB));
    expect(await byActor(`alice.${tag}`, "auth.")).toEqual(
      expected((e) => e.actorEmail === ALICE && e.action.startsWith("auth.")),
    );
    expect(await byActor(`nobody.${tag}`)).toEqual([]);
    expect(await byActor(`_lice.${tag}`)).toEqual([]);
  });

  it("pages with before: each page continues where the last one ended", async () => {
    const admin = caller("admin");
    const pages: Event[][] = [];
    let before: Date | undefined;
    for (let page = 0; page < 5; page++) {
      const events = await listAuditEvents(admin, db, { actor: tag, limit: 3, before });
      pages.push(summary(events) as Event[]);
      if (events.length === 0) break;
      before = events.at(-1)?.at;
    }
    expect(pages.map((page) => page.length)).toEqual([3, 3, 2, 0]);
    expect(pages.flat()).toEqual(expected());

    // before is exclusive: an event at exactly that time belongs to the page before.
    const atSecond = await listAuditEvents(admin, db, {
      actor: tag,
      before: new Date(T0 + 1_000),
    });
    expect(summary(atSecond)).toEqual([EVENTS[0]]);
  });

  it("pages through events that share one timestamp without skipping any", async () => {
    const admin = caller("admin");
    const sameTag = `same-${tag}`;
    const at = new Date(T0 - 86_400_000);
    await db.auditEvent.createMany({
      data: [1, 2, 3].map(() => ({
        action: "user.created",
        actorEmail: `${sameTag}@example.test`,
        at,
        targetType: "test",
        targetId: tag,
      })),
    });
    const seen: string[] = [];
    let cursor: { before?: Date; beforeId?: string } = {};
    for (let page = 0; page < 5; page++) {
      const events = await listAuditEvents(admin, db, { actor: sameTag, limit: 1, ...cursor });
      if (events.length === 0) break;
      seen.push(...events.map((event) => event.id));
      const last = events.at(-1);
      cursor = { before: last?.at, beforeId: last?.id };
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it("returns 100 events by default and clamps the limit to between 1 and 500", async () => {
    const admin = caller("admin");
    const count = async (limit?: number) =>
      (await listAuditEvents(admin, db, { actor: bulkTag, limit })).length;

    expect(await count()).toBe(100);
    expect(await count(7)).toBe(7);
    expect(await count(500)).toBe(500);
    expect(await count(501)).toBe(500);
    expect(await count(100_000)).toBe(500);
    expect(await count(0)).toBe(1);
    expect(await count(-5)).toBe(1);
    // As a query string might give them.
    expect(await count(Number.NaN)).toBe(100);
    expect(await count(2.5)).toBe(2);
    expect(await count(Number.POSITIVE_INFINITY)).toBe(500);

    // The 500 are the newest ones.
    const newest = await listAuditEvents(admin, db, { actor: bulkTag, limit: 10_000 });
    expect(newest[0]?.at.getTime()).toBe(T0 + 3_600_000 + (BULK - 1) * 10);
    expect(newest.at(-1)?.at.getTime()).toBe(T0 + 3_600_000 + (BULK - 500) * 10);
  });
});
