import cronParser from "cron-parser";
import { z } from "zod";
import { launchRunSchema } from "./runs";

/**
 * Scheduled runs (issue 18): a run definition (the New run form's input) launched on a cron
 * schedule, with a monthly spend cap across its runs.
 */

/** The friendly choices, as cron expressions (minute hour day-of-month month day-of-week). */
export const SCHEDULE_PRESETS = {
  hourly: "0 * * * *",
  daily: "0 6 * * *",
  weekly: "0 6 * * 1",
} as const;

/** The picker's frequencies: the friendly ones become a cron expression, "custom" is typed. */
export const SCHEDULE_FREQUENCIES = ["hourly", "daily", "weekly", "custom"] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];

export const WEEKDAYS = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

/** What the picker holds. `time` is "HH:MM" (daily, weekly); `weekday` is 0 (Sunday) to 6. */
export type SchedulePick = {
  frequency: ScheduleFrequency;
  time: string;
  weekday: number;
  cron: string;
};

/** The cron expression a picker choice stands for. */
export function cronFromPick(pick: SchedulePick): string {
  const [hour, minute] = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(pick.time.trim())?.slice(1) ?? [
    "6",
    "0",
  ];
  const at = `${Number(minute)} ${Number(hour)}`;
  switch (pick.frequency) {
    case "hourly":
      return SCHEDULE_PRESETS.hourly;
    case "daily":
      return `${at} * * *`;
    case "weekly":
      return `${at} * * ${pick.weekday}`;
    default:
      return pick.cron.trim();
  }
}

/** The picker choice a stored cron expression reads as (custom when no friendly one fits). */
export function pickFromCron(cron: string): SchedulePick {
  const fallback = { time: "06:00", weekday: 1, cron };
  if (cron === SCHEDULE_PRESETS.hourly) return { frequency: "hourly", ...fallback };
  const match = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-6])$/.exec(cron);
  if (!match) return { frequency: "custom", ...fallback };
  const [, minute, hour, day] = match;
  const time = `${hour!.padStart(2, "0")}:${minute!.padStart(2, "0")}`;
  return day === "*"
    ? { frequency: "daily", time, weekday: 1, cron }
    : { frequency: "weekly", time, weekday: Number(day), cron };
}

/** A cron expression in words: "Daily at 06:00", "Weekly on Monday at 06:00", "Every minute". */
export function describeCron(cron: string): string {
  if (cron === "* * * * *") return "Every minute";
  const pick = pickFromCron(cron);
  switch (pick.frequency) {
    case "hourly":
      return "Hourly, on the hour";
    case "daily":
      return `Daily at ${pick.time}`;
    case "weekly":
      return `Weekly on ${WEEKDAYS[pick.weekday]} at ${pick.time}`;
    default:
      return `Cron ${cron}`;
  }
}

/** The times a cron expression fires after `after`, at most `count` of them. */
export function nextFireTimes(cron: string, timezone: string, after: Date, count = 1): Date[] {
  const interval = cronParser.parseExpression(cron, { currentDate: after, tz: timezone });
  return Array.from({ length: count }, () => interval.next().toDate());
}

/** The latest time a cron expression fires at or before `at`. */
export function lastFireTime(cron: string, timezone: string, at: Date): Date {
  const interval = cronParser.parseExpression(cron, {
    currentDate: new Date(at.getTime() + 1),
    tz: timezone,
  });
  return interval.prev().toDate();
}

/** Whether a time zone name is one this runtime knows ("UTC", "Europe/Paris"). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const cronSchema = z
  .string({ error: "Schedule: enter a cron expression, daily or weekly." })
  .trim()
  .transform((value) => SCHEDULE_PRESETS[value as keyof typeof SCHEDULE_PRESETS] ?? value)
  .refine((value) => value.split(/\s+/).length === 5, {
    message:
      "Schedule: use five cron fields (minute hour day-of-month month day-of-week), e.g. 0 6 * * 1, or daily / weekly.",
  })
  .refine(
    (value) => {
      try {
        nextFireTimes(value, "UTC", new Date(0));
        return true;
      } catch {
        return false;
      }
    },
    { message: "Schedule: that cron expression cannot be read." },
  );

export const createScheduleSchema = z
  .object({
    name: z
      .string({ error: "Name: enter a name." })
      .trim()
      .min(1, "Name: enter a name.")
      .max(120, "Name: at most 120 characters."),
    cron: cronSchema,
    timezone: z
      .string()
      .trim()
      .default("UTC")
      .refine(isTimeZone, { message: "Time zone: use a name such as UTC or Europe/Paris." }),
    monthlyBudgetUsd: z
      .number({ error: "Monthly budget: enter an amount in USD." })
      .positive("Monthly budget: more than $0, or none.")
      .max(1_000_000, "Monthly budget: at most $1,000,000.")
      .nullable()
      .default(null),
    /** Alert when a target's latency p95 exceeds this (ms); null: no latency rule. */
    alertLatencyP95Ms: z
      .number({ error: "Latency alert: enter milliseconds." })
      .int("Latency alert: whole milliseconds.")
      .positive("Latency alert: more than 0 ms, or none.")
      .max(600_000, "Latency alert: at most 600,000 ms.")
      .nullable()
      .default(null),
    /** Alert when a target's error rate exceeds this fraction (0–1); null: no error-rate rule. */
    alertErrorRate: z
      .number({ error: "Error-rate alert: enter a percentage." })
      .gt(0, "Error-rate alert: more than 0%, or none.")
      .lt(1, "Error-rate alert: less than 100%.")
      .nullable()
      .default(null),
    definition: launchRunSchema,
  })
  .refine(
    (input) =>
      input.monthlyBudgetUsd === null ||
      input.definition.budgetUsd === undefined ||
      input.definition.budgetUsd <= input.monthlyBudgetUsd,
    {
      message: "Monthly budget: it must cover at least one run's budget.",
      path: ["monthlyBudgetUsd"],
    },
  );
