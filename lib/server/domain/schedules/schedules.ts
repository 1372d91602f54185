import type { z } from "zod";
import type { Prisma } from "@/prisma/generated/client";
import { formatUsd } from "@/lib/format";
import {
  createScheduleSchema,
  lastFireTime,
  nextFireTimes,
  scheduleIdSchema,
  updateScheduleSchema,
  type CreateScheduleInput,
  type UpdateScheduleInput,
} from "@/lib/schemas/schedules";
import { launchRunSchema, type LaunchRunInput, type RunStatusName } from "@/lib/schemas/runs";
import { actorOf, recordAudit } from "../audit";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import { AppError } from "../errors";
import { parseReportInput as parseInput } from "../reports/reports";
import { launchRun, previewLaunch, type LaunchOptions } from "../runs/runs";
import type { Db } from "../../ops/db-client";

/**
 * Scheduled runs (issue 18, first part): a run definition launched on a cron schedule. Each fire
 * time is claimed in the database before its run is launched (a conditional update of
 * `lastFiredAt`), so a schedule fires once per fire time however many workers see it; a fire
 * that would take the schedule's spend this month past its cap is skipped and says so.
 */

/** A schedule as lists show it. */
export type ScheduleView = {
  id: string;
  name: string;
  cron: string;
  timezone: string;
  isPaused: boolean;
  version: number;
  monthlyBudgetUsd: number | null;
  /** Spent by the schedule's runs since the start of this calendar month (UTC), USD. */
  spentThisMonthUsd: number;
  /** Whether any of this month's runs ran against the emulator (its spend is then simulated). */
  isSpendSimulated: boolean;
  /** The next fire time; null while paused. */
  nextFireAt: Date | null;
  lastFiredAt: Date | null;
  lastOutcome: string | null;
  lastRun: { id: string; name: string; status: RunStatusName; createdAt: Date } | null;
  runs: number;
};

const monthStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/** What the schedule's runs spent this calendar month, and whether any of them was simulated. */
async function spentThisMonth(
  db: Db,
  scheduleId: string,
  now: Date,
): Promise<{ usd: number; isSimulated: boolean }> {
  const groups = await db.evalRun.groupBy({
    by: ["isSimulated"],
    where: { scheduleId, createdAt: { gte: monthStart(now) } },
    _sum: { spentUsd: true },
  });
  return {
    usd: groups.reduce((sum, group) => sum + Number(group._sum.spentUsd ?? 0), 0),
    isSimulated: groups.some((group) => group.isSimulated),
  };
}

/** The columns a schedule and each of its versions store, from a checked input. */
function versionColumns(schedule: z.output<typeof createScheduleSchema>) {
  return {
    name: schedule.name,
    cron: schedule.cron,
    timezone: schedule.timezone,
    monthlyBudgetUsd: schedule.monthlyBudgetUsd,
    alertLatencyP95Ms: schedule.alertLatencyP95Ms,
    alertErrorRate: schedule.alertErrorRate,
    definition: schedule.definition as unknown as Prisma.InputJsonValue,
  };
}

/** The view's spend fields. */
async function monthSpend(db: Db, scheduleId: string, now: Date) {
  const { usd, isSimulated } = await spentThisMonth(db, scheduleId, now);
  return { spentThisMonthUsd: usd, isSpendSimulated: isSimulated };
}

