/**
 * Evaluation throughput benchmark (`npm run bench:eval`). Against the emulator at zero simulated
 * latency (its own process), it runs a 20,000-trial run through the whole system: queue
 * (pg-boss), a worker process (router, adapters over real HTTP, scorers) and storage (trials and
 * rollups in PostgreSQL). The baseline, in this process and the same run, makes the same calls and
 * scores them with no queue and no storage, at the same concurrency. It prints trials per second
 * for both, their ratio and the worker's peak memory, and ends with one JSON line.
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/crossbench_test npm run bench:eval
 *   [-- --trials 20000 --jobs 4 --trials-per-job 8 --workers 1 --stream both|on|off]
 *
 * Goals: at least 1,000 stored trials/s, at least half the baseline's rate, worker under 400 MB.
 * Uses its own database on that server (named `*_test`, dropped afterwards).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { buildSeedBatch } from "@/lib/catalog/seed";
import { scoreOutput } from "@/lib/eval/assertions";
import type { EvalCase } from "@/lib/eval/types";
import { benchSuite } from "./bench-suite";
import { enqueueChunks, openEvalQueue } from "@/lib/queue/eval-queue";
import { pinnedPolicy } from "@/lib/router/policies";
import { systemClock } from "@/lib/router/resilience";
import { createRouter } from "@/lib/router/router";
import type { Target } from "@/lib/router/types";
import { applyCatalogBatch } from "@/lib/server/domain/catalog/catalog-store";
import { createPrismaClient } from "@/lib/server/ops/db-client";
import { createAppAdapters, resolvePlatformConnections } from "@/lib/server/ops/router-setup";
import { chooseApiStyle, launchRun } from "@/lib/server/domain/runs/runs";
import { storeSuite } from "@/lib/server/domain/runs/suites";
import { testCaller } from "@/lib/testing/test-callers";
import { argument, createScratchDatabase, root, runBench } from "./support";

const TRIALS = Number(argument("--trials") ?? 20_000);
const JOBS = Number(argument("--jobs") ?? 4);
const TRIALS_PER_JOB = Number(argument("--trials-per-job") ?? 8);
/** Worker processes for the stored run (each with --jobs JOBS); the baseline is one process. */
const WORKERS = Number(argument("--workers") ?? 1);
const CONCURRENCY = JOBS * TRIALS_PER_JOB;
const REPEATS = 10;
const MODE_ARGUMENT = argument("--stream") ?? "both";
const MODES = MODE_ARGUMENT === "both" ? [false, true] : [MODE_ARGUMENT === "on"];
const PLATFORMS = ["openai", "anthropic", "aws-bedrock", "gcp-vertex", "azure-foundry"];

const CALLER = testCaller({ role: "operator", email: "bench", name: "bench" });

