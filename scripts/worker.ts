/**
 * `npm run worker [-- --jobs <n>] [--health-port <port>]`: an evaluation worker. Start any number,
 * on any machine that reaches the database (DATABASE_URL, or the embedded database of a local
 * `npm start`). Platforms without real credentials go to CROSSBENCH_EMULATOR_URL, or to an
 * in-process emulator. Stops cleanly on SIGINT/SIGTERM: running jobs finish or are handed back.
 * It outlives the database going away: it says "database unreachable", waits, and carries on.
 * With --health-port it serves its health at GET /health (200 ok, 503 while the database is
 * unreachable), on 127.0.0.1 unless --health-host says otherwise.
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { prepareCliSecretKey, resolveCliDatabaseUrl } from "@/lib/server/ops/cli-database";
import { createPrismaClient } from "@/lib/server/ops/db-client";
import { parseEnv } from "@/lib/server/ops/env";
import { resolveCliEmulator } from "@/lib/server/eval/runtime";
import { startEvalWorker } from "@/lib/server/eval/worker";
import type { WorkerHealthReport } from "@/lib/server/ops/health";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main() {
  try {
    process.loadEnvFile(path.join(root, ".env"));
  } catch {
    // No .env file: configuration comes from the environment alone.
  }
  const { values } = parseArgs({
    options: {
      jobs: { type: "string" },
      "stale-after": { type: "string" },
      "simulate-errors": { type: "boolean" },
      "health-port": { type: "string" },
      "health-host": { type: "string" },
    },
  });
  const jobs = values.jobs ? Number(values.jobs) : 4;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    throw new Error("--jobs must be a whole number between 1 and 64");
  }
  const healthPort = values["health-port"] ? Number(values["health-port"]) : null;
  if (
    healthPort !== null &&
    (!Number.isInteger(healthPort) || healthPort < 1 || healthPort > 65535)
  ) {
    throw new Error("--health-port must be a port number between 1 and 65535");
  }
  const env = parseEnv(process.env);
  const databaseUrl = await resolveCliDatabaseUrl(env, root);
  await prepareCliSecretKey(env, root);
  const db = createPrismaClient(databaseUrl, { max: 2 });
  const emulator = await resolveCliEmulator(db, process.env, {
    simulateErrors: values["simulate-errors"] ?? false,
  }).finally(() => db.$disconnect());
  if (emulator.running) console.log(`[worker] emulator for simulated platforms at ${emulator.url}`);
  const worker = await startEvalWorker({
    databaseUrl,
    emulatorUrl: emulator.url,
    jobsInParallel: jobs,
    ...(process.env.EVAL_TRIALS_PER_JOB
      ? { trialsPerJob: Number(process.env.EVAL_TRIALS_PER_JOB) }
      : {}),
    ...(values["stale-after"]
      ? { staleAfterMs: Number(values["stale-after"]) * 1000, heartbeatMs: 500 }
      : {}),
  });
  const healthServer =
    healthPort === null
      ? null
      : await serveHealth(worker.health, healthPort, values["health-host"] ?? "127.0.0.1").catch(
          async (error: unknown) => {
            // A port in use ends the worker before it takes jobs nobody could see it run.
            await worker.stop(1_000);
            await emulator.running?.close();
            throw error;
          },
        );
  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`[worker] ${signal}: finishing running jobs…`);
    healthServer?.close();
    await worker.stop();
    await emulator.running?.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

/** Serves the worker's health: what a supervisor or load balancer polls to see it is well. */
async function serveHealth(
  health: () => WorkerHealthReport,
  port: number,
  host: string,
): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    if (request.method !== "GET" || request.url !== "/health") {
      response.writeHead(404).end();
      return;
    }
    const report = health();
    response
      .writeHead(report.status === "ok" ? 200 : 503, {
        "content-type": "application/json",
        "cache-control": "no-store",
      })
      .end(JSON.stringify(report));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  console.log(`[worker] health at http://${host}:${port}/health`);
  return server;
}

main().catch((error: unknown) => {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