/** Saves a schedule after checking that its definition can be launched now. Operators. */
export async function createSchedule(
  caller: Caller,
  db: Db,
  input: CreateScheduleInput,
  options: Pick<LaunchOptions, "connections" | "awsAccountId">,
): Promise<{ id: string; nextFireAt: Date }> {
  requireRole(caller, "operator");
  const schedule = parseInput(createScheduleSchema, input);
  // Refused now, with the launch form's messages, rather than at 6 a.m. by a worker.
  await previewLaunch(caller, db, schedule.definition, options.connections);
  const [nextFireAt] = nextFireTimes(schedule.cron, schedule.timezone, new Date());
  const columns = versionColumns(schedule);
  return db.$transaction(async (tx) => {
    const created = await tx.runSchedule.create({
      data: {
        ...columns,
        createdById: caller.userId || null,
        // Fire times before now are not owed: the first is the next one.
        lastFiredAt: new Date(),
        versions: { create: { version: 1, ...columns, createdById: caller.userId || null } },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      action: "schedule.created",
      actor: actorOf(caller),
      targetType: "schedule",
      targetId: created.id,
      detail: { name: schedule.name, cron: schedule.cron, timezone: schedule.timezone },
      ipAddress: caller.ipAddress,
    });
    return { id: created.id, nextFireAt: nextFireAt! };
  });
}

/**
 * Edits a schedule: its settings become a new version (runs launched before keep the version
 * they ran, and every version stays readable). Operators.
 */
export async function updateSchedule(
  caller: Caller,
  db: Db,
  input: UpdateScheduleInput,
  options: Pick<LaunchOptions, "connections" | "awsAccountId">,
): Promise<{ id: string; version: number }> {
  requireRole(caller, "operator");
  const { id, schedule } = parseInput(updateScheduleSchema, input);
  await previewLaunch(caller, db, schedule.definition, options.connections);
  const columns = versionColumns(schedule);
  return db.$transaction(async (tx) => {
    const current = await tx.runSchedule.findUnique({ where: { id }, select: { version: true } });
    if (!current) notFound("That schedule");
    const version = current.version + 1;
    // Conditional on the version read: two edits at once make two versions, never one lost.
    const { count } = await tx.runSchedule.updateMany({
      where: { id, version: current.version },
      data: { ...columns, version },
    });
    if (count === 0) {
      throw new AppError("CONFLICT", "Someone else edited this schedule just now: reload it.");
    }
    await tx.runScheduleVersion.create({
      data: { scheduleId: id, version, ...columns, createdById: caller.userId || null },
    });
    await recordAudit(tx, {
      action: "schedule.edited",
      actor: actorOf(caller),
      targetType: "schedule",
      targetId: id,
      detail: { version, name: schedule.name, cron: schedule.cron, timezone: schedule.timezone },
      ipAddress: caller.ipAddress,
    });
    return { id, version };
  });
}

/** Every schedule with its next fire time, last result and spend this month. Viewers. */
export async function listSchedules(
  caller: Caller,
  db: Db,
  now: Date = new Date(),
): Promise<ScheduleView[]> {
  requireRole(caller, "viewer");
  const rows = await db.runSchedule.findMany({
    orderBy: { createdAt: "desc" },
    include: {
      runs: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, name: true, status: true, createdAt: true },
      },
      _count: { select: { runs: true } },
    },
  });
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      name: row.name,
      cron: row.cron,
      timezone: row.timezone,
      isPaused: row.isPaused,
      version: row.version,
      monthlyBudgetUsd: row.monthlyBudgetUsd === null ? null : Number(row.monthlyBudgetUsd),
      ...(await monthSpend(db, row.id, now)),
      nextFireAt: row.isPaused ? null : (nextFireTimes(row.cron, row.timezone, now)[0] ?? null),
      lastFiredAt: row.lastFiredAt,
      lastOutcome: row.lastOutcome,
      lastRun: row.runs[0] ? { ...row.runs[0], status: row.runs[0].status as RunStatusName } : null,
      runs: row._count.runs,
    })),
  );
}

/** One version of a schedule's settings, as the schedule page lists them. */
export type ScheduleVersionView = {
  version: number;
  name: string;
  cron: string;
  timezone: string;
  monthlyBudgetUsd: number | null;
  alertLatencyP95Ms: number | null;
  alertErrorRate: number | null;
  definition: LaunchRunInput | null;
  createdAt: Date;
};

/** A schedule's page: its settings, every version, its runs and what fires next. */
export type ScheduleDetail = ScheduleView & {
  alertLatencyP95Ms: number | null;
  alertErrorRate: number | null;
  /** The current definition; null when it no longer reads as a launch (it will fail to fire). */
  definition: LaunchRunInput | null;
  suite: { id: string; name: string } | null;
  /** The next three fire times; none while paused. */
  upcoming: Date[];
  versions: ScheduleVersionView[];
  history: {
    id: string;
    name: string;
    status: RunStatusName;
    createdAt: Date;
    version: number | null;
    spentUsd: number;
    isSimulated: boolean;
  }[];
};

const readDefinition = (json: Prisma.JsonValue): LaunchRunInput | null => {
  const parsed = launchRunSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
};

