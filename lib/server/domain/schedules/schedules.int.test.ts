import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LaunchRunInput } from "@/lib/schemas/runs";
import {
  pickOfferings,
  seedEvalDatabase,
  suiteId,
  TEST_ENV,
  TEST_OPERATOR,
} from "@/lib/testing/eval-harness";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { rejectionOf } from "@/lib/testing/rejection";
import { SCHEDULER_CALLER, type Caller } from "../caller";
import { AppError } from "../errors";
import type { Db } from "../../ops/db-client";
import { resolvePlatformConnections, type PlatformConnections } from "../../ops/router-setup";
import {
  createSchedule,
  deleteSchedule,
  fireDueSchedules,
  getScheduleDetail,
  listSchedules,
  runScheduleNow,
  setSchedulePaused,
  updateSchedule,
} from "./schedules";

/**
 * Scheduled runs against real PostgreSQL: a fire time launches one run however many workers see
 * it at once, paused schedules and capped spend launch nothing (and say why), "run now" launches
 * at once, and deleting a schedule keeps its runs.
 */

const databases = freshDatabasePool("schedules");
let db: Db;
let connections: PlatformConnections;
let definition: LaunchRunInput;
const VIEWER: Caller = { ...TEST_OPERATOR, email: "viewer", role: "viewer" };
const launcher = () => ({ connections, enqueue: async () => undefined });

beforeAll(async () => {
  ({ db } = await databases.create("main", { max: 4 }));
  await seedEvalDatabase(db);
  connections = await resolvePlatformConnections(db, TEST_ENV, "http://127.0.0.1:9");
  const offerings = await pickOfferings(db, ["openai", "aws-bedrock"]);
  definition = {
    suiteId: await suiteId(db, "factual-qa"),
    targets: offerings.map((offeringId) => ({ kind: "offering" as const, offeringId })),
    temperature: 0,
    maxTokens: 256,
    repeats: 1,
    concurrency: 4,
    stream: false,
  };
});

afterAll(() => databases.dropAll());

const appError = (promise: Promise<unknown>) => rejectionOf(promise, AppError);

