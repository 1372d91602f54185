import { describe, expect, it } from "vitest";
import {
  createScheduleSchema,
  cronFromPick,
  describeCron,
  nextFireTimes,
  pickFromCron,
  scheduleFormSchema,
  scheduleInputFromForm,
} from "./schedules";

const definition = {
  suiteId: "s1",
  targets: [{ kind: "offering", offeringId: "o1" }],
  temperature: 0,
  maxTokens: 256,
  repeats: 1,
  concurrency: 4,
  stream: false,
};

const parse = (fields: Record<string, unknown>) =>
  createScheduleSchema.safeParse({ name: "n", cron: "daily", definition, ...fields });

describe("createScheduleSchema", () => {
  it("turns the friendly choices into cron and keeps a cron expression as typed", () => {
    expect(parse({ cron: "daily" }).data?.cron).toBe("0 6 * * *");
    expect(parse({ cron: "weekly" }).data?.cron).toBe("0 6 * * 1");
    expect(parse({ cron: " */15 * * * 1-5 " }).data?.cron).toBe("*/15 * * * 1-5");
  });

  it("refuses a cron it cannot read, an unknown time zone and a cap below a run's budget", () => {
    expect(parse({ cron: "0 6 * *" }).error?.issues[0]?.message).toMatch(/five cron fields/);
    expect(parse({ cron: "0 25 * * *" }).error?.issues[0]?.message).toBe(
      "Schedule: that cron expression cannot be read.",
    );
    expect(parse({ timezone: "Mars/Olympus" }).error?.issues[0]?.message).toBe(
      "Time zone: use a name such as UTC or Europe/Paris.",
    );
    const capped = parse({ monthlyBudgetUsd: 1, definition: { ...definition, budgetUsd: 2 } });
    expect(capped.error?.issues[0]).toMatchObject({
      path: ["monthlyBudgetUsd"],
      message: "Monthly budget: it must cover at least one run's budget.",
    });
  });
});

describe("nextFireTimes", () => {
  it("evaluates the cron in the schedule's time zone", () => {
    // Monday 06:00 in Paris is 05:00 UTC in winter.
    const [next] = nextFireTimes("0 6 * * 1", "Europe/Paris", new Date("2026-12-06T16:00:00Z"));
    expect(next?.toISOString()).toBe("2026-12-07T05:00:00.000Z");
    expect(
      nextFireTimes("*/5 * * * *", "UTC", new Date("2026-12-06T10:00:00Z"), 3).map((d) =>
        d.toISOString(),
      ),
    ).toEqual(["2026-12-06T10:05:00.000Z", "2026-12-06T10:10:00.000Z", "2026-12-06T10:15:00.000Z"]);
  });
});

describe("the schedule picker", () => {
  it("turns a friendly choice into cron and reads it back", () => {
    const pick = { time: "07:30", weekday: 3, cron: "" };
    expect(cronFromPick({ ...pick, frequency: "hourly" })).toBe("0 * * * *");
    expect(cronFromPick({ ...pick, frequency: "daily" })).toBe("30 7 * * *");
    expect(cronFromPick({ ...pick, frequency: "weekly" })).toBe("30 7 * * 3");
    expect(cronFromPick({ ...pick, frequency: "custom", cron: " */10 * * * * " })).toBe(
      "*/10 * * * *",
    );
    expect(pickFromCron("30 7 * * 3")).toMatchObject({
      frequency: "weekly",
      time: "07:30",
      weekday: 3,
    });
    expect(pickFromCron("0 6 * * *")).toMatchObject({ frequency: "daily", time: "06:00" });
    expect(pickFromCron("*/10 * * * *")).toMatchObject({
      frequency: "custom",
      cron: "*/10 * * * *",
    });
  });

  it("describes a cron in words", () => {
    expect(describeCron("* * * * *")).toBe("Every minute");
    expect(describeCron("0 * * * *")).toBe("Hourly, on the hour");
    expect(describeCron("0 6 * * *")).toBe("Daily at 06:00");
    expect(describeCron("15 9 * * 1")).toBe("Weekly on Monday at 09:15");
    expect(describeCron("0 9 1 * *")).toBe("Cron 0 9 1 * *");
  });

  it("reads the form's fields into a schedule (percent becomes a fraction)", () => {
    const fields = scheduleFormSchema.parse({
      scheduleName: " Nightly ",
      frequency: "weekly",
      time: "05:00",
      weekday: "5",
      timezone: "Europe/Paris",
      monthlyBudgetUsd: "12.5",
      alertLatencyP95Ms: "",
      alertErrorRatePercent: "2.5",
    });
    const input = scheduleInputFromForm(
      fields,
      createScheduleSchema.parse({ name: "x", cron: "daily", definition }).definition,
    );
    expect(input).toMatchObject({
      name: "Nightly",
      cron: "0 5 * * 5",
      timezone: "Europe/Paris",
      monthlyBudgetUsd: 12.5,
      alertLatencyP95Ms: null,
      alertErrorRate: 0.025,
    });
    const bad = scheduleFormSchema.safeParse({
      scheduleName: "",
      frequency: "daily",
      time: "25:00",
      alertErrorRatePercent: "100",
    });
    expect(bad.error?.issues.map((issue) => issue.message)).toEqual([
      "Schedule name: enter a name.",
      "Time: use HH:MM, e.g. 06:00.",
      "Error-rate alert: less than 100%.",
    ]);
  });
});
