import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/server/db-client";
import {
  assertSafeTestDatabaseUrl,
  prepareTestDatabase,
  withDatabaseName,
} from "@/lib/testing/test-database";
import { seedDatabase } from "./seed";
import { PLATFORMS, SEED_SNAPSHOT } from "./seed/platforms";

/**
 * The seed runs at every `npm start`, so running it again must change nothing: no new rows, and
 * no overwriting of what an admin or a catalogue sync has changed since. Each test seeds its own
 * freshly migrated database on the test server, dropped afterwards.
 */

const root = path.resolve(import.meta.dirname, "..");
const suffix = randomBytes(4).toString("hex");
const created: string[] = [];
const clients: Db[] = [];
let baseUrl: string;

beforeAll(() => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error("TEST_DATABASE_URL is not set: run integration tests through npm test.");
  assertSafeTestDatabaseUrl(url);
  baseUrl = url;
});

afterAll(async () => {
  for (const client of clients) await client.$disconnect();
  if (created.length === 0) return;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    for (const name of created) {
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
});

/** A new, migrated, empty database and a client for it. */
async function freshDatabase(label: string): Promise<{ url: string; db: Db }> {
  const base = decodeURIComponent(new URL(baseUrl).pathname.slice(1)).replace(/_test$/, "");
  const name = `${base}_seed_${suffix}_${label}_test`;
  const url = withDatabaseName(baseUrl, name);
  created.push(name);
  await prepareTestDatabase(url, root);
  const db = createPrismaClient(url, { max: 2 });
  clients.push(db);
  return { url, db };
}

async function countRows(db: Db) {
  return { platforms: await db.platform.count(), snapshots: await db.catalogSnapshot.count() };
}

describe("seedDatabase", () => {
  it("loads every platform with its source once, and adds nothing when run again", async () => {
    const { url, db } = await freshDatabase("twice");
    expect(await countRows(db)).toEqual({ platforms: 0, snapshots: 0 });

    expect(await seedDatabase(url)).toEqual({ platforms: PLATFORMS.length });
    const afterFirst = await countRows(db);
    expect(afterFirst).toEqual({ platforms: PLATFORMS.length, snapshots: 1 });

    await seedDatabase(url);
    expect(await countRows(db)).toEqual(afterFirst);

    const platforms = await db.platform.findMany({ orderBy: { id: "asc" } });
    expect(platforms.map((platform) => platform.id)).toEqual(
      PLATFORMS.map((platform) => platform.id).sort(),
    );
    for (const platform of platforms) {
      expect(platform.sourceUrl.trim(), `${platform.id} sourceUrl`).not.toBe("");
      expect(platform.snapshotDate, `${platform.id} snapshotDate`).toEqual(SEED_SNAPSHOT.takenAt);
      expect(platform.snapshotId, `${platform.id} snapshotId`).toBe(SEED_SNAPSHOT.id);
    }
  });

  it("keeps a platform name that was changed after seeding", async () => {
    const { url, db } = await freshDatabase("renamed");
    await seedDatabase(url);
    const target = PLATFORMS[0]!;
    const renamed = `${target.name} (renamed by an admin)`;
    await db.platform.update({ where: { id: target.id }, data: { name: renamed } });

    await seedDatabase(url);

    const after = await db.platform.findUniqueOrThrow({ where: { id: target.id } });
    expect(after.name).toBe(renamed);
    expect(await db.platform.count()).toBe(PLATFORMS.length);
  });
});
