import type { Prisma } from "@/prisma/generated/client";
import { decodeUtf8, formatImportIssue, getDisplayName } from "@/lib/eval/import";
import { BUILTIN_SUITES } from "@/lib/eval/suites";
import { suiteContentId } from "@/lib/eval/suite-id";
import type { SuiteRecordStats } from "@/lib/eval/suite-record";
import { parseStoredCase } from "@/lib/eval/stored-json";
import type { EvalCase, Suite } from "@/lib/eval/types";
import { actorOf, recordAudit } from "../audit";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import type { Db } from "../../ops/db-client";
import { AppError } from "../errors";
import { runSuiteImport } from "./suite-import-runner";

/**
 * Suites in the database. Suites are immutable: the id is the slug plus a content hash, so
 * re-importing identical content finds the existing suite and a run always reads the cases it ran.
 */

type Tx = Prisma.TransactionClient | Db;

export type SuiteSummary = {
  id: string;
  slug: string;
  name: string;
  description: string;
  source: string;
  format: string | null;
  caseCount: number;
  inputTokens: number;
  expectedOutputTokens: number;
  judgedCaseCount: number;
  hasJudge: boolean;
  categories: string[];
  createdAt: Date;
};

/** Stores a suite unless a suite with the same content exists; returns its id. */
export async function storeSuite(
  db: Db,
  suite: Suite,
  meta: { source: "builtin" | "import"; format?: string; fileName?: string; createdById?: string },
  computed?: SuiteRecordStats,
): Promise<{ id: string; isNew: boolean }> {
  const id = computed?.id ?? suiteContentId(suite);
  const existing = await db.suite.findUnique({ where: { id }, select: { id: true } });
  if (existing) return { id, isNew: false };
  // Token counts only for a suite not stored yet: a command running a file it ran before skips
  // them, and the tokenizer they need is loaded only then.
  const stats = computed ?? (await import("@/lib/eval/suite-record")).suiteRecordStats(suite);
  await db.$transaction(async (tx: Tx) => {
    await tx.suite.updateMany({ where: { slug: suite.slug }, data: { isLatest: false } });
    await tx.suite.create({
      data: {
        id,
        slug: suite.slug,
        name: suite.name,
        description: suite.description,
        source: meta.source,
        format: meta.format ?? null,
        fileName: meta.fileName ?? null,
        caseCount: suite.cases.length,
        inputTokens: stats.inputTokens,
        expectedOutputTokens: stats.expectedOutputTokens,
        hasJudge: stats.hasJudge,
        createdById: meta.createdById ?? null,
      },
    });
    await tx.suiteCase.createMany({
      data: suite.cases.map((testCase, position) => ({
        suiteId: id,
        id: testCase.id,
        position,
        category: testCase.category,
        tags: testCase.tags,
        messages: testCase.messages as unknown as Prisma.InputJsonValue,
        reference: testCase.reference,
        assertions: testCase.assertions as unknown as Prisma.InputJsonValue,
        vars: (testCase.vars ?? undefined) as Prisma.InputJsonValue | undefined,
        threshold: testCase.threshold ?? null,
      })),
    });
  });
  return { id, isNew: true };
}

/** Makes sure the current built-in suites are in the database (idempotent; runs at start). */
export async function ensureBuiltinSuites(db: Db): Promise<void> {
  for (const builtin of BUILTIN_SUITES) {
    const suite: Suite = {
      slug: builtin.slug,
      name: builtin.name,
      description: builtin.description,
      cases: builtin.cases.map((testCase): EvalCase => ({
        id: testCase.id,
        category: testCase.category,
        tags: testCase.tags,
        messages: testCase.messages,
        reference: testCase.reference,
        assertions: testCase.assertions,
      })),
    };
    await storeSuite(db, suite, { source: "builtin" });
  }
}

