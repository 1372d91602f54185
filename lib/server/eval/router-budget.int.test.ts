import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchTestRun,
  startEvalWorld,
  suiteId,
  waitForRunToFinish,
  type EvalWorld,
} from "@/lib/testing/eval-harness";

/**
 * A budgeted run with a model router: the budget ledger (which is the run's spend when a budget is
 * set) records what each call's served model cost, the same figure its trial stores, not the
 * worst-case reservation and not $0.
 */

let world: EvalWorld;

beforeAll(async () => {
  world = await startEvalWorld("router_budget");
});

afterAll(() => world?.close());

describe("a budgeted run with a model router", () => {
  it("spends what its trials cost", async () => {
    const launched = await launchTestRun(world.db, world.boss, world.emulator.url, {
      suiteId: await suiteId(world.db, "factual-qa"),
      // Its pool's Llama 3.1 8B is priced on Bedrock.
      targets: [{ kind: "router", routerId: "aws-bedrock/meta.llama", mode: "default" }],
      budgetUsd: 5,
    });
    const run = await waitForRunToFinish(world.db, launched.runId);
    expect(run.status).toBe("completed");
    const trials = await world.db.trial.findMany({ where: { runId: launched.runId } });
    const priced = trials.filter((t) => t.costUsd !== null);
    expect(priced.length).toBeGreaterThan(0);
    const known = priced.reduce((sum, t) => sum + t.costUsd!, 0);
    if (priced.length === trials.length) {
      // The ledger keeps each commit to six decimals (a millionth of a dollar), so the sums may
      // differ by up to half a millionth per call; the old commits were $0 or the reservation.
      expect(Math.abs(Number(run.spentUsd) - known)).toBeLessThanOrEqual(trials.length * 5e-7);
    } else {
      // A served model without a price is committed at its reservation: never less than known.
      expect(Number(run.spentUsd)).toBeGreaterThan(known);
    }
  }, 90_000);
});