describe("scheduled runs", () => {
  it("refuses a cron it cannot read and a definition the launch form would refuse", async () => {
    const badCron = await appError(
      createSchedule(
        TEST_OPERATOR,
        db,
        { name: "x", cron: "every day", definition },
        { connections },
      ),
    );
    expect(badCron.fieldErrors?.cron?.[0]).toMatch(/^Schedule: use five cron fields/);
    const badSuite = await appError(
      createSchedule(
        TEST_OPERATOR,
        db,
        { name: "x", cron: "daily", definition: { ...definition, suiteId: "no-such-suite" } },
        { connections },
      ),
    );
    expect(badSuite.code).toBe("INVALID_INPUT");
    expect(await db.runSchedule.count()).toBe(0);
    const viewer = await appError(
      createSchedule(VIEWER, db, { name: "x", cron: "daily", definition }, { connections }),
    );
    expect(viewer.code).toBe("FORBIDDEN");
  });

  it("launches a fire time once, however many workers claim it at once", async () => {
    const { id } = await createSchedule(
      TEST_OPERATOR,
      db,
      { name: "Every five minutes", cron: "*/5 * * * *", definition },
      { connections },
    );
    const t0 = new Date("2026-12-06T10:00:00Z");
    await db.runSchedule.update({ where: { id }, data: { lastFiredAt: t0 } });
    const now = new Date("2026-12-06T10:12:30Z");
    const [a, b, c] = await Promise.all([
      fireDueSchedules(SCHEDULER_CALLER, db, launcher(), now),
      fireDueSchedules(SCHEDULER_CALLER, db, launcher(), now),
      fireDueSchedules(SCHEDULER_CALLER, db, launcher(), now),
    ]);
    const fired = [...a!, ...b!, ...c!].filter((f) => f.scheduleId === id);
    // Two fire times were missed (10:05, 10:10): one run, for the latest, not a backlog.
    expect(fired).toHaveLength(1);
    expect(fired[0]!.outcome.kind).toBe("launched");
    const runs = await db.evalRun.findMany({ where: { scheduleId: id } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ origin: "schedule", scheduleVersion: 1 });
    expect(runs[0]!.name).toBe("Every five minutes (2026-12-06 10:10 UTC)");
    const stored = await db.runSchedule.findUniqueOrThrow({ where: { id } });
    expect(stored.lastFiredAt).toEqual(new Date("2026-12-06T10:10:00Z"));
    expect(stored.lastOutcome).toBe(`launched run ${runs[0]!.id}`);
    // Nothing more is due before 10:15.
    expect(await fireDueSchedules(SCHEDULER_CALLER, db, launcher(), now)).toEqual([]);

    // Paused: nothing fires; resumed: the missed fire times are not owed.
    await setSchedulePaused(TEST_OPERATOR, db, { id }, true);
    const later = new Date("2026-12-06T10:20:30Z");
    expect(await fireDueSchedules(SCHEDULER_CALLER, db, launcher(), later)).toEqual([]);
    await setSchedulePaused(TEST_OPERATOR, db, { id }, false);
    expect(await fireDueSchedules(SCHEDULER_CALLER, db, launcher(), later)).toEqual([]);
    expect(await db.evalRun.count({ where: { scheduleId: id } })).toBe(1);

    // Deleted: its runs stay, unlinked.
    await deleteSchedule(TEST_OPERATOR, db, { id });
    expect(await db.evalRun.count({ where: { id: runs[0]!.id, scheduleId: null } })).toBe(1);
    const actions = await db.auditEvent.findMany({ where: { targetId: id } });
    expect(actions.map((e) => e.action).sort()).toEqual([
      "schedule.created",
      "schedule.deleted",
      "schedule.paused",
      "schedule.resumed",
    ]);
  });

  it("skips a fire when the month's spend has reached the cap, and says so", async () => {
    const { id } = await createSchedule(
      TEST_OPERATOR,
      db,
      { name: "Capped", cron: "0 * * * *", monthlyBudgetUsd: 1, definition },
      { connections },
    );
    const first = await runScheduleNow(TEST_OPERATOR, db, { id }, launcher());
    expect(first.kind).toBe("launched");
    // This month its run has spent the cap.
    await db.evalRun.updateMany({ where: { scheduleId: id }, data: { spentUsd: 1.25 } });
    const now = new Date(Date.now() + 2 * 60 * 60 * 1000);
    const [fired] = await fireDueSchedules(SCHEDULER_CALLER, db, launcher(), now);
    expect(fired?.outcome).toEqual({
      kind: "skipped",
      reason: "its runs have spent $1.25 this month of a $1.00 cap",
    });
    expect(await db.evalRun.count({ where: { scheduleId: id } })).toBe(1);
    const refused = await appError(runScheduleNow(TEST_OPERATOR, db, { id }, launcher()));
    expect(refused.message).toBe(
      "The schedule was not run: its runs have spent $1.25 this month of a $1.00 cap.",
    );

    const [listed] = (await listSchedules(VIEWER, db)).filter((s) => s.id === id);
    expect(listed).toMatchObject({
      name: "Capped",
      cron: "0 * * * *",
      monthlyBudgetUsd: 1,
      spentThisMonthUsd: 1.25,
      // Its run called the emulator: the month's spend is simulated.
      isSpendSimulated: true,
      runs: 1,
      lastOutcome: expect.stringMatching(/^skipped: /),
    });
    expect(listed!.nextFireAt!.getUTCMinutes()).toBe(0);
    expect(listed!.lastRun?.id).toBeTruthy();
  });

  it("an edit makes a new version; runs keep the version they ran", async () => {
    const { id } = await createSchedule(
      TEST_OPERATOR,
      db,
      { name: "Nightly", cron: "daily", definition },
      { connections },
    );
    const first = await runScheduleNow(TEST_OPERATOR, db, { id }, launcher());
    const edited = await updateSchedule(
      TEST_OPERATOR,
      db,
      {
        id,
        schedule: {
          name: "Nightly, two repeats",
          cron: "0 2 * * *",
          timezone: "Europe/Paris",
          alertLatencyP95Ms: 1500,
          alertErrorRate: 0.05,
          definition: { ...definition, repeats: 2 },
        },
      },
      { connections },
    );
    expect(edited.version).toBe(2);
    const second = await runScheduleNow(TEST_OPERATOR, db, { id }, launcher());
    const runs = await db.evalRun.findMany({
      where: { scheduleId: id },
      select: { id: true, scheduleVersion: true, repeats: true },
    });
    const byId = new Map(runs.map((run) => [run.id, run]));
    expect(byId.get(first.kind === "launched" ? first.runId : "")).toMatchObject({
      scheduleVersion: 1,
      repeats: 1,
    });
    expect(byId.get(second.kind === "launched" ? second.runId : "")).toMatchObject({
      scheduleVersion: 2,
      repeats: 2,
    });

    const detail = await getScheduleDetail(VIEWER, db, { id }, new Date("2026-12-06T12:00:00Z"));
    expect(detail).toMatchObject({
      name: "Nightly, two repeats",
      version: 2,
      timezone: "Europe/Paris",
      alertLatencyP95Ms: 1500,
      alertErrorRate: 0.05,
      runs: 2,
    });
    // 02:00 in Paris is 01:00 UTC in December.
    expect(detail.upcoming.map((at) => at.toISOString())).toEqual([
      "2026-12-07T01:00:00.000Z",
      "2026-12-08T01:00:00.000Z",
      "2026-12-09T01:00:00.000Z",
    ]);
    expect(detail.versions.map((v) => [v.version, v.name, v.definition?.repeats])).toEqual([
      [2, "Nightly, two repeats", 2],
      [1, "Nightly", 1],
    ]);
    expect(detail.history.map((run) => run.version)).toEqual([2, 1]);

    // Operators edit; viewers read; an unknown schedule is not found.
    const refused = await appError(
      updateSchedule(
        VIEWER,
        db,
        { id, schedule: { name: "x", cron: "daily", definition } },
        { connections },
      ),
    );
    expect(refused.code).toBe("FORBIDDEN");
    const missing = await appError(getScheduleDetail(VIEWER, db, { id: "no-such-schedule" }));
    expect(missing.code).toBe("NOT_FOUND");
    const audit = await db.auditEvent.findMany({
      where: { targetId: id, action: "schedule.edited" },
    });
    expect(audit).toHaveLength(1);
  });

  it("a schedule following a model takes every platform selling it when each run launches", async () => {
    const modelId = "openai/gpt-5.5";
    const { id } = await createSchedule(
      TEST_OPERATOR,
      db,
      {
        name: "Following GPT-5.5",
        cron: "daily",
        definition: { ...definition, targets: [{ kind: "model", modelId }] },
      },
      { connections },
    );
    const platformsOf = async (runId: string) =>
      (await db.runTarget.findMany({ where: { runId }, select: { platformIds: true } }))
        .flatMap((target) => target.platformIds)
        .sort();
    const first = await runScheduleNow(TEST_OPERATOR, db, { id }, launcher());
    const before = await platformsOf(first.kind === "launched" ? first.runId : "");
    expect(before.length).toBeGreaterThanOrEqual(2);

    // A platform stops selling it: the next run leaves that platform out, and nothing else changes.
    const [dropped] = before;
    const retired = await db.offering.findMany({
      where: { modelId, platformId: dropped },
      select: { id: true, lifecycle: true },
    });
    await db.offering.updateMany({
      where: { id: { in: retired.map((o) => o.id) } },
      data: { lifecycle: "retired" },
    });
    try {
      const second = await runScheduleNow(TEST_OPERATOR, db, { id }, launcher());
      expect(await platformsOf(second.kind === "launched" ? second.runId : "")).toEqual(
        before.filter((platform) => platform !== dropped),
      );
    } finally {
      for (const offering of retired) {
        await db.offering.update({
          where: { id: offering.id },
          data: { lifecycle: offering.lifecycle },
        });
      }
    }

    // A model no platform can run is refused when saved, naming it.
    const refused = await appError(
      createSchedule(
        TEST_OPERATOR,
        db,
        {
          name: "Nothing",
          cron: "daily",
          definition: { ...definition, targets: [{ kind: "model", modelId: "nobody/none" }] },
        },
        { connections },
      ),
    );
    expect(refused.message).toBe("Targets: no platform can run nobody/none now.");
  });

  it("says an unexpected launch failure generically, never its raw text", async () => {
    const { id } = await createSchedule(
      TEST_OPERATOR,
      db,
      { name: "Broken queue", cron: "daily", definition },
      { connections },
    );
    const broken = {
      connections,
      enqueue: async () => {
        throw new Error("queue at postgres://user:hunter2@db.internal failed");
      },
    };
    const refused = await appError(runScheduleNow(TEST_OPERATOR, db, { id }, broken));
    expect(refused.message).not.toContain("hunter2");
    const stored = await db.runSchedule.findUniqueOrThrow({ where: { id } });
    expect(stored.lastOutcome).not.toContain("hunter2");
    expect(stored.lastOutcome).toMatch(/^failed: /);
  });
});
