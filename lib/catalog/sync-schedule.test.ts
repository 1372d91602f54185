import { describe, expect, it } from "vitest";
import { isDueTimeOwed, latestDueTime, nextDueTime } from "./sync-schedule";

const at = (iso: string) => new Date(iso);

describe("latestDueTime", () => {
  it("is today's hour once it has passed", () => {
    expect(latestDueTime(at("2026-12-07T10:15:00Z"), 3).toISOString()).toBe(
      "2026-12-07T03:00:00.000Z",
    );
  });

  it("is yesterday's hour while today's is still ahead", () => {
    expect(latestDueTime(at("2026-12-07T02:59:59Z"), 3).toISOString()).toBe(
      "2026-12-06T03:00:00.000Z",
    );
  });

  it("counts the exact hour as due", () => {
    expect(latestDueTime(at("2026-12-07T03:00:00Z"), 3).toISOString()).toBe(
      "2026-12-07T03:00:00.000Z",
    );
  });

  it("crosses a month and a year boundary", () => {
    expect(latestDueTime(at("2027-01-01T00:30:00Z"), 23).toISOString()).toBe(
      "2026-12-31T23:00:00.000Z",
    );
  });

  it("refuses an hour outside 0–23", () => {
    expect(() => latestDueTime(at("2026-12-07T10:00:00Z"), 24)).toThrow(RangeError);
    expect(() => latestDueTime(at("2026-12-07T10:00:00Z"), 2.5)).toThrow(RangeError);
  });
});

describe("nextDueTime", () => {
  it("is the fire time after now", () => {
    expect(nextDueTime(at("2026-12-07T10:15:00Z"), 3).toISOString()).toBe(
      "2026-12-08T03:00:00.000Z",
    );
    expect(nextDueTime(at("2026-12-07T02:00:00Z"), 3).toISOString()).toBe(
      "2026-12-07T03:00:00.000Z",
    );
  });
});

describe("isDueTimeOwed", () => {
  const dueAt = at("2026-12-07T03:00:00Z");

  it("is owed under the defaults (nothing saved)", () => {
    expect(isDueTimeOwed({ isEnabled: true, dueAt, settingsSavedAt: null })).toBe(true);
  });

  it("is not owed when the schedule is off", () => {
    expect(isDueTimeOwed({ isEnabled: false, dueAt, settingsSavedAt: null })).toBe(false);
  });

  it("waits for the next fire time after a change saved later than the due time", () => {
    const savedLater = at("2026-12-07T10:00:00Z");
    expect(isDueTimeOwed({ isEnabled: true, dueAt, settingsSavedAt: savedLater })).toBe(false);
    const savedBefore = at("2026-12-06T10:00:00Z");
    expect(isDueTimeOwed({ isEnabled: true, dueAt, settingsSavedAt: savedBefore })).toBe(true);
  });
});
