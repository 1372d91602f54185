import "server-only";
import { createPrismaClient, type Db } from "./db-client";
import { requireDatabaseUrl } from "./env";

const globalForDb = globalThis as unknown as { crossbenchDb?: Db };

/** The app's one database client, created on first use (so a build needs no database). */
export function getDb(): Db {
  globalForDb.crossbenchDb ??= createPrismaClient(requireDatabaseUrl());
  return globalForDb.crossbenchDb;
}
