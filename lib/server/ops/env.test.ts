import { describe, expect, it } from "vitest";
import { EnvError, describeDatabaseUrl, parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults when nothing is configured", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe("127.0.0.1");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.CROSSBENCH_DATA_DIR).toBe(".data");
    expect(env.EMBEDDED_PG_PORT).toBe(54329);
    expect(env.EMULATOR_PORT).toBe(4010);
    // npm start picks one per core (at most four) when it is unset.
    expect(env.WEB_PROCESSES).toBeUndefined();
  });

  it("reads WEB_PROCESSES as a whole number", () => {
    expect(parseEnv({ WEB_PROCESSES: "2" }).WEB_PROCESSES).toBe(2);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: " " }).PORT).toBe(3000);
  });

  it("accepts a postgres URL and coerces the port", () => {
    const env = parseEnv({
      DATABASE_URL: "postgresql://u:p@db.internal:5433/crossbench",
      PORT: "8080",
    });
    expect(env.DATABASE_URL).toBe("postgresql://u:p@db.internal:5433/crossbench");
    expect(env.PORT).toBe(8080);
  });

  it.each([
    ["DATABASE_URL", "mysql://localhost/db"],
    ["DATABASE_URL", "not a url"],
    ["DATABASE_URL", "postgresql://localhost"],
    ["PORT", "70000"],
    ["PORT", "abc"],
    ["EMBEDDED_PG_PORT", "0"],
    ["EMULATOR_PORT", "-1"],
    ["EMULATOR_PORT", "65536"],
    ["LOG_LEVEL", "verbose"],
    ["WEB_PROCESSES", "0"],
    ["WEB_PROCESSES", "1.5"],
    ["WEB_PROCESSES", "17"],
  ])("names %s when it is %j", (name, value) => {
    let caught: unknown;
    try {
      parseEnv({ [name]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    expect((caught as EnvError).message).toContain(name);
  });
});

describe("describeDatabaseUrl", () => {
  it("never includes the password", () => {
    const text = describeDatabaseUrl("postgresql://admin:hunter2@db:6543/app");
    expect(text).toBe("db:6543/app");
    expect(text).not.toContain("hunter2");
  });
});
