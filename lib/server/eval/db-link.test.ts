import { describe, expect, it } from "vitest";
import {
  createDatabaseLink,
  DatabaseWaitAbortedError,
  describeError,
  isDatabaseUnreachableError,
  type DatabaseLinkOptions,
} from "./db-link";

/** The link against a scripted probe: no database, millisecond backoff. */

function refused(): Error {
  return Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
    code: "ECONNREFUSED",
    errno: -111,
    syscall: "connect",
  });
}

/** A probe that fails `failures` times, then answers. */
function flakyProbe(failures: number) {
  let calls = 0;
  return {
    probe: async () => {
      calls += 1;
      if (calls <= failures) throw refused();
    },
    calls: () => calls,
  };
}

function makeLink(probe: () => Promise<void>, extra: Partial<DatabaseLinkOptions> = {}) {
  const lines: string[] = [];
  const changes: boolean[] = [];
  const link = createDatabaseLink({
    probe,
    log: (line) => lines.push(line),
    initialBackoffMs: 1,
    maxBackoffMs: 4,
    onChange: (isReachable) => changes.push(isReachable),
    ...extra,
  });
  return { link, lines, changes };
}

describe("isDatabaseUnreachableError", () => {
  it("recognises a server that is gone, however the driver says it", () => {
    expect(isDatabaseUnreachableError(refused())).toBe(true);
    expect(isDatabaseUnreachableError(new AggregateError([refused()], ""))).toBe(true);
    expect(isDatabaseUnreachableError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      isDatabaseUnreachableError({
        message: "terminating connection due to unexpected postmaster exit",
        code: "57P01",
        severity: "FATAL",
      }),
    ).toBe(true);
    expect(isDatabaseUnreachableError({ message: "the database system is starting up" })).toBe(
      true,
    );
    expect(isDatabaseUnreachableError({ code: "08006", message: "connection failure" })).toBe(true);
    expect(isDatabaseUnreachableError({ code: "P1001", message: "Can't reach database" })).toBe(
      true,
    );
    expect(
      isDatabaseUnreachableError({
        message: "driver adapter error",
        meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } },
      }),
    ).toBe(true);
    expect(isDatabaseUnreachableError(new Error("wrapped", { cause: refused() }))).toBe(true);
  });

  it("leaves every other error to the caller", () => {
    expect(isDatabaseUnreachableError(new Error("boom"))).toBe(false);
    expect(
      isDatabaseUnreachableError({ code: "23505", message: "duplicate key", severity: "ERROR" }),
    ).toBe(false);
    expect(isDatabaseUnreachableError({ code: "P2002", message: "Unique constraint" })).toBe(false);
    expect(isDatabaseUnreachableError(null)).toBe(false);
    expect(isDatabaseUnreachableError("ECONNREFUSED")).toBe(false);
  });
});

describe("describeError", () => {
  it("gives one line, never a stack", () => {
    expect(describeError(new Error("first\n    at somewhere (file.ts:1:1)"))).toBe("first");
    expect(describeError(new AggregateError([refused()], ""))).toBe(
      "connect ECONNREFUSED 127.0.0.1:5432",
    );
    expect(describeError({ code: "ECONNRESET" })).toBe("ECONNRESET");
  });
});

describe("createDatabaseLink", () => {
  it("logs an outage once, reports it, and resumes waiters when the server answers again", async () => {
    const probe = flakyProbe(3);
    const { link, lines, changes } = makeLink(probe.probe);

    expect(link.report(refused())).toBe(true);
    expect(link.report(refused())).toBe(true);
    const waiting = link.waitUntilReachable();
    await waiting;

    expect(probe.calls()).toBe(4);
    expect(link.isReachable()).toBe(true);
    expect(link.unreachableSince()).toBeNull();
    expect(link.outages()).toBe(1);
    expect(changes).toEqual([false, true]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^database unreachable \(connect ECONNREFUSED 127\.0\.0\.1:5432\)/);
    expect(lines[1]).toMatch(/^database reachable again after \d+\.\d s; resuming$/);
  });

  it("says nothing when a dropped connection was all it was", async () => {
    const { link, lines } = makeLink(flakyProbe(0).probe);
    expect(link.report(new Error("Connection terminated unexpectedly"))).toBe(true);
    await link.waitUntilReachable();
    expect(link.outages()).toBe(0);
    expect(lines).toEqual([]);
  });

  it("shows the outage while it lasts", async () => {
    let isUp = false;
    const { link } = makeLink(async () => {
      if (!isUp) throw refused();
    });
    link.report(refused());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(link.isReachable()).toBe(false);
    expect(link.unreachableSince()).not.toBeNull();
    isUp = true;
    await link.waitUntilReachable();
    expect(link.isReachable()).toBe(true);
    link.close();
  });

  it("retries work through an outage and returns its result", async () => {
    const { link } = makeLink(flakyProbe(2).probe);
    let attempts = 0;
    const result = await link.retry(async () => {
      attempts += 1;
      if (attempts <= 2) throw refused();
      return "stored";
    });
    expect(result).toBe("stored");
    expect(attempts).toBe(3);
  });

  it("throws other errors at once, without probing", async () => {
    const probe = flakyProbe(0);
    const { link } = makeLink(probe.probe);
    await expect(
      link.retry(async () => {
        throw new Error("duplicate key");
      }),
    ).rejects.toThrow("duplicate key");
    expect(probe.calls()).toBe(0);
  });

  it("gives up on a connection error the server keeps answering, instead of looping", async () => {
    const { link } = makeLink(flakyProbe(0).probe);
    let attempts = 0;
    await expect(
      link.retry(async () => {
        attempts += 1;
        throw new Error("Connection terminated unexpectedly");
      }),
    ).rejects.toThrow("Connection terminated unexpectedly");
    expect(attempts).toBe(5);
  });

  it("stops waiting when the caller's signal aborts, with the last error", async () => {
    const { link } = makeLink(async () => {
      throw refused();
    });
    const controller = new AbortController();
    const attempt = link.retry(async () => {
      throw refused();
    }, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(attempt).rejects.toThrow("ECONNREFUSED");
    await expect(link.waitUntilReachable(controller.signal)).rejects.toBeInstanceOf(
      DatabaseWaitAbortedError,
    );
    link.close();
  });

  it("rejects pending waits when closed", async () => {
    const { link } = makeLink(async () => {
      throw refused();
    });
    link.report(refused());
    const waiting = link.waitUntilReachable();
    link.close();
    await expect(waiting).rejects.toBeInstanceOf(DatabaseWaitAbortedError);
  });

  it("notes other errors at most once a minute each", () => {
    let now = 0;
    const { link, lines } = makeLink(flakyProbe(0).probe, { now: () => now });
    link.note("the heartbeat", new Error("permission denied"));
    link.note("the heartbeat", new Error("permission denied"));
    link.note("the queue", new Error("permission denied"));
    now = 61_000;
    link.note("the heartbeat", new Error("permission denied"));
    expect(lines).toEqual([
      "the heartbeat failed: permission denied",
      "the queue failed: permission denied",
      "the heartbeat failed: permission denied",
    ]);
  });
});
