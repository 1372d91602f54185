/**
 * `npm run eval -- --suite <id|slug|file> --targets <t1,t2,…> [--repeats n] [--fail-under points]
 *   [--json] [--temperature t] [--max-tokens n] [--concurrency n] [--platform-concurrency n]
 *   [--rpm n] [--budget usd] [--judge <t>]
 *   [--name text] [--no-stream] [--filter-pattern regex] [--filter-first-n n] [--output file]`
 * `npm run eval -- --resume <run id>` · `npm run eval -- --retry-errors <run id>`
 *
 * Runs an evaluation through the same engine as the dashboard (queue, worker, router, scorers,
 * storage) and prints a summary table, or with --json one JSON document. A target is an offering:
 * `<model id>@<platform id>` (e.g. `openai/gpt-5.5@azure-foundry`), `<platform id>:<native id>`,
 * or the offering's id; a routing policy is `fallback(<t>|<t>…)`, `cheapest(…)` or `fastest(…)`;
 * a cloud's own model router is `router:<platform>/<router or mode>` (see --help). With --json,
 * each router target reports `servedBy`: served model → trials.
 * With nothing configured it uses the embedded PostgreSQL: shared with a running `npm start`, or
 * started here (created on first use, as `npm start` would) and stopped when the command ends.
 * Exit code: 0 when the run completed and every target scored at least --fail-under; 1 when a
 * target scored under it; 2 when the run did not complete (failed, cancelled, budget exceeded);
 * 64 for bad arguments. Progress goes to stderr.
 */
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { prepareCliDatabase, stopOnSignals, type CliDatabase } from "@/lib/server/ops/cli-database";
import { LAUNCH_DEFAULTS, MAX_RUN_CONCURRENCY } from "@/lib/schemas/runs";
import { parseEnv } from "@/lib/server/ops/env";
import { checkRouterTargets } from "@/lib/server/domain/runs/target-syntax";
import { outputFormatOf, type OutputFormat } from "@/lib/server/ops/cli-output-format";
import type { Db } from "@/lib/server/ops/db-client";
import type { RunView } from "@/lib/server/domain/runs/runs";

// Started from its bundle (scripts/launch.mjs), the file is not where the project is: it is told.
const root =
  process.env.CROSSBENCH_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A mistake in the arguments found before the engine's modules are loaded: exit 64 too. */
class ArgumentError extends Error {}

/**
 * The engine's modules, loaded while the database is being prepared (they take a few seconds to
 * load, the database as long when it has to start): neither waits for the other.
 */
async function loadEngine() {
  const [
    format,
    views,
    suiteImport,
    queue,
    schemas,
    caller,
    dbClient,
    runStatus,
    runtime,
    worker,
    routerSetup,
    runs,
    suites,
    targetSpecs,
    resume,
    caseFilter,
    output,
  ] = await Promise.all([
    import("@/lib/format"),
    import("@/lib/views/runs"),
    import("@/lib/eval/import"),
    import("@/lib/queue/eval-queue"),
    import("@/lib/schemas/runs"),
    import("@/lib/server/domain/caller"),
    import("@/lib/server/ops/db-client"),
    import("@/lib/server/domain/runs/run-status"),
    import("@/lib/server/eval/runtime"),
    import("@/lib/server/eval/worker"),
    import("@/lib/server/ops/router-setup"),
    import("@/lib/server/domain/runs/runs"),
    import("@/lib/server/domain/runs/suites"),
    import("@/lib/server/domain/runs/target-specs"),
    import("@/lib/server/domain/runs/run-resume"),
    import("@/lib/server/domain/runs/case-filter"),
    import("@/lib/server/ops/cli-output"),
  ]);
  return {
    ...format,
    ...views,
    ...suiteImport,
    ...queue,
    ...schemas,
    ...caller,
    ...dbClient,
    ...runStatus,
    ...runtime,
    ...worker,
    ...routerSetup,
    ...runs,
    ...suites,
    ...targetSpecs,
    ...resume,
    ...caseFilter,
    ...output,
  };
}
type Engine = Awaited<ReturnType<typeof loadEngine>>;

