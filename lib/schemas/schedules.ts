import cronParser from "cron-parser";
import { z } from "zod";
import { launchRunSchema } from "./runs";

/**
 * Scheduled runs (issue 18): a run definition (the New run form's input) launched on a cron
 * schedule, with a monthly spend cap across its runs.
 */

/** The friendly choices, as cron expressions (minute hour day-of-month month day-of-week). */
export const SCHEDULE_PRESETS = {
  daily: "0 6 * * *",
  weekly: "0 6 * * 1",
} as const;

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

const cron = z
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
    cron,
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

/** Pausing, resuming, deleting or running a schedule now. */
export const scheduleIdSchema = z.object({
  id: z.string().trim().min(1, "Schedule: choose a schedule.").max(64),
});
