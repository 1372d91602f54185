import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, SecretKeyError } from "./secret-box";
import { loadOrCreateSecretKey, SECRET_KEY_FILE } from "./secret-key";

let dataDir: string;
let logged: string[];
const log = (message: string) => logged.push(message);

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "crossbench-secret-key-"));
  logged = [];
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

const posixOnly = it.skipIf(process.platform === "win32");

describe("loadOrCreateSecretKey", () => {
  it("uses CROSSBENCH_SECRET_KEY when set, and writes no file", async () => {
    const bytes = randomBytes(32);
    const loaded = await loadOrCreateSecretKey({
      envValue: bytes.toString("base64"),
      dataDir,
      allowGenerated: true,
      log,
    });
    expect(loaded.source).toBe("env");
    expect(loaded.key.equals(bytes)).toBe(true);
    expect(await readdir(dataDir)).toEqual([]);
    expect(logged).toEqual([]);
  });

  it("uses CROSSBENCH_SECRET_KEY even where a generated key is not allowed", async () => {
    const bytes = randomBytes(32);
    const loaded = await loadOrCreateSecretKey({
      envValue: bytes.toString("hex"),
      dataDir,
      allowGenerated: false,
    });
    expect(loaded.key.equals(bytes)).toBe(true);
  });

  it("rejects an invalid CROSSBENCH_SECRET_KEY by name without echoing it", async () => {
    const value = "my-old-password-123";
    const error = await rejection(
      loadOrCreateSecretKey({ envValue: value, dataDir, allowGenerated: true }),
    );
    expect(error).toBeInstanceOf(SecretKeyError);
    expect(error.message).toContain("CROSSBENCH_SECRET_KEY");
    expect(error.message).toContain("openssl rand -base64 32");
    expect(error.message).not.toContain(value);
    expect(await readdir(dataDir)).toEqual([]);
  });

  posixOnly("generates a key file with mode 0600 and logs where it is", async () => {
    const loaded = await loadOrCreateSecretKey({
      envValue: undefined,
      dataDir,
      allowGenerated: true,
      log,
    });
    const file = path.join(dataDir, SECRET_KEY_FILE);
    expect(loaded).toMatchObject({ source: "file-created", path: file });
    expect(loaded.key).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, "utf8")).trim()).toBe(loaded.key.toString("base64"));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(file);
    expect(logged[0]).toMatch(/back it up/);
    expect(logged[0]).not.toContain(loaded.key.toString("base64"));
    expect(await readdir(dataDir)).toEqual([SECRET_KEY_FILE]);
  });

  it("reuses the generated key on the next start, so sealed secrets still open", async () => {
    const first = await loadOrCreateSecretKey({ envValue: "", dataDir, allowGenerated: true, log });
    const sealed = encryptSecret(first.key, "sk-test-1234567890", "credential:c1:apiKey");
    const second = await loadOrCreateSecretKey({
      envValue: "  ",
      dataDir,
      allowGenerated: true,
      log,
    });
    expect(second.source).toBe("file");
    expect(second.key.equals(first.key)).toBe(true);
    expect(decryptSecret([second.key], sealed, "credential:c1:apiKey")).toBe("sk-test-1234567890");
    expect(logged).toHaveLength(1);
  });

  it("creates the data directory when it does not exist yet", async () => {
    const nested = path.join(dataDir, "a", "b");
    const loaded = await loadOrCreateSecretKey({
      envValue: undefined,
      dataDir: nested,
      allowGenerated: true,
    });
    expect(loaded.source).toBe("file-created");
    expect(await readdir(nested)).toEqual([SECRET_KEY_FILE]);
  });

  it("gives every one of several concurrent starts the same key", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        loadOrCreateSecretKey({ envValue: undefined, dataDir, allowGenerated: true, log }),
      ),
    );
    const keys = new Set(results.map((result) => result.key.toString("hex")));
    expect(keys.size).toBe(1);
    expect(results.filter((result) => result.source === "file-created")).toHaveLength(1);
    expect(logged).toHaveLength(1);
    expect(await readdir(dataDir)).toEqual([SECRET_KEY_FILE]);
  });

  it("refuses an invalid key file instead of replacing it", async () => {
    const file = path.join(dataDir, SECRET_KEY_FILE);
    await writeFile(file, "truncated\n", { mode: 0o600 });
    const error = await rejection(
      loadOrCreateSecretKey({ envValue: undefined, dataDir, allowGenerated: true }),
    );
    expect(error).toBeInstanceOf(SecretKeyError);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/backup/);
    expect(error.message).not.toContain("truncated");
    expect(await readFile(file, "utf8")).toBe("truncated\n");
  });

  posixOnly("warns when the key file is readable by other users", async () => {
    const file = path.join(dataDir, SECRET_KEY_FILE);
    await writeFile(file, `${randomBytes(32).toString("base64")}\n`);
    await chmod(file, 0o644);
    const loaded = await loadOrCreateSecretKey({
      envValue: undefined,
      dataDir,
      allowGenerated: true,
      log,
    });
    expect(loaded.source).toBe("file");
    expect(logged).toEqual([expect.stringContaining("chmod 600")]);
  });

  describe("where a generated key is not allowed (production with your own database)", () => {
    it("refuses to start without CROSSBENCH_SECRET_KEY and says how to make one", async () => {
      const error = await rejection(
        loadOrCreateSecretKey({ envValue: undefined, dataDir, allowGenerated: false, log }),
      );
      expect(error).toBeInstanceOf(SecretKeyError);
      expect(error.message).toMatch(/refuses to start/);
      expect(error.message).toContain("CROSSBENCH_SECRET_KEY");
      expect(error.message).toContain("openssl rand -base64 32");
      expect(await readdir(dataDir)).toEqual([]);
    });

    it("does not use a key file, but points to one generated earlier", async () => {
      const created = await loadOrCreateSecretKey({
        envValue: undefined,
        dataDir,
        allowGenerated: true,
      });
      const error = await rejection(
        loadOrCreateSecretKey({ envValue: undefined, dataDir, allowGenerated: false }),
      );
      expect(error).toBeInstanceOf(SecretKeyError);
      expect(error.message).toContain(path.join(dataDir, SECRET_KEY_FILE));
      expect(error.message).not.toContain(created.key.toString("base64"));
    });
  });
});
