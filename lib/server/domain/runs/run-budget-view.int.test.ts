import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProbeSuite, type ProbeSuite } from "@/lib/testing/eval-harness";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { getRunView } from "./runs";

/**
 * The run page's budget line: spent, the cap, and what is held for calls in flight while the run
 * is running, so a reader sees why the next call may not start before the cap looks reached.
 */

const VIEWER = testCaller({ role: "viewer", email: "budget-view@example.test", name: "viewer" });
let db: Db;
let probe: ProbeSuite;

beforeAll(async () => {
  db = createPrismaClient(requireTestDatabaseUrl(), { max: 2 });
  probe = await createProbeSuite(db, "budget-view");
});

afterAll(async () => {
  await probe.remove();
  await db.$disconnect();
});

describe("the run view's budget", () => {
  it("shows what is held for calls in flight while the run runs, and nothing once it ended", async () => {
    const running = await probe.createRun("running", { budgetUsd: 0.02 });
    await db.evalBudgetHold.createMany({
      data: [
        { runId: running, workerId: "w1", reservedUsd: 0.004 },
        { runId: running, workerId: "w2", reservedUsd: 0.0015 },
      ],
    });
    const view = await getRunView(VIEWER, db, running);
    expect(view.budgetUsd).toBe(0.02);
    expect(view.heldUsd).toBeCloseTo(0.0055, 9);

    const ended = await probe.createRun("budget_exceeded", { budgetUsd: 0.02 });
    await db.evalBudgetHold.create({ data: { runId: ended, workerId: "w1", reservedUsd: 0.004 } });
    expect((await getRunView(VIEWER, db, ended)).heldUsd).toBe(0);
    await db.evalBudgetHold.deleteMany({ where: { runId: { in: [running, ended] } } });
  });
});
