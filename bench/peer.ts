/**
 * Side-by-side benchmark against promptfoo (`npm run bench:peer`). A promptfoo user switching to
 * Crossbench runs the same `promptfooconfig.yaml` with both tools; this does that, on the same
 * emulator, with the same total concurrency, and prints how they compare:
 *
 * - speed and memory: a generated suite over three OpenAI-style platforms, at zero simulated
 *   latency (about 3,000 trials) and at the emulator's realistic latency (scale 1, about 1,200
 *   trials), in interleaved pairs. Per run: wall time of the whole command, peak resident memory of
 *   its process tree (VmRSS sampled every 50 ms; for Crossbench that is its one node process,
 *   PostgreSQL is a separate server and not counted) and start-up, from spawn to the first chat
 *   request at a counting proxy in front of the emulator (and the rest, first request to exit,
 *   beside its floor: the emulator's total call time ÷ the concurrency, which no scheduler beats).
 *   Ratios are Crossbench / promptfoo of the medians over pairs (below 1 means Crossbench is
 *   faster or smaller). One small unmeasured run of each tool comes first, so one-time set-up
 *   falls on neither side. Both tools make plain (not streamed) calls, as promptfoo's OpenAI
 *   provider does: the same calls, the same emulator work. `--stream` measures Crossbench with
 *   streaming on (its default in `npm run eval`, which measures time to first token and output
 *   speed at the cost of more work per call, on both sides of the wire).
 * - verdicts: bench/peer/fidelity/promptfooconfig.yaml (YAML features) and
 *   promptfooconfig-csv.yaml (CSV features), run once by each tool on the same emulator outputs;
 *   tests are matched one to one and every disagreement is printed with its assertions.
 *
 * promptfoo (pinned, with the Node it needs) is installed once into ~/.cache/crossbench-peer.
 * Crossbench runs as `npm run eval` does, against a scratch database on the TEST_DATABASE_URL
 * server (default postgresql://postgres@127.0.0.1:5432, dropped afterwards). Everything measured
 * is simulated: no real provider is called.
 *
 *   npm run bench:peer [-- --pairs 5] [--quick] [--concurrency 24] [--zero-trials 3000]
 *     [--latency-trials 1200] [--scenarios zero,latency] [--skip-speed] [--skip-fidelity]
 *     [--stream]
 *
 * The last line is one JSON object with every figure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensurePromptfoo, type PromptfooInstall } from "./peer/install";
import {
  asProcessEnv,
  runMeasured,
  startCountingProxy,
  type CountingProxy,
  type MeasuredRun,
} from "./peer/measure";
import { PEER_TARGETS, writeSpeedSuite } from "./peer/speed-suite";
import {
  pairVerdicts,
  readCrossbenchVerdicts,
  readPromptfooVerdicts,
  type VerdictPair,
} from "./peer/verdicts";
import { evalNodeArgs } from "@/lib/testing/eval-cli";
import { argument, createScratchDatabase, median, root, runBench } from "./support";

const isQuick = process.argv.includes("--quick");
const PAIRS = Number(argument("--pairs") ?? (isQuick ? 1 : 5));
const CONCURRENCY = Number(argument("--concurrency") ?? 24);
const ZERO_TRIALS = Number(argument("--zero-trials") ?? (isQuick ? 600 : 3000));
const LATENCY_TRIALS = Number(argument("--latency-trials") ?? (isQuick ? 240 : 1200));
const SKIP_SPEED = process.argv.includes("--skip-speed");
/** Which speed scenarios to run: `zero`, `latency` or both (the default), comma-separated. */
const SCENARIOS = (argument("--scenarios") ?? "zero,latency").split(",");
const SKIP_FIDELITY = process.argv.includes("--skip-fidelity");
const IS_STREAMED = process.argv.includes("--stream");
const RUN_TIMEOUT_MS = 20 * 60_000;
const FIDELITY_DIR = path.join(root, "bench", "peer", "fidelity");
const FIDELITY_CONFIGS = ["promptfooconfig.yaml", "promptfooconfig-csv.yaml"];
const FIDELITY_TARGET = PEER_TARGETS[0]!;
const FIDELITY_CONCURRENCY = 4;

