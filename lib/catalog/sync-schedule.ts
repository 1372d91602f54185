/**
 * When the daily catalogue sync is due. Pure: the clock is an argument. Times are UTC, to the
 * hour, so every worker agrees on the same fire time whatever its own time zone.
 */

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

function checkHour(hourUtc: number): void {
  if (!Number.isInteger(hourUtc) || hourUtc < 0 || hourUtc > 23) {
    throw new RangeError(`hourUtc must be a whole hour 0–23, got ${hourUtc}`);
  }
}

/** Today's fire time at `hourUtc`, or yesterday's when today's is still ahead: the one now due. */
export function latestDueTime(now: Date, hourUtc: number): Date {
  checkHour(hourUtc);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc);
  return new Date(today <= now.getTime() ? today : today - DAY_MS);
}

/** The first fire time after `now`. */
export function nextDueTime(now: Date, hourUtc: number): Date {
  return new Date(latestDueTime(now, hourUtc).getTime() + DAY_MS);
}

/**
 * Whether the fire time now due should sync: the schedule is on, and its settings were saved
 * before that time (a change takes effect from the next fire time, so saving the settings at
 * 10:00 with 03:00 chosen does not start a sync at once). `settingsSavedAt` is null while the
 * defaults apply (nothing saved yet).
 */
export function isDueTimeOwed(options: {
  isEnabled: boolean;
  dueAt: Date;
  settingsSavedAt: Date | null;
}): boolean {
  if (!options.isEnabled) return false;
  return options.settingsSavedAt === null || options.settingsSavedAt <= options.dueAt;
}
