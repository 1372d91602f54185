import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, openSync } from "node:fs";
import type { Role } from "@/lib/schemas/roles";
import type { Db } from "@/lib/server/ops/db-client";
import { unsafeCreateUser } from "@/lib/server/domain/access/users";
import { root } from "../support";

/** The production app as `npm start` runs it, on a bench database, with N signed-in users. */
export type LoadApp = {
  base: string;
  /** One session cookie per user, each from its own sign-in. */
  cookies: string[];
  /** The server process (Next.js runs in it), for its CPU time. */
  pid: number;
  stop(): Promise<void>;
};

const HEALTHY_WITHIN_MS = 600_000;

/**
 * Creates `users` accounts with `role`, starts the app through `scripts/start.ts` (which builds
 * first when the sources changed) on `databaseUrl`, `port` and, for the simulated clouds,
 * `emulatorPort`, waits for /api/health, then signs each user in through better-auth's endpoint.
 * The server's output goes to `logPath`.
 */
export async function startLoadApp(
  db: Db,
  options: {
    databaseUrl: string;
    port: number;
    emulatorPort: number;
    secretKey: string;
    users: number;
    role: Role;
    logPath: string;
    /** Extra flags for the app's Node process (for example `--cpu-prof`). */
    nodeArguments?: string[];
    /** False runs the app with PAGE_CACHE=false (every view rendered). */
    pageCache?: boolean;
  },
): Promise<LoadApp> {
  const base = `http://127.0.0.1:${options.port}`;
  const accounts: { email: string; password: string }[] = [];
  for (let index = 0; index < options.users; index += 1) {
    const email = `load-${index + 1}@example.test`;
    const password = `load-${randomBytes(8).toString("hex")}`;
    await unsafeCreateUser(db, {
      name: `Load user ${index + 1}`,
      email,
      role: options.role,
      password,
      mustChangePassword: false,
    });
    accounts.push({ email, password });
  }
  const log = openSync(options.logPath, "w");
  const server: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArguments ?? []), "--import", "tsx", "scripts/start.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        PORT: String(options.port),
        HOST: "127.0.0.1",
        EMULATOR_PORT: String(options.emulatorPort),
        // The generated runs are finished already; a worker would only poll the queue.
        IN_PROCESS_WORKER: "false",
        PAGE_CACHE: options.pageCache === false ? "false" : "true",
        CROSSBENCH_SECRET_KEY: options.secretKey,
      },
      stdio: ["ignore", log, log],
    },
  );
  closeSync(log);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
    });
  try {
    const deadline = Date.now() + HEALTHY_WITHIN_MS;
    for (;;) {
      if (server.exitCode !== null) {
        throw new Error(`the app exited with ${server.exitCode}; see ${options.logPath}`);
      }
      const isHealthy = await fetch(`${base}/api/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (isHealthy) break;
      if (Date.now() > deadline) {
        throw new Error(`the app did not become healthy in 10 minutes; see ${options.logPath}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const cookies: string[] = [];
    for (const account of accounts) cookies.push(await signIn(base, options.port, account));
    return { base, cookies, pid: server.pid ?? 0, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function signIn(
  base: string,
  port: number,
  account: { email: string; password: string },
): Promise<string> {
  const response = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: `http://localhost:${port}` },
    body: JSON.stringify(account),
  });
  if (!response.ok) throw new Error(`sign-in of ${account.email} failed: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  if (!cookie) throw new Error(`sign-in of ${account.email} set no cookie`);
  return cookie;
}