export type CreateScheduleInput = z.input<typeof createScheduleSchema>;

/** An edit: the schedule's id and its new settings, saved as a new version. */
export const updateScheduleSchema = z.object({
  id: z.string().trim().min(1, "Schedule: choose a schedule.").max(64),
  schedule: createScheduleSchema,
});
export type UpdateScheduleInput = z.input<typeof updateScheduleSchema>;

const blankToNull = (value: unknown) =>
  value === "" || value === null || value === undefined ? null : value;

/**
 * The schedule fields of the New schedule form, as the browser sends them (strings; percent for
 * the error rate): checked in the browser as the user types, and on the server by the action,
 * which turns them into createScheduleSchema's input (scheduleInputFromForm).
 */
export const scheduleFormSchema = z.object({
  scheduleName: z
    .string({ error: "Schedule name: enter a name." })
    .trim()
    .min(1, "Schedule name: enter a name.")
    .max(120, "Schedule name: at most 120 characters."),
  frequency: z.enum(SCHEDULE_FREQUENCIES, { error: "Frequency: choose one." }),
  time: z
    .string()
    .trim()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "Time: use HH:MM, e.g. 06:00.")
    .default("06:00"),
  weekday: z.coerce.number().int().min(0).max(6).default(1),
  cron: z.string().trim().max(200).default(""),
  timezone: z.string().trim().min(1, "Time zone: choose one.").max(64).default("UTC"),
  monthlyBudgetUsd: z.preprocess(
    blankToNull,
    z.coerce
      .number({ error: "Monthly budget: enter an amount in USD." })
      .positive("Monthly budget: more than $0, or leave it empty.")
      .max(1_000_000, "Monthly budget: at most $1,000,000.")
      .nullable(),
  ),
  alertLatencyP95Ms: z.preprocess(
    blankToNull,
    z.coerce
      .number({ error: "Latency alert: enter milliseconds." })
      .int("Latency alert: whole milliseconds.")
      .positive("Latency alert: more than 0 ms, or leave it empty.")
      .max(600_000, "Latency alert: at most 600,000 ms.")
      .nullable(),
  ),
  alertErrorRatePercent: z.preprocess(
    blankToNull,
    z.coerce
      .number({ error: "Error-rate alert: enter a percentage." })
      .gt(0, "Error-rate alert: more than 0%, or leave it empty.")
      .lt(100, "Error-rate alert: less than 100%.")
      .nullable(),
  ),
});
export type ScheduleFormInput = z.input<typeof scheduleFormSchema>;
export const SCHEDULE_FORM_FIELDS = [
  "scheduleName",
  "frequency",
  "time",
  "cron",
  "timezone",
  "monthlyBudgetUsd",
  "alertLatencyP95Ms",
  "alertErrorRatePercent",
] as const;

/** What the schedule form's action receives: the schedule fields and the run definition. */
export const saveScheduleFormSchema = z.object({
  /** Set when editing: the schedule gets a new version. */
  id: z.string().trim().max(64).optional(),
  fields: scheduleFormSchema,
  definition: launchRunSchema,
});
export type SaveScheduleFormInput = z.input<typeof saveScheduleFormSchema>;

/** createScheduleSchema's input from the form's fields (percent becomes a fraction). */
export function scheduleInputFromForm(
  fields: z.output<typeof scheduleFormSchema>,
  definition: z.output<typeof launchRunSchema>,
): CreateScheduleInput {
  return {
    name: fields.scheduleName,
    cron: cronFromPick(fields),
    timezone: fields.timezone,
    monthlyBudgetUsd: fields.monthlyBudgetUsd,
    alertLatencyP95Ms: fields.alertLatencyP95Ms,
    alertErrorRate:
      fields.alertErrorRatePercent === null ? null : fields.alertErrorRatePercent / 100,
    definition,
  };
}

/** Pausing, resuming, deleting or running a schedule now. */
export const scheduleIdSchema = z.object({
  id: z.string().trim().min(1, "Schedule: choose a schedule.").max(64),
});