const USAGE =
  "usage: npm run eval -- --suite <id|slug|file> --targets <model@platform,…> [--repeats n] [--fail-under points] [--json] [--output file] (--help for more)\n       npm run eval -- --resume <run id> | --retry-errors <run id>";

async function help(): Promise<string> {
  const { ROUTER_TARGET_SPECS } = await import("@/lib/eval/router-targets");
  return `${USAGE}

Targets (comma-separated):
  <model id>@<platform id>        one offering, e.g. openai/gpt-5.5@azure-foundry
  <platform id>:<native id>       one offering by its native id
  <model id>@*                    the model on every platform that can run it (one offering each)
  fallback(<t>|<t>…)              a routing policy; also cheapest(…) and fastest(…)
  router:<platform>/<router|mode> a cloud's own model router, or OpenRouter's auto router (the
                                  neutral reference); the provider picks the model:
    ${ROUTER_TARGET_SPECS.map((choice) => choice.spec).join("\n    ")}

With --json, each router target has servedBy: { served model: trials }, keyed by catalogue model
id, or by the raw id the router reported when the catalogue does not know it; other targets have
servedBy null. A router trial costs the served model's price on that platform (unknown when the
catalogue has no such offering: the seed has none on OpenRouter). Real Bedrock routers need
AWS_ACCOUNT_ID for their ARN; OpenRouter is called for real with OPENROUTER_API_KEY
or stored credentials.

Options:
  --repeats n             trials per case and target (1–100)
  --fail-under points     exit 1 when a target scores under this (0–100)
  --json                  print one JSON document instead of the table
  --concurrency n          calls in flight across the whole run, all targets together (default
                          ${LAUNCH_DEFAULTS.concurrency}, at most ${MAX_RUN_CONCURRENCY}); a slot one target frees goes to one
                          with work left
  --platform-concurrency n at most n of them on one platform (default: no cap)
  --rpm n                 requests per minute per platform (default: no limit)
  --temperature t, --max-tokens n, --budget usd, --judge <target>, --name text, --no-stream
  --filter-pattern regex  only the cases whose description (a promptfoo test's), tags or id match
                          (at most 200 characters; no back-references or nested repeats)
  --filter-first-n n      only the first n cases (after --filter-pattern, as promptfoo does)
  --output file           also write the trials to file: .csv (the run page's CSV), .jsonl (one
                          trial per line) or .json (promptfoo's results file, -o results.json)
  --resume <run id>       continue a run that was interrupted, cancelled or failed: its stored
                          trials are kept, the missing ones are run
  --retry-errors <run id> run again only the trials of a finished run that ended in error (they
                          are replaced; the run's figures are recounted)

Database: DATABASE_URL, or the embedded PostgreSQL in CROSSBENCH_DATA_DIR: a running npm start's,
or started here (created on first use) and stopped when the command ends.`;
}

