import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "@/lib/server/ops/db-client";
import { unsafeCreateUser } from "@/lib/server/domain/access/users";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The production app on a bench database, with a signed-in viewer's cookie. */
export type BenchApp = { base: string; cookie: string; pid: number; stop(): Promise<void> };

/**
 * Creates a viewer, starts the app (`scripts/start.ts`, building first if needed) on `databaseUrl`
 * and `port` with no emulator port and no in-process worker, waits for /api/health and signs in.
 */
export async function startBenchApp(db: Db, databaseUrl: string, port: number): Promise<BenchApp> {
  const base = `http://127.0.0.1:${port}`;
  const email = "bench@example.test";
  const password = `bench-${randomBytes(8).toString("hex")}`;
  await unsafeCreateUser(db, {
    name: "Bench",
    email,
    role: "viewer",
    password,
    mustChangePassword: false,
  });
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      EMULATOR_PORT: "0",
      IN_PROCESS_WORKER: "false",
      CROSSBENCH_SECRET_KEY: randomBytes(32).toString("base64"),
    },
    stdio: "ignore",
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
    });
  try {
    const deadline = Date.now() + 600_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the app exited with ${server.exitCode}`);
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) throw new Error("the app did not become healthy in 10 minutes");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: `http://localhost:${port}` },
      body: JSON.stringify({ email, password }),
    });
    if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
    const cookie = signIn.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    return { base, cookie, pid: server.pid ?? 0, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
