/**
 * Dashboard benchmark (`npm run bench:dashboard`): fills a scratch database with 1,000,000 trials
 * over 50 runs (bench/generate-trials.ts, through the real trial store), starts the production
 * app on it, and measures server render time of Overview, Compare, Lock-in and Routing against a
 * trivial signed-in page (/account, session only) in the same run. Prints p50 and p95 per page and
 * ends with one JSON line. Goal: every page under 300 ms at p95 (pages read rollups, not trials).
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/crossbench_test npm run bench:dashboard
 *   [-- --runs 50 --trials 20000 --requests 30 --keep]
 *
 * Builds the app first if needed (through the start script). Uses its own database on that
 * server (named *_test, dropped afterwards unless --keep) and port 3193.
 */
import { generateDashboardData } from "./generate-trials";
import { startBenchApp, type BenchApp } from "./app-server";
import { argument, createScratchDatabase, runBench, timeGets } from "./support";

const RUNS = Number(argument("--runs") ?? 50);
const TRIALS_PER_RUN = Number(argument("--trials") ?? 20_000);
const REQUESTS = Number(argument("--requests") ?? 30);
const KEEP = process.argv.includes("--keep");
const PORT = 3193;
const BASE = `http://127.0.0.1:${PORT}`;
const TARGET_MS = 300;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function main() {
  const scratch = await createScratchDatabase("dash", { seed: "catalogue and built-in suites" });
  const { db, url: databaseUrl } = scratch;
  let app: BenchApp | null = null;
  try {
    const generationStarted = performance.now();
    const runIds = await generateDashboardData(db, databaseUrl, {
      runs: RUNS,
      trialsPerRun: TRIALS_PER_RUN,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    const trials = await db.trial.count();
    console.log(
      `generated ${trials.toLocaleString("en-US")} trials over ${runIds.length} runs in ${((performance.now() - generationStarted) / 1000).toFixed(0)} s`,
    );
    app = await startBenchApp(db, databaseUrl, PORT);
    const cookie = app.cookie;
    const latest = runIds.at(-1) ?? "";
    const pages: [string, string][] = [
      ["baseline /account", "/account"],
      ["Overview", "/"],
      ["Compare", `/compare?run=${latest}`],
      ["Lock-in", "/lock-in"],
      ["Routing", `/routing?run=${latest}`],
    ];
    const results: Record<string, { p50: number; p95: number }> = {};
    for (const [label, pathname] of pages) {
      const times = await timeGets(`${BASE}${pathname}`, cookie, REQUESTS);
      results[label] = { p50: percentile(times, 50), p95: percentile(times, 95) };
      console.log(
        `${label.padEnd(18)} p50 ${results[label].p50.toFixed(0).padStart(5)} ms   p95 ${results[label].p95.toFixed(0).padStart(5)} ms`,
      );
    }
    const baseline = results["baseline /account"]?.p50 ?? NaN;
    const worst = Math.max(
      ...Object.entries(results)
        .filter(([k]) => !k.startsWith("baseline"))
        .map(([, v]) => v.p95),
    );
    console.log(
      `slowest page p95 ${worst.toFixed(0)} ms (goal < ${TARGET_MS} ms); baseline p50 ${baseline.toFixed(0)} ms`,
    );
    console.log(
      JSON.stringify({
        bench: "dashboard",
        trials,
        runs: runIds.length,
        requests: REQUESTS,
        pages: Object.fromEntries(
          Object.entries(results).map(([k, v]) => [
            k,
            {
              p50Ms: Math.round(v.p50),
              p95Ms: Math.round(v.p95),
              ratioToBaselineP50: Number((v.p50 / baseline).toFixed(2)),
            },
          ]),
        ),
        slowestP95Ms: Math.round(worst),
      }),
    );
  } finally {
    await app?.stop();
    await scratch.close({ keep: KEEP });
    if (KEEP) console.log(`kept the database: ${databaseUrl}`);
  }
}

runBench(main);
