import { describe, expect, it } from "vitest";
import { REPORT_DATA_VERSION, readReportData } from "./report-data";

describe("readReportData", () => {
  it("reads a snapshot of the current version", () => {
    const data = { version: REPORT_DATA_VERSION, draftedAt: "2026-12-01T00:00:00Z" };
    expect(readReportData(data, "report r1")).toBe(data);
  });

  it("refuses a snapshot it cannot read, naming the report", () => {
    expect(() => readReportData({ version: 99 }, "report r1")).toThrow(
      "report r1: the stored snapshot has version 99, which this version of Crossbench cannot read (it reads 1)",
    );
    expect(() => readReportData({}, "report r2")).toThrow(/report r2: .*version undefined/);
    expect(() => readReportData("x", "report r3")).toThrow(
      "report r3: the stored snapshot is not an object",
    );
  });
});