/** One schedule with its versions and its latest runs (at most `runLimit`). Viewers. */
export async function getScheduleDetail(
  caller: Caller,
  db: Db,
  input: { id: string },
  now: Date = new Date(),
  runLimit = 50,
): Promise<ScheduleDetail> {
  requireRole(caller, "viewer");
  const { id } = parseInput(scheduleIdSchema, input);
  const row = await db.runSchedule.findUnique({
    where: { id },
    include: {
      versions: { orderBy: { version: "desc" } },
      runs: {
        orderBy: { createdAt: "desc" },
        take: runLimit,
        select: {
          id: true,
          name: true,
          status: true,
          createdAt: true,
          scheduleVersion: true,
          spentUsd: true,
          isSimulated: true,
        },
      },
      _count: { select: { runs: true } },
    },
  });
  if (!row) notFound("That schedule");
  const definition = readDefinition(row.definition);
  const suite = definition
    ? await db.suite.findUnique({
        where: { id: definition.suiteId },
        select: { id: true, name: true },
      })
    : null;
  const upcoming = row.isPaused ? [] : nextFireTimes(row.cron, row.timezone, now, 3);
  const latest = row.runs[0];
  return {
    id: row.id,
    name: row.name,
    cron: row.cron,
    timezone: row.timezone,
    isPaused: row.isPaused,
    version: row.version,
    monthlyBudgetUsd: row.monthlyBudgetUsd === null ? null : Number(row.monthlyBudgetUsd),
    ...(await monthSpend(db, row.id, now)),
    nextFireAt: upcoming[0] ?? null,
    lastFiredAt: row.lastFiredAt,
    lastOutcome: row.lastOutcome,
    lastRun: latest
      ? {
          id: latest.id,
          name: latest.name,
          status: latest.status as RunStatusName,
          createdAt: latest.createdAt,
        }
      : null,
    runs: row._count.runs,
    alertLatencyP95Ms: row.alertLatencyP95Ms,
    alertErrorRate: row.alertErrorRate,
    definition,
    suite,
    upcoming,
    versions: row.versions.map((version) => ({
      version: version.version,
      name: version.name,
      cron: version.cron,
      timezone: version.timezone,
      monthlyBudgetUsd: version.monthlyBudgetUsd === null ? null : Number(version.monthlyBudgetUsd),
      alertLatencyP95Ms: version.alertLatencyP95Ms,
      alertErrorRate: version.alertErrorRate,
      definition: readDefinition(version.definition),
      createdAt: version.createdAt,
    })),
    history: row.runs.map((run) => ({
      id: run.id,
      name: run.name,
      status: run.status as RunStatusName,
      createdAt: run.createdAt,
      version: run.scheduleVersion,
      spentUsd: Number(run.spentUsd),
      isSimulated: run.isSimulated,
    })),
  };
}

/** Pauses or resumes a schedule; resuming does not owe the fire times missed while paused. */
export async function setSchedulePaused(
  caller: Caller,
  db: Db,
  input: { id: string },
  isPaused: boolean,
): Promise<void> {
  requireRole(caller, "operator");
  const { id } = parseInput(scheduleIdSchema, input);
  await db.$transaction(async (tx) => {
    const { count } = await tx.runSchedule.updateMany({
      where: { id },
      data: isPaused ? { isPaused } : { isPaused, lastFiredAt: new Date() },
    });
    if (count === 0) notFound("That schedule");
    await recordAudit(tx, {
      action: isPaused ? "schedule.paused" : "schedule.resumed",
      actor: actorOf(caller),
      targetType: "schedule",
      targetId: id,
      detail: {},
      ipAddress: caller.ipAddress,
    });
  });
}

/** Deletes a schedule; its past runs stay (unlinked). Operators. */
export async function deleteSchedule(caller: Caller, db: Db, input: { id: string }) {
  requireRole(caller, "operator");
  const { id } = parseInput(scheduleIdSchema, input);
  await db.$transaction(async (tx) => {
    const deleted = await tx.runSchedule.deleteMany({ where: { id } });
    if (deleted.count === 0) notFound("That schedule");
    await recordAudit(tx, {
      action: "schedule.deleted",
      actor: actorOf(caller),
      targetType: "schedule",
      targetId: id,
      detail: {},
      ipAddress: caller.ipAddress,
    });
  });
}

type Launcher = Pick<LaunchOptions, "connections" | "enqueue" | "awsAccountId">;

/** What one fire of a schedule did. */
export type FireOutcome =
  | { kind: "launched"; runId: string }
  | { kind: "skipped"; reason: string }
  | { kind: "failed"; reason: string };

/**
 * Launches one run of a schedule's definition, unless its spend this month has reached the cap.
 * The run is linked to the schedule and the version of the definition it ran.
 */
