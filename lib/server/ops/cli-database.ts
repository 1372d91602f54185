import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Env } from "./env";

/**
 * The database a command-line tool should use: DATABASE_URL, or the embedded PostgreSQL that a
 * running `npm start` serves from CROSSBENCH_DATA_DIR.
 */
export async function resolveCliDatabaseUrl(env: Env, root: string): Promise<string> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const dataDir = path.resolve(root, env.CROSSBENCH_DATA_DIR);
  let password: string;
  try {
    password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
  } catch {
    throw new Error(
      `DATABASE_URL is not set and there is no embedded database in ${dataDir}. Run \`npm start\` once, or set DATABASE_URL.`,
    );
  }
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${env.EMBEDDED_PG_PORT}/crossbench`;
}