type Tool = "crossbench" | "promptfoo";
const TOOLS: Tool[] = ["crossbench", "promptfoo"];

/** What both tools get from the environment: nothing that could reach a real provider. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ"]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

function startEmulator(latencyScale: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/emulator.ts"], {
    cwd: root,
    env: asProcessEnv({
      ...baseEnv(),
      EMULATOR_PORT: "0",
      EMULATOR_LATENCY_SCALE: String(latencyScale),
      EMULATOR_ERRORS: "off",
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(buffer);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

type Context = {
  promptfoo: PromptfooInstall;
  databaseUrl: string;
  secretKey: string;
  scratch: string;
  evalArgs: string[];
};

function runCrossbench(
  context: Context,
  proxy: CountingProxy,
  suite: string,
  targets: string,
  concurrency: number,
): Promise<MeasuredRun> {
  return runMeasured({
    command: process.execPath,
    args: [
      ...context.evalArgs,
      "--suite",
      suite,
      "--targets",
      targets,
      "--concurrency",
      String(concurrency),
      "--json",
      ...(IS_STREAMED ? [] : ["--no-stream"]),
    ],
    cwd: root,
    env: {
      ...baseEnv(),
      DATABASE_URL: context.databaseUrl,
      CROSSBENCH_SECRET_KEY: context.secretKey,
      CROSSBENCH_EMULATOR_URL: proxy.url,
    },
    proxy,
    timeoutMs: RUN_TIMEOUT_MS,
  });
}

function runPromptfoo(
  context: Context,
  proxy: CountingProxy,
  config: string,
  concurrency: number,
  extra: { output?: string; env?: Record<string, string> } = {},
): Promise<MeasuredRun> {
  return runMeasured({
    command: context.promptfoo.node,
    args: [
      context.promptfoo.entry,
      "eval",
      "-c",
      config,
      "--no-cache",
      "-j",
      String(concurrency),
      "--no-progress-bar",
      "--no-table",
      ...(extra.output ? ["-o", extra.output] : []),
    ],
    cwd: path.dirname(config),
    env: {
      ...baseEnv(),
      OPENAI_API_KEY: "emulator",
      PROMPTFOO_CONFIG_DIR: path.join(context.scratch, "promptfoo-home"),
      PROMPTFOO_DISABLE_TELEMETRY: "1",
      PROMPTFOO_DISABLE_UPDATE: "1",
      PROMPTFOO_DISABLE_SHARING: "1",
      ...extra.env,
    },
    proxy,
    timeoutMs: RUN_TIMEOUT_MS,
  });
}

/** The last JSON line a command printed on stdout, or null. */
function lastJson(stdout: string): Record<string, unknown> | null {
  const lines = stdout.trim().split("\n").reverse();
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
  }
  return null;
}

function tail(text: string, lines = 12): string {
  return text
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>")
    .trim()
    .split("\n")
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join("\n");
}

/** Throws with the command's output unless it exited as a completed run does. */
function requireCompleted(tool: Tool, run: MeasuredRun, expectedTrials: number): void {
  // promptfoo exits 100 when some test failed, which the speed suite may do.
  const isOk =
    tool === "crossbench" ? run.exitCode === 0 : run.exitCode === 0 || run.exitCode === 100;
  if (!isOk) {
    throw new Error(
      `${tool} exited with ${run.exitCode} after ${(run.wallMs / 1000).toFixed(1)} s:\n${tail(run.stderr)}\n${tail(run.stdout, 4)}`,
    );
  }
  if (run.requests < expectedTrials)
    throw new Error(
      `${tool} made ${run.requests} requests at the emulator for ${expectedTrials} trials`,
    );
}

