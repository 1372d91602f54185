/**
 * `npm run secrets:rotate` re-encrypts every stored provider secret under a new key, in one
 * transaction (all or nothing), then tells you where the new key must go.
 *
 *   CROSSBENCH_NEW_SECRET_KEY=<new key> npm run secrets:rotate   # a key you generated
 *   npm run secrets:rotate -- --generate                          # Crossbench generates one
 *
 * The current key is CROSSBENCH_SECRET_KEY, or the embedded default's key in .data/secret-key
 * (which is then replaced, the old one kept beside it). Restart Crossbench afterwards: sessions are
 * signed with a key derived from it, so everyone signs in again.
 */
import { randomBytes } from "node:crypto";
import { rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { resolveCliDatabaseUrl } from "@/lib/server/ops/cli-database";
import { unsafeRotateCredentialKey } from "@/lib/server/domain/access/credentials";
import { unsafeRotateAlertChannelKey } from "@/lib/server/domain/alerts/channels";
import { createPrismaClient } from "@/lib/server/ops/db-client";
import { parseEnv } from "@/lib/server/ops/env";
import { parseSecretKey, secretKeyId } from "@/lib/server/ops/secret-box";
import { loadOrCreateSecretKey } from "@/lib/server/ops/secret-key";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args[0] !== "rotate") {
    console.error("usage: npm run secrets:rotate [-- --generate]");
    return 2;
  }
  try {
    process.loadEnvFile(path.join(root, ".env"));
  } catch {
    // No .env file.
  }
  const env = parseEnv(process.env);
  const isGenerated = args.includes("--generate");
  const newKeyText = isGenerated
    ? randomBytes(32).toString("base64")
    : process.env.CROSSBENCH_NEW_SECRET_KEY?.trim();
  if (!newKeyText) {
    console.error(
      "secrets:rotate: set CROSSBENCH_NEW_SECRET_KEY (openssl rand -base64 32), or pass --generate.",
    );
    return 2;
  }
  const newKey = parseSecretKey(newKeyText, "CROSSBENCH_NEW_SECRET_KEY");
  const dataDir = path.resolve(root, env.CROSSBENCH_DATA_DIR);
  const current = await loadOrCreateSecretKey({
    envValue: env.CROSSBENCH_SECRET_KEY,
    dataDir,
    allowGenerated: !env.DATABASE_URL,
  });
  const previous = (env.CROSSBENCH_SECRET_KEY_PREVIOUS ?? "")
    .split(",")
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => parseSecretKey(text, "CROSSBENCH_SECRET_KEY_PREVIOUS"));

  const db = createPrismaClient(await resolveCliDatabaseUrl(env, root), { max: 1 });
  let counts;
  let alertCounts;
  try {
    counts = await unsafeRotateCredentialKey(db, [current.key, ...previous], newKey);
    alertCounts = await unsafeRotateAlertChannelKey(db, [current.key, ...previous], newKey);
  } finally {
    await db.$disconnect();
  }
  console.log(
    `Re-encrypted ${counts.secrets} secret(s) in ${counts.credentials} credential(s) and the signing secrets of ${alertCounts.channels} alert channel(s) under key ${secretKeyId(newKey)} (was ${secretKeyId(current.key)}).`,
  );

  if (current.source !== "env") {
    const file = current.path;
    const backup = `${file}.previous-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await rename(file, backup);
    await writeFile(file, `${newKeyText}\n`, { mode: 0o600 });
    console.log(
      `Wrote the new key to ${file}; the old one is in ${backup} (delete it once you are sure).`,
    );
  } else if (isGenerated) {
    console.log(
      `Set CROSSBENCH_SECRET_KEY to this new key (shown once), then restart Crossbench:\n${newKeyText}`,
    );
  } else {
    console.log("Set CROSSBENCH_SECRET_KEY to the new key, then restart Crossbench.");
  }
  console.log(
    "Everyone will need to sign in again: sessions are signed with a key derived from it.",
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`secrets:rotate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
