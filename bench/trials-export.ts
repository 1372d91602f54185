/**
 * Trials export benchmark (`npm run bench:trials-export`): stores one run of 100,000 synthetic
 * trials through the real store, starts the production app, downloads the run's trials CSV and
 * JSON, and samples the server's resident memory while it streams, against its memory just before
 * (the baseline, same run). Prints each download's peak growth over its baseline and the ratio
 * peak / baseline, then one JSON line. Goal: flat memory, a peak within GOAL_MB of the baseline
 * (the export reads 200 trials per pull from a server-side cursor; it never holds the run).
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/crossbench_test npm run bench:trials-export
 */
import { readFileSync } from "node:fs";
import { generateDashboardData } from "./generate-trials";
import { startBenchApp, type BenchApp } from "./app-server";
import { createScratchDatabase, runBench } from "./support";

const PORT = 3194;
const BASE = `http://127.0.0.1:${PORT}`;
const TRIALS = 100_000;
/** The most a download may grow the server's resident memory by, MB. */
const GOAL_MB = 50;

/** Resident memory of the server process (Next runs inside it), MB. */
function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function download(pathname: string, cookie: string, pid: number) {
  const before = rssMb(pid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 25);
  const started = performance.now();
  const response = await fetch(`${BASE}${pathname}`, { headers: { cookie } });
  if (!response.ok || !response.body) throw new Error(`${pathname} answered ${response.status}`);
  const firstByteSeconds = (performance.now() - started) / 1000;
  let bytes = 0;
  const reader = response.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    bytes += part.value.byteLength;
  }
  clearInterval(timer);
  peak = Math.max(peak, rssMb(pid));
  return {
    pathname,
    bytes,
    firstByteSeconds,
    seconds: (performance.now() - started) / 1000,
    before,
    peak,
  };
}

async function main() {
  const scratch = await createScratchDatabase("export", { seed: "catalogue and built-in suites" });
  const { db, url: databaseUrl } = scratch;
  let app: BenchApp | null = null;
  try {
    const [runId] = await generateDashboardData(db, databaseUrl, { runs: 1, trialsPerRun: TRIALS });
    app = await startBenchApp(db, databaseUrl, PORT);
    const cookie = app.cookie;
    const pid = app.pid;
    // Warm up the routes (compilation of the route modules, connection pool).
    await fetch(`${BASE}/runs/${runId}`, { headers: { cookie } }).then((r) => r.text());
    const results = [];
    // Each export twice: a second pass shows whether memory keeps growing or only the heap grew.
    for (const pathname of [
      `/runs/${runId}/trials.csv`,
      `/runs/${runId}/trials.csv`,
      `/runs/${runId}/trials.json`,
      `/runs/${runId}/trials.json`,
    ]) {
      const result = await download(pathname, cookie, pid);
      results.push(result);
      const growth = result.peak - result.before;
      console.log(
        `${pathname.split("/").pop()}: ${(result.bytes / 1e6).toFixed(1)} MB in ${result.seconds.toFixed(1)} s (first byte after ${result.firstByteSeconds.toFixed(2)} s); server RSS ${result.before.toFixed(0)} MB before (baseline), peak ${result.peak.toFixed(0)} MB: +${growth.toFixed(0)} MB, ratio ${(result.peak / result.before).toFixed(2)} (goal: at most +${GOAL_MB} MB)`,
      );
    }
    const worst = Math.max(...results.map((r) => r.peak - r.before));
    console.log(
      `Largest growth over the baseline: +${worst.toFixed(0)} MB (goal +${GOAL_MB} MB: ${worst <= GOAL_MB ? "met" : "not met"})`,
    );
    console.log(
      JSON.stringify({
        bench: "trials-export",
        trials: TRIALS,
        goalMb: GOAL_MB,
        maxGrowthMb: Math.round(worst),
        meetsGoal: worst <= GOAL_MB,
        exports: results.map((r) => ({
          file: r.pathname.split("/").pop(),
          megabytes: Number((r.bytes / 1e6).toFixed(1)),
          seconds: Number(r.seconds.toFixed(1)),
          rssBeforeMb: Math.round(r.before),
          rssPeakMb: Math.round(r.peak),
          growthMb: Math.round(r.peak - r.before),
          ratio: Number((r.peak / r.before).toFixed(2)),
        })),
      }),
    );
  } finally {
    await app?.stop();
    await scratch.close();
  }
}

runBench(main);
