/**
 * `npm run schedule -- list | create … | pause <id> | resume <id> | run-now <id> | delete <id>`:
 * scheduled runs from the command line, with the app's own rules (lib/server/domain/schedules).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatDateTime } from "@/lib/format";
import { describeMonthSpend, describeNextFire, describeWhen } from "@/lib/views/schedules";
import { enqueueChunks, openEvalQueue } from "@/lib/queue/eval-queue";
import { commandLineCaller } from "@/lib/server/domain/caller";
import {
  createSchedule,
  deleteSchedule,
  listSchedules,
  runScheduleNow,
  setSchedulePaused,
} from "@/lib/server/domain/schedules/schedules";
import { ensureBuiltinSuites, findSuite } from "@/lib/server/domain/runs/suites";
import {
  checkRouterTargets,
  CliUsageError as UsageError,
  resolveOffering,
  resolveTargets,
} from "@/lib/server/domain/runs/target-specs";
import {
  describeCliFailure,
  prepareCliDatabase,
  stopOnSignals,
} from "@/lib/server/ops/cli-database";
import { createPrismaClient, type Db } from "@/lib/server/ops/db-client";
import { parseEnv } from "@/lib/server/ops/env";
import { resolvePlatformConnections } from "@/lib/server/ops/router-setup";
import { resolveCliEmulator } from "@/lib/server/eval/runtime";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI_CALLER = commandLineCaller("operator");

const USAGE =
  "usage: npm run schedule -- list | create --name n --cron c --suite s --targets t [options] | pause|resume|run-now|delete <id> (--help for more)";

const HELP = `${USAGE}

Scheduled runs: a run definition launched on a cron schedule by the workers (npm start runs one),
once per fire time however many workers run.

  list                     every schedule: next fire time, paused, last result, spend this month
  create                   saves a schedule (checked as the New run form checks a launch):
    --name <text>          its name; each run is named after it and its fire time
    --cron <expr>          five cron fields (minute hour day-of-month month day-of-week), or
                           daily (06:00) or weekly (Monday 06:00)
    --timezone <name>      the cron's time zone (default UTC), e.g. Europe/Paris
    --suite <id|slug>      a built-in or imported suite
    --targets <t,…>        as npm run eval takes them (model@platform, fallback(a|b), router:…);
                           model@* follows a model: each run takes every platform selling it then
    --repeats n, --budget usd (per run), --monthly-budget usd (across the month's runs; a fire
    that would pass it is skipped and says so), --judge <target>, --temperature t,
    --max-tokens n, --concurrency n, --no-stream
    --alert-latency-p95-ms n, --alert-error-rate percent: alert when a target's latency p95 or
                           error rate passes it (score drops and parity changes always alert)
  pause <id>, resume <id>  stop and restart firing (missed fire times are not made up)
  run-now <id>             queue one run at once (the monthly budget still holds); a worker runs it
  delete <id>              removes the schedule; its runs stay

The database is DATABASE_URL, or the embedded one a running \`npm start\` serves.
Exit codes: 0 done; 1 refused or failed (the reason is printed); 64 bad arguments.`;

async function create(db: Db, argv: string[]): Promise<string> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        name: { type: "string" },
        cron: { type: "string" },
        timezone: { type: "string", default: "UTC" },
        suite: { type: "string" },
        targets: { type: "string" },
        repeats: { type: "string", default: "1" },
        budget: { type: "string" },
        "monthly-budget": { type: "string" },
        judge: { type: "string" },
        temperature: { type: "string", default: "0" },
        "max-tokens": { type: "string", default: "512" },
        concurrency: { type: "string", default: "8" },
        "no-stream": { type: "boolean", default: false },
        "alert-latency-p95-ms": { type: "string" },
        "alert-error-rate": { type: "string" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!values.name || !values.cron || !values.suite || !values.targets) {
    throw new UsageError("create needs --name, --cron, --suite and --targets");
  }
  checkRouterTargets(values.targets);
  await ensureBuiltinSuites(db);
  const suite = await findSuite(db, values.suite);
  if (!suite) throw new UsageError(`no suite "${values.suite}" (use its id or slug)`);
  const emulator = await resolveCliEmulator(db, process.env);
  try {
    const connections = await resolvePlatformConnections(db, process.env, emulator.url);
    const targets = await resolveTargets(db, values.targets, connections);
    const judgeOfferingId = values.judge
      ? await resolveOffering(db, values.judge, connections)
      : undefined;
    const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
    const { id, nextFireAt } = await createSchedule(
      CLI_CALLER,
      db,
      {
        name: values.name,
        cron: values.cron,
        timezone: values.timezone,
        monthlyBudgetUsd: number(values["monthly-budget"]) ?? null,
        alertLatencyP95Ms: number(values["alert-latency-p95-ms"]) ?? null,
        alertErrorRate:
          values["alert-error-rate"] === undefined
            ? null
            : Number(values["alert-error-rate"]) / 100,
        definition: {
          suiteId: suite.id,
          targets,
          judgeOfferingId,
          temperature: Number(values.temperature),
          maxTokens: Number(values["max-tokens"]),
          repeats: Number(values.repeats),
          concurrency: Number(values.concurrency),
          budgetUsd: number(values.budget),
          stream: !values["no-stream"],
        },
      },
      { connections, awsAccountId: process.env.AWS_ACCOUNT_ID ?? null },
    );
    return `created schedule ${id}; next run ${formatDateTime(nextFireAt)}`;
  } finally {
    await emulator.running?.close();
  }
}

async function list(db: Db): Promise<string> {
  const schedules = await listSchedules(CLI_CALLER, db);
  if (schedules.length === 0) return "No schedules yet: npm run schedule -- create --help";
  return schedules
    .map((s) =>
      [
        `${s.id}  ${s.name}${s.isPaused ? "  (paused)" : ""}`,
        `  ${describeWhen(s)} [${s.cron}], version ${s.version}; next: ${describeNextFire(s)}`,
        `  spent this month ${describeMonthSpend(s)}; ${s.runs} run${s.runs === 1 ? "" : "s"}${s.lastRun ? `, last ${s.lastRun.id} (${s.lastRun.status})` : ""}`,
        `  last fire: ${s.lastOutcome ?? "none yet"}`,
      ].join("\n"),
    )
    .join("\n");
}

async function main(): Promise<number> {
  try {
    process.loadEnvFile(path.join(root, ".env"));
  } catch {
    // No .env file: configuration comes from the environment alone.
  }
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(`${HELP}\n`);
    return command ? 0 : 64;
  }
  const known = ["list", "create", "pause", "resume", "run-now", "delete"];
  if (!known.includes(command)) throw new UsageError(`unknown command "${command}"`);
  const id = rest[0];
  if (["pause", "resume", "run-now", "delete"].includes(command) && (!id || id.startsWith("-"))) {
    throw new UsageError(`${command} needs a schedule id (npm run schedule -- list shows them)`);
  }
  const env = parseEnv(process.env);
  // A fresh database gets the catalogue, as npm start and npm run eval give it.
  const database = await prepareCliDatabase(env, root, {
    seed: true,
    command: "npm run schedule",
    log: (line) => process.stderr.write(`schedule: ${line}\n`),
  });
  stopOnSignals(database);
  const databaseUrl = database.url;
  const db = createPrismaClient(databaseUrl, { max: 3 });
  try {
    let line: string;
    if (command === "list") line = await list(db);
    else if (command === "create") line = await create(db, rest);
    else if (command === "pause" || command === "resume") {
      await setSchedulePaused(CLI_CALLER, db, { id: id! }, command === "pause");
      line = `${command === "pause" ? "paused" : "resumed"} schedule ${id}`;
    } else if (command === "delete") {
      await deleteSchedule(CLI_CALLER, db, { id: id! });
      line = `deleted schedule ${id}; its runs stay`;
    } else {
      const boss = await openEvalQueue({ connectionString: databaseUrl, max: 2 });
      const emulator = await resolveCliEmulator(db, process.env);
      try {
        const connections = await resolvePlatformConnections(db, process.env, emulator.url);
        const outcome = await runScheduleNow(
          CLI_CALLER,
          db,
          { id: id! },
          {
            connections,
            enqueue: (jobs) => enqueueChunks(boss, jobs),
            awsAccountId: process.env.AWS_ACCOUNT_ID ?? null,
          },
        );
        line = `queued run ${outcome.kind === "launched" ? outcome.runId : ""} of schedule ${id}; a worker (npm start runs one) runs it${database.isStartedHere ? " once npm start or npm run worker is running" : ""}`;
      } finally {
        await emulator.running?.close();
        await boss.stop({ graceful: false, wait: true });
      }
    }
    process.stdout.write(`${line}\n`);
    return 0;
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`schedule: ${error.message}\n${USAGE}\n`);
      process.exit(64);
    }
    process.stderr.write(`schedule: ${describeCliFailure(error)}\n`);
    process.exit(1);
  },
);
