import { readFileSync } from "node:fs";
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/ports";
import {
  DataDirInUseError,
  EmbeddedPostgresError,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from "./embedded-postgres";

/**
 * The embedded PostgreSQL against real servers: each test has its own data directory under the
 * system temp directory and its own free port. A second Crossbench process is played by
 * lib/testing/embedded-postgres-child.ts, so that it can be killed like a crashed `npm start`.
 */

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const CHILD_SCRIPT = path.join(root, "lib", "testing", "embedded-postgres-child.ts");

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  // Last in, first out: servers and children stop before their directories are removed. Every
  // step runs even when one fails, so a failed test leaves no server or directory behind.
  const failures: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => failures.push(error));
  }
  if (failures.length > 0) throw failures[0];
});

/** Rejects when `work` takes longer than `ms`: a server that died on its own never ends stop(). */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A fresh directory the `postgres` OS user can reach (the server runs as it when we are root). */
async function makeDataDir(): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), "crossbench-embedded-"));
  await chmod(parent, 0o755);
  const dataDir = path.join(parent, "data");
  cleanups.push(async () => {
    await stopLeftoverServers(dataDir);
    await rm(parent, { recursive: true, force: true });
  });
  return dataDir;
}

async function start(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const database = await startEmbeddedPostgres({ dataDir, port });
  cleanups.push(() => within(20_000, "stop()", database.stop()));
  return database;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Pids of the PostgreSQL servers (postmasters) running on `<dataDir>/pg`, read from /proc. */
async function serversFor(dataDir: string): Promise<number[]> {
  const pgDir = path.join(dataDir, "pg");
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = (await readFile(`/proc/${entry}/cmdline`, "utf8")).split("\0");
    } catch {
      continue; // Exited while we looked.
    }
    const flag = args.indexOf("-D");
    if (flag !== -1 && args[flag + 1] === pgDir && path.basename(args[0] ?? "") === "postgres") {
      pids.push(Number(entry));
    }
  }
  return pids;
}

/** Running means alive and not a zombie waiting to be reaped (that has already exited). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.charAt(stat.lastIndexOf(")") + 2) !== "Z";
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** After a failed test: shut down any server still running on the directory, so none outlives it. */
async function stopLeftoverServers(dataDir: string): Promise<void> {
  for (const pid of await serversFor(dataDir)) {
    process.kill(pid, "SIGINT");
    await waitUntil(async () => !(await serversFor(dataDir)).includes(pid), 20_000);
  }
}

type Child = { process: ChildProcess; url: string; exited: Promise<void> };

/** Runs the embedded server in another Node process and waits until it reports it is up. */
async function startInChild(dataDir: string, port: number): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD_SCRIPT, dataDir, String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await within(20_000, "stopping the child", exited);
    }
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child not up in 30 s: ${stderr}`)), 30_000);
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
      const line = stdout.split("\n").find((candidate) => candidate.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before it was up: ${stderr}`));
    });
  });
  return { process: child, url, exited };
}

describe("startEmbeddedPostgres", () => {
  it("serves the returned URL, stops, and keeps the data for the next start", async () => {
    const dataDir = await makeDataDir();

    const first = await start(dataDir, await freePort());
    expect(await query(first.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('run 1')");
    await first.stop();
    expect(await serversFor(dataDir)).toEqual([]);

    const second = await start(dataDir, await freePort());
    expect(await query(second.url, "SELECT note FROM kept")).toEqual([{ note: "run 1" }]);
    await second.stop();
    expect(await serversFor(dataDir)).toEqual([]);
  });

  it("refuses a directory another process is using, naming its pid, and leaves that server alone", async () => {
    const dataDir = await makeDataDir();
    const owner = await startInChild(dataDir, await freePort());

    const attempt = startEmbeddedPostgres({ dataDir, port: await freePort() });
    await expect(attempt).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(attempt).rejects.toMatchObject({
      pid: owner.process.pid,
      message: expect.stringContaining(`(pid ${owner.process.pid})`),
    });

    expect(await query(owner.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);

    // The owner stops cleanly on SIGTERM and takes its server and lock with it.
    owner.process.kill("SIGTERM");
    await within(20_000, "stopping the child", owner.exited);
    expect(await serversFor(dataDir)).toEqual([]);
    await expect(readFile(path.join(dataDir, "crossbench.lock"))).rejects.toThrow(/ENOENT/);
  });

  it("refuses a second start in the same process while the first is running", async () => {
    const dataDir = await makeDataDir();
    const first = await start(dataDir, await freePort());

    const attempt = startEmbeddedPostgres({ dataDir, port: await freePort() });
    await expect(attempt).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(attempt).rejects.toMatchObject({ pid: process.pid });

    expect(await query(first.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });

  it("names the command holding the directory, so `npm start` beside `npm run eval` says why it cannot start", async () => {
    const dataDir = await makeDataDir();
    const held = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      owner: "npm run eval",
    });
    cleanups.push(() => within(20_000, "stop()", held.stop()));

    const attempt = startEmbeddedPostgres({ dataDir, port: await freePort(), owner: "npm start" });
    await expect(attempt).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(attempt).rejects.toMatchObject({
      owner: "npm run eval",
      message: expect.stringContaining("in use by `npm run eval`"),
    });
  });

  it("recovers after its owner was killed: stale lock, orphaned server, data intact", async () => {
    const dataDir = await makeDataDir();
    const owner = await startInChild(dataDir, await freePort());
    await query(owner.url, "CREATE TABLE survived (note text); INSERT INTO survived VALUES ('x')");

    owner.process.kill("SIGKILL");
    await within(5_000, "killing the child", owner.exited);
    // The crash left the server running without its owner, and the owner's lock behind.
    const orphans = await serversFor(dataDir);
    expect(orphans).toHaveLength(1);
    expect(await readFile(path.join(dataDir, "crossbench.lock"), "utf8")).toBe(
      `${owner.process.pid}\n`,
    );

    const recovered = await start(dataDir, await freePort());
    expect(isRunning(orphans[0]!)).toBe(false);
    expect(await query(recovered.url, "SELECT note FROM survived")).toEqual([{ note: "x" }]);

    await recovered.stop();
    expect(await serversFor(dataDir)).toEqual([]);
  }, 60_000);

  it("says the port is in use and names EMBEDDED_PG_PORT when something listens on it", async () => {
    const dataDir = await makeDataDir();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve()));
    cleanups.push(() => new Promise((resolve) => blocker.close(() => resolve())));
    const { port } = blocker.address() as net.AddressInfo;

    const attempt = startEmbeddedPostgres({ dataDir, port });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
    await expect(attempt).rejects.toThrow(`Port ${port} is in use`);
    await expect(attempt).rejects.toThrow("EMBEDDED_PG_PORT");
    expect(await serversFor(dataDir)).toEqual([]);
  });
});
