import { describe, expect, it } from "vitest";
import {
  UnsafeTestDatabaseError,
  assertSafeTestDatabaseUrl,
  withDatabaseName,
} from "./test-database";

describe("assertSafeTestDatabaseUrl", () => {
  it("accepts a local database whose name ends in _test", () => {
    expect(() =>
      assertSafeTestDatabaseUrl("postgresql://postgres@127.0.0.1:5432/crossbench_test"),
    ).not.toThrow();
    expect(() => assertSafeTestDatabaseUrl("postgresql://postgres@localhost/x_test")).not.toThrow();
  });

  it.each([
    ["postgresql://postgres@127.0.0.1:5432/crossbench", "_test"],
    ["postgresql://postgres@127.0.0.1:5432/test_crossbench", "_test"],
    ["postgresql://postgres@db.example.com:5432/crossbench_test", "db.example.com"],
    ["postgresql://postgres@10.0.0.5/crossbench_test", "10.0.0.5"],
    ["nonsense", "not a valid URL"],
  ])("refuses %s", (url, reason) => {
    expect(() => assertSafeTestDatabaseUrl(url)).toThrow(UnsafeTestDatabaseError);
    expect(() => assertSafeTestDatabaseUrl(url)).toThrow(reason);
  });
});

describe("withDatabaseName", () => {
  it("keeps credentials, host and port", () => {
    expect(withDatabaseName("postgresql://u:p@h:1/a?sslmode=disable", "b_test")).toBe(
      "postgresql://u:p@h:1/b_test?sslmode=disable",
    );
  });
});
