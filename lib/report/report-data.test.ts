import { describe, expect, it } from "vitest";
import { REPORT_DATA_VERSION, readReportData } from "./report-data";

describe("readReportData", () => {
  it("reads a snapshot of the current version", () => {
    const data = { version: REPORT_DATA_VERSION, draftedAt: "2026-12-01T00:00:00Z" };
    expect(readReportData(data, "report r1")).toBe(data);
  });

  it("refuses a snapshot it cannot read, naming the report", () => {
    expect(() => readReportData({ version: 99 }, "report r1")).toThrow(
      "report r1: the stored snapshot has version 99, which this version of Crossbench cannot read (it reads 3)",
    );
    expect(() => readReportData({}, "report r2")).toThrow(/report r2: .*version undefined/);
    expect(() => readReportData("x", "report r3")).toThrow(
      "report r3: the stored snapshot is not an object",
    );
  });

  it("upgrades a version-1 snapshot: its pairs gain casesNeeded (null, nothing to estimate it from)", () => {
    const pair = { n: 84, difference: 0.04, low: -0.067, high: 0.151, verdict: "inconclusive" };
    const upgraded = readReportData(
      {
        version: 1,
        compare: {
          pairs: [
            { targetId: "a", referenceId: "b", pair },
            { targetId: "c", referenceId: "b", pair: null },
          ],
        },
      },
      "report r4",
    );
    expect(upgraded.version).toBe(3);
    expect(upgraded.compare?.pairs).toEqual([
      { targetId: "a", referenceId: "b", pair: { ...pair, casesNeeded: null } },
      { targetId: "c", referenceId: "b", pair: null },
    ]);
    expect(readReportData({ version: 1, compare: null }, "report r5").compare).toBeNull();
  });

  it("upgrades a version-2 snapshot: the emulated native-router policies go, the audit is empty", () => {
    const upgraded = readReportData(
      {
        version: 2,
        routing: {
          policies: [
            { id: "threshold", kind: "threshold" },
            { id: "native:aws-bedrock", kind: "native" },
          ],
          frontier: [{ policyId: "threshold" }, { policyId: "native:aws-bedrock" }],
        },
      },
      "report r6",
    );
    expect(upgraded.version).toBe(3);
    expect(upgraded.routing?.policies).toEqual([{ id: "threshold", kind: "threshold" }]);
    expect(upgraded.routing?.frontier).toEqual([{ policyId: "threshold" }]);
    expect(upgraded.routerAudit).toEqual([]);
    expect(readReportData({ version: 2, routing: null }, "report r7").routing).toBeNull();
  });
});