// Thousands of identical "temperature is not supported" warnings would drown the figures.
(globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = false;

function startChild(args: string[], env: Record<string, string>): ChildProcess {
  // BENCH_WORKER_NODE_ARGS (e.g. "--cpu-prof") profiles the worker and the emulator.
  const extra = process.env.BENCH_WORKER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  // The worker runs as `npm run worker` does, with the same bounded heap.
  if (args[0] === "scripts/worker.ts") extra.push("--max-old-space-size=320");
  return spawn(process.execPath, [...extra, "--import", "tsx", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = pattern.exec(buffer);
      if (match) {
        child.stdout?.off("data", onData);
        resolve(match);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    child.once("exit", (code) =>
      reject(new Error(`child exited with ${code} before "${pattern}"`)),
    );
  });
}

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

type MeasureInput = {
  stream: boolean;
  url: string;
  db: ReturnType<typeof createPrismaClient>;
  emulatorUrl: string;
  secret: string;
  suiteId: string;
  targets: Target[];
  cases: EvalCase[];
  connections: Awaited<ReturnType<typeof resolvePlatformConnections>>;
};

/** One mode (streamed or plain calls): the baseline, then the stored run, each over every trial. */
async function measure(input: MeasureInput) {
  const { stream, url, db, emulatorUrl, secret, targets, cases, connections } = input;
  const mode = stream ? "streamed calls (measure time to first token)" : "plain calls";
  console.log(`\n${mode}`);
  const adapters = createAppAdapters({ connections, fetch, emulatorFetch: fetch });
  const router = createRouter({
    adapters,
    policy: pinnedPolicy(),
    clock: systemClock,
    random: Math.random,
  });
  const work: [EvalCase, Target][] = [];
  for (const target of targets)
    for (const testCase of cases)
      for (let r = 0; r < REPEATS; r += 1) work.push([testCase, target]);
  let next = 0;
  let failures = 0;
  const failureKinds = new Map<string, number>();
  const baselineStarted = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < work.length) {
        const [testCase, target] = work[next++]!;
        const routed = await router.route([target], {
          messages: testCase.messages,
          temperature: 0,
          maxTokens: 512,
          stream,
          category: testCase.category,
        });
        if (!routed.ok) {
          failures += 1;
          failureKinds.set(
            `${target.platformId}: ${routed.error.kind} (${routed.error.message.slice(0, 80)})`,
            (failureKinds.get(
              `${target.platformId}: ${routed.error.kind} (${routed.error.message.slice(0, 80)})`,
            ) ?? 0) + 1,
          );
          continue;
        }
        await scoreOutput(testCase, routed.result.text, {
          costUsd: routed.costUsd,
          latencyMs: routed.result.metrics.totalMs,
        });
      }
    }),
  );
  const baselineRate = work.length / ((performance.now() - baselineStarted) / 1000);
  console.log(
    `  baseline (direct, no storage): ${baselineRate.toFixed(0)} trials/s (${failures} failed calls)`,
  );
  for (const [kind, count] of failureKinds) console.log(`    ${count} × ${kind}`);

  const workers = Array.from({ length: WORKERS }, () =>
    startChild(["scripts/worker.ts", "--jobs", String(JOBS)], {
      DATABASE_URL: url,
      CROSSBENCH_EMULATOR_URL: emulatorUrl,
      CROSSBENCH_SECRET_KEY: secret,
      EVAL_TRIALS_PER_JOB: String(TRIALS_PER_JOB),
    }),
  );
  try {
    await Promise.all(workers.map((worker) => waitForLine(worker, /started/)));
    const boss = await openEvalQueue({ connectionString: url, max: 2 });
    const started = performance.now();
    const launched = await launchRun(
      CALLER,
      db,
      {
        suiteId: input.suiteId,
        targets: targets.map((t) => ({ kind: "offering" as const, offeringId: t.offeringId })),
        temperature: 0,
        maxTokens: 512,
        repeats: REPEATS,
        concurrency: 64,
        stream,
      },
      { connections, enqueue: (jobs) => enqueueChunks(boss, jobs), origin: "cli" },
    );
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    let peakMb = 0;
    let run: { status: string; storedTrials: number } = { status: "queued", storedTrials: 0 };
    while (run.status === "queued" || run.status === "running") {
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const worker of workers) peakMb = Math.max(peakMb, peakRssMb(worker.pid!) ?? 0);
      const { rows } = await probe.query<{ status: string; storedTrials: number }>(
        `SELECT "status", "storedTrials" FROM "EvalRun" WHERE "id" = $1`,
        [launched.runId],
      );
      run = rows[0] ?? run;
    }
    const errors = await probe.query<{ kind: string; n: string }>(
      `SELECT "errorKind" AS kind, count(*) AS n FROM "Trial"
       WHERE "runId" = $1 AND "status" = 'error' GROUP BY "errorKind"`,
      [launched.runId],
    );
    for (const row of errors.rows) console.log(`    ${row.n} stored trials with error ${row.kind}`);
    const storedRate = run.storedTrials / ((performance.now() - started) / 1000);
    for (const worker of workers) peakMb = Math.max(peakMb, peakRssMb(worker.pid!) ?? 0);
    await probe.end();
    await boss.stop({ graceful: false, wait: true });
    const ratio = storedRate / baselineRate;
    console.log(
      `  stored run (queue + worker + storage): ${storedRate.toFixed(0)} trials/s, ${run.storedTrials} trials, status ${run.status}`,
    );
    console.log(
      `  ratio stored/baseline: ${ratio.toFixed(2)} (goal ≥ 0.5); goal ≥ 1,000 stored trials/s`,
    );
    console.log(
      `  worker peak memory (VmHWM, largest of ${WORKERS} worker process${WORKERS === 1 ? "" : "es"}): ${peakMb.toFixed(0)} MB (goal < 400 MB)`,
    );
    return {
      stream,
      status: run.status,
      storedTrials: run.storedTrials,
      baselineTrialsPerSecond: Math.round(baselineRate),
      storedTrialsPerSecond: Math.round(storedRate),
      ratio: Number(ratio.toFixed(3)),
      workerPeakMb: Math.round(peakMb),
      workers: WORKERS,
    };
  } finally {
    // Wait for it to stop before the database is dropped under it.
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise((resolve) => {
            if (worker.exitCode !== null) return resolve(undefined);
            worker.once("exit", resolve);
            worker.kill("SIGTERM");
          }),
      ),
    );
  }
}

