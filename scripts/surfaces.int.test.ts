import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportDownload } from "@/app/(app)/reports/[id]/report-export";
import { describeCasesNeeded, type PairSummary } from "@/lib/eval/summary";
import {
  formatDifferenceCi,
  formatExported,
  formatPointsDifference,
  formatScore,
  formatScoreWithUnit,
  formatUsd,
  formatUsdPerCase,
  toPoints,
  toUsd,
} from "@/lib/format";
import { escapeMarkdownInline } from "@/lib/report/escape-markdown";
import type { ReportData, ReportView } from "@/lib/report/report-data";
import { reportTables } from "@/lib/report/tables";
import { getCompareView, type CompareView } from "@/lib/server/domain/comparisons/compare";
import { getOverview } from "@/lib/server/domain/comparisons/overview";
import { getRoutingView, type RoutingView } from "@/lib/server/domain/comparisons/routing";
import { createReport, getReportView } from "@/lib/server/domain/reports/reports";
import { getRunPair, getRunView, type RunView } from "@/lib/server/domain/runs/runs";
import type { Db } from "@/lib/server/ops/db-client";
import { readCsv } from "@/lib/testing/csv-reader";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { testCaller } from "@/lib/testing/test-callers";
import {
  pairExport,
  targetExport,
  targetRow,
  type PairExport,
  type TargetExport,
} from "@/lib/views/runs";

/**
 * One number everywhere. A real run launched through the CLI (`scripts/eval.ts --json`: its own
 * worker and emulator over HTTP, real PostgreSQL) of Claude Sonnet 4.6 on three platforms plus
 * GPT-5.5, twice per case, is read back through every surface that shows its figures: the run
 * page, Compare, Routing, Overview, a report's frozen snapshot, the report's CSV, JSON and
 * Markdown downloads, and the CLI's own `--json`. Each figure shown in more than one place must be
 * the same number at the same precision in the same unit, and every paired comparison B vs A must
 * be the exact mirror of A vs B. The CLI's document is the yardstick: it is written by another
 * process, so a surface that computed its own figure (another seed, another rounding, another
 * unit) would disagree with it.
 *
 * The run gets a database of its own, so Overview's "largest gaps" list shows exactly its pairs.
 */

const root = path.resolve(import.meta.dirname, "..");
const VIEWER = testCaller({ role: "viewer", email: "surfaces@example.test", name: "surfaces" });
const ANALYST = testCaller({ role: "analyst", email: "surfaces@example.test", name: "surfaces" });
const SONNET = [
  "anthropic/claude-sonnet-4.6@anthropic",
  "anthropic/claude-sonnet-4.6@aws-bedrock",
  "anthropic/claude-sonnet-4.6@gcp-vertex",
];
const TARGETS = [...SONNET, "openai/gpt-5.5@openai"];

type CliTarget = TargetExport & { id: string; label: string };
type CliReport = {
  runId: string;
  status: string;
  simulated: boolean;
  targets: CliTarget[];
  pairs: PairExport[];
};

const pool = freshDatabasePool("surfaces");
let db: Db;
let cli: CliReport;
let run: RunView;
let report: ReportView;
/** The report's downloads, as the signed-in routes and share links send them. */
let downloads: { csv: string; json: string; markdown: string };

beforeAll(async () => {
  const fresh = await pool.create("run");
  db = fresh.db;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/eval.ts",
      "--suite",
      "mixed-tasks",
      "--targets",
      TARGETS.join(","),
      "--repeats",
      "2",
      "--name",
      `surfaces ${randomBytes(3).toString("hex")}`,
      "--json",
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: fresh.url,
        CROSSBENCH_SECRET_KEY: randomBytes(32).toString("base64"),
      },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  cli = JSON.parse(stdout) as CliReport;
  run = await getRunView(VIEWER, db, cli.runId);
  const { id } = await createReport(ANALYST, db, {
    title: "One number everywhere",
    runIds: [cli.runId],
    modelIds: [],
    platformIds: [],
  });
  report = await getReportView(VIEWER, db, id);
  const text = (format: "csv" | "json" | "markdown") => reportDownload(report, format).text();
  downloads = {
    csv: await text("csv"),
    json: await text("json"),
    markdown: await text("markdown"),
  };
}, 150_000);

afterAll(async () => {
  await pool.dropAll();
});

// ---------------------------------------------------------------------------------------------
// Reading the yardstick and the files

function cliTarget(id: string): CliTarget {
  const target = cli.targets.find((t) => t.id === id);
  if (!target) throw new Error(`the CLI lists no target ${id}`);
  return target;
}