type ScenarioRun = {
  pair: number;
  tool: Tool;
  wallMs: number;
  startupMs: number | null;
  peakRssMb: number;
  peakProcessHwmMb: number;
  requests: number;
  /** Σ call time at the emulator ÷ concurrency: the shortest possible first-request-to-exit. */
  callFloorMs: number;
};

type ScenarioResult = {
  name: string;
  latencyScale: number;
  trials: number;
  runs: ScenarioRun[];
  median: Record<
    Tool,
    {
      wallMs: number;
      peakRssMb: number;
      startupMs: number;
      afterStartupMs: number;
      callFloorMs: number;
    }
  >;
  ratios: { wall: number; peakRss: number; startup: number; afterStartup: number };
};

async function runScenario(
  context: Context,
  name: string,
  latencyScale: number,
  trials: number,
): Promise<ScenarioResult> {
  const tests = Math.max(1, Math.round(trials / PEER_TARGETS.length));
  const trialCount = tests * PEER_TARGETS.length;
  console.log(
    `\n${name}: ${trialCount} trials (${tests} tests × ${PEER_TARGETS.length} platforms), emulator latency scale ${latencyScale}, total concurrency ${CONCURRENCY}, ${PAIRS} interleaved pair${PAIRS === 1 ? "" : "s"}; Crossbench ${IS_STREAMED ? "streams (promptfoo does not)" : "makes plain calls, as promptfoo does"}`,
  );
  const emulator = await startEmulator(latencyScale);
  const proxy = await startCountingProxy(emulator.url);
  try {
    const suite = writeSpeedSuite(
      path.join(context.scratch, `speed-${latencyScale}`),
      tests,
      proxy.url,
    );
    const targets = PEER_TARGETS.map((target) => target.crossbench).join(",");
    const runs: ScenarioRun[] = [];
    for (let pair = 1; pair <= PAIRS; pair += 1) {
      // Alternate who goes first so warm-up and drift fall on both sides alike.
      const order: Tool[] = pair % 2 === 1 ? TOOLS : [...TOOLS].reverse();
      for (const tool of order) {
        const run =
          tool === "crossbench"
            ? await runCrossbench(context, proxy, suite, targets, CONCURRENCY)
            : await runPromptfoo(context, proxy, suite, CONCURRENCY);
        requireCompleted(tool, run, trialCount);
        if (tool === "crossbench") {
          const summary = lastJson(run.stdout);
          if (summary?.status !== "completed" || summary.completedTrials !== trialCount)
            throw new Error(
              `crossbench's run ended ${String(summary?.status)} with ${String(summary?.completedTrials)}/${trialCount} trials`,
            );
        }
        runs.push({
          pair,
          tool,
          wallMs: run.wallMs,
          startupMs: run.startupMs,
          peakRssMb: run.peakTreeRssMb,
          peakProcessHwmMb: run.peakProcessHwmMb,
          requests: run.requests,
          callFloorMs: run.callMs / CONCURRENCY,
        });
        console.log(
          `  pair ${pair} ${tool.padEnd(10)} wall ${(run.wallMs / 1000).toFixed(2)} s, start-up ${run.startupMs === null ? "—" : `${(run.startupMs / 1000).toFixed(2)} s`}, peak RSS ${run.peakTreeRssMb.toFixed(0)} MB (${run.processes} process${run.processes === 1 ? "" : "es"}), ${run.requests} requests`,
        );
        // Shows once that both tools reached the same chat routes.
        if (pair === 1)
          console.log(
            `    routes: ${[...run.byRoute].map(([route, count]) => `${route} ×${count}`).join(", ")}`,
          );
      }
    }
    const medianOf = (tool: Tool) => {
      const mine = runs.filter((run) => run.tool === tool);
      return {
        wallMs: median(mine.map((run) => run.wallMs)),
        peakRssMb: median(mine.map((run) => run.peakRssMb)),
        startupMs: median(mine.map((run) => run.startupMs ?? Number.NaN)),
        afterStartupMs: median(mine.map((run) => run.wallMs - (run.startupMs ?? Number.NaN))),
        callFloorMs: median(mine.map((run) => run.callFloorMs)),
      };
    };
    const crossbench = medianOf("crossbench");
    const promptfoo = medianOf("promptfoo");
    return {
      name,
      latencyScale,
      trials: trialCount,
      runs,
      median: { crossbench, promptfoo },
      ratios: {
        wall: crossbench.wallMs / promptfoo.wallMs,
        peakRss: crossbench.peakRssMb / promptfoo.peakRssMb,
        startup: crossbench.startupMs / promptfoo.startupMs,
        afterStartup: crossbench.afterStartupMs / promptfoo.afterStartupMs,
      },
    };
  } finally {
    await proxy.close();
    await stopChild(emulator.child);
  }
}

