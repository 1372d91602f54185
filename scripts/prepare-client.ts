/**
 * Loaded before a command-line entry point (`node --import tsx --import ./scripts/prepare-client.ts
 * scripts/<command>.ts`): generates the Prisma client when it is missing or older than
 * prisma/schema.prisma, before the command's own modules import it. A fresh clone's first command
 * can be any of them (a promptfoo user's is `npm run eval`), not only `npm start`. Up to date, it
 * costs one hash of the schema.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaGenerateError, ensurePrismaClient } from "@/lib/server/ops/db/generate";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
try {
  await ensurePrismaClient({
    root,
    // Silent when there is nothing to do; says so while it generates.
    log: (message) => {
      if (!message.includes("up to date")) process.stderr.write(`${message}\n`);
    },
  });
} catch (error) {
  process.stderr.write(
    `${error instanceof PrismaGenerateError ? error.message : `Could not generate the Prisma client: ${String(error)}`}\n`,
  );
  process.exit(1);
}