async function resolveSuite(engine: Engine, db: Db, spec: string): Promise<string> {
  if (existsSync(spec)) {
    const directory = path.dirname(path.resolve(spec));
    const files = new Map<string, string>();
    const text = await readFile(spec, "utf8");
    // Referenced files (file://prompts.txt) are read up front: the importer itself is pure.
    for (const match of text.matchAll(/file:\/\/([^\s'"]+)/g)) {
      const relative = match[1] ?? "";
      const full = path.resolve(directory, relative);
      if (full.startsWith(directory) && existsSync(full))
        files.set(relative, await readFile(full, "utf8"));
    }
    const result = engine.importSuite({
      fileName: path.basename(spec),
      text,
      readFile: (relative) => files.get(relative.replace(/^file:\/\//, "")) ?? null,
    });
    if (!result.ok) {
      throw new engine.CliUsageError(
        `the suite ${spec} was not imported:\n${result.errors.map((e) => `  ${engine.formatImportIssue(e)}`).join("\n")}`,
      );
    }
    for (const warning of result.warnings) process.stderr.write(`eval: warning: ${warning}\n`);
    // The suite's id is its content hash: a file imported before is found, not stored again.
    const stored = await engine.storeSuite(db, result.suite, {
      source: "import",
      format: spec.endsWith(".jsonl") ? "jsonl" : spec.endsWith(".csv") ? "csv" : "promptfoo",
      fileName: path.basename(spec),
    });
    return stored.id;
  }
  const suite = await engine.findSuite(db, spec);
  if (!suite) {
    const slugs = (
      await db.suite.findMany({ where: { isLatest: true }, select: { slug: true } })
    ).map((s) => s.slug);
    throw new engine.CliUsageError(
      `no suite or file "${spec}"; built-in and imported suites: ${slugs.join(", ")}`,
    );
  }
  return suite.id;
}

/**
 * The suite narrowed by --filter-pattern and --filter-first-n: stored as a suite of its own (its
 * id is its content hash, so the same selection is stored once), kept out of the suite lists
 * (not the latest version of anything), and named after what was filtered so the run page says
 * what ran.
 */
async function filterSuite(
  engine: Engine,
  db: Db,
  suiteId: string,
  filters: { pattern?: string; firstN?: number },
): Promise<string> {
  if (filters.pattern === undefined && filters.firstN === undefined) return suiteId;
  const pattern =
    filters.pattern === undefined ? undefined : engine.compileFilterPattern(filters.pattern);
  const suite = await db.suite.findUniqueOrThrow({ where: { id: suiteId } });
  const cases = await engine.loadSuiteCases(db, suiteId);
  const kept = engine.filterCases(cases, { pattern, firstN: filters.firstN });
  if (kept.length === 0) {
    throw new engine.CliUsageError(
      `no case of ${suite.slug} is left after the filters (${cases.length} cases before)`,
    );
  }
  if (kept.length === cases.length) return suiteId;
  const described = [
    filters.pattern === undefined ? null : `matching /${filters.pattern}/`,
    filters.firstN === undefined ? null : `first ${filters.firstN}`,
  ]
    .filter(Boolean)
    .join(", ");
  const stored = await engine.storeSuite(
    db,
    {
      slug: `${suite.slug}--filtered`,
      name: `${suite.name} (${kept.length} of ${cases.length} cases: ${described})`.slice(0, 200),
      description: suite.description,
      cases: kept,
    },
    { source: "import", format: suite.format ?? undefined, fileName: suite.fileName ?? undefined },
  );
  await db.suite.update({ where: { id: stored.id }, data: { isLatest: false } });
  return stored.id;
}

function summaryTable(engine: Engine, view: RunView): string {
  const header = [
    "target",
    "n",
    "score (points) [95% CI]",
    "pass rate",
    "latency p50",
    "latency p95",
    "cost",
    "cost per 1,000 cases",
    "errors",
  ];
  const rows = view.targets.map((target) => {
    const row = engine.targetRow(target);
    return [
      `${target.label}${target.isSimulated ? " (simulated)" : ""}`,
      String(row.score?.n ?? 0),
      row.score
        ? `${engine.formatScore(row.score.value)} ${engine.formatScoreInterval(row.score.low, row.score.high)}`
        : "—",
      engine.formatPercent(row.passRate?.value),
      engine.formatMs(row.latencyMs.p50),
      engine.formatMs(row.latencyMs.p95),
      engine.formatUsd(row.costUsd),
      engine.formatUsd(row.costPer1000CasesUsd),
      engine.formatCount(row.errorRate ? row.errorRate.value * row.errorRate.n : 0),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

type Options = {
  suite?: string;
  targets?: string;
  repeats: string;
  failUnder: number | null;
  json: boolean;
  noStream: boolean;
  temperature: string;
  maxTokens: string;
  concurrency: string;
  platformConcurrency?: string;
  rpm?: string;
  budget?: string;
  judge?: string;
  name?: string;
  filterPattern?: string;
  filterFirstN?: number;
  output: { file: string; format: OutputFormat } | null;
  /** --resume or --retry-errors: another go at a stored run instead of a new one. */
  relaunch: { mode: "resume" | "retry-errors"; runId: string } | null;
};

/** The arguments, checked as far as can be without the database. Null: --help was asked. */
async function parseOptions(argv: string[]): Promise<Options | null> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        suite: { type: "string" },
        targets: { type: "string" },
        repeats: { type: "string", default: "1" },
        "fail-under": { type: "string" },
        json: { type: "boolean", default: false },
        "no-stream": { type: "boolean", default: false },
        temperature: { type: "string", default: "0" },
        "max-tokens": { type: "string", default: "512" },
        concurrency: { type: "string", default: String(LAUNCH_DEFAULTS.concurrency) },
        "platform-concurrency": { type: "string" },
        rpm: { type: "string" },
        budget: { type: "string" },
        judge: { type: "string" },
        name: { type: "string" },
        "filter-pattern": { type: "string" },
        "filter-first-n": { type: "string" },
        output: { type: "string", short: "o" },
        resume: { type: "string" },
        "retry-errors": { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new ArgumentError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;
  const relaunchMode = values.resume ? "resume" : values["retry-errors"] ? "retry-errors" : null;
  if (values.resume && values["retry-errors"]) {
    throw new ArgumentError("--resume and --retry-errors are two ways to relaunch: pick one");
  }
  const runId = values.resume ?? values["retry-errors"];
  if (relaunchMode) {
    const clashing = [
      "suite",
      "targets",
      "filter-pattern",
      "filter-first-n",
      "budget",
      "judge",
      "name",
    ].filter((key) => values[key as keyof typeof values] !== undefined);
    if (clashing.length) {
      throw new ArgumentError(
        `--${relaunchMode} continues a stored run with its own settings: drop --${clashing.join(", --")}`,
      );
    }
  } else if (!values.suite || !values.targets) {
    throw new ArgumentError("--suite and --targets are required (or --resume / --retry-errors)");
  }
  const failUnder = values["fail-under"] === undefined ? null : Number(values["fail-under"]);
  if (failUnder !== null && !(failUnder >= 0 && failUnder <= 100)) {
    throw new ArgumentError("--fail-under must be a score in points, between 0 and 100");
  }
  if (failUnder !== null && failUnder > 0 && failUnder < 1) {
    throw new ArgumentError(
      `--fail-under is in points (0–100), like every score Crossbench shows: did you mean ${Number((failUnder * 100).toFixed(1))}?`,
    );
  }
  let filterFirstN: number | undefined;
  if (values["filter-first-n"] !== undefined) {
    filterFirstN = Number(values["filter-first-n"]);
    if (!Number.isInteger(filterFirstN) || filterFirstN < 1) {
      throw new ArgumentError("--filter-first-n must be a whole number of cases, at least 1");
    }
  }
  let output: Options["output"] = null;
  if (values.output !== undefined) {
    const format = outputFormatOf(values.output);
    if (!format) {
      throw new ArgumentError(
        `--output ${values.output}: the extension picks the format; use .json (promptfoo's results), .jsonl or .csv`,
      );
    }
    const directory = path.dirname(path.resolve(values.output));
    if (
      !(await stat(directory).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    ) {
      throw new ArgumentError(`--output ${values.output}: the folder ${directory} does not exist`);
    }
    output = { file: values.output, format };
  }
  return {
    suite: values.suite,
    targets: values.targets,
    repeats: values.repeats,
    failUnder,
    json: values.json,
    noStream: values["no-stream"],
    temperature: values.temperature,
    maxTokens: values["max-tokens"],
    concurrency: values.concurrency,
    platformConcurrency: values["platform-concurrency"],
    rpm: values.rpm,
    budget: values.budget,
    judge: values.judge,
    name: values.name,
    filterPattern: values["filter-pattern"],
    filterFirstN,
    output,
    relaunch: relaunchMode && runId ? { mode: relaunchMode, runId } : null,
  };
}

async function main(): Promise<number> {
  try {
    process.loadEnvFile(path.join(root, ".env"));
  } catch {
    // No .env file: configuration comes from the environment alone.
  }
  const options = await parseOptions(process.argv.slice(2));
  if (!options) {
    process.stdout.write(`${await help()}\n`);
    return 0;
  }
  const log = (line: string) => {
    if (!options.json || process.stderr.isTTY) process.stderr.write(`${line}\n`);
  };
  // A typo in a router target fails at once, before the database or the engine is started.
  if (!options.relaunch) checkRouterTargets(options.targets ?? "");
  const env = parseEnv(process.env);
  const loading = loadEngine();
  // Settled either way here; awaited below, where a failure to load is reported.
  loading.catch(() => undefined);
  const database = await prepareCliDatabase(env, root, {
    seed: true,
    command: "npm run eval",
    log: (line) => log(`eval: ${line}`),
  });
  try {
    return await evaluate(await loading, options, database, log);
  } finally {
    await database.close();
  }
}

async function evaluate(
  engine: Engine,
  options: Options,
  database: CliDatabase,
  log: (line: string) => void,
): Promise<number> {
  const CLI_CALLER = engine.commandLineCaller("operator");
  const databaseUrl = database.url;
  const db = engine.createPrismaClient(databaseUrl, { max: 3 });
  let emulator: Awaited<ReturnType<typeof engine.resolveCliEmulator>> | null = null;
  let worker: Awaited<ReturnType<typeof engine.startEvalWorker>> | null = null;
  /** This command's own worker: it runs the run's chunk jobs and nothing else. */
  const startWorker = (emulatorUrl: string | null) =>
    engine.startEvalWorker({
      databaseUrl,
      emulatorUrl,
      log: () => undefined,
      jobsOnly: true,
      // Polls often while idle, so the run's first jobs are taken as soon as they are queued.
      pollingIntervalSeconds: 0.1,
    });
  /** Started as soon as the emulator is known: its set-up overlaps the launch. */
  let workerStarting = null as ReturnType<typeof startWorker> | null;
  const startWorkerEarly = (emulatorUrl: string | null) => {
    workerStarting = startWorker(emulatorUrl);
    // Settled either way here; awaited after the launch, or when stopping.
    workerStarting.catch(() => undefined);
  };
  let boss: Awaited<ReturnType<typeof engine.openEvalQueue>> | null = null;
  let runId: string | null = null;
  let interrupted = false;
  stopOnSignals(database, () => {
    interrupted = true;
    if (runId === null) {
      // Nothing launched yet: leave now, stopping the database this command started.
      void database.close().finally(() => process.exit(130));
      return;
    }
    log("eval: interrupted: cancelling the run (Ctrl-C again to stop at once)…");
    engine
      .moveRun(engine.prismaRunner(db), runId, "cancel", "Interrupted on the command line.")
      .catch((error: unknown) =>
        process.stderr.write(
          `eval: could not cancel the run: ${error instanceof Error ? error.message : String(error)}\n`,
        ),
      );
  });
  try {
    let launchedId: string;
    if (options.relaunch) {
      emulator = await engine.resolveCliEmulator(db, process.env);
      startWorkerEarly(emulator.url);
      boss = await engine.openEvalQueue({ connectionString: databaseUrl, max: 2 });
      const queue = boss;
      const relaunchOptions = {
        enqueue: (jobs: Parameters<typeof engine.enqueueChunks>[1]) =>
          engine.enqueueChunks(queue, [...jobs]),
      };
      const { mode, runId: relaunchId } = options.relaunch;
      const relaunched =
        mode === "resume"
          ? await engine.resumeRun(CLI_CALLER, db, relaunchId, relaunchOptions)
          : await engine.retryRunErrors(CLI_CALLER, db, relaunchId, relaunchOptions);
      launchedId = relaunched.runId;
      log(
        mode === "resume"
          ? `eval: resuming run ${launchedId}: ${relaunched.missingTrials} trials missing, in ${relaunched.jobs} jobs`
          : `eval: run ${launchedId}: retrying ${relaunched.removedErrors} trials that ended in error, in ${relaunched.jobs} jobs`,
      );
    } else {
      const suite = options.suite ?? "";
      const targetSpecs = options.targets ?? "";
      // A suite file needs none of the built-in suites: storing them (hashing and counting the
      // tokens of every case) is left to the commands that use them.
      if (!existsSync(suite)) await engine.ensureBuiltinSuites(db);
      const suiteId = await filterSuite(engine, db, await resolveSuite(engine, db, suite), {
        pattern: options.filterPattern,
        firstN: options.filterFirstN,
      });
      emulator = await engine.resolveCliEmulator(db, process.env);
      startWorkerEarly(emulator.url);
      const connections = await engine.resolvePlatformConnections(db, process.env, emulator.url);
      const targets = await engine.resolveTargets(db, targetSpecs, connections);
      const judgeOfferingId = options.judge
        ? await engine.resolveOffering(db, options.judge, connections)
        : undefined;
      const parsed = engine.launchRunSchema.safeParse({
        name: options.name,
        suiteId,
        targets,
        temperature: options.temperature,
        maxTokens: options.maxTokens,
        repeats: options.repeats,
        concurrency: options.concurrency,
        platformConcurrency: options.platformConcurrency,
        requestsPerMinute: options.rpm,
        budgetUsd: options.budget,
        judgeOfferingId,
        stream: !options.noStream,
      });
      if (!parsed.success) {
        throw new engine.CliUsageError(
          parsed.error.issues.map((issue) => issue.message).join("; "),
        );
      }
      boss = await engine.openEvalQueue({ connectionString: databaseUrl, max: 2 });
      const queue = boss;
      const launched = await engine.launchRun(CLI_CALLER, db, parsed.data, {
        connections,
        enqueue: (jobs) => engine.enqueueChunks(queue, jobs),
        origin: "cli",
        awsAccountId: process.env.AWS_ACCOUNT_ID ?? null,
      });
      launchedId = launched.runId;
      log(
        `eval: run ${launched.runId}: ${launched.expectedTrials} trials in ${launched.jobs} jobs`,
      );
    }
    runId = launchedId;
    worker = await (workerStarting ?? startWorker(emulator.url));
    let run = await db.evalRun.findUniqueOrThrow({ where: { id: launchedId } });
    let lastShown = 0;
    while (run.status === "queued" || run.status === "running") {
      await new Promise((resolve) => setTimeout(resolve, 250));
      run = await db.evalRun.findUniqueOrThrow({ where: { id: launchedId } });
      if (Date.now() - lastShown > 1000) {
        lastShown = Date.now();
        const share = run.expectedTrials ? run.storedTrials / run.expectedTrials : 1;
        log(
          `eval: ${engine.formatCount(run.storedTrials)}/${engine.formatCount(run.expectedTrials)} trials (${engine.formatWholePercent(share)}), spent ${engine.formatUsd(Number(run.spentUsd))}`,
        );
      }
    }
    const view = await engine.getRunView(CLI_CALLER, db, launchedId);
    const namedMetrics = await engine.getCliNamedMetrics(CLI_CALLER, db, view);
    const { failUnder } = options;
    const below =
      failUnder === null
        ? []
        : view.targets.filter((t) => (engine.toPoints(t.summary.score?.value) ?? 0) < failUnder);
    if (options.output) {
      const written = await engine.writeRunOutput(
        CLI_CALLER,
        db,
        view,
        options.output.file,
        options.output.format,
      );
      log(
        `eval: wrote ${written} trials to ${options.output.file} (${options.output.format}${view.isSimulated ? ", simulated" : ""})`,
      );
    }
    if (options.json) {
      const served = await engine.getRunServedModels(CLI_CALLER, db, view.id);
      const pairs = await engine.getRunPairs(
        CLI_CALLER,
        db,
        view.id,
        view.targets.map((t) => t.id),
      );
      process.stdout.write(
        `${JSON.stringify({
          runId: view.id,
          status: view.status,
          simulated: view.isSimulated,
          suite: view.suite,
          expectedTrials: view.expectedTrials,
          completedTrials: view.storedTrials,
          spentUsd: view.spentUsd,
          failUnder,
          passed: view.status === "completed" && below.length === 0,
          targets: view.targets.map((t) => ({
            id: t.id,
            label: t.label,
            simulated: t.isSimulated,
            offeringIds: t.offeringIds,
            ...engine.targetExport(engine.targetRow(t)),
            errorsByKind: t.summary.errorsByKind,
            servedBy: served.get(t.id) ?? null,
            belowThreshold: below.includes(t),
            namedMetrics: namedMetrics.forTarget(t.id),
          })),
          // Every ordered pair; differences are A − B in points, with the bootstrap interval, the
          // parity verdict at the ±2-point margin and, when inconclusive, about how many cases
          // would settle it.
          pairs: pairs.map(({ a, b, pair }) => engine.pairExport(a, b, pair)),
        })}\n`,
      );
    } else {
      process.stdout.write(
        `Run ${view.id}: ${view.status}, ${view.storedTrials}/${view.expectedTrials} trials${view.isSimulated ? " (SIMULATED: results come from the emulator)" : ""}\n\n${summaryTable(engine, view)}\n`,
      );
      process.stdout.write(namedMetrics.text);
      if (failUnder !== null) {
        process.stdout.write(
          below.length
            ? `\n${below.length} target(s) scored under ${failUnder}: ${below.map((t) => t.label).join(", ")}\n`
            : `\nEvery target scored at least ${failUnder}.\n`,
        );
      }
      if (view.status !== "completed") {
        process.stdout.write(`\nContinue it with: npm run eval -- --resume ${view.id}\n`);
      } else if (view.errors > 0) {
        process.stdout.write(
          `\nRun the trials that ended in error again with: npm run eval -- --retry-errors ${view.id}\n`,
        );
      }
    }
    if (interrupted || view.status !== "completed") return 2;
    return below.length > 0 ? 1 : 0;
  } finally {
    const report = (what: string) => (error: unknown) =>
      console.error(`crossbench eval: ${what} did not stop cleanly: ${String(error)}`);
    // A launch that failed leaves a worker that started (or is starting) and never ran.
    worker ??= workerStarting ? await workerStarting.catch(() => null) : null;
    await worker?.stop(2_000).catch(report("the worker"));
    await boss?.stop({ graceful: false, wait: true }).catch(report("the queue"));
    await emulator?.running?.close().catch(report("the emulator"));
    await db.$disconnect();
  }
}

/** True for a mistake in the arguments, whichever check found it. */
async function isUsageError(error: unknown): Promise<boolean> {
  if (error instanceof ArgumentError) return true;
  const [{ CliUsageError }, { CaseFilterError }] = await Promise.all([
    import("@/lib/server/domain/runs/target-specs"),
    import("@/lib/server/domain/runs/case-filter"),
  ]);
  return error instanceof CliUsageError || error instanceof CaseFilterError;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    if (await isUsageError(error).catch(() => false)) {
      process.stderr.write(`eval: ${(error as Error).message}\n${USAGE}\n`);
      process.exit(64);
    }
    const { describeCliFailure } = await import("@/lib/server/ops/cli-database");
    process.stderr.write(`eval: ${describeCliFailure(error)}\n`);
    process.exit(2);
  },
);
