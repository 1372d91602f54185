import { describe, expect, it } from "vitest";
import { SchemaEngineError, applyMigrations, diffSchemas } from "./schema-engine";

const HEADER = `datasource db {
  provider = "postgresql"
}
`;

const withNote = `${HEADER}
model Note {
  id   Int    @id @default(autoincrement())
  body String
}
`;

const withNoteAndTitle = withNote.replace("body String", "body String\n  title String?");

describe("diffSchemas", () => {
  it("creates everything when starting from an empty database", async () => {
    const sql = await diffSchemas({ from: null, to: withNote });
    expect(sql).toContain('CREATE TABLE "Note"');
    expect(sql).toContain('"body" TEXT NOT NULL');
  });

  it("returns only the change between two datamodels", async () => {
    const sql = await diffSchemas({ from: withNote, to: withNoteAndTitle });
    expect(sql).toContain('ALTER TABLE "Note" ADD COLUMN');
    expect(sql).toContain('"title" TEXT');
    expect(sql).not.toContain("CREATE TABLE");
  });

  it("returns an empty string when nothing changed", async () => {
    expect(await diffSchemas({ from: withNote, to: withNote })).toBe("");
  });

  it("reports an invalid datamodel with the file name and line", async () => {
    const broken = `${HEADER}\nmodel Note {\n  id Int @id\n  owner User\n}\n`;
    const error = await diffSchemas({
      from: null,
      to: broken,
      toPath: "prisma/schema.prisma",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SchemaEngineError);
    expect(error).toMatchObject({ kind: "invalid-schema", code: "P1012" });
    expect((error as Error).message).toContain("prisma/schema.prisma:");
  });
});

describe("applyMigrations", () => {
  const paths = { migrationsDir: "prisma/migrations", schemaPath: "prisma/schema.prisma" };

  it.each([
    ["not a url", "not a valid URL"],
    ["mysql://root@127.0.0.1:3306/app", "must start with postgresql://"],
    ["postgresql://postgres@127.0.0.1:5432", "names no database"],
    ["postgresql://postgres@127.0.0.1:5432/app?schema=tenant", 'schema "tenant"'],
  ])("refuses %s before connecting", async (databaseUrl, message) => {
    const error = await applyMigrations({ databaseUrl, ...paths }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SchemaEngineError);
    expect(error).toMatchObject({ kind: "invalid-database-url" });
    expect((error as Error).message).toContain(message);
  });
});
