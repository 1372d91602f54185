import { describe, expect, it } from "vitest";

import { formatAuditDetail, formatUtcDate, formatUtcDateTime } from "@/components/format";

describe("formatUtcDateTime", () => {
  it("writes the UTC time to the second, whatever the local time zone", () => {
    expect(formatUtcDateTime(new Date("2026-11-25T23:21:54.789+01:00"))).toBe(
      "2026-11-25 22:21:54 UTC",
    );
  });
});

describe("formatUtcDate", () => {
  it("writes the UTC calendar date", () => {
    expect(formatUtcDate(new Date("2026-01-01T00:30:00+02:00"))).toBe("2025-12-31");
  });
});

describe("formatAuditDetail", () => {
  it("writes an object as key=value pairs in order", () => {
    expect(formatAuditDetail({ email: "ana@example.com", from: "viewer", to: "admin" })).toBe(
      "email=ana@example.com from=viewer to=admin",
    );
  });

  it("quotes strings that would be ambiguous unquoted", () => {
    expect(formatAuditDetail({ reason: "invalid credentials", note: 'a"b', eq: "x=y" })).toBe(
      'reason="invalid credentials" note="a\\"b" eq="x=y"',
    );
  });

  it("writes numbers, booleans, null and nested values", () => {
    expect(formatAuditDetail({ n: 3, ok: true, gone: null, tags: ["a", "b"] })).toBe(
      'n=3 ok=true gone=null tags=["a","b"]',
    );
  });

  it("is empty when there is no detail", () => {
    expect(formatAuditDetail(null)).toBe("");
    expect(formatAuditDetail(undefined)).toBe("");
    expect(formatAuditDetail({})).toBe("");
  });

  it("writes a detail that is not an object as a value", () => {
    expect(formatAuditDetail("rotated")).toBe("rotated");
    expect(formatAuditDetail([1, 2])).toBe("[1,2]");
  });
});