/**
 * One small unmeasured run of each tool, so one-time work (promptfoo creating its results
 * database, Crossbench's first migration check and suite import on the scratch database, cold
 * file caches) falls on neither side of the first pair.
 */
async function warmUp(context: Context): Promise<void> {
  console.log("\nwarm-up: one unmeasured run of each tool (3 trials)");
  const emulator = await startEmulator(0);
  const proxy = await startCountingProxy(emulator.url);
  try {
    const suite = writeSpeedSuite(path.join(context.scratch, "warm-up"), 1, proxy.url);
    const targets = PEER_TARGETS.map((target) => target.crossbench).join(",");
    requireCompleted(
      "crossbench",
      await runCrossbench(context, proxy, suite, targets, CONCURRENCY),
      PEER_TARGETS.length,
    );
    requireCompleted(
      "promptfoo",
      await runPromptfoo(context, proxy, suite, CONCURRENCY),
      PEER_TARGETS.length,
    );
  } finally {
    await proxy.close();
    await stopChild(emulator.child);
  }
}

type FidelityResult = {
  config: string;
  /**
   * Why Crossbench did not run the file, if it did not: its exit code (64 when it refused the
   * file, with the import errors) and the last lines it printed.
   */
  blocked: { exitCode: number | null; lines: string[] } | null;
  /** Import warnings: features Crossbench ignores or treats differently. */
  warnings: string[];
  pairs: VerdictPair[];
};

async function runFidelityConfig(
  context: Context,
  proxy: CountingProxy,
  config: string,
): Promise<FidelityResult> {
  const file = path.join(FIDELITY_DIR, config);
  const output = path.join(context.scratch, `${config}.promptfoo.json`);
  const promptfooRun = await runPromptfoo(context, proxy, file, FIDELITY_CONCURRENCY, {
    output,
    env: { OPENAI_BASE_URL: `${proxy.url}${FIDELITY_TARGET.basePath}` },
  });
  if (promptfooRun.exitCode !== 0 && promptfooRun.exitCode !== 100)
    throw new Error(`promptfoo refused ${config}:\n${tail(promptfooRun.stderr)}`);
  const promptfoo = readPromptfooVerdicts(output);
  const crossbenchRun = await runCrossbench(
    context,
    proxy,
    file,
    FIDELITY_TARGET.crossbench,
    FIDELITY_CONCURRENCY,
  );
  const warnings = [
    ...new Set(
      crossbenchRun.stderr
        .split("\n")
        .filter((line) => line.startsWith("eval: warning: "))
        .map((line) => line.slice("eval: warning: ".length)),
    ),
  ];
  const summary = lastJson(crossbenchRun.stdout);
  const runId = typeof summary?.runId === "string" ? summary.runId : null;
  if (runId === null) {
    const lines = crossbenchRun.stderr
      .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>")
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.startsWith("eval: warning: "))
      .filter((line) => !line.startsWith("usage:"))
      .slice(-15);
    return {
      config,
      blocked: { exitCode: crossbenchRun.exitCode, lines },
      warnings,
      pairs: pairVerdicts(promptfoo, []),
    };
  }
  const crossbench = await readCrossbenchVerdicts(context.databaseUrl, runId);
  return { config, blocked: null, warnings, pairs: pairVerdicts(promptfoo, crossbench) };
}