async function main() {
  const caseCount = Math.ceil(TRIALS / (PLATFORMS.length * REPEATS));
  const scratch = await createScratchDatabase("eval");
  const { db, url } = scratch;
  const secret = randomBytes(32).toString("base64");
  const emulator = startChild(["scripts/emulator.ts"], {
    EMULATOR_PORT: "0",
    EMULATOR_LATENCY_SCALE: "0",
    EMULATOR_ERRORS: "off",
  });
  try {
    const emulatorUrl = (await waitForLine(emulator, /listening on (http:\/\/\S+)/))[1]!;
    await applyCatalogBatch(db, buildSeedBatch(), { dryRun: false, actorId: null });
    const suite = await storeSuite(db, benchSuite(caseCount), { source: "import" });
    const env = { CROSSBENCH_SECRET_KEY: secret };
    const connections = await resolvePlatformConnections(db, env, emulatorUrl);
    const targets: Target[] = [];
    for (const platformId of PLATFORMS) {
      const offerings = await db.offering.findMany({
        where: { platformId, lifecycle: { not: "retired" }, inputPrice: { not: null } },
        orderBy: { nativeId: "asc" },
      });
      const offering = offerings.find((o) => chooseApiStyle(o.platformId, o.apiStyles, true));
      if (!offering) throw new Error(`no runnable offering on ${platformId}`);
      targets.push({
        offeringId: offering.id,
        platformId,
        modelId: offering.modelId,
        nativeId: offering.nativeId,
        apiStyle: chooseApiStyle(platformId, offering.apiStyles, true)!,
        prices: { input: Number(offering.inputPrice), output: Number(offering.outputPrice) },
        simulated: true,
      });
    }
    const cases = benchSuite(caseCount).cases;
    const trials = cases.length * targets.length * REPEATS;
    console.log(
      `bench:eval: ${trials} trials (${cases.length} cases × ${targets.length} platforms × ${REPEATS} repeats), concurrency ${CONCURRENCY}, emulator at zero latency in its own process`,
    );
    const results = [];
    for (const stream of MODES) {
      results.push(
        await measure({
          stream,
          url,
          db,
          emulatorUrl,
          secret,
          suiteId: suite.id,
          targets,
          cases,
          connections,
        }),
      );
    }
    console.log(
      JSON.stringify({ bench: "eval", trials, concurrency: CONCURRENCY, modes: results }),
    );
  } finally {
    emulator.kill("SIGTERM");
    await scratch.close();
  }
}

runBench(main);
