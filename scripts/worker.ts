/**
 * `npm run worker [-- --jobs <n>]`: an evaluation worker. Start any number, on any machine that
 * reaches the database (DATABASE_URL, or the embedded database of a local `npm start`). Platforms
 * without real credentials go to CROSSBENCH_EMULATOR_URL, or to an in-process emulator.
 * Stops cleanly on SIGINT/SIGTERM: running jobs finish or are handed back.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { resolveCliDatabaseUrl } from "@/lib/server/cli-database";
import { createPrismaClient } from "@/lib/server/db-client";
import { parseEnv } from "@/lib/server/env";
import { resolveCliEmulator } from "@/lib/server/eval-runtime";
import { startEvalWorker } from "@/lib/server/eval-worker";

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
    },
  });
  const jobs = values.jobs ? Number(values.jobs) : 4;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    throw new Error("--jobs must be a whole number between 1 and 64");
  }
  const env = parseEnv(process.env);
  const databaseUrl = await resolveCliDatabaseUrl(env, root);
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
  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`[worker] ${signal}: finishing running jobs…`);
    await worker.stop();
    await emulator.running?.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
