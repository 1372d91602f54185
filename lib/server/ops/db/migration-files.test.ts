import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  MIGRATION_LOCK_CONTENT,
  MigrationFilesError,
  SCHEMA_SNAPSHOT_FILE,
  checkMigrationName,
  ensureMigrationLock,
  formatMigrationTimestamp,
  listMigrationDirNames,
  nextMigrationDirName,
  readSchemaAtLastMigration,
  writeMigration,
} from "./migration-files";

describe("checkMigrationName", () => {
  it.each(["init", "add_offering_notes", "add-offering-notes", "v2", "2024_cleanup"])(
    "accepts %s",
    (name) => {
      expect(checkMigrationName(name)).toEqual({ ok: true, name });
    },
  );

  it.each([
    ["", "empty"],
    ["Init", 'did you mean "init"'],
    ["addOfferingNotes", 'did you mean "add_offering_notes"'],
    ["add offering notes", 'did you mean "add_offering_notes"'],
    ["add__notes", 'did you mean "add_notes"'],
    ["_init", 'did you mean "init"'],
    ["init-", 'did you mean "init"'],
    ["../escape", 'did you mean "escape"'],
    ["été", "not a valid migration name"],
  ])("rejects %j with a reason that helps (%s)", (name, hint) => {
    const check = checkMigrationName(name);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(hint);
  });

  it("rejects names too long for a folder name", () => {
    const check = checkMigrationName("a".repeat(201));
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain("201 characters");
  });
});

describe("formatMigrationTimestamp", () => {
  it("formats in UTC, zero-padded, like Prisma's folder names", () => {
    expect(formatMigrationTimestamp(new Date("2025-03-04T05:06:07.890Z"))).toBe("20250304050607");
  });
});

describe("nextMigrationDirName", () => {
  const now = new Date("2025-06-01T12:00:00Z");

  it("uses the current time when it sorts after every migration", () => {
    expect(nextMigrationDirName(["20250101000000_init"], now, "add_notes")).toBe(
      "20250601120000_add_notes",
    );
  });

  it("uses the current time when there is no migration yet", () => {
    expect(nextMigrationDirName([], now, "init")).toBe("20250601120000_init");
  });

  it("moves past a migration made in the same second", () => {
    expect(nextMigrationDirName(["20250601120000_init"], now, "add_notes")).toBe(
      "20250601120001_add_notes",
    );
  });

  it("moves past a migration dated later than this clock", () => {
    const existing = ["20250101000000_init", "20250701000000_from_a_fast_clock"];
    const next = nextMigrationDirName(existing, now, "add_notes");
    expect(next).toBe("20250701000001_add_notes");
    expect([...existing, next].sort((a, b) => a.localeCompare(b)).at(-1)).toBe(next);
  });

  it("refuses to guess an order after a folder without a timestamp", () => {
    expect(() => nextMigrationDirName(["init"], now, "add_notes")).toThrow(MigrationFilesError);
  });
});

describe("migration folders on disk", () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "crossbench-migrations-"));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("lists only folders, in Prisma's order, and nothing when the folder is missing", async () => {
    expect(await listMigrationDirNames(path.join(dir, "missing"))).toEqual([]);
    await mkdir(path.join(dir, "20250102000000_b"));
    await mkdir(path.join(dir, "20250101000000_a"));
    await writeFile(path.join(dir, "migration_lock.toml"), MIGRATION_LOCK_CONTENT);
    expect(await listMigrationDirNames(dir)).toEqual(["20250101000000_a", "20250102000000_b"]);
  });

  it("reads no schema before the first migration", async () => {
    expect(await readSchemaAtLastMigration(dir)).toBeNull();
  });

  it("writes a migration with its schema snapshot and the lock file, and reads the snapshot back", async () => {
    await writeMigration({
      migrationsDir: dir,
      dirName: "20250101000000_init",
      sql: "CREATE TABLE a ();\n",
      schema: "model A { id Int @id }\n",
    });
    const written = path.join(dir, "20250101000000_init");
    expect(await readFile(path.join(written, "migration.sql"), "utf8")).toBe(
      "CREATE TABLE a ();\n",
    );
    expect(await readFile(path.join(dir, "migration_lock.toml"), "utf8")).toBe(
      MIGRATION_LOCK_CONTENT,
    );
    expect(await readSchemaAtLastMigration(dir)).toEqual({
      migration: "20250101000000_init",
      schema: "model A { id Int @id }\n",
    });
  });

  it("never overwrites an existing migration folder", async () => {
    const options = { migrationsDir: dir, dirName: "20250101000000_init", sql: "", schema: "" };
    await writeMigration(options);
    await expect(writeMigration({ ...options, sql: "DROP TABLE a;" })).rejects.toThrow(/EEXIST/);
  });

  it("keeps an existing lock file as it is", async () => {
    await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
    await ensureMigrationLock(dir);
    expect(await readFile(path.join(dir, "migration_lock.toml"), "utf8")).toBe(
      'provider = "postgresql"\n',
    );
  });

  it("refuses to diff from an older snapshot when the last migration has none", async () => {
    await mkdir(path.join(dir, "20250101000000_init"));
    await writeFile(path.join(dir, "20250101000000_init", SCHEMA_SNAPSHOT_FILE), "old");
    await mkdir(path.join(dir, "20250102000000_hand_written"));
    await expect(readSchemaAtLastMigration(dir)).rejects.toThrow(
      /20250102000000_hand_written, has no schema\.prisma\.snapshot/,
    );
  });
});
