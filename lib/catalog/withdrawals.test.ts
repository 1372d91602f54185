import { describe, expect, it } from "vitest";
import { applyWithdrawalPlan, planWithdrawals, type WithdrawalCandidate } from "./withdrawals";

const offering = (key: string, originSource: string | null = "litellm"): WithdrawalCandidate => ({
  key,
  originSource,
  withdrawnAt: null,
});

/** One sync: the plan, and the catalogue after it. */
function sync(
  catalogue: WithdrawalCandidate[],
  listed: string[],
  date: string,
  source = "litellm",
  isFull = true,
) {
  const plan = planWithdrawals(catalogue, new Set(listed), source, { isFull });
  return { plan, catalogue: applyWithdrawalPlan(catalogue, plan, date) };
}

describe("withdrawal across three snapshots", () => {
  it("withdraws what a full sync no longer lists and restores it when it returns", () => {
    const start = [offering("a"), offering("b"), offering("c")];

    const first = sync(start, ["a", "b", "c"], "2026-07-01");
    expect(first.plan).toEqual({ withdraw: [], restore: [] });

    const second = sync(first.catalogue, ["a"], "2026-08-01");
    expect(second.plan).toEqual({ withdraw: ["b", "c"], restore: [] });
    expect(second.catalogue.map((row) => row.withdrawnAt)).toEqual([
      null,
      "2026-08-01",
      "2026-08-01",
    ]);

    const third = sync(second.catalogue, ["a", "b"], "2026-09-01");
    expect(third.plan).toEqual({ withdraw: [], restore: ["b"] });
    // c keeps the date it was first withdrawn, not the date of each later sync that still lacks it.
    expect(third.catalogue.map((row) => row.withdrawnAt)).toEqual([null, null, "2026-08-01"]);
  });

  it("lets only the creating source withdraw, and only in a full sync", () => {
    const catalogue = [offering("lite"), offering("dev", "models-dev"), offering("old", null)];
    expect(sync(catalogue, [], "2026-08-01", "litellm").plan.withdraw).toEqual(["lite"]);
    expect(sync(catalogue, [], "2026-08-01", "models-dev").plan.withdraw).toEqual(["dev"]);
    expect(sync(catalogue, [], "2026-08-01", "litellm", false).plan.withdraw).toEqual([]);
  });

  it("restores in a partial sync too, when the creating source lists it again", () => {
    const withdrawn = [{ ...offering("a"), withdrawnAt: "2026-08-01" }];
    expect(sync(withdrawn, ["a"], "2026-09-01", "litellm", false).plan.restore).toEqual(["a"]);
    expect(sync(withdrawn, ["a"], "2026-09-01", "models-dev").plan.restore).toEqual([]);
  });
});
