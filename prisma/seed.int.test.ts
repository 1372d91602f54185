import { afterAll, describe, expect, it } from "vitest";
import { SEED_SNAPSHOT_DATE, buildSeedBatch } from "@/lib/catalog/seed";
import type { Db } from "@/lib/server/ops/db-client";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { seedDatabase } from "./seed";

/**
 * The seed runs at every `npm start`, so running it again must change nothing: no new rows, and
 * no overwriting of what an admin or a catalogue sync has changed since. Each test seeds its own
 * freshly migrated database on the test server, dropped afterwards.
 */

const databases = freshDatabasePool("seed");
afterAll(() => databases.dropAll());
const freshDatabase = (label: string) => databases.create(label);

async function countRows(db: Db) {
  return {
    platforms: await db.platform.count(),
    models: await db.model.count(),
    offerings: await db.offering.count(),
    prices: await db.offeringPrice.count(),
    ties: await db.vendorTie.count(),
    snapshots: await db.catalogSnapshot.count(),
  };
}

const seed = buildSeedBatch();
const snapshotDate = new Date(`${SEED_SNAPSHOT_DATE}T00:00:00Z`);

describe("seedDatabase", () => {
  it("loads the curated catalogue with sources once, and adds nothing when run again", async () => {
    const { url, db } = await freshDatabase("twice");
    expect(await countRows(db)).toEqual({
      platforms: 0,
      models: 0,
      offerings: 0,
      prices: 0,
      ties: 0,
      snapshots: 0,
    });

    const expected = {
      platforms: seed.platforms.length,
      models: seed.models.length,
      offerings: seed.offerings.length,
    };
    expect(await seedDatabase(url)).toEqual({ loaded: true, ...expected });
    const afterFirst = await countRows(db);
    expect(afterFirst).toEqual({
      ...expected,
      prices: seed.offerings.length,
      ties: seed.ties.length,
      snapshots: 1,
    });

    expect(await seedDatabase(url)).toEqual({ loaded: false, ...expected });
    expect(await countRows(db)).toEqual(afterFirst);

    const platforms = await db.platform.findMany({ orderBy: { id: "asc" } });
    expect(platforms.map((platform) => platform.id)).toEqual(
      seed.platforms.map((platform) => platform.id).sort(),
    );
    const snapshot = await db.catalogSnapshot.findFirstOrThrow();
    expect(snapshot.source).toBe("seed");
    const rows = [
      ...platforms.map((row) => ({ key: `platform ${row.id}`, ...row })),
      ...(await db.model.findMany()).map((row) => ({ key: `model ${row.id}`, ...row })),
      ...(await db.offering.findMany()).map((row) => ({
        key: `offering ${row.platformId} ${row.nativeId}`,
        ...row,
      })),
    ];
    for (const row of rows) {
      expect(row.sourceUrl.trim(), `${row.key} sourceUrl`).not.toBe("");
      expect(row.snapshotDate, `${row.key} snapshotDate`).toEqual(snapshotDate);
      expect(row.snapshotId, `${row.key} snapshotId`).toBe(snapshot.id);
    }
    for (const tie of await db.vendorTie.findMany()) {
      expect(tie.sourceUrl.trim(), `${tie.platformOwner}-${tie.vendor} sourceUrl`).not.toBe("");
      expect(tie.snapshotDate).toEqual(snapshotDate);
    }
  });

  it("stores an offering's facts as the seed states them", async () => {
    const { url, db } = await freshDatabase("facts");
    await seedDatabase(url);
    const fact = seed.offerings.find(
      (offering) =>
        offering.platformId === "aws-bedrock" && offering.nativeId.startsWith("eu.anthropic."),
    )!;
    const row = await db.offering.findUniqueOrThrow({
      where: { platformId_nativeId: { platformId: fact.platformId, nativeId: fact.nativeId } },
    });
    expect(row.modelId).toBe(fact.modelId);
    expect(Number(row.inputPrice)).toBe(fact.prices.input);
    expect(Number(row.outputPrice)).toBe(fact.prices.output);
    expect(row.regions).toEqual(fact.regions);
    expect(row.apiStyles).toEqual(fact.apiStyles);
    expect(row.contextWindow).toBe(fact.contextWindow);
  });

  it("leaves the catalogue to later syncs once it has offerings", async () => {
    const { url, db } = await freshDatabase("renamed");
    await seedDatabase(url);
    const target = seed.platforms[0]!;
    const renamed = `${target.name} (renamed by an admin)`;
    await db.platform.update({ where: { id: target.id }, data: { name: renamed } });
    const offering = await db.offering.findFirstOrThrow({ orderBy: { id: "asc" } });
    await db.offering.delete({ where: { id: offering.id } });

    expect((await seedDatabase(url)).loaded).toBe(false);

    const after = await db.platform.findUniqueOrThrow({ where: { id: target.id } });
    expect(after.name).toBe(renamed);
    expect(await db.offering.count()).toBe(seed.offerings.length - 1);
    expect(await db.catalogSnapshot.count()).toBe(1);
  });

  it("adds a registry platform the database lacks, once, and leaves the rest as they are", async () => {
    // A database seeded before OpenRouter joined the registry: its row is missing.
    const { url, db } = await freshDatabase("new-platform");
    await seedDatabase(url);
    await db.platform.delete({ where: { id: "openrouter" } });
    const before = await countRows(db);

    expect((await seedDatabase(url)).loaded).toBe(false);
    const added = await db.platform.findUniqueOrThrow({ where: { id: "openrouter" } });
    expect([added.name, added.owner, added.snapshotDate]).toEqual([
      "OpenRouter",
      "OpenRouter",
      snapshotDate,
    ]);
    expect(await countRows(db)).toEqual({ ...before, platforms: before.platforms + 1 });
    await seedDatabase(url);
    expect(await countRows(db)).toEqual({ ...before, platforms: before.platforms + 1 });
  });
});