function cliPair(a: string, b: string): PairExport {
  const pair = cli.pairs.find((p) => p.a === a && p.b === b);
  if (!pair) throw new Error(`the CLI lists no pair ${a} vs ${b}`);
  return pair;
}

/** The per-target figures every results table shows. */
function figures(target: TargetExport) {
  return {
    score: target.score,
    passRate: target.passRate,
    latencyP50Ms: target.latencyMs.p50,
    costPerCaseUsd: target.costPerCaseUsd,
    costPer1000CasesUsd: target.costPer1000CasesUsd,
  };
}

function idOfLabel(label: string): string {
  const target = run.targets.find((t) => t.label === label);
  if (!target) throw new Error(`no target labelled ${label}`);
  return target.id;
}

/** One table of the CSV download, each row keyed by its header. */
function csvTable(name: string): Record<string, string>[] {
  const records = readCsv(downloads.csv);
  const start = records.findIndex((r) => r[0] === "table" && r[1] === name);
  if (start < 0) throw new Error(`the CSV has no table ${name}`);
  const header = records[start + 1] ?? [];
  const rows: Record<string, string>[] = [];
  for (const record of records.slice(start + 2)) {
    if (record.length <= 1 || record[0] === "table") break;
    rows.push(Object.fromEntries(header.map((h, i) => [h, record[i] ?? ""])));
  }
  return rows;
}

/** One "### Name" table of the Markdown download, each row keyed by its header. */
function markdownTable(name: string): Record<string, string>[] {
  const lines = downloads.markdown.split("\n");
  const start = lines.indexOf(`### ${name}`);
  if (start < 0) throw new Error(`the Markdown has no table ${name}`);
  const cells = (line: string) => line.replace(/^\| /, "").replace(/ \|$/, "").split(" | ");
  const header = cells(lines[start + 2] ?? "");
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(start + 4)) {
    if (!line.startsWith("|")) break;
    const row = cells(line);
    rows.push(Object.fromEntries(header.map((h, i) => [h, row[i] ?? ""])));
  }
  return rows;
}

/** A number cell of an export: empty (CSV) or "—" (Markdown) is a gap. */
const cellNumber = (cell: string | undefined) =>
  cell === undefined || cell === "" || cell === "—" ? null : Number(cell);

/** A JSON round trip: what a snapshot stores is what it reads back (no Dates, no undefined). */
const frozen = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Adding 0 turns −0 into 0, so a mirrored zero compares equal to a zero. */
const z = (value: number) => value + 0;

function expectMirror(forward: PairSummary | null, backward: PairSummary | null, what: string) {
  expect(forward, what).not.toBeNull();
  expect(backward, what).not.toBeNull();
  const ab = forward!;
  const ba = backward!;
  expect(z(ba.difference), `${what}: difference`).toBe(z(-ab.difference));
  expect(z(ba.low), `${what}: low is minus A vs B's high`).toBe(z(-ab.high));
  expect(z(ba.high), `${what}: high is minus A vs B's low`).toBe(z(-ab.low));
  expect([ba.meanA, ba.meanB], `${what}: means swapped`).toEqual([ab.meanB, ab.meanA]);
  expect({ n: ba.n, verdict: ba.verdict, casesNeeded: ba.casesNeeded, margin: ba.margin }).toEqual({
    n: ab.n,
    verdict: ab.verdict,
    casesNeeded: ab.casesNeeded,
    margin: ab.margin,
  });
}

const ids = () => run.targets.map((t) => t.id);
const orderedPairs = () => ids().flatMap((a) => ids().flatMap((b) => (a === b ? [] : [[a, b]])));

// ---------------------------------------------------------------------------------------------

