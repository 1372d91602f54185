import { describe, expect, it } from "vitest";
import {
  actualCostUsd,
  createMemoryBudgetLedger,
  estimateCostUsd,
  estimateInputTokens,
} from "@/lib/router/budget";
import { makeTarget } from "@/lib/testing/router-targets";

describe("cost estimation", () => {
  const target = makeTarget("a", { prices: { input: 2, output: 10 } });
  const request = {
    messages: [{ role: "user" as const, content: "x".repeat(400) }],
    maxTokens: 1000,
  };
  it("estimates input tokens from message length", () => {
    expect(estimateInputTokens(request)).toBe(100 + 4);
  });
  it("estimates cost from input length and maxTokens", () => {
    expect(estimateCostUsd(target, request)).toBeCloseTo((104 * 2 + 1000 * 10) / 1e6, 12);
    expect(estimateCostUsd(target, { messages: [] }, 10)).toBeCloseTo((10 * 10) / 1e6, 12);
  });
  it("is null for unknown prices", () => {
    expect(estimateCostUsd(makeTarget("b", { prices: { input: null, output: 1 } }), request)).toBe(
      null,
    );
  });
  it("reserves a cloud router's call at its dearest priced pool model, not at zero", () => {
    // A router target has no price of its own; before, its calls were reserved at $0 and a run's
    // budget did not bound them.
    const router = makeTarget("router", {
      prices: { input: null, output: null },
      router: {
        routerId: "aws-bedrock/anthropic.claude",
        mode: "default",
        pool: {
          "anthropic/cheap": { offeringId: "o1", prices: { input: 1, output: 5 } },
          "anthropic/dear": { offeringId: "o2", prices: { input: 3, output: 15 } },
          "anthropic/unpriced": { offeringId: "o3", prices: { input: null, output: null } },
        },
      },
    });
    expect(estimateCostUsd(router, request)).toBeCloseTo((104 * 3 + 1000 * 15) / 1e6, 12);
    // No priced pool model: unknown, as for an unpriced offering.
    const unpriced = makeTarget("router2", {
      prices: { input: null, output: null },
      router: { routerId: "x", mode: "default", pool: {} },
    });
    expect(estimateCostUsd(unpriced, request)).toBeNull();
  });
  it("computes the actual cost from usage", () => {
    expect(actualCostUsd(target, { inputTokens: 1_000_000, outputTokens: 500_000 })).toBe(7);
    expect(actualCostUsd(target, { inputTokens: null, outputTokens: 1 })).toBeNull();
  });
});

describe("createMemoryBudgetLedger", () => {
  it("reserves, commits and releases without overspending", () => {
    const ledger = createMemoryBudgetLedger((run) => (run === "r" ? 1 : null));
    const r1 = ledger.reserve("r", 0.6);
    expect(r1).not.toBeNull();
    expect(ledger.reserve("r", 0.6)).toBeNull(); // 0.6 reserved + 0.6 > 1
    ledger.commit(r1!, 0.5);
    expect(ledger.state("r")).toEqual({ limitUsd: 1, spentUsd: 0.5, reservedUsd: 0 });
    const r2 = ledger.reserve("r", 0.5);
    expect(r2).not.toBeNull();
    ledger.release(r2!);
    expect(ledger.state("r").reservedUsd).toBe(0);
    expect(ledger.reserve("other", 1e9)).not.toBeNull(); // unlimited
    expect(ledger.limitUsd("other")).toBeNull();
  });
});
