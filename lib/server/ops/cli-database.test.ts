import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { prepareCliSecretKey } from "./cli-database";

/**
 * Issue 19's report: after `npm install && npm start` with nothing configured, `npm run eval` in
 * another terminal stopped with "CROSSBENCH_SECRET_KEY is not set" although `npm start` had
 * generated a key beside its embedded database. A command now uses that key.
 */

const KEY = "q0xv0Oj2OXvnnHOZn8X4r7Hk3Kk2bq1kL8mVnq0K1yA=";
let dir: string | null = null;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

async function dataDir() {
  dir = await mkdtemp(path.join(tmpdir(), "cli-key-"));
  return dir;
}

describe("prepareCliSecretKey", () => {
  it("uses the key npm start keeps beside the embedded database", async () => {
    const root = await dataDir();
    await writeFile(path.join(root, "secret-key"), `${KEY}\n`, { mode: 0o600 });
    const target: Record<string, string | undefined> = {};
    await prepareCliSecretKey(parseEnv({ CROSSBENCH_DATA_DIR: "." }), root, target);
    expect(target.CROSSBENCH_SECRET_KEY).toBe(KEY);
  });

  it("creates it when the data folder has none yet, as npm start would", async () => {
    const root = await dataDir();
    const target: Record<string, string | undefined> = {};
    await prepareCliSecretKey(parseEnv({ CROSSBENCH_DATA_DIR: "data" }), root, target);
    const stored = (await readFile(path.join(root, "data", "secret-key"), "utf8")).trim();
    expect(target.CROSSBENCH_SECRET_KEY).toBe(stored);
    expect(Buffer.from(stored, "base64")).toHaveLength(32);
  });

  it("leaves a configured key alone, and requires one with your own database", async () => {
    const root = await dataDir();
    const target: Record<string, string | undefined> = {};
    await prepareCliSecretKey(parseEnv({ CROSSBENCH_SECRET_KEY: KEY }), root, target);
    await prepareCliSecretKey(
      parseEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x" }),
      root,
      target,
    );
    expect(target).toEqual({});
  });
});
