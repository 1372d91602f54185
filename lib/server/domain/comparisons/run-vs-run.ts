import { compareAcrossRuns, matchRunTargets } from "@/lib/eval/run-against-run";
import { DEFAULT_PARITY_MARGIN } from "@/lib/eval/stats";
import { caseMeans } from "@/lib/eval/summary";
import type { Prisma } from "@/prisma/generated/client";
import type { RunStatusName } from "@/lib/schemas/runs";
import type {
  ComparableRun,
  RunAgainstRunPicker,
  RunAgainstRunProblem,
  RunAgainstRunView,
  RunSchedule,
  RunSide,
  RunSideTarget,
  RunTargetComparison,
} from "@/lib/views/run-vs-run";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import type { Db } from "../../ops/db-client";
import { getRunView, loadCaseRollups, type RunTargetView, type RunView } from "../runs/runs";

/**
 * Run against run: the targets two runs of one suite share, each paired over the cases both runs
 * scored (compareAcrossRuns, the within-run comparison), from the rollups only. A is "this run",
 * B "the other run"; every difference is A − B. Viewers.
 */

export type { ComparableRun, RunAgainstRunPicker, RunAgainstRunView };

/** Runs the picker lists on each side. */
const PICKER_RUNS = 50;

const SCHEDULE_SELECT = {
  scheduleId: true,
  scheduleVersion: true,
  schedule: { select: { name: true } },
} as const;

type ScheduleRow = {
  scheduleId: string | null;
  scheduleVersion: number | null;
  schedule: { name: string } | null;
};

/**
 * The schedule of each run, named as the version it ran was named (an edit may rename it), or as
 * it is named now when that version is not recorded.
 */
async function loadSchedules(
  db: Db,
  rows: readonly (ScheduleRow & { id: string })[],
): Promise<Map<string, RunSchedule | null>> {
  const keys = rows.flatMap((row) =>
    row.scheduleId && row.scheduleVersion !== null
      ? [{ scheduleId: row.scheduleId, version: row.scheduleVersion }]
      : [],
  );
  const versions = keys.length
    ? await db.runScheduleVersion.findMany({
        where: { OR: keys },
        select: { scheduleId: true, version: true, name: true },
      })
    : [];
  const nameOf = new Map(versions.map((v) => [`${v.scheduleId}:${v.version}`, v.name]));
  return new Map(
    rows.map((row) => [
      row.id,
      row.scheduleId && row.schedule
        ? {
            id: row.scheduleId,
            name: nameOf.get(`${row.scheduleId}:${row.scheduleVersion}`) ?? row.schedule.name,
            version: row.scheduleVersion,
          }
        : null,
    ]),
  );
}

function toSide(run: RunView, schedule: RunSchedule | null): RunSide {
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    isTerminal: run.isTerminal,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    isSimulated: run.isSimulated,
    storedTrials: run.storedTrials,
    expectedTrials: run.expectedTrials,
    suite: run.suite,
    schedule,
    catalogSnapshot: run.catalogSnapshot
      ? { source: run.catalogSnapshot.source, takenAt: run.catalogSnapshot.takenAt }
      : null,
  };
}

function toSideTarget(target: RunTargetView): RunSideTarget {
  return {
    id: target.id,
    label: target.label,
    kind: target.kind,
    isSimulated: target.isSimulated,
    summary: target.summary,
  };
}

/**
 * One run's targets against the same targets in another run of the same suite: each matched
 * target's figures in both runs and its paired difference (this run − the other run) over the
 * cases both runs scored, its verdict and n; the targets only one run has; and, when nothing can
 * be paired, why (the same run twice, different suites, no shared target, no common case).
 * Throws NOT_FOUND for an unknown run.
 */
export async function getRunAgainstRunView(
  caller: Caller,
  db: Db,
  input: { runA: string; runB: string },
): Promise<RunAgainstRunView> {
  requireRole(caller, "viewer");
  const isSameRun = input.runA === input.runB;
  const [runA, runB, scheduleRows] = await Promise.all([
    getRunView(caller, db, input.runA),
    isSameRun ? null : getRunView(caller, db, input.runB),
    db.evalRun.findMany({
      where: { id: { in: [input.runA, input.runB] } },
      select: { id: true, ...SCHEDULE_SELECT },
    }),
  ]);
  const schedules = await loadSchedules(db, scheduleRows);
  const a = toSide(runA, schedules.get(runA.id) ?? null);
  const b = runB ? toSide(runB, schedules.get(runB.id) ?? null) : a;
  const isSameSuite = a.suite.id === b.suite.id;
  const base = {
    a,
    b,
    isSameSuite,
    margin: DEFAULT_PARITY_MARGIN,
    matched: [],
    onlyA: [],
    onlyB: [],
    commonCases: 0,
  };
  if (!runB) return { ...base, problem: "same-run" };
  if (!isSameSuite) return { ...base, problem: "different-suites" };

  const match = matchRunTargets(runA.targets, runB.targets);
  const [casesA, casesB] = await Promise.all([
    loadCaseRollups(
      db,
      runA.id,
      match.matched.map((pair) => pair.a.id),
    ),
    loadCaseRollups(
      db,
      runB.id,
      match.matched.map((pair) => pair.b.id),
    ),
  ]);
  const common = new Set<string>();
  const matched = match.matched.map((pair): RunTargetComparison => {
    const sideA = { targetId: pair.a.id, cases: casesA.get(pair.a.id) ?? [] };
    const sideB = { targetId: pair.b.id, cases: casesB.get(pair.b.id) ?? [] };
    const meansB = caseMeans(sideB.cases);
    for (const caseId of caseMeans(sideA.cases).keys()) if (meansB.has(caseId)) common.add(caseId);
    return {
      a: toSideTarget(pair.a),
      b: toSideTarget(pair.b),
      pair: compareAcrossRuns(runA.id, sideA, runB.id, sideB, DEFAULT_PARITY_MARGIN),
    };
  });
  const problem: RunAgainstRunProblem | null =
    matched.length === 0 ? "no-common-targets" : common.size === 0 ? "no-common-cases" : null;
  return {
    ...base,
    problem,
    matched,
    onlyA: match.onlyA.map(toSideTarget),
    onlyB: match.onlyB.map(toSideTarget),
    commonCases: common.size,
  };
}

