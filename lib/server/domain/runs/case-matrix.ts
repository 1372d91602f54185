import { Prisma } from "@/prisma/generated/client";
import type { CaseMatrixFilter } from "@/lib/schemas/runs";
import {
  CASE_DISAGREEMENT_SPREAD,
  type CaseMatrixCell,
  type CaseMatrixPage,
  type CaseMatrixRepeat,
} from "@/lib/views/case-matrix";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import type { Db } from "../../ops/db-client";

/**
 * The case × target grid of a run page, paged by case. Which cases match, and whether their
 * targets disagree, is decided from the per-case rollups (RunCaseStats: one row per case and
 * target), so a page costs one pass over a run's rollups, not over its trials. Only the cells of
 * the page's cases read trials, through the trial key's index. The text search is the exception:
 * matching outputs has to read the run's outputs, as the trial list's search does.
 */

export const CASE_MATRIX_PAGE_SIZE = 25;

/** A spread "more than 20 points" must not catch 0.8 − 0.6, which is 0.20000000000000007. */
const SPREAD_EPSILON = 1e-9;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What a case's rollup rows must show for the trial filters (target, outcome) to keep it. */
function rollupMatch(filter: CaseMatrixFilter): Prisma.Sql | null {
  const parts: Prisma.Sql[] = [];
  if (filter.target) parts.push(Prisma.sql`s."targetId" = ${filter.target}`);
  if (filter.outcome === "pass") parts.push(Prisma.sql`s.passed > 0`);
  if (filter.outcome === "fail") parts.push(Prisma.sql`s.scored > s.passed`);
  if (filter.outcome === "error") parts.push(Prisma.sql`s.errors > 0`);
  return parts.length > 0 ? Prisma.join(parts, " AND ") : null;
}

/** The conditions on a case `c` (SuiteCase) and its per-case figures `p`. */
function caseConditions(runId: string, filter: CaseMatrixFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`true`];
  if (filter.category) parts.push(Prisma.sql`c.category = ${filter.category}`);
  if (filter.disagree) parts.push(Prisma.sql`p.is_disagreement`);
  if (rollupMatch(filter)) parts.push(Prisma.sql`p.is_match`);
  if (filter.q) {
    const like = likePattern(filter.q);
    const target = filter.target ? Prisma.sql`AND t."targetId" = ${filter.target}` : Prisma.empty;
    // A semi-join: one pass over the run's trials, hashed, rather than one probe per case.
    parts.push(Prisma.sql`(c.id ILIKE ${like} OR c.reference ILIKE ${like} OR c.id IN (
      SELECT t."caseId" FROM "Trial" t
      WHERE t."runId" = ${runId} ${target} AND t.output ILIKE ${like}))`);
  }
  return Prisma.join(parts, " AND ");
}

type CaseRow = {
  total: number;
  id: string | null;
  category: string | null;
  reference: string | null;
  prompt: string | null;
  is_disagreement: boolean | null;
  score_spread: number | null;
};

type CellRow = {
  case_id: string;
  target_id: string;
  trials: number;
  errors: number;
  scored: number;
  passed: number;
  mean_score: number | null;
  mean_latency_ms: number | null;
  repeats: CaseMatrixRepeat[] | null;
};

/**
 * One page of a run's cases in suite order, each with every target's cell, filtered. A case
 * shows when any of its targets' results match the trial filters (target, outcome, text in the
 * case or an output), and with `disagree` only when its targets disagree (see
 * CASE_DISAGREEMENT_SPREAD). Cases with no stored trial yet are not listed.
 */