describe("one real run read through every surface", () => {
  it("ran to completion through the CLI, four targets, every ordered pair listed", () => {
    expect(cli.status).toBe("completed");
    expect(cli.simulated).toBe(true);
    expect(run.repeats).toBe(2);
    expect(cli.targets.map((t) => t.id)).toEqual(ids());
    expect(cli.pairs).toHaveLength(12);
    for (const t of cli.targets) expect(t.score?.n, t.label).toBe(run.suite.caseCount);
  });

  it("CLI pairs: B vs A is the exact mirror of A vs B", () => {
    for (const pair of cli.pairs) {
      const reverse = cliPair(pair.b, pair.a);
      expect(pair.difference, `${pair.a} vs ${pair.b}`).not.toBeNull();
      expect(reverse.difference).toEqual({
        value: z(-pair.difference!.value),
        low: z(-pair.difference!.high),
        high: z(-pair.difference!.low),
      });
      expect([reverse.n, reverse.verdict, reverse.casesNeeded]).toEqual([
        pair.n,
        pair.verdict,
        pair.casesNeeded,
      ]);
    }
  });

  it("run page: each target's figures and each ordered pair are the CLI's, mirrored unrounded", async () => {
    for (const target of run.targets) {
      expect(figures(targetExport(targetRow(target))), target.label).toEqual(
        figures(cliTarget(target.id)),
      );
    }
    for (const [a, b] of orderedPairs()) {
      const forward = await getRunPair(VIEWER, db, run.id, a!, b!);
      const backward = await getRunPair(VIEWER, db, run.id, b!, a!);
      expect(pairExport(a!, b!, forward)).toEqual(cliPair(a!, b!));
      expectMirror(forward, backward, `run page ${b} vs ${a}`);
    }
  });

  it("Compare: the same target figures, and every target against every reference", async () => {
    const byDefault = await getCompareView(VIEWER, db, { runId: run.id });
    expect(byDefault.mode).toBe("model");
    expect(byDefault.selected).toHaveLength(SONNET.length);
    const views: CompareView[] = [byDefault];
    for (const referenceId of ids()) {
      views.push(
        await getCompareView(VIEWER, db, { runId: run.id, targetIds: ids(), referenceId }),
      );
    }
    for (const view of views) {
      expect(view.run?.id).toBe(run.id);
      for (const target of view.targets) {
        expect(target.summary, target.label).toEqual(
          run.targets.find((t) => t.id === target.id)?.summary,
        );
        expect(figures(targetExport(targetRow(target)))).toEqual(figures(cliTarget(target.id)));
      }
      const reference = view.referenceId!;
      for (const id of view.selected.filter((s) => s !== reference)) {
        const pair = view.pairs[id] ?? null;
        expect(pairExport(id, reference, pair)).toEqual(cliPair(id, reference));
        expect(pair).toEqual(await getRunPair(VIEWER, db, run.id, id, reference));
      }
    }
    // Each reference once: 4 × 3 ordered pairs, every one the mirror of its reverse.
    const all = views.slice(1);
    for (const [a, b] of orderedPairs()) {
      const ab = all.find((v) => v.referenceId === b)?.pairs[a!] ?? null;
      const ba = all.find((v) => v.referenceId === a)?.pairs[b!] ?? null;
      expectMirror(ab, ba, `Compare ${b} vs ${a}`);
    }
  });

  it("Overview: the largest parity gaps are the run's pairs, as the CLI lists them", async () => {
    const overview = await getOverview(VIEWER, db);
    const gaps = overview.parityGaps.filter((gap) => gap.runId === run.id);
    // Three platforms of one model: three unordered pairs, all within the Overview's five.
    expect(gaps).toHaveLength(3);
    for (const gap of gaps) {
      const [a, b] = [gap.a.targetId, gap.b.targetId];
      expect(pairExport(a, b, gap.pair)).toEqual(cliPair(a, b));
      expect(gap.pair).toEqual(await getRunPair(VIEWER, db, run.id, a, b));
    }
  });

  it("Routing: a single-target policy scores and costs what its target does", async () => {
    const view: RoutingView = await getRoutingView(VIEWER, db, run.id);
    const sim = view.simulation;
    // Routing measures every policy on the cases every target scored and priced. Here every
    // target scored and priced every case, so that set is the run's cases and a single target's
    // policy is the target itself; on a run with gaps the two could legitimately differ.
    expect(sim.exclusions).toEqual({ targets: [], casesMissingScore: 0, casesMissingCost: 0 });
    expect(sim.n).toBe(run.suite.caseCount);
    for (const target of run.targets) {
      const policy = sim.policies.find((p) => p.id === `single:${target.id}`);
      expect(policy, target.label).toBeDefined();
      const point = policy!.curve[policy!.operatingIndex]!;
      const shown = cliTarget(target.id);
      expect(policy!.n).toBe(shown.score?.n);
      // The same mean over the same cases; Routing sums it in case-id order, the run view in
      // row order, so the last binary digit may differ. Shown, they are the same figure.
      expect(point.quality).toBeCloseTo(target.summary.score!.value, 12);
      expect(toPoints(point.quality), target.label).toBe(shown.score?.value);
      expect(formatScore(point.quality)).toBe(formatScore(target.summary.score?.value));
      // Cost per case: Routing averages each case's mean cost per call; the run view divides
      // what the target spent by its calls that returned an output. With no error and every
      // case answered twice, the two are the same quantity.
      expect(toUsd(point.costPerCase)).toBe(shown.costPerCaseUsd);
      expect(formatUsd(point.costPerCase)).toBe(formatUsd(shown.costPerCaseUsd));
      expect(formatUsd(point.costPerCase * 1000)).toBe(formatUsd(shown.costPer1000CasesUsd));
    }
  });

  it("report snapshot: freezes the run view's targets, Compare's pairs and Routing's policies", async () => {
    const data = report.data;
    const compare = data.compare!;
    expect(compare.runId).toBe(run.id);
    expect(compare.targets.map((t) => t.id)).toEqual(ids());
    for (const target of compare.targets) {
      expect(target.summary, target.label).toEqual(
        frozen(run.targets.find((t) => t.id === target.id)?.summary),
      );
      expect(figures(targetExport(targetRow(target)))).toEqual(figures(cliTarget(target.id)));
    }
    expect(compare.pairs).toHaveLength(SONNET.length - 1);
    for (const { targetId, referenceId, pair } of compare.pairs) {
      expect(pairExport(targetId, referenceId, pair)).toEqual(cliPair(targetId, referenceId));
      expect(pair).toEqual(frozen(await getRunPair(VIEWER, db, run.id, targetId, referenceId)));
    }
    const routing = await getRoutingView(VIEWER, db, run.id);
    expect(data.routing?.policies).toEqual(frozen(routing.simulation.policies));
  });

  it("report summary: each parity sentence quotes its pair in lib/format's words", async () => {
    const sentences = report.data.summary;
    const compare = report.data.compare!;
    for (const { targetId, referenceId } of compare.pairs) {
      const pair = (await getRunPair(VIEWER, db, run.id, targetId, referenceId))!;
      const shown = cliPair(targetId, referenceId);
      const difference = formatPointsDifference(pair.difference);
      const ci = formatDifferenceCi(pair.low, pair.high);
      const sentence = sentences.find((s) => s.figure.startsWith(`${difference} (${ci}`));
      expect(sentence, `a sentence quoting ${difference} (${ci})`).toBeDefined();
      expect(sentence!.figure).toContain(`n = ${shown.n} cases, simulated`);
      expect(sentence!.text).toContain(sentence!.figure);
      const needed = describeCasesNeeded(pair);
      if (needed) expect(sentence!.text).toContain(needed);
      expect(shown.casesNeeded === null).toBe(needed === null);
    }
    const routing = report.data.routing!;
    const routed = sentences.find((s) => routing.policies.some((p) => s.text.startsWith(p.label)));
    if (routed) {
      const policy = routing.policies.find((p) => routed.text.startsWith(p.label))!;
      const point = policy.curve[policy.operatingIndex]!;
      expect(routed.figure).toContain(formatScoreWithUnit(point.quality));
      expect(routed.figure).toContain(formatUsdPerCase(point.costPerCase));
    }
  });

  it("report CSV: targets, parity and routing tables carry the CLI's numbers", () => {
    const targets = csvTable("targets");
    expect(targets).toHaveLength(run.targets.length);
    for (const row of targets) {
      const shown = cliTarget(idOfLabel(row.target!));
      expect(
        {
          score: [row["score (points)"], row["score 95% low"], row["score 95% high"], row.cases],
          pass: [row["pass rate (%)"], row["pass 95% low"], row["pass 95% high"]],
          passN: row["scored trials"],
          latencyP50Ms: row["latency p50 ms"],
        },
        row.target,
      ).toEqual({
        score: [shown.score!.value, shown.score!.low, shown.score!.high, shown.score!.n].map(
          String,
        ),
        pass: [shown.passRate!.value, shown.passRate!.low, shown.passRate!.high].map(String),
        passN: String(shown.passRate!.n),
        latencyP50Ms: String(shown.latencyMs.p50),
      });
      // Money at the CLI's precision (six significant digits), so it shows as the same money.
      const costPer1000 = cellNumber(row["cost per 1,000 cases usd"]);
      expect(costPer1000).toBe(shown.costPer1000CasesUsd);
      expect(formatUsd(costPer1000)).toBe(formatUsd(shown.costPer1000CasesUsd));
    }
    const parity = csvTable("parity");
    expect(parity).toHaveLength(report.data.compare!.pairs.length);
    for (const row of parity) {
      const shown = cliPair(idOfLabel(row.target!), idOfLabel(row.reference!));
      expect([
        row["difference (points)"],
        row["95% low"],
        row["95% high"],
        row.cases,
        row.verdict,
        row["cases needed"],
      ]).toEqual([
        String(shown.difference!.value),
        String(shown.difference!.low),
        String(shown.difference!.high),
        String(shown.n),
        shown.verdict,
        shown.casesNeeded === null ? "" : String(shown.casesNeeded),
      ]);
    }
    const policies = csvTable("routing policies");
    for (const target of run.targets) {
      const row = policies.find((r) => r.policy === target.label && r.kind === "single");
      expect(row, target.label).toBeDefined();
      expect(cellNumber(row!["quality (points)"])).toBe(cliTarget(target.id).score?.value);
      expect(cellNumber(row!["cost per case usd"])).toBe(cliTarget(target.id).costPerCaseUsd);
    }
  });

  it("report JSON: the CSV's figures in their units, and the snapshot they come from", async () => {
    const json = JSON.parse(downloads.json) as {
      id: string;
      data: ReportData;
      tables: { name: string; columns: { label: string; unit: string }[]; rows: unknown[][] }[];
    };
    // The figures: every number of every table as the CSV has it, in its column's unit (text
    // cells differ only where the CSV neutralises a formula-like start).
    for (const table of json.tables) {
      const csv = csvTable(table.name);
      expect(table.rows, table.name).toHaveLength(csv.length);
      table.rows.forEach((row, i) => {
        table.columns.forEach(({ label }, j) => {
          const value = row[j];
          if (typeof value === "string") return;
          expect(value === null ? "" : String(value), `${table.name}, row ${i + 1}, ${label}`).toBe(
            csv[i]![label] ?? "",
          );
        });
      });
    }
    const targets = json.tables.find((table) => table.name === "targets")!;
    const scoreColumn = targets.columns.findIndex((c) => c.label === "score (points)");
    expect(targets.columns[scoreColumn]?.unit).toBe("points");
    for (const row of targets.rows) {
      expect(row[scoreColumn]).toBe(cliTarget(idOfLabel(String(row[0]))).score?.value);
    }
    // The snapshot itself, as stored (scores as fractions): each figure is the run view's and
    // Compare's.
    expect(json.id).toBe(report.id);
    expect(json.data).toEqual(report.data);
    for (const target of json.data.compare!.targets) {
      expect(target.summary).toEqual(frozen(run.targets.find((t) => t.id === target.id)?.summary));
    }
    for (const { targetId, referenceId, pair } of json.data.compare!.pairs) {
      expect(pair).toEqual(frozen(await getRunPair(VIEWER, db, run.id, targetId, referenceId)));
    }
  });

  it("report Markdown: the summary sentences and the key tables carry the same numbers", () => {
    for (const sentence of report.data.summary) {
      expect(downloads.markdown).toContain(`- ${escapeMarkdownInline(sentence.text)}`);
    }
    const csvTargets = csvTable("targets");
    const mdTargets = markdownTable("Targets");
    expect(mdTargets).toHaveLength(csvTargets.length);
    const columns = [
      "score (points)",
      "score 95% low",
      "score 95% high",
      "cases",
      "pass rate (%)",
      "cost per 1,000 cases usd",
      "latency p50 ms",
    ];
    const units = reportTables(report).find((table) => table.name === "targets")!;
    const unitOf = (column: string) => units.units[units.header.indexOf(column)]!;
    for (const row of mdTargets) {
      const csv = csvTargets.find((r) => escapeMarkdownInline(r.target!) === row.target);
      expect(csv, row.target).toBeDefined();
      // Each cell is the CSV's number written as the pages write it.
      for (const column of columns)
        expect(row[column], `${row.target}: ${column}`).toBe(
          formatExported(cellNumber(csv![column]), unitOf(column)),
        );
      // And the score is what the run page's formatter writes from the run view's own value.
      const target = run.targets.find((t) => t.label === csv!.target)!;
      expect(row["score (points)"]).toBe(formatScore(target.summary.score?.value));
      expect(row["cost per 1,000 cases usd"]).toBe(formatUsd(target.summary.costPer1kUsd));
    }
    const mdParity = markdownTable("Parity");
    expect(mdParity).toHaveLength(report.data.compare!.pairs.length);
    for (const row of mdParity) {
      const csv = csvTable("parity").find(
        (r) =>
          escapeMarkdownInline(r.target!) === row.target &&
          escapeMarkdownInline(r.reference!) === row.reference,
      )!;
      const shown = cliPair(idOfLabel(csv.target!), idOfLabel(csv.reference!));
      // Signed as the run page and Compare write them: "+5.6", "−4.3" (minus sign), "0.0".
      expect(["difference (points)", "95% low", "95% high"].map((c) => row[c])).toEqual(
        [shown.difference!.value, shown.difference!.low, shown.difference!.high].map((v) =>
          formatExported(v, "signed-points"),
        ),
      );
      expect([cellNumber(row.cases), row.verdict]).toEqual([shown.n, shown.verdict]);
    }
  });
});
