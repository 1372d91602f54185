/**
 * Start-up benchmark: how long a second `npm start` (nothing changed) takes to answer
 * /api/health, against a baseline measured in the same run: bare `next start` on the same build
 * and an already-running database. The difference is what Crossbench's preparation costs
 * (embedded PostgreSQL, migration check, seed check, build fingerprint).
 *
 *   npm run build && npx tsx bench/startup.ts [--runs 3]
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/server/ops/embedded-postgres";
import { argument, median, root, runBench } from "./support";

const runs = Number(argument("--runs") ?? 3);
const port = 3190;
const dataDir = path.join(root, ".data", "bench");
const pgPort = 54399;

async function timeToHealthy(child: ChildProcess, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    exited ? "the server exited before it was healthy" : "timed out waiting for health",
  );
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

async function main() {
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const baseline: number[] = [];
  const warm: number[] = [];
  /** `npm start` on the bench data directory, with its own embedded PostgreSQL. */
  const npmStart = () =>
    spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: {
        ...env,
        CROSSBENCH_DATA_DIR: dataDir,
        DATABASE_URL: "",
        EMBEDDED_PG_PORT: String(pgPort),
      },
      stdio: "ignore",
    });

  // Prime: the first start builds if needed, initialises the data directory and seeds.
  const prime = npmStart();
  await timeToHealthy(prime, 600_000);
  await stop(prime);

  for (let i = 0; i < runs; i++) {
    const database = await startEmbeddedPostgres({ dataDir, port: pgPort });
    const bare = spawn(
      process.execPath,
      ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
      {
        cwd: root,
        env: { ...env, DATABASE_URL: database.url, NODE_ENV: "production" },
        stdio: "ignore",
      },
    );
    baseline.push(await timeToHealthy(bare));
    await stop(bare);
    await database.stop();

    const full = npmStart();
    warm.push(await timeToHealthy(full));
    await stop(full);
  }

  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`runs: ${runs}`);
  console.log(
    `baseline  bare next start, database already up: median ${fmt(median(baseline))}  [${baseline.map(fmt).join(", ")}]`,
  );
  console.log(
    `measured  second npm start, embedded database:  median ${fmt(median(warm))}  [${warm.map(fmt).join(", ")}]`,
  );
  console.log(
    `ratio     npm start / bare next start: ${(median(warm) / median(baseline)).toFixed(2)}x  (target: serving within 20 s)`,
  );
}

runBench(main);
