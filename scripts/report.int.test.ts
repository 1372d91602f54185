import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBrief } from "@/lib/report/brief";
import { escapeMarkdownInline } from "@/lib/report/escape-markdown";
import { getReportView, listReports } from "@/lib/server/domain/reports/reports";
import { getSharedReport } from "@/lib/server/domain/reports/share-links";
import type { Db } from "@/lib/server/ops/db-client";
import { readCsvSections } from "@/lib/testing/csv-reader";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { testCaller } from "@/lib/testing/test-callers";

/**
 * `npm run report` on a run made on the emulator: a small parity run of Claude Sonnet 4.6 on
 * Bedrock and Vertex launched through the real eval CLI, then a report of it written by the real
 * report CLI in each format, read the way a pipeline would read it (stdout, --out, exit codes,
 * stderr). The PDF is fetched from a stand-in for the running app that answers the share-link
 * route only when the link the CLI made verifies for the CLI's report; the app's own printing of
 * that route is covered by the end-to-end PDF tests.
 */

const root = path.resolve(import.meta.dirname, "..");
const VIEWER = testCaller({ role: "viewer", email: "report-cli@example.test", name: "report cli" });
const TARGETS = [
  "anthropic/claude-sonnet-4.6@aws-bedrock",
  "anthropic/claude-sonnet-4.6@gcp-vertex",
];
const SECRET_KEY = randomBytes(32);

type Result = { code: number; stdout: string; stderr: string };

const pool = freshDatabasePool("report");
let db: Db;
let databaseUrl: string;
let runId: string;
let targetLabels: string[];
let outDir: string;

function runScript(script: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<Result>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          CROSSBENCH_SECRET_KEY: SECRET_KEY.toString("base64"),
          CROSSBENCH_URL: "",
          ...env,
        },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const report = (args: string[], env?: Record<string, string>) =>
  runScript("scripts/report.ts", args, env);

/** The report id the CLI says it stored. */
function storedId(result: Result): string {
  const id = /stored report (\S+)/.exec(result.stderr)?.[1];
  if (!id) throw new Error(`the CLI named no stored report:\n${result.stderr}`);
  return id;
}

beforeAll(async () => {
  const fresh = await pool.create("run");
  db = fresh.db;
  databaseUrl = fresh.url;
  outDir = await mkdtemp(path.join(tmpdir(), "crossbench-report-cli-"));
  const evalRun = await runScript("scripts/eval.ts", [
    "--suite",
    "json-extraction",
    "--targets",
    TARGETS.join(","),
    "--name",
    `report cli ${randomBytes(3).toString("hex")}`,
    "--json",
  ]);
  expect(evalRun.code, evalRun.stderr).toBe(0);
  const run = JSON.parse(evalRun.stdout) as {
    runId: string;
    simulated: boolean;
    targets: { label: string }[];
  };
  expect(run.simulated).toBe(true);
  runId = run.runId;
  targetLabels = run.targets.map((t) => t.label);
}, 90_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
  await pool.dropAll();
});

