import { randomBytes } from "node:crypto";
import path from "node:path";
import { prepareTestDatabase, resolveTestServer } from "./test-database";

/**
 * Vitest global setup for integration tests: one guarded, migrated test database per run. Under
 * `npm test` the server is already chosen (TEST_DATABASE_URL); run alone, it picks one itself.
 */
export default async function setup() {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const server = await resolveTestServer(process.env, root, (message) => console.log(message));
  process.env.TEST_DATABASE_URL = server.baseUrl;
  // A throwaway key per run: sessions and sealed secrets made by tests need one.
  process.env.CROSSBENCH_SECRET_KEY ??= randomBytes(32).toString("base64");
  await prepareTestDatabase(server.baseUrl, root);
  return async () => {
    await server.stop();
  };
}