export type PreviousRun = {
  id: string;
  name: string;
  createdAt: Date;
  scheduleVersion: number | null;
};

/**
 * The previous completed run of the schedule that launched `runId`: the latest completed run of
 * the same schedule created before it (whatever version it ran). Null for a run launched by hand,
 * or when there is none. Throws NOT_FOUND for an unknown run.
 */
export async function findPreviousScheduledRun(
  caller: Caller,
  db: Db,
  runId: string,
): Promise<PreviousRun | null> {
  requireRole(caller, "viewer");
  const run = await db.evalRun.findUnique({
    where: { id: runId },
    select: { id: true, scheduleId: true, createdAt: true },
  });
  if (!run) notFound("That run");
  if (!run.scheduleId) return null;
  return db.evalRun.findFirst({
    where: {
      scheduleId: run.scheduleId,
      status: "completed",
      id: { not: run.id },
      OR: [
        { createdAt: { lt: run.createdAt } },
        // Launched in the same instant: the id decides, so two such runs are each other's
        // previous in one direction only.
        { createdAt: run.createdAt, id: { lt: run.id } },
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, createdAt: true, scheduleVersion: true },
  });
}

/** Runs as the picker lists them, newest first. */
async function listRunOptions(
  db: Db,
  where: Prisma.EvalRunWhereInput,
  take = PICKER_RUNS,
): Promise<ComparableRun[]> {
  const rows = await db.evalRun.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      name: true,
      status: true,
      createdAt: true,
      isSimulated: true,
      suiteId: true,
      suite: { select: { name: true } },
      ...SCHEDULE_SELECT,
    },
  });
  const schedules = await loadSchedules(db, rows);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status as RunStatusName,
    createdAt: row.createdAt,
    isSimulated: row.isSimulated,
    suiteId: row.suiteId,
    suiteName: row.suite.name,
    schedule: schedules.get(row.id) ?? null,
  }));
}

/**
 * The runs `runId` can be compared with: the latest 50 other runs of its suite, newest first.
 * Throws NOT_FOUND for an unknown run.
 */
export async function listComparableRuns(
  caller: Caller,
  db: Db,
  runId: string,
): Promise<ComparableRun[]> {
  requireRole(caller, "viewer");
  const run = await db.evalRun.findUnique({ where: { id: runId }, select: { suiteId: true } });
  if (!run) notFound("That run");
  return listRunOptions(db, { suiteId: run.suiteId, id: { not: runId } });
}

/**
 * The other run when none is chosen: the previous completed run of the schedule, else the latest
 * completed run of the suite launched before this one, else the latest completed run of the
 * suite, else its latest run.
 */
function pickOtherRun(
  run: Pick<ComparableRun, "createdAt">,
  others: readonly ComparableRun[],
  previous: PreviousRun | null,
): string | null {
  if (previous) return previous.id;
  const completed = others.filter((other) => other.status === "completed");
  const before = completed.find((other) => other.createdAt <= run.createdAt);
  return (before ?? completed[0] ?? others[0])?.id ?? null;
}

/**
 * "This run" when none is chosen: the latest completed run whose suite has another run among the
 * latest, else the latest completed run, else the latest run.
 */
function defaultRun(runs: readonly ComparableRun[]): ComparableRun | undefined {
  const completed = runs.filter((run) => run.status === "completed");
  const hasOther = (run: ComparableRun) =>
    runs.some((other) => other.id !== run.id && other.suiteId === run.suiteId);
  return completed.find(hasOther) ?? completed[0] ?? runs[0];
}

/**
 * The run-against-run picker: "this run" among the latest 50 runs (the chosen `runId`, else a
 * default), the runs of its suite to compare it with, and the one compared with when none is
 * chosen. Throws NOT_FOUND for an unknown `runId`.
 */
export async function getRunAgainstRunPicker(
  caller: Caller,
  db: Db,
  runId?: string,
): Promise<RunAgainstRunPicker> {
  requireRole(caller, "viewer");
  const runs = await listRunOptions(db, {});
  let run = runId ? runs.find((candidate) => candidate.id === runId) : defaultRun(runs);
  if (runId && !run) {
    run = (await listRunOptions(db, { id: runId }, 1))[0];
    if (!run) notFound("That run");
    runs.push(run);
  }
  if (!run) return { runs, run: null, others: [], suggestedOtherId: null };
  const [others, previous] = await Promise.all([
    listComparableRuns(caller, db, run.id),
    findPreviousScheduledRun(caller, db, run.id),
  ]);
  return { runs, run, others, suggestedOtherId: pickOtherRun(run, others, previous) };
}