function formatVerdict(pass: boolean | null | undefined): string {
  return pass === true ? "PASS" : pass === false ? "FAIL" : "none";
}

function printFidelity(result: FidelityResult): void {
  const agreed = result.pairs.filter((pair) => pair.isAgreed).length;
  const sameOutputs = result.pairs.filter((pair) => pair.isSameOutput).length;
  const everyAssertion = result.pairs.filter((pair) => pair.isEveryAssertionAgreed).length;
  const sameMetrics = result.pairs.filter((pair) => pair.isSameNamedScores).length;
  const promptfooPassed = result.pairs.filter((pair) => pair.promptfoo.pass === true).length;
  console.log(
    `\n${result.config}: verdicts agree on ${agreed}/${result.pairs.length} tests (every assertion's verdict too on ${everyAssertion}, named metrics on ${sameMetrics}); identical outputs on ${sameOutputs}/${result.pairs.length}; promptfoo passed ${promptfooPassed} and failed ${result.pairs.length - promptfooPassed}`,
  );
  if (result.blocked) {
    console.log(
      result.blocked.exitCode === 64
        ? "  Crossbench refused the file (exit 64):"
        : `  Crossbench failed on the file (exit ${result.blocked.exitCode}):`,
    );
    for (const line of result.blocked.lines) console.log(`    ${line}`);
  }
  for (const warning of result.warnings) console.log(`  Crossbench import warning: ${warning}`);
  for (const pair of result.pairs) {
    if (result.blocked || pair.isSameNamedScores || !pair.crossbench) continue;
    console.log(
      `  named metrics differ on test ${pair.promptfoo.index + 1}: promptfoo ${JSON.stringify(pair.promptfoo.namedScores)}, Crossbench ${JSON.stringify(pair.crossbench.namedScores)}`,
    );
  }
  for (const pair of result.pairs) {
    if (pair.isEveryAssertionAgreed || result.blocked) continue;
    const { promptfoo, crossbench } = pair;
    console.log(
      `  ${pair.isAgreed ? "same verdict, different assertion verdicts:" : "DISAGREE"} test ${promptfoo.index + 1}${promptfoo.description ? ` "${promptfoo.description}"` : ""}: promptfoo ${formatVerdict(promptfoo.pass)}, Crossbench ${crossbench ? formatVerdict(crossbench.pass) : "no matching case"}`,
    );
    if (!crossbench) continue;
    if (!pair.isSameOutput) {
      console.log(
        `    outputs differ: promptfoo ${JSON.stringify(promptfoo.output?.slice(0, 80))}`,
      );
      console.log(
        `                    Crossbench ${JSON.stringify(crossbench.output?.slice(0, 80))}`,
      );
      if (promptfoo.prompt !== crossbench.prompt)
        console.log(
          `    prompts differ: promptfoo ${JSON.stringify(promptfoo.prompt?.slice(0, 60))}, Crossbench ${JSON.stringify(crossbench.prompt?.slice(0, 60))}`,
        );
    } else console.log(`    output ${JSON.stringify(promptfoo.output?.slice(0, 80))}`);
    if (crossbench.error) console.log(`    Crossbench error: ${crossbench.error}`);
    const count = Math.max(promptfoo.assertions.length, crossbench.assertions.length);
    for (let index = 0; index < count; index += 1) {
      const a = promptfoo.assertions[index];
      const b = crossbench.assertions[index];
      console.log(
        `    assertion ${index + 1}: promptfoo ${a ? `${a.type} ${formatVerdict(a.pass)}` : "—"} | Crossbench ${b ? `${b.type} ${formatVerdict(b.pass)} (${b.reason.slice(0, 90)})` : "—"}`,
      );
    }
  }
}

function formatSeconds(ms: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "—";
}

function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "—";
}

