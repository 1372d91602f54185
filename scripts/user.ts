/**
 * `npm run user:create -- --email <email> --role <viewer|analyst|operator|admin> [--name <name>]`
 *
 * Creates a user, as an admin would from Settings. The password is a one-time password printed
 * once, which the user must replace at first sign-in; or, for automation, the value of the
 * CROSSBENCH_USER_PASSWORD environment variable (never a command-line argument, which other users
 * of the machine can read in the process list).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createUserSchema, passwordSchema } from "@/lib/schemas/account";
import { recordAudit } from "@/lib/server/domain/audit";
import { resolveCliDatabaseUrl } from "@/lib/server/ops/cli-database";
import { createPrismaClient } from "@/lib/server/ops/db-client";
import { parseEnv } from "@/lib/server/ops/env";
import { generateOneTimePassword, unsafeCreateUser } from "@/lib/server/domain/access/users";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const USAGE =
  "usage: npm run user:create -- --email <email> --role <viewer|analyst|operator|admin> [--name <name>]";

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== "create") {
    console.error(USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
    strict: true,
  });
  const parsed = createUserSchema.safeParse({
    email: values.email,
    role: values.role,
    name: values.name ?? values.email?.split("@")[0],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.error(
      `user:create: --${issue?.path.join(".") ?? "input"} ${issue?.message ?? "is not valid"}`,
    );
    console.error(USAGE);
    return 2;
  }
  const suppliedPassword = process.env.CROSSBENCH_USER_PASSWORD;
  if (suppliedPassword !== undefined) {
    const check = passwordSchema.safeParse(suppliedPassword);
    if (!check.success) {
      console.error(`user:create: CROSSBENCH_USER_PASSWORD ${z.prettifyError(check.error)}`);
      return 2;
    }
  }
  try {
    process.loadEnvFile(path.join(root, ".env"));
  } catch {
    // No .env file.
  }
  const databaseUrl = await resolveCliDatabaseUrl(parseEnv(process.env), root);
  const db = createPrismaClient(databaseUrl, { max: 1 });
  try {
    const password = suppliedPassword ?? generateOneTimePassword();
    const user = await db.$transaction(async (tx) => {
      const created = await unsafeCreateUser(tx, {
        ...parsed.data,
        password,
        mustChangePassword: suppliedPassword === undefined,
      });
      await recordAudit(tx, {
        action: "user.created",
        actor: { id: null, email: "command line" },
        targetType: "user",
        targetId: created.id,
        detail: { email: created.email, role: created.role, via: "cli" },
      });
      return created;
    });
    console.log(`Created ${user.role} ${user.email}.`);
    if (suppliedPassword === undefined) {
      console.log(
        `One-time password (shown once; the user chooses their own at first sign-in): ${password}`,
      );
    }
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`user:create: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
