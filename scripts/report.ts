/**
 * `npm run report -- --runs <id,…> [--title text] [--monthly-requests n] [--format md|json|csv|pdf]
 *   [--out file] [--force]`
 *
 * Builds a report from finished runs with the same builder as the app's report page (a frozen
 * snapshot, stored, so it is also listed under Reports in the app) and writes it as Markdown
 * (the default), JSON, CSV or PDF: to stdout, or to --out. Progress goes to stderr.
 * Exit code: 0 when the document was written; 1 when it could not be made or written (database,
 * the app for a PDF, the file); 2 when a run does not exist or has not finished; 64 for bad
 * arguments.
 */
import { existsSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { reportToCsv, reportToJson } from "@/lib/report/exports";
import { reportToMarkdown } from "@/lib/report/markdown";
import type { ReportView } from "@/lib/report/report-data";
import { createReportSchema, type ReportExportFormat } from "@/lib/schemas/reports";
import { RUN_STATUS_LABELS } from "@/lib/schemas/runs";
import { commandLineCaller } from "@/lib/server/domain/caller";
import {
  createReport,
  getReportView,
  recordReportExport,
} from "@/lib/server/domain/reports/reports";
import { createShareLink, revokeShareLink } from "@/lib/server/domain/reports/share-links";
import {
  describeCliFailure,
  prepareCliDatabase,
  stopOnSignals,
} from "@/lib/server/ops/cli-database";
import { createPrismaClient, type Db } from "@/lib/server/ops/db-client";
import { parseEnv, type Env } from "@/lib/server/ops/env";
import { keyRingFromEnv } from "@/lib/server/ops/server-deps";
import { formatCount } from "@/lib/format";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Analysts build reports in the app; the command line needs no more than that.
const CLI_CALLER = commandLineCaller("analyst");

const FORMATS = ["md", "json", "csv", "pdf"] as const;
type Format = (typeof FORMATS)[number];

const AUDIT_FORMAT: Record<Format, ReportExportFormat> = {
  md: "markdown",
  json: "json",
  csv: "csv",
  pdf: "pdf",
};

/** The share link a PDF is fetched through lives one day at most, and is revoked at once. */
const PDF_LINK_DAYS = 1;
const PDF_TIMEOUT_MS = 120_000;

class UsageError extends Error {}

/** A run that cannot be reported on (unknown, or still queued or running): exit 2. */
class RunError extends Error {}

const USAGE =
  "usage: npm run report -- --runs <run id,…> [--title text] [--monthly-requests n] [--format md|json|csv|pdf] [--out file] [--force]";

const HELP = `${USAGE}

Builds a report from finished runs with the same builder as the app (Reports → New report) and
writes it. The report is stored, as if an analyst had drafted it: it is listed under Reports in
the app, made by "command line", and its creation and export are in the audit log.

  --runs <id,…>    run ids, comma-separated (at most 10); the figures come from the first one.
                   Every run must have finished (completed, failed, cancelled or budget exceeded).
  --title <text>   the report's title (default: "Report on <first run's name>").
  --monthly-requests <n>
                   requests a month the brief prices each option at (as entered on a report in
                   the app); default: from the workload profile's spend.
  --format <f>     md (default), json, csv or pdf:
                     md    the report as Markdown, the brief first
                     json  the brief, every table with its units, and the frozen snapshot
                     csv   every table (summary, runs, targets, parity, …) as CSV sections
                     pdf   the report page as the app prints it; needs a running Crossbench app
                           at CROSSBENCH_URL that uses the same database and CROSSBENCH_SECRET_KEY
                           (the command makes a one-day share link, downloads the app's PDF
                           through it and revokes the link at once)
  --out <file>     write to this file instead of stdout; an existing file is kept unless --force.
  --force          replace the --out file if it exists.
  -h, --help       this text.

The database is DATABASE_URL, or the embedded one a running \`npm start\` serves. The document goes
to stdout (or --out), progress to stderr.

Exit codes: 0 written; 1 the document could not be made or written (database, the app for a PDF,
the file); 2 a run does not exist or has not finished (each is named); 64 bad arguments.
`;

type Options = {
  runIds: string[];
  title: string | undefined;
  monthlyRequests: number | null;
  format: Format;
  out: string | null;
  force: boolean;
};

function parseOptions(argv: string[]): Options | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        runs: { type: "string" },
        title: { type: "string" },
        "monthly-requests": { type: "string" },
        format: { type: "string", default: "md" },
        out: { type: "string" },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return "help";
  if (!values.runs) throw new UsageError("--runs is required: the ids of the runs to report on");
  const runIds = [
    ...new Set(
      values.runs
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  const format = values.format.toLowerCase() === "markdown" ? "md" : values.format.toLowerCase();
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got "${values.format}")`);
  }
  // The app's own rules for a report's title and runs, with the app's messages.
  const parsed = createReportSchema.safeParse({ title: values.title ?? "Report", runIds });
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((issue) => issue.message).join("; "));
  }
  if (values.force && !values.out) throw new UsageError("--force only applies with --out");
  // The app's own rule for the volume, with the app's message.
  const volume = createReportSchema.shape.monthlyRequests.safeParse(values["monthly-requests"]);
  if (!volume.success) {
    throw new UsageError(`--monthly-requests: ${volume.error.issues[0]?.message ?? "invalid"}`);
  }
  return {
    runIds,
    title: values.title,
    monthlyRequests: volume.data,
    format: format as Format,
    out: values.out ?? null,
    force: values.force,
  };
}

/** Refuses what would fail only after the report was drafted: a file in the way, no app for a PDF. */
function checkOutput(options: Options, env: Env): void {
  if (options.out) {
    const directory = path.dirname(path.resolve(options.out));
    if (!existsSync(directory) || !statSync(directory).isDirectory()) {
      throw new UsageError(`--out ${options.out}: the folder ${directory} does not exist`);
    }
    if (existsSync(options.out) && !options.force) {
      throw new UsageError(
        `--out ${options.out} already exists; pass --force to replace it, or choose another file`,
      );
    }
  }
  if (options.format !== "pdf") return;
  if (!env.CROSSBENCH_URL) {
    throw new UsageError(
      "--format pdf prints the report page of a running Crossbench app: set CROSSBENCH_URL to its address (the app must use this database and the same CROSSBENCH_SECRET_KEY), or choose md, json or csv",
    );
  }
  if (!env.CROSSBENCH_SECRET_KEY) {
    throw new UsageError(
      "--format pdf needs CROSSBENCH_SECRET_KEY (the app's own) to make the share link the PDF is fetched through",
    );
  }
  if (!options.out && process.stdout.isTTY) {
    throw new UsageError("--format pdf writes binary: pass --out file.pdf or redirect stdout");
  }
}

/** Refuses runs that do not exist or are still queued or running, naming each. */
async function requireFinishedRuns(db: Db, runIds: string[]) {
  const runs = await db.evalRun.findMany({
    where: { id: { in: runIds } },
    select: { id: true, name: true, status: true },
  });
  const byId = new Map(runs.map((run) => [run.id, run]));
  const problems: string[] = [];
  for (const id of runIds) {
    const run = byId.get(id);
    if (!run) problems.push(`no run ${id} in this database`);
    else if (run.status === "queued" || run.status === "running")
      problems.push(
        `run ${id} ("${run.name}") is ${RUN_STATUS_LABELS[run.status].toLowerCase()}: a report freezes its figures, so wait until it has finished`,
      );
  }
  if (problems.length > 0) throw new RunError(problems.join("\n  "));
  return runIds.flatMap((id) => byId.get(id) ?? []);
}

/** What went wrong with a fetch, with the system's reason (fetch says only "fetch failed"). */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return cause?.code ? `${message} (${cause.code})` : message;
}

function appUrlOf(env: Env): string {
  return (env.CROSSBENCH_URL ?? "").replace(/\/+$/, "");
}

/** Fails before a report is drafted when the app that prints PDFs does not answer at all. */
async function requireAppReachable(env: Env): Promise<void> {
  const appUrl = appUrlOf(env);
  try {
    await fetch(`${appUrl}/sign-in`, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new Error(
      `could not reach the Crossbench app at ${appUrl} (CROSSBENCH_URL), which prints the PDF: ${networkReason(error)}`,
    );
  }
}

/** The app's own PDF of the report, downloaded through a share link that is revoked at once. */
async function fetchPdfFromApp(db: Db, env: Env, view: ReportView): Promise<Uint8Array> {
  const appUrl = appUrlOf(env);
  const link = await createShareLink(
    CLI_CALLER,
    db,
    { reportId: view.id, days: PDF_LINK_DAYS },
    keyRingFromEnv(env),
  );
  try {
    const url = `${appUrl}/share/${encodeURIComponent(link.token)}/report.pdf`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(PDF_TIMEOUT_MS) });
    } catch (error) {
      throw new Error(
        `could not reach the Crossbench app at ${appUrl} (CROSSBENCH_URL) to print the PDF: ${networkReason(error)}`,
      );
    }
    if (response.status === 404) {
      throw new Error(
        `the app at ${appUrl} did not accept the report's share link: it must use this command's database and CROSSBENCH_SECRET_KEY`,
      );
    }
    const type = response.headers.get("content-type") ?? "";
    if (!response.ok || !type.startsWith("application/pdf")) {
      const body = (await response.text()).trim().slice(0, 300);
      throw new Error(
        `the app at ${appUrl} could not print the PDF (HTTP ${response.status})${body && !type.includes("html") ? `: ${body}` : ""}`,
      );
    }
    return new Uint8Array(await response.arrayBuffer());
  } finally {
    await revokeShareLink(CLI_CALLER, db, { linkId: link.id });
  }
}

async function renderReport(
  db: Db,
  env: Env,
  view: ReportView,
  format: Format,
): Promise<string | Uint8Array> {
  switch (format) {
    case "md":
      return reportToMarkdown(view);
    case "json":
      return `${reportToJson(view)}\n`;
    case "csv":
      return reportToCsv(view);
    case "pdf":
      return fetchPdfFromApp(db, env, view);
  }
}

async function main(): Promise<number> {
  try {
    process.loadEnvFile(path.join(root, ".env"));
  } catch {
    // No .env file: configuration comes from the environment alone.
  }
  const options = parseOptions(process.argv.slice(2));
  if (options === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  const env = parseEnv(process.env);
  checkOutput(options, env);
  if (options.format === "pdf") await requireAppReachable(env);
  const log = (line: string) => process.stderr.write(`report: ${line}\n`);
  const database = await prepareCliDatabase(env, root, {
    seed: false,
    command: "npm run report",
    log,
  });
  stopOnSignals(database);
  const db = createPrismaClient(database.url, { max: 3 });
  try {
    const runs = await requireFinishedRuns(db, options.runIds);
    for (const run of runs.filter((r) => r.status !== "completed")) {
      log(
        `warning: run ${run.id} ended ${RUN_STATUS_LABELS[run.status].toLowerCase()}; the report covers the trials it stored`,
      );
    }
    const first = runs[0];
    const title = (
      options.title ??
      `Report on ${first?.name ?? "the chosen runs"}${runs.length > 1 ? ` and ${runs.length - 1} more run${runs.length > 2 ? "s" : ""}` : ""}`
    ).slice(0, 160);
    const { id } = await createReport(CLI_CALLER, db, {
      title,
      runIds: options.runIds,
      modelIds: [],
      platformIds: [],
      monthlyRequests: options.monthlyRequests,
    });
    const where = env.CROSSBENCH_URL
      ? `${appUrlOf(env)}/reports/${encodeURIComponent(id)}`
      : "under Reports in the app";
    log(`stored report ${id} ("${title}"): ${where}`);
    const view = await getReportView(CLI_CALLER, db, id);
    const document = await renderReport(db, env, view, options.format);
    // The app records a PDF as exported through the share link when it sends it.
    if (options.format !== "pdf")
      await recordReportExport(CLI_CALLER, db, id, AUDIT_FORMAT[options.format]);
    if (options.out) {
      try {
        await writeFile(options.out, document, { flag: options.force ? "w" : "wx" });
      } catch (error) {
        throw new Error(
          `could not write ${options.out} (report ${id} is stored): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const bytes = typeof document === "string" ? Buffer.byteLength(document) : document.length;
      log(`wrote ${options.out} (${options.format}, ${formatCount(bytes)} bytes)`);
    } else {
      // A reader that goes away early (`| head`) is reported once, through the callback.
      process.stdout.on("error", () => undefined);
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(document, (error) =>
          error
            ? reject(
                new Error(`stdout closed before the whole document was written (${error.message})`),
              )
            : resolve(),
        ),
      );
    }
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
      process.stderr.write(`report: ${error.message}\n${USAGE}\n`);
      process.exit(64);
    }
    if (error instanceof RunError) {
      process.stderr.write(`report: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`report: ${describeCliFailure(error)}\n`);
    process.exit(1);
  },
);
