/**
 * `npm run eval -- --suite <id|slug|file> --targets <t1,t2,…> [--repeats n] [--fail-under points]
 *   [--json] [--temperature t] [--max-tokens n] [--concurrency n] [--budget usd] [--judge <t>]
 *   [--name text] [--no-stream]`
 *
 * Runs an evaluation through the same engine as the dashboard (queue, worker, router, scorers,
 * storage) and prints a summary table, or with --json one JSON document. A target is an offering:
 * `<model id>@<platform id>` (e.g. `openai/gpt-5.5@azure-foundry`), `<platform id>:<native id>`,
 * or the offering's id; a routing policy is `fallback(<t>|<t>…)`, `cheapest(…)` or `fastest(…)`;
 * a cloud's own model router is `router:<platform>/<router or mode>` (see --help). With --json,
 * each router target reports `servedBy`: served model → trials.
 * Exit code: 0 when the run completed and every target scored at least --fail-under; 1 when a
 * target scored under it; 2 when the run did not complete (failed, cancelled, budget exceeded);
 * 64 for bad arguments. Progress goes to stderr.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  formatCount,
  formatMs,
  formatPercent,
  formatScore,
  formatScoreInterval,
  formatUsd,
  formatWholePercent,
  toPoints,
} from "@/lib/format";
import { pairExport, targetExport, targetRow } from "@/lib/views/runs";
import { importSuite, formatImportIssue } from "@/lib/eval/import";
import { ROUTER_TARGET_SPECS } from "@/lib/eval/router-targets";
import { enqueueChunks, openEvalQueue } from "@/lib/queue/eval-queue";
import { launchRunSchema } from "@/lib/schemas/runs";
import { commandLineCaller } from "@/lib/server/domain/caller";
import { describeCliFailure, prepareCliDatabase } from "@/lib/server/ops/cli-database";
import { createPrismaClient, type Db } from "@/lib/server/ops/db-client";
import { moveRun, prismaRunner } from "@/lib/server/domain/runs/run-status";
import { parseEnv } from "@/lib/server/ops/env";
import { resolveCliEmulator } from "@/lib/server/eval/runtime";
import { startEvalWorker } from "@/lib/server/eval/worker";
import { resolvePlatformConnections } from "@/lib/server/ops/router-setup";
import {
  getRunPairs,
  getRunServedModels,
  getRunView,
  launchRun,
  type RunView,
} from "@/lib/server/domain/runs/runs";
import { ensureBuiltinSuites, findSuite, storeSuite } from "@/lib/server/domain/runs/suites";
import {
  checkRouterTargets,
  CliUsageError as UsageError,
  resolveOffering,
  resolveTargets,
} from "@/lib/server/domain/runs/target-specs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const CLI_CALLER = commandLineCaller("operator");

const USAGE =
  "usage: npm run eval -- --suite <id|slug|file> --targets <model@platform,…> [--repeats n] [--fail-under points] [--json] (--help for more)";

const HELP = `${USAGE}

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

Options: --repeats n, --fail-under points, --json, --temperature t, --max-tokens n,
  --concurrency n, --budget usd, --judge <target>, --name text, --no-stream`;

async function resolveSuite(db: Db, spec: string): Promise<string> {
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
    const result = importSuite({
      fileName: path.basename(spec),
      text,
      readFile: (relative) => files.get(relative.replace(/^file:\/\//, "")) ?? null,
    });
    if (!result.ok) {
      throw new UsageError(
        `the suite ${spec} was not imported:\n${result.errors.map((e) => `  ${formatImportIssue(e)}`).join("\n")}`,
      );
    }
    for (const warning of result.warnings) process.stderr.write(`eval: warning: ${warning}\n`);
    const stored = await storeSuite(db, result.suite, {
      source: "import",
      format: spec.endsWith(".jsonl") ? "jsonl" : spec.endsWith(".csv") ? "csv" : "promptfoo",
      fileName: path.basename(spec),
    });
    return stored.id;
  }
  const suite = await findSuite(db, spec);
  if (!suite) {
    const slugs = (
      await db.suite.findMany({ where: { isLatest: true }, select: { slug: true } })
    ).map((s) => s.slug);
    throw new UsageError(
      `no suite or file "${spec}"; built-in and imported suites: ${slugs.join(", ")}`,
    );
  }
  return suite.id;
}

function summaryTable(view: RunView): string {
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
    const row = targetRow(target);
    return [
      `${target.label}${target.isSimulated ? " (simulated)" : ""}`,
      String(row.score?.n ?? 0),
      row.score
        ? `${formatScore(row.score.value)} ${formatScoreInterval(row.score.low, row.score.high)}`
        : "—",
      formatPercent(row.passRate?.value),
      formatMs(row.latencyMs.p50),
      formatMs(row.latencyMs.p95),
      formatUsd(row.costUsd),
      formatUsd(row.costPer1000CasesUsd),
      formatCount(row.errorRate ? row.errorRate.value * row.errorRate.n : 0),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main(): Promise<number> {
  try {
    process.loadEnvFile(path.join(root, ".env"));
  } catch {
    // No .env file: configuration comes from the environment alone.
  }
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        suite: { type: "string" },
        targets: { type: "string" },
        repeats: { type: "string", default: "1" },
        "fail-under": { type: "string" },
        json: { type: "boolean", default: false },
        "no-stream": { type: "boolean", default: false },
        temperature: { type: "string", default: "0" },
        "max-tokens": { type: "string", default: "512" },
        concurrency: { type: "string", default: "8" },
        budget: { type: "string" },
        judge: { type: "string" },
        name: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (!values.suite || !values.targets) throw new UsageError("--suite and --targets are required");
  checkRouterTargets(values.targets);
  const failUnder = values["fail-under"] === undefined ? null : Number(values["fail-under"]);
  if (failUnder !== null && !(failUnder >= 0 && failUnder <= 100)) {
    throw new UsageError("--fail-under must be a score in points, between 0 and 100");
  }
  if (failUnder !== null && failUnder > 0 && failUnder < 1) {
    throw new UsageError(
      `--fail-under is in points (0–100), like every score Crossbench shows: did you mean ${Number((failUnder * 100).toFixed(1))}?`,
    );
  }
  const env = parseEnv(process.env);
  const databaseUrl = await prepareCliDatabase(env, root, { seed: true });
  const db = createPrismaClient(databaseUrl, { max: 3 });
  const log = (line: string) => {
    if (!values.json || process.stderr.isTTY) process.stderr.write(`${line}\n`);
  };
  let emulator: Awaited<ReturnType<typeof resolveCliEmulator>> | null = null;
  let worker: Awaited<ReturnType<typeof startEvalWorker>> | null = null;
  let boss: Awaited<ReturnType<typeof openEvalQueue>> | null = null;
  try {
    await ensureBuiltinSuites(db);
    const suiteId = await resolveSuite(db, values.suite);
    emulator = await resolveCliEmulator(db, process.env);
    const connections = await resolvePlatformConnections(db, process.env, emulator.url);
    const targets = await resolveTargets(db, values.targets, connections);
    const judgeOfferingId = values.judge
      ? await resolveOffering(db, values.judge, connections)
      : undefined;
    const parsed = launchRunSchema.safeParse({
      name: values.name,
      suiteId,
      targets,
      temperature: values.temperature,
      maxTokens: values["max-tokens"],
      repeats: values.repeats,
      concurrency: values.concurrency,
      budgetUsd: values.budget,
      judgeOfferingId,
      stream: !values["no-stream"],
    });
    if (!parsed.success) {
      throw new UsageError(parsed.error.issues.map((issue) => issue.message).join("; "));
    }
    boss = await openEvalQueue({ connectionString: databaseUrl, max: 2 });
    const queue = boss;
    const launched = await launchRun(CLI_CALLER, db, parsed.data, {
      connections,
      enqueue: (jobs) => enqueueChunks(queue, jobs),
      origin: "cli",
      awsAccountId: process.env.AWS_ACCOUNT_ID ?? null,
    });
    log(`eval: run ${launched.runId}: ${launched.expectedTrials} trials in ${launched.jobs} jobs`);
    worker = await startEvalWorker({
      databaseUrl,
      emulatorUrl: emulator.url,
      log: () => undefined,
    });
    let interrupted = false;
    process.once("SIGINT", () => {
      interrupted = true;
      moveRun(prismaRunner(db), launched.runId, "cancel", "Interrupted on the command line.").catch(
        (error: unknown) =>
          process.stderr.write(
            `eval: could not cancel the run: ${error instanceof Error ? error.message : String(error)}\n`,
          ),
      );
    });
    let run = await db.evalRun.findUniqueOrThrow({ where: { id: launched.runId } });
    let lastShown = 0;
    while (run.status === "queued" || run.status === "running") {
      await new Promise((resolve) => setTimeout(resolve, 250));
      run = await db.evalRun.findUniqueOrThrow({ where: { id: launched.runId } });
      if (Date.now() - lastShown > 1000) {
        lastShown = Date.now();
        const share = run.expectedTrials ? run.storedTrials / run.expectedTrials : 1;
        log(
          `eval: ${formatCount(run.storedTrials)}/${formatCount(run.expectedTrials)} trials (${formatWholePercent(share)}), spent ${formatUsd(Number(run.spentUsd))}`,
        );
      }
    }
    const view = await getRunView(CLI_CALLER, db, launched.runId);
    const below =
      failUnder === null
        ? []
        : view.targets.filter((t) => (toPoints(t.summary.score?.value) ?? 0) < failUnder);
    if (values.json) {
      const served = await getRunServedModels(CLI_CALLER, db, view.id);
      const pairs = await getRunPairs(
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
            ...targetExport(targetRow(t)),
            errorsByKind: t.summary.errorsByKind,
            servedBy: served.get(t.id) ?? null,
            belowThreshold: below.includes(t),
          })),
          // Every ordered pair; differences are A − B in points, with the bootstrap interval, the
          // parity verdict at the ±2-point margin and, when inconclusive, about how many cases
          // would settle it.
          pairs: pairs.map(({ a, b, pair }) => pairExport(a, b, pair)),
        })}\n`,
      );
    } else {
      process.stdout.write(
        `Run ${view.id}: ${view.status}, ${view.storedTrials}/${view.expectedTrials} trials${view.isSimulated ? " (SIMULATED: results come from the emulator)" : ""}\n\n${summaryTable(view)}\n`,
      );
      if (failUnder !== null) {
        process.stdout.write(
          below.length
            ? `\n${below.length} target(s) scored under ${failUnder}: ${below.map((t) => t.label).join(", ")}\n`
            : `\nEvery target scored at least ${failUnder}.\n`,
        );
      }
    }
    if (interrupted || view.status !== "completed") return 2;
    return below.length > 0 ? 1 : 0;
  } finally {
    const report = (what: string) => (error: unknown) =>
      console.error(`crossbench eval: ${what} did not stop cleanly: ${String(error)}`);
    await worker?.stop(2_000).catch(report("the worker"));
    await boss?.stop({ graceful: false, wait: true }).catch(report("the queue"));
    await emulator?.running?.close().catch(report("the emulator"));
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`eval: ${error.message}\n${USAGE}\n`);
      process.exit(64);
    }
    process.stderr.write(`eval: ${describeCliFailure(error)}\n`);
    process.exit(2);
  },
);