export async function listRunCaseMatrix(
  caller: Caller,
  db: Db,
  runId: string,
  filter: CaseMatrixFilter,
): Promise<CaseMatrixPage> {
  requireRole(caller, "viewer");
  const run = await db.evalRun.findUnique({
    where: { id: runId },
    select: {
      suiteId: true,
      targets: {
        orderBy: { position: "asc" },
        select: { id: true, label: true, kind: true, isSimulated: true },
      },
    },
  });
  if (!run) notFound("That run");
  const match = rollupMatch(filter) ?? Prisma.sql`true`;
  const spread = CASE_DISAGREEMENT_SPREAD + SPREAD_EPSILON;
  const offset = (filter.page - 1) * CASE_MATRIX_PAGE_SIZE;
  // One row even when the page is empty (LEFT JOIN from a single row), so the total still comes.
  const cases = await db.$queryRaw<CaseRow[]>`
    WITH per_target AS (
      SELECT s."caseId" AS case_id,
        CASE WHEN s.scored > 0 THEN s.passed::float8 / s.scored END AS pass_rate,
        CASE WHEN s.scored > 0 THEN s."scoreSum" / s.scored END AS mean_score,
        ${match} AS is_match
      FROM "RunCaseStats" s
      WHERE s."runId" = ${runId}
    ),
    per_case AS (
      SELECT case_id,
        CASE WHEN count(mean_score) >= 2 THEN max(mean_score) - min(mean_score) END AS score_spread,
        coalesce(max(pass_rate) > min(pass_rate), false)
          OR coalesce(max(mean_score) - min(mean_score) > ${spread}, false)
          AS is_disagreement,
        bool_or(is_match) AS is_match
      FROM per_target
      GROUP BY case_id
    ),
    matched AS (
      SELECT c.id, c.position, c.category, c.reference, c.messages, p.is_disagreement,
        p.score_spread
      FROM per_case p
      JOIN "SuiteCase" c ON c."suiteId" = ${run.suiteId} AND c.id = p.case_id
      WHERE ${caseConditions(runId, filter)}
    ),
    page AS (
      SELECT * FROM matched ORDER BY position LIMIT ${CASE_MATRIX_PAGE_SIZE} OFFSET ${offset}
    )
    SELECT (SELECT count(*) FROM matched)::int AS total,
      page.id, page.category, page.reference, page.is_disagreement, page.score_spread,
      (SELECT m.value->>'content' FROM jsonb_array_elements(page.messages) WITH ORDINALITY AS m
        WHERE m.value->>'role' = 'user' ORDER BY m.ordinality DESC LIMIT 1) AS prompt
    FROM (SELECT 1) AS one
    LEFT JOIN page ON true
    ORDER BY page.position`;

  const pageCases = cases.filter((row): row is CaseRow & { id: string } => row.id !== null);
  const targetIds = run.targets.map((target) => target.id);
  const policyTargets = new Set(
    run.targets.filter((target) => target.kind === "policy").map((target) => target.id),
  );
  // Each cell reads its own trials through the trial key (runId, targetId, caseId, repeat).
  const cells =
    pageCases.length === 0
      ? []
      : await db.$queryRaw<CellRow[]>`
          SELECT s."caseId" AS case_id, s."targetId" AS target_id, s.trials, s.errors, s.scored,
            s.passed, CASE WHEN s.scored > 0 THEN s."scoreSum" / s.scored END AS mean_score,
            r.mean_latency_ms, r.repeats
          FROM "RunCaseStats" s
          LEFT JOIN LATERAL (
            SELECT avg(t."latencyMs") FILTER (WHERE t.status <> 'error') AS mean_latency_ms,
              json_agg(json_build_object(
                'repeat', t.repeat, 'status', t.status, 'output', t.output, 'pass', t.pass,
                'score', t.score, 'latencyMs', t."latencyMs", 'errorKind', t."errorKind",
                'errorMessage', t."errorMessage",
                'servedBy', coalesce(m.name || ' on ' || pl.name, t."servedBy")
              ) ORDER BY t.repeat) AS repeats
            FROM "Trial" t
            LEFT JOIN "Offering" o ON o.id = t."servedBy"
            LEFT JOIN "Model" m ON m.id = o."modelId"
            LEFT JOIN "Platform" pl ON pl.id = o."platformId"
            WHERE t."runId" = s."runId" AND t."targetId" = s."targetId" AND t."caseId" = s."caseId"
          ) r ON true
          WHERE s."runId" = ${runId} AND s."targetId" = ANY(${targetIds}::text[])
            AND s."caseId" = ANY(${pageCases.map((row) => row.id)}::text[])`;

  const cellsByKey = new Map(
    cells.map((cell): [string, CaseMatrixCell] => [
      `${cell.case_id}\u0000${cell.target_id}`,
      {
        targetId: cell.target_id,
        trials: cell.trials,
        errors: cell.errors,
        scored: cell.scored,
        passed: cell.passed,
        meanScore: cell.mean_score,
        meanLatencyMs: cell.mean_latency_ms,
        // An offering target's "served by" is the target itself: only routing targets say it.
        repeats: (cell.repeats ?? []).map((repeat) => ({
          ...repeat,
          servedBy: policyTargets.has(cell.target_id) ? repeat.servedBy : null,
        })),
      },
    ]),
  );
  return {
    targets: run.targets.map(({ id, label, isSimulated }) => ({ id, label, isSimulated })),
    total: cases[0]?.total ?? 0,
    page: filter.page,
    pageSize: CASE_MATRIX_PAGE_SIZE,
    rows: pageCases.map((row) => ({
      caseId: row.id,
      category: row.category ?? "",
      prompt: row.prompt ?? "",
      reference: row.reference,
      isDisagreement: row.is_disagreement ?? false,
      scoreSpread: row.score_spread,
      cells: targetIds.map((targetId) => cellsByKey.get(`${row.id}\u0000${targetId}`) ?? null),
    })),
  };
}
