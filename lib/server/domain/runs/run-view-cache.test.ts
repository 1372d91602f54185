import { describe, expect, it } from "vitest";
import { formatRunVersion } from "./run-view-cache";

const row = {
  status: "completed",
  status_message: null,
  finished_at: new Date("2026-12-01T10:00:00Z"),
  stored_trials: 120,
  spent_usd: "0.120000",
  targets: 2,
  stats_at: new Date("2026-12-01T09:59:59Z"),
};

describe("formatRunVersion", () => {
  it("is the same for the same run state and catalogue", () => {
    expect(formatRunVersion({ ...row }, "snap:1")).toBe(formatRunVersion(row, "snap:1"));
  });

  it("changes with every field a write to the run, its rollups or the catalogue moves", () => {
    const base = formatRunVersion(row, "snap:1");
    const changed = [
      formatRunVersion({ ...row, status: "failed" }, "snap:1"),
      formatRunVersion({ ...row, status_message: "Stopped." }, "snap:1"),
      formatRunVersion({ ...row, finished_at: new Date("2026-12-01T10:00:01Z") }, "snap:1"),
      formatRunVersion({ ...row, finished_at: null }, "snap:1"),
      formatRunVersion({ ...row, stored_trials: 119 }, "snap:1"),
      formatRunVersion({ ...row, spent_usd: "0.130000" }, "snap:1"),
      formatRunVersion({ ...row, targets: 3 }, "snap:1"),
      formatRunVersion({ ...row, stats_at: new Date("2026-12-01T10:00:02Z") }, "snap:1"),
      formatRunVersion(row, "snap:2"),
    ];
    for (const version of changed) expect(version).not.toBe(base);
    expect(new Set(changed).size).toBe(changed.length);
  });
});