function printTable(scenarios: ScenarioResult[]): void {
  const header = ["scenario", "figure (median)", "Crossbench", "promptfoo", "Crossbench/promptfoo"];
  const rows: string[][] = [];
  for (const scenario of scenarios) {
    const label = `${scenario.name} (${scenario.trials} trials)`;
    const { crossbench, promptfoo } = scenario.median;
    rows.push([
      label,
      "wall time",
      formatSeconds(crossbench.wallMs),
      formatSeconds(promptfoo.wallMs),
      formatRatio(scenario.ratios.wall),
    ]);
    rows.push([
      "",
      "peak RSS (process tree)",
      `${crossbench.peakRssMb.toFixed(0)} MB`,
      `${promptfoo.peakRssMb.toFixed(0)} MB`,
      formatRatio(scenario.ratios.peakRss),
    ]);
    rows.push([
      "",
      "start-up to first request",
      formatSeconds(crossbench.startupMs),
      formatSeconds(promptfoo.startupMs),
      formatRatio(scenario.ratios.startup),
    ]);
    rows.push([
      "",
      "first request to exit",
      formatSeconds(crossbench.afterStartupMs),
      formatSeconds(promptfoo.afterStartupMs),
      formatRatio(scenario.ratios.afterStartup),
    ]);
    rows.push([
      "",
      "floor: Σ call time ÷ concurrency",
      formatSeconds(crossbench.callFloorMs),
      formatSeconds(promptfoo.callFloorMs),
      "",
    ]);
  }
  const widths = header.map((cell, index) =>
    Math.max(cell.length, ...rows.map((row) => (row[index] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join("  ");
  console.log(`\n${line(header)}\n${line(widths.map((width) => "-".repeat(width)))}`);
  for (const row of rows) console.log(line(row));
  console.log(
    "Simulated: every call went to the Crossbench emulator. Crossbench's PostgreSQL is a separate server and not in its RSS.",
  );
}

const round = (value: number, digits = 3) =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : null;

async function main() {
  const promptfoo = await ensurePromptfoo();
  console.log(
    `peer: promptfoo ${promptfoo.version} on Node ${promptfoo.nodeVersion}; Crossbench on Node ${process.version}`,
  );
  const scratch = mkdtempSync(path.join(os.tmpdir(), "crossbench-peer-"));
  const database = await createScratchDatabase("peer", { seed: "catalogue and built-in suites" });
  // Ctrl-C reaches the tools through the terminal; the scratch database and folder go too.
  process.once("SIGINT", () => {
    rmSync(scratch, { recursive: true, force: true });
    database.close().finally(() => process.exit(130));
  });
  const context: Context = {
    promptfoo,
    databaseUrl: database.url,
    secretKey: randomBytes(32).toString("base64"),
    scratch,
    evalArgs: evalNodeArgs(),
  };
  try {
    const scenarios: ScenarioResult[] = [];
    const failures: { scenario: string; error: string }[] = [];
    if (!SKIP_SPEED) {
      await warmUp(context);
      const plan = [
        { key: "zero", name: "zero latency", latencyScale: 0, trials: ZERO_TRIALS },
        { key: "latency", name: "realistic latency", latencyScale: 1, trials: LATENCY_TRIALS },
      ].filter((scenario) => SCENARIOS.includes(scenario.key));
      for (const { name, latencyScale, trials } of plan) {
        try {
          scenarios.push(await runScenario(context, name, latencyScale, trials));
        } catch (error) {
          // The verdict comparison is still worth running when a speed run fails.
          const message = error instanceof Error ? error.message : String(error);
          console.log(`  ${name} failed: ${message}`);
          failures.push({ scenario: name, error: message.split("\n")[0] ?? message });
        }
      }
      printTable(scenarios);
    }
    const fidelity: FidelityResult[] = [];
    if (!SKIP_FIDELITY) {
      console.log(
        `\nverdict fidelity: ${FIDELITY_CONFIGS.join(" and ")} on ${FIDELITY_TARGET.crossbench}, zero latency`,
      );
      const emulator = await startEmulator(0);
      const proxy = await startCountingProxy(emulator.url);
      try {
        for (const config of FIDELITY_CONFIGS)
          fidelity.push(await runFidelityConfig(context, proxy, config));
      } finally {
        await proxy.close();
        await stopChild(emulator.child);
      }
      for (const result of fidelity) printFidelity(result);
    }
    const allPairs = fidelity.flatMap((result) => result.pairs);
    const agreed = allPairs.filter((pair) => pair.isAgreed).length;
    if (!SKIP_FIDELITY)
      console.log(`\nverdict agreement overall: ${agreed}/${allPairs.length} tests`);
    console.log(
      JSON.stringify({
        bench: "peer",
        simulated: true,
        promptfoo: promptfoo.version,
        promptfooNode: promptfoo.nodeVersion,
        crossbenchNode: process.version,
        concurrency: CONCURRENCY,
        pairs: PAIRS,
        crossbenchStreams: IS_STREAMED,
        failedScenarios: failures,
        scenarios: scenarios.map((scenario) => ({
          name: scenario.name,
          latencyScale: scenario.latencyScale,
          trials: scenario.trials,
          wallRatio: round(scenario.ratios.wall),
          peakRssRatio: round(scenario.ratios.peakRss),
          startupRatio: round(scenario.ratios.startup),
          afterStartupRatio: round(scenario.ratios.afterStartup),
          wallMs: {
            crossbench: round(scenario.median.crossbench.wallMs, 0),
            promptfoo: round(scenario.median.promptfoo.wallMs, 0),
          },
          peakRssMb: {
            crossbench: round(scenario.median.crossbench.peakRssMb, 0),
            promptfoo: round(scenario.median.promptfoo.peakRssMb, 0),
          },
          startupMs: {
            crossbench: round(scenario.median.crossbench.startupMs, 0),
            promptfoo: round(scenario.median.promptfoo.startupMs, 0),
          },
          afterStartupMs: {
            crossbench: round(scenario.median.crossbench.afterStartupMs, 0),
            promptfoo: round(scenario.median.promptfoo.afterStartupMs, 0),
          },
          callFloorMs: {
            crossbench: round(scenario.median.crossbench.callFloorMs, 0),
            promptfoo: round(scenario.median.promptfoo.callFloorMs, 0),
          },
          runs: scenario.runs.map((run) => ({
            ...run,
            wallMs: round(run.wallMs, 0),
            startupMs: run.startupMs === null ? null : round(run.startupMs, 0),
            peakRssMb: round(run.peakRssMb, 0),
            peakProcessHwmMb: round(run.peakProcessHwmMb, 0),
            callFloorMs: round(run.callFloorMs, 0),
          })),
        })),
        verdicts: SKIP_FIDELITY
          ? null
          : {
              agreement: `${agreed}/${allPairs.length}`,
              agreed,
              tests: allPairs.length,
              files: fidelity.map((result) => ({
                config: result.config,
                agreement: `${result.pairs.filter((pair) => pair.isAgreed).length}/${result.pairs.length}`,
                identicalOutputs: result.pairs.filter((pair) => pair.isSameOutput).length,
                everyAssertionAgreed: result.pairs.filter((pair) => pair.isEveryAssertionAgreed)
                  .length,
                sameNamedMetrics: result.pairs.filter((pair) => pair.isSameNamedScores).length,
                blocked: result.blocked,
                warnings: result.warnings,
                disagreements: result.pairs
                  .filter((pair) => !pair.isAgreed && result.blocked === null)
                  .map((pair) => ({
                    test: pair.promptfoo.index + 1,
                    description: pair.promptfoo.description,
                    promptfoo: pair.promptfoo.pass,
                    crossbench: pair.crossbench?.pass ?? null,
                    sameOutput: pair.isSameOutput,
                  })),
              })),
            },
      }),
    );
  } finally {
    await database.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

runBench(main);
