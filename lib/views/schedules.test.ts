import { describe, expect, it } from "vitest";
import {
  describeDefinitionTargets,
  describeLastFire,
  describeMonthSpend,
  describeNextFire,
  describeWhen,
} from "./schedules";

describe("schedule sentences", () => {
  it("say what a definition targets", () => {
    expect(
      describeDefinitionTargets([
        { kind: "model", modelId: "openai/gpt-5.5" },
        { kind: "offering" },
        { kind: "offering" },
        { kind: "policy" },
        { kind: "saved-policy" },
        { kind: "router" },
      ]),
    ).toBe("openai/gpt-5.5 on every platform; 2 offerings; 2 routing policies; 1 router");
    expect(describeDefinitionTargets([{ kind: "policy" }])).toBe("1 routing policy");
  });

  it("say when and how much", () => {
    expect(describeWhen({ cron: "0 6 * * 1", timezone: "Europe/Paris" })).toBe(
      "Weekly on Monday at 06:00 (Europe/Paris)",
    );
    expect(
      describeMonthSpend({ spentThisMonthUsd: 1.2, monthlyBudgetUsd: 5, isSpendSimulated: false }),
    ).toBe("$1.20 of a $5.00 cap");
    expect(
      describeMonthSpend({ spentThisMonthUsd: 0, monthlyBudgetUsd: null, isSpendSimulated: false }),
    ).toBe("$0.00, no cap");
    expect(
      describeMonthSpend({ spentThisMonthUsd: 0.1, monthlyBudgetUsd: 5, isSpendSimulated: true }),
    ).toBe("$0.10 (simulated) of a $5.00 cap");
    expect(describeNextFire({ isPaused: true, nextFireAt: null })).toBe("Paused");
    expect(
      describeNextFire({ isPaused: false, nextFireAt: new Date("2026-12-07T05:00:00Z") }),
    ).toBe("2026-12-07 05:00:00 UTC");
  });
});

describe("describeLastFire", () => {
  it("says what the last fire did without ids", () => {
    expect(describeLastFire({ lastOutcome: null })).toBe("Not fired yet");
    expect(describeLastFire({ lastOutcome: "launched run abc" })).toBe("Launched a run");
    expect(describeLastFire({ lastOutcome: "launched run abc (run now)" })).toBe(
      "Launched a run (Run now)",
    );
    expect(describeLastFire({ lastOutcome: "skipped: its runs have spent $5.00" })).toBe(
      "Skipped: its runs have spent $5.00",
    );
  });
});
