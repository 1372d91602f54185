import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/prisma/generated/client";

export type Db = PrismaClient;

/**
 * A Prisma client over node-postgres. Prisma 7's query compiler runs in WASM, so no native
 * engine is needed. Scripts and tests create their own; the app uses the singleton in `db.ts`.
 */
export function createPrismaClient(databaseUrl: string, options: { max?: number } = {}): Db {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  return new PrismaClient({ adapter });
}
