import { describe, expect, it } from "vitest";

import { formatAuditDetail } from "@/components/format";

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