describe("npm run report", () => {
  it("writes Markdown to stdout with the brief's headline, and stores the report for the app", async () => {
    const result = await report(["--runs", runId, "--title", "Can we move Sonnet between clouds?"]);
    expect(result.code, result.stderr).toBe(0);
    const id = storedId(result);
    const view = await getReportView(VIEWER, db, id);
    const { headline } = buildBrief(view.data);
    expect(result.stdout.split("\n")[0]).toBe("# Can we move Sonnet between clouds?");
    expect(result.stdout).toContain(`**${escapeMarkdownInline(headline)}**`);
    expect(result.stdout).toContain("SIMULATED");
    expect(view.data.selection.runIds).toEqual([runId]);
    // Made by the command line, and listed with the analysts' reports.
    const listed = (await listReports(VIEWER, db)).find((r) => r.id === id);
    expect(listed).toMatchObject({ title: "Can we move Sonnet between clouds?", createdBy: null });
    const audit = await db.auditEvent.findMany({
      where: { targetId: id },
      select: { action: true, actorEmail: true, detail: true },
    });
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "report.created", actorEmail: "command line" }),
        expect.objectContaining({
          action: "report.exported",
          actorEmail: "command line",
          detail: { format: "markdown" },
        }),
      ]),
    );
  });

  it("writes JSON to --out, with the report's id, the brief and the targets", async () => {
    const out = path.join(outDir, "brief.json");
    const result = await report([
      "--runs",
      runId,
      "--format",
      "json",
      "--out",
      out,
      "--monthly-requests",
      "250,000",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`wrote ${out}`);
    const json = JSON.parse(await readFile(out, "utf8")) as {
      id: string;
      title: string;
      isSimulated: boolean;
      monthlyRequests: number | null;
      brief: { headline: string; monthlyCost: { assumption: string } | null };
      tables: { name: string; rows: unknown[][] }[];
    };
    expect(json.id).toBe(storedId(result));
    expect(json.title).toMatch(/^Report on report cli /);
    expect(json.isSimulated).toBe(true);
    expect(json.brief.headline).toMatch(/Claude Sonnet 4\.6/);
    // The volume given on the command line prices the brief's monthly cost, as on the page.
    expect(json.monthlyRequests).toBe(250_000);
    expect(json.brief.monthlyCost?.assumption).toContain(
      "Volume entered on the report: 250,000 requests a month",
    );
    const targets = json.tables.find((t) => t.name === "targets");
    expect(targets?.rows.map((row) => row[0])).toEqual(targetLabels);
  });

  it("writes CSV with the targets table, and keeps an existing --out file unless --force", async () => {
    const out = path.join(outDir, "tables.csv");
    await writeFile(out, "keep me");
    const refused = await report(["--runs", runId, "--format", "csv", "--out", out]);
    expect(refused.code).toBe(64);
    expect(refused.stderr).toContain("already exists; pass --force");
    expect(await readFile(out, "utf8")).toBe("keep me");

    const result = await report(["--runs", runId, "--format", "csv", "--out", out, "--force"]);
    expect(result.code, result.stderr).toBe(0);
    const sections = readCsvSections(await readFile(out, "utf8"));
    const targets = sections.find((s) => s.name === "targets");
    expect(targets?.header.slice(0, 4)).toEqual(["target", "model", "platform", "score (points)"]);
    expect(targets?.rows.map((row) => row[0])).toEqual(targetLabels);
    expect(sections.map((s) => s.name)).toEqual(expect.arrayContaining(["summary", "parity"]));
  });

  it("writes the PDF the running app serves through a share link it revokes at once", async () => {
    let served: string | null = null;
    const app: Server = createServer((request, response) => {
      const token = /^\/share\/([^/]+)\/report\.pdf$/.exec(request.url ?? "")?.[1];
      if (!token) return void response.writeHead(200).end("sign in");
      getSharedReport(db, decodeURIComponent(token), SECRET_KEY).then((view) => {
        if (!view) return void response.writeHead(404).end("This share link is not valid.");
        served = view.id;
        response.writeHead(200, { "content-type": "application/pdf" });
        response.end(`%PDF-1.4\n% ${view.title}\n%%EOF\n`);
      }, response.destroy.bind(response));
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = app.address() as AddressInfo;
      const out = path.join(outDir, "brief.pdf");
      const result = await report(
        ["--runs", runId, "--format", "pdf", "--out", out, "--title", "PDF brief"],
        { CROSSBENCH_URL: `http://127.0.0.1:${port}/` },
      );
      expect(result.code, result.stderr).toBe(0);
      const id = storedId(result);
      expect(served).toBe(id);
      expect(await readFile(out, "utf8")).toBe("%PDF-1.4\n% PDF brief\n%%EOF\n");
      const links = await db.shareLink.findMany({ where: { reportId: id } });
      expect(links).toHaveLength(1);
      expect(links[0]?.revokedAt).not.toBeNull();
    } finally {
      await new Promise((resolve) => app.close(resolve));
    }
  });

  it("exits 2 naming a run that does not exist or has not finished", async () => {
    const unknown = await report(["--runs", `${runId},no-such-run`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no run no-such-run in this database");
    expect(unknown.stdout).toBe("");

    await db.evalRun.update({ where: { id: runId }, data: { status: "running" } });
    try {
      const running = await report(["--runs", runId]);
      expect(running.code).toBe(2);
      expect(running.stderr).toContain(`run ${runId}`);
      expect(running.stderr).toContain("is running");
    } finally {
      await db.evalRun.update({ where: { id: runId }, data: { status: "completed" } });
    }
  });

  it("exits 64 with a clear message and the usage line for bad arguments", async () => {
    const [noRuns, badFormat, pdfWithoutApp, badVolume] = await Promise.all([
      report(["--format", "md"]),
      report(["--runs", runId, "--format", "docx"]),
      report(["--runs", runId, "--format", "pdf", "--out", path.join(outDir, "x.pdf")]),
      report(["--runs", runId, "--monthly-requests", "lots"]),
    ]);
    expect(badVolume.code).toBe(64);
    expect(badVolume.stderr).toContain(
      "--monthly-requests: Monthly requests: enter a whole number, or leave it empty.",
    );
    expect(noRuns.code).toBe(64);
    expect(noRuns.stderr).toContain("--runs is required");
    expect(badFormat.code).toBe(64);
    expect(badFormat.stderr).toContain('--format must be one of md, json, csv, pdf (got "docx")');
    expect(pdfWithoutApp.code).toBe(64);
    expect(pdfWithoutApp.stderr).toContain("set CROSSBENCH_URL");
    for (const result of [noRuns, badFormat, pdfWithoutApp, badVolume]) {
      expect(result.stderr).toContain("usage: npm run report -- --runs");
      expect(result.stdout).toBe("");
    }
    expect(existsSync(path.join(outDir, "x.pdf"))).toBe(false);
  });
});