/** The latest version of every suite, built-in first. Anyone signed in may read them. */
export async function listSuites(caller: Caller, db: Db): Promise<SuiteSummary[]> {
  requireRole(caller, "viewer");
  const suites = await db.suite.findMany({
    where: { isLatest: true },
    orderBy: [{ source: "asc" }, { createdAt: "asc" }],
  });
  const ids = suites.map((suite) => suite.id);
  const categories = await db.suiteCase.groupBy({
    by: ["suiteId", "category"],
    where: { suiteId: { in: ids } },
  });
  const judged = await db.$queryRaw<{ suiteId: string; n: bigint }[]>`
    SELECT "suiteId", count(*) AS n FROM "SuiteCase"
    WHERE "suiteId" = ANY(${ids}) AND "assertions"::text LIKE '%"llm-rubric"%'
    GROUP BY "suiteId"`;
  const judgedBySuite = new Map(judged.map((row) => [row.suiteId, Number(row.n)]));
  return suites.map((suite) => ({
    id: suite.id,
    slug: suite.slug,
    name: suite.name,
    description: suite.description,
    source: suite.source,
    format: suite.format,
    caseCount: suite.caseCount,
    inputTokens: suite.inputTokens,
    expectedOutputTokens: suite.expectedOutputTokens,
    judgedCaseCount: judgedBySuite.get(suite.id) ?? 0,
    hasJudge: suite.hasJudge,
    categories: categories
      .filter((row) => row.suiteId === suite.id)
      .map((row) => row.category)
      .sort(),
    createdAt: suite.createdAt,
  }));
}

/** A suite's cases, in order, as the engine and the run page read them. */
export async function loadSuiteCases(db: Db, suiteId: string): Promise<EvalCase[]> {
  const rows = await db.suiteCase.findMany({ where: { suiteId }, orderBy: { position: "asc" } });
  return rows.map((row) => ({
    id: row.id,
    tags: row.tags,
    reference: row.reference,
    ...parseStoredCase(row, `suite ${suiteId}, case ${row.id}`),
    ...(row.threshold === null ? {} : { threshold: row.threshold }),
  }));
}

/** Finds a suite by id, or by slug (its latest version). */
export async function findSuite(db: Db, idOrSlug: string) {
  return (
    (await db.suite.findUnique({ where: { id: idOrSlug } })) ??
    (await db.suite.findFirst({ where: { slug: idOrSlug, isLatest: true } }))
  );
}

/** One uploaded file as it arrived: its bytes are decoded (strictly, as UTF-8) here. */
export type SuiteUpload = { fileName: string; bytes: Uint8Array };

/**
 * Imports a suite from uploaded files: the first is the suite (JSONL, CSV or a promptfoo YAML
 * configuration); the others are files it references (`file://prompts.txt`, `file://tests.csv`).
 * All or nothing: any error stores nothing and reports every problem with its file and line.
 * Parsing and rendering run in a child process (see runSuiteImport), never on this event loop.
 */
export async function importSuiteFiles(
  caller: Caller,
  db: Db,
  files: SuiteUpload[],
): Promise<{ id: string; name: string; caseCount: number; isNew: boolean; warnings: string[] }> {
  requireRole(caller, "operator");
  const [main] = files;
  if (!main) throw new AppError("INVALID_INPUT", "Choose a suite file to import.");
  const decoded = [];
  const encodingErrors = [];
  for (const file of files) {
    const result = decodeUtf8(getDisplayName(file.fileName), file.bytes);
    if (result.ok) decoded.push({ fileName: file.fileName, text: result.text });
    else encodingErrors.push(result.issue);
  }
  const result =
    encodingErrors.length > 0
      ? ({ ok: false, errors: encodingErrors } as const)
      : await runSuiteImport(decoded);
  if (!result.ok) {
    throw new AppError("INVALID_INPUT", "The suite was not imported: nothing was stored.", {
      file: result.errors.map(formatImportIssue),
    });
  }
  const format = main.fileName.endsWith(".jsonl")
    ? "jsonl"
    : main.fileName.endsWith(".csv")
      ? "csv"
      : "promptfoo";
  const stored = await storeSuite(
    db,
    result.suite,
    {
      source: "import",
      format,
      fileName: main.fileName,
      createdById: caller.userId,
    },
    result.stats,
  );
  await recordAudit(db, {
    action: "suite.imported",
    actor: actorOf(caller),
    targetType: "suite",
    targetId: stored.id,
    detail: { fileName: main.fileName, cases: result.suite.cases.length, isNew: stored.isNew },
    ipAddress: caller.ipAddress,
  });
  return {
    id: stored.id,
    name: result.suite.name,
    caseCount: result.suite.cases.length,
    isNew: stored.isNew,
    warnings: result.warnings,
  };
}

/** One suite with its cases, for the suite page. */
export async function getSuiteDetail(caller: Caller, db: Db, suiteId: string) {
  requireRole(caller, "viewer");
  const suite = await db.suite.findUnique({ where: { id: suiteId } });
  if (!suite) notFound("That suite");
  return { suite, cases: await loadSuiteCases(db, suiteId) };
}