async function launchScheduled(
  caller: Caller,
  db: Db,
  schedule: {
    id: string;
    name: string;
    definition: Prisma.JsonValue;
    monthlyBudgetUsd: Prisma.Decimal | null;
    version: number;
  },
  launcher: Launcher,
  now: Date,
): Promise<FireOutcome> {
  const definition = launchRunSchema.safeParse(schedule.definition);
  if (!definition.success) {
    return { kind: "failed", reason: "its stored definition no longer matches the launch form" };
  }
  const cap = schedule.monthlyBudgetUsd === null ? null : Number(schedule.monthlyBudgetUsd);
  if (cap !== null) {
    const spent = (await spentThisMonth(db, schedule.id, now)).usd;
    const perRun = definition.data.budgetUsd ?? null;
    if (spent >= cap || (perRun !== null && spent + perRun > cap)) {
      return {
        kind: "skipped",
        reason: `its runs have spent ${formatUsd(spent)} this month of a ${formatUsd(cap)} cap${perRun !== null ? `, and a run may spend ${formatUsd(perRun)}` : ""}`,
      };
    }
  }
  const input: LaunchRunInput = {
    ...definition.data,
    name: `${schedule.name} (${now.toISOString().slice(0, 16).replace("T", " ")} UTC)`.slice(
      0,
      120,
    ),
  };
  try {
    const { runId } = await launchRun(caller, db, input, {
      ...launcher,
      origin: "schedule",
      schedule: { id: schedule.id, version: schedule.version },
    });
    return { kind: "launched", runId };
  } catch (error) {
    // A refusal the launch form would show is said as it is; anything else is logged and said
    // generically, since the outcome is shown on the schedule's page.
    if (error instanceof AppError) return { kind: "failed", reason: error.message };
    console.error(`schedule ${schedule.id}: launch failed`, error);
    return { kind: "failed", reason: "the launch failed unexpectedly (the worker's log has why)" };
  }
}

function describeOutcome(outcome: FireOutcome): string {
  return outcome.kind === "launched"
    ? `launched run ${outcome.runId}`
    : `${outcome.kind}: ${outcome.reason}`;
}

/** "Run now": one run of the schedule at once, whatever its cron says (the cap still holds). */
export async function runScheduleNow(
  caller: Caller,
  db: Db,
  input: { id: string },
  launcher: Launcher,
  now: Date = new Date(),
): Promise<FireOutcome> {
  requireRole(caller, "operator");
  const { id } = parseInput(scheduleIdSchema, input);
  const schedule = await db.runSchedule.findUnique({ where: { id } });
  if (!schedule) notFound("That schedule");
  const outcome = await launchScheduled(caller, db, schedule, launcher, now);
  await db.runSchedule.update({
    where: { id },
    data: { lastOutcome: `${describeOutcome(outcome)} (run now)` },
  });
  await recordAudit(db, {
    action: "schedule.run_now",
    actor: actorOf(caller),
    targetType: "schedule",
    targetId: id,
    detail: { outcome: describeOutcome(outcome) },
    ipAddress: caller.ipAddress,
  });
  if (outcome.kind !== "launched") {
    throw new AppError("CONFLICT", `The schedule was not run: ${outcome.reason}.`);
  }
  return outcome;
}

/**
 * Launches every active schedule that has a fire time in (last claimed, now]: at most one run per
 * schedule per call, however many fire times were missed (a worker that was down does not make up
 * a backlog). Each fire time is claimed with a conditional update first, so workers calling this
 * at once launch each fire once. `caller` is the scheduler's own identity.
 */
export async function fireDueSchedules(
  caller: Caller,
  db: Db,
  launcher: Launcher,
  now: Date = new Date(),
): Promise<{ scheduleId: string; outcome: FireOutcome }[]> {
  const active = await db.runSchedule.findMany({ where: { isPaused: false } });
  const fired: { scheduleId: string; outcome: FireOutcome }[] = [];
  for (const schedule of active) {
    const since = schedule.lastFiredAt ?? schedule.createdAt;
    // The latest fire time not after now: the one this call answers for (older ones are not owed).
    const latest = lastFireTime(schedule.cron, schedule.timezone, now);
    if (latest <= since) continue;
    const claimed = await db.runSchedule.updateMany({
      where: { id: schedule.id, isPaused: false, lastFiredAt: schedule.lastFiredAt },
      data: { lastFiredAt: latest },
    });
    if (claimed.count === 0) continue; // Another worker took it.
    const outcome = await launchScheduled(caller, db, schedule, launcher, latest);
    await db.runSchedule.update({
      where: { id: schedule.id },
      data: { lastOutcome: describeOutcome(outcome) },
    });
    fired.push({ scheduleId: schedule.id, outcome });
  }
  return fired;
}
