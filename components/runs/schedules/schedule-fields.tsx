"use client";

import { SelectField, TextField } from "@/components/forms/fields";
import {
  cronFromPick,
  cronSchema,
  describeCron,
  nextFireTimes,
  scheduleFormSchema,
  SCHEDULE_FORM_FIELDS,
  WEEKDAYS,
  type ScheduleFrequency,
} from "@/lib/schemas/schedules";
import { formatDateTime } from "@/lib/format";

/** The schedule part of the New schedule form, as the browser holds it (strings). */
export type ScheduleFieldValues = {
  scheduleName: string;
  frequency: ScheduleFrequency;
  time: string;
  weekday: string;
  cron: string;
  timezone: string;
  monthlyBudgetUsd: string;
  alertLatencyP95Ms: string;
  alertErrorRatePercent: string;
};

export type ScheduleField = (typeof SCHEDULE_FORM_FIELDS)[number];
export type ScheduleErrors = Partial<Record<ScheduleField, string>>;

/** The browser's own time zone, else UTC. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** The first message per schedule field (the server checks the same schema). */
export function checkScheduleFields(values: ScheduleFieldValues): ScheduleErrors {
  const errors: ScheduleErrors = {};
  const parsed = scheduleFormSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ScheduleField;
      if (!errors[field]) errors[field] = issue.message;
    }
    return errors;
  }
  if (values.frequency === "custom") {
    const cron = cronSchema.safeParse(values.cron);
    if (!cron.success) errors.cron = cron.error.issues[0]?.message;
  }
  return errors;
}

const FREQUENCY_LABELS: Record<ScheduleFrequency, string> = {
  hourly: "Hourly",
  daily: "Daily",
  weekly: "Weekly",
  custom: "Custom (cron)",
};

/** The next fire times the fields describe, in words; null while they do not read. */
function upcoming(values: ScheduleFieldValues): string | null {
  const cron = cronFromPick({ ...values, weekday: Number(values.weekday) });
  if (!cronSchema.safeParse(cron).success) return null;
  try {
    const times = nextFireTimes(cron, values.timezone || "UTC", new Date(), 2);
    return `${describeCron(cron)} (${values.timezone}). Next: ${times.map((at) => formatDateTime(at)).join(", then ")}.`;
  } catch {
    return null;
  }
}

/**
 * Name, when, time zone, the monthly cap across the schedule's runs, and the alert thresholds:
 * a friendly picker (hourly, daily, weekly at a time) or a cron expression for anything else.
 */
export function ScheduleFields({
  values,
  errors,
  timeZones,
  onChange,
}: {
  values: ScheduleFieldValues;
  errors: ScheduleErrors;
  timeZones: readonly string[];
  onChange: (field: keyof ScheduleFieldValues, value: string) => void;
}) {
  const zones = timeZones.includes(values.timezone) ? timeZones : [values.timezone, ...timeZones];
  const when = upcoming(values);
  return (
    <section aria-labelledby="schedule-fields" className="flex flex-col gap-4">
      <h2 id="schedule-fields" className="text-lg font-semibold">
        Schedule
      </h2>
      <TextField
        label="Schedule name"
        name="scheduleName"
        value={values.scheduleName}
        maxLength={120}
        onChange={(event) => onChange("scheduleName", event.target.value)}
        hint="Each run is named after it, with the time it fired."
        error={errors.scheduleName}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label="Frequency"
          name="frequency"
          value={values.frequency}
          onChange={(event) => onChange("frequency", event.target.value)}
          error={errors.frequency}
        >
          {(Object.keys(FREQUENCY_LABELS) as ScheduleFrequency[]).map((frequency) => (
            <option key={frequency} value={frequency}>
              {FREQUENCY_LABELS[frequency]}
            </option>
          ))}
        </SelectField>
        {values.frequency === "weekly" ? (
          <SelectField
            label="Day"
            name="weekday"
            value={values.weekday}
            onChange={(event) => onChange("weekday", event.target.value)}
          >
            {WEEKDAYS.map((day, index) => (
              <option key={day} value={String(index)}>
                {day}
              </option>
            ))}
          </SelectField>
        ) : null}
        {values.frequency === "daily" || values.frequency === "weekly" ? (
          <TextField
            label="Time"
            name="time"
            type="time"
            value={values.time}
            onChange={(event) => onChange("time", event.target.value)}
            error={errors.time}
          />
        ) : null}
        {values.frequency === "custom" ? (
          <TextField
            label="Cron expression"
            name="cron"
            value={values.cron}
            placeholder="*/30 * * * *"
            spellCheck={false}
            onChange={(event) => onChange("cron", event.target.value)}
            hint="Five fields: minute hour day-of-month month day-of-week."
            error={errors.cron}
            className="sm:col-span-2"
          />
        ) : null}
      </div>
      <SelectField
        label="Time zone"
        name="timezone"
        value={values.timezone}
        onChange={(event) => onChange("timezone", event.target.value)}
        error={errors.timezone}
        hint={when ?? undefined}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Monthly budget, all runs (USD, optional)"
        name="monthlyBudgetUsd"
        inputMode="decimal"
        value={values.monthlyBudgetUsd}
        onChange={(event) => onChange("monthlyBudgetUsd", event.target.value)}
        hint="A fire that could take this calendar month's spend past it is skipped, and the schedule says why."
        error={errors.monthlyBudgetUsd}
      />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium">Alert thresholds (optional)</legend>
        <TextField
          label="Latency p95 above (ms)"
          name="alertLatencyP95Ms"
          inputMode="numeric"
          value={values.alertLatencyP95Ms}
          onChange={(event) => onChange("alertLatencyP95Ms", event.target.value)}
          error={errors.alertLatencyP95Ms}
        />
        <TextField
          label="Error rate above (%)"
          name="alertErrorRatePercent"
          inputMode="decimal"
          value={values.alertErrorRatePercent}
          onChange={(event) => onChange("alertErrorRatePercent", event.target.value)}
          error={errors.alertErrorRatePercent}
        />
        <p className="text-sm text-muted-foreground sm:col-span-2">
          Score drops, parity changes and router shifts against the previous run are always watched;
          these add latency and error-rate rules.
        </p>
      </fieldset>
    </section>
  );
}
