import { defineConfig } from "prisma/config";

// The Prisma CLI reads this file. `datasource.url` is only needed by commands that talk to a
// database (`prisma migrate deploy` for users who have the native engine); our own scripts pass
// the URL explicitly, so a missing DATABASE_URL is not an error here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
