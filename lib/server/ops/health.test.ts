import { describe, expect, it } from "vitest";
import { buildWorkerHealthReport } from "./health";

/** A worker's health report, from what the worker knows about itself. */

describe("buildWorkerHealthReport", () => {
  const now = () => Date.parse("2026-01-02T03:04:05.000Z");

  it("is ok while the database is reachable", () => {
    expect(
      buildWorkerHealthReport({ workerId: "w1", unreachableSince: null, jobsRunning: 2 }, now),
    ).toEqual({
      status: "ok",
      problem: null,
      workerId: "w1",
      database: { reachable: true, unreachableSince: null },
      jobsRunning: 2,
      checkedAt: "2026-01-02T03:04:05.000Z",
    });
  });

  it("says the database is unreachable, and since when", () => {
    const report = buildWorkerHealthReport(
      { workerId: "w1", unreachableSince: Date.parse("2026-01-02T03:04:00.000Z"), jobsRunning: 1 },
      now,
    );
    expect(report.status).toBe("unavailable");
    expect(report.problem).toBe("database unreachable");
    expect(report.database).toEqual({
      reachable: false,
      unreachableSince: "2026-01-02T03:04:00.000Z",
    });
  });
});
