import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { parseSecretKey, SecretKeyError } from "./secret-box";

/** Name of the key file inside the data directory. */
export const SECRET_KEY_FILE = "secret-key";

const GENERATE_HINT = "generate one with `openssl rand -base64 32`";

/** Options of {@link loadOrCreateSecretKey}. The caller reads the environment; this module does not. */
export interface LoadSecretKeyOptions {
  /** The value of `CROSSBENCH_SECRET_KEY`; empty or blank counts as unset. */
  envValue: string | undefined;
  /** The data directory (`CROSSBENCH_DATA_DIR`), where a generated key is kept. */
  dataDir: string;
  /**
   * Whether a key file in `dataDir` may be used (read, or created when missing) when `envValue`
   * is unset. True for development and for the embedded database (whose data lives in the same
   * directory as the key, so they are backed up and lost together); false in production with a
   * user-supplied `DATABASE_URL`, where a key on local disk could be lost while the database
   * survives, leaving every stored credential undecryptable.
   */
  allowGenerated: boolean;
  /** Receives one line when a key is generated, and a warning when the key file is readable by others. */
  log?: (message: string) => void;
}

/** The 32-byte key and where it came from; `path` is the key file for the file sources. */
export type LoadedSecretKey =
  { key: Buffer; source: "env" } | { key: Buffer; source: "file" | "file-created"; path: string };

/**
 * Returns the key that encrypts stored credentials: `CROSSBENCH_SECRET_KEY` when set; otherwise,
 * when `allowGenerated`, the key in `<dataDir>/secret-key`, created (random 32 bytes, base64,
 * mode 0600) on first use.
 *
 * An unreadable or invalid key file is an error, never replaced: a new key would make every
 * credential sealed under the old one unreadable.
 *
 * @throws {SecretKeyError} when `envValue` or the key file is not a valid key, or when no key is
 *   configured and `allowGenerated` is false. Messages never contain the key.
 */
export async function loadOrCreateSecretKey(
  options: LoadSecretKeyOptions,
): Promise<LoadedSecretKey> {
  const log = options.log ?? (() => undefined);
  const envValue = options.envValue?.trim() ?? "";
  if (envValue !== "") {
    return { key: parseSecretKey(envValue, "CROSSBENCH_SECRET_KEY"), source: "env" };
  }

  const file = path.join(options.dataDir, SECRET_KEY_FILE);
  if (!options.allowGenerated) {
    const existing = (await exists(file))
      ? ` A key generated earlier is in ${file}: set CROSSBENCH_SECRET_KEY to its contents.`
      : "";
    throw new SecretKeyError(
      `CROSSBENCH_SECRET_KEY is not set, and in production with your own database Crossbench refuses to start without it rather than keep the key that encrypts stored credentials in a local file that could be lost: ${GENERATE_HINT}, set it, and back it up.${existing}`,
    );
  }

  const existingKey = await readKeyFile(file, log);
  if (existingKey) return { key: existingKey, source: "file", path: file };

  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  if (await createKeyFile(file)) {
    log(
      `Generated a secret key in ${file}; it encrypts stored provider credentials, so back it up with the data (without it they cannot be decrypted).`,
    );
    const created = await readKeyFile(file, log);
    if (created) return { key: created, source: "file-created", path: file };
  }
  // Another process created the file between our read and our create: use its key.
  const raced = await readKeyFile(file, log);
  if (raced) return { key: raced, source: "file", path: file };
  throw new SecretKeyError(`The key file ${file} disappeared while it was being created.`);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** The key in `file`, or null when there is no such file. */
async function readKeyFile(file: string, log: (message: string) => void): Promise<Buffer | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (isErrnoException(error) && error.code === "ENOENT") return null;
    throw new SecretKeyError(
      `Cannot read the secret key file ${file} (${isErrnoException(error) ? error.code : "unknown error"}); fix its permissions or set CROSSBENCH_SECRET_KEY.`,
    );
  }
  let key: Buffer;
  try {
    key = parseSecretKey(text, `The secret key file ${file}`);
  } catch (error) {
    const reason = error instanceof SecretKeyError ? error.message : "It is not a valid key.";
    throw new SecretKeyError(
      `${reason} Restore it from your backup; delete it only if no credentials are stored yet, since a new key cannot decrypt them.`,
    );
  }
  // Windows has no POSIX mode bits to check.
  if (process.platform !== "win32") {
    const { mode } = await stat(file);
    if ((mode & 0o077) !== 0) {
      log(
        `Warning: the secret key file ${file} is readable by other users; restrict it with \`chmod 600 ${file}\`.`,
      );
    }
  }
  return key;
}

/**
 * Creates `file` holding a new key, atomically: the key is written and flushed to a temporary
 * file, then hard-linked into place, which fails if `file` exists. So a concurrent start never
 * reads a half-written key and never overwrites another start's key.
 *
 * @returns false when `file` already existed.
 */
async function createKeyFile(file: string): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temporary, "wx", 0o600);
  try {
    await handle.writeFile(`${randomBytes(32).toString("base64")}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if (isErrnoException(error) && error.code === "EEXIST") return false;
    throw error;
  } finally {
    // The temporary name is ours alone; if it cannot be removed, a stray file is all that is left.
    await unlink(temporary).catch(() => undefined);
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}
