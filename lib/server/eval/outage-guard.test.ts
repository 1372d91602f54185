import { describe, expect, it } from "vitest";
import type { TrialStore } from "@/lib/eval/engine";
import type { RouteResult, Router } from "@/lib/router/router";
import type { ChatRequest, Target } from "@/lib/router/types";
import { createDatabaseLink } from "./db-link";
import { createOutageGuard } from "./outage-guard";

/**
 * The worker's calls across a database outage, with a real link whose probe the test controls:
 * a routed call spoilt by an outage is made again once the database is back, no call starts while
 * it is away, and a flush that cannot be stored while the worker leaves stays pending instead of
 * becoming an unhandled rejection.
 */

const unreachable = () =>
  Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });

function controlledLink() {
  let isUp = true;
  const link = createDatabaseLink({
    probe: async () => {
      if (!isUp) throw unreachable();
    },
    log: () => undefined,
    initialBackoffMs: 5,
    maxBackoffMs: 10,
  });
  return { link, setUp: (up: boolean) => (isUp = up) };
}

const request: ChatRequest = { messages: [{ role: "user", content: "Hi" }] };
const candidates: Target[] = [];
const failure: RouteResult = {
  ok: false,
  error: { kind: "timeout", retryable: true, message: "waited for a slot" },
  attempts: [],
};

function scriptedRouter(answers: Array<() => Promise<RouteResult>>): Router & { calls: number } {
  const router = {
    calls: 0,
    route: async () => {
      const answer = answers[router.calls] ?? answers.at(-1)!;
      router.calls += 1;
      return answer();
    },
    breakerState: () => "closed" as const,
  };
  return router;
}

describe("the outage guard", () => {
  it("routes again a call that failed while the database went away", async () => {
    const { link, setUp } = controlledLink();
    const guard = createOutageGuard(link, new AbortController().signal);
    const success = { ...failure, ok: true } as unknown as RouteResult;
    const router = scriptedRouter([
      async () => {
        setUp(false);
        link.report(unreachable());
        setTimeout(() => setUp(true), 30);
        return failure;
      },
      async () => success,
    ]);
    const routed = await guard.route(router, candidates, request, {
      signal: new AbortController().signal,
    });
    expect(routed).toBe(success);
    expect(router.calls).toBe(2);
    link.close();
  });

  it("returns a failure the database had no part in as it is", async () => {
    const { link } = controlledLink();
    const guard = createOutageGuard(link, new AbortController().signal);
    const router = scriptedRouter([async () => failure]);
    const routed = await guard.route(router, candidates, request, {
      signal: new AbortController().signal,
    });
    expect(routed).toBe(failure);
    expect(router.calls).toBe(1);
    link.close();
  });

  it("starts no call while the database is away, and reports the run stopped when it is", async () => {
    const { link, setUp } = controlledLink();
    setUp(false);
    link.report(unreachable());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(link.isReachable()).toBe(false);
    const guard = createOutageGuard(link, new AbortController().signal);
    const router = scriptedRouter([async () => failure]);
    const run = new AbortController();
    const routing = guard.route(router, candidates, request, { signal: run.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(router.calls).toBe(0);
    run.abort();
    const routed = await routing;
    expect(routed.ok).toBe(false);
    expect(!routed.ok && routed.error.kind).toBe("cancelled");
    expect(router.calls).toBe(0);
    link.close();
  });

  it("leaves a flush pending, not rejected, when the worker leaves during an outage", async () => {
    const { link, setUp } = controlledLink();
    const halt = new AbortController();
    const guard = createOutageGuard(link, halt.signal);
    const inner: TrialStore = {
      storedKeys: async () => new Set(),
      saveTrials: async () => {
        setUp(false);
        halt.abort();
        throw unreachable();
      },
    };
    const flush = guard.store(inner).saveTrials([]);
    const outcome = await Promise.race([
      flush.then(
        () => "stored",
        () => "rejected",
      ),
      new Promise((resolve) => setTimeout(() => resolve("pending"), 50)),
    ]);
    expect(outcome).toBe("pending");
    link.close();
  });
});
