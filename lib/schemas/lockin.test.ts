import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS } from "@/lib/lockin/factors";
import { lockinWeightsSchema, workloadProfileSchema } from "./lockin";

const profile = {
  models: [{ modelId: "anthropic/claude-sonnet-4.6", monthlySpendUsd: 100 }],
  requiredRegions: ["eu", "eu"],
  services: ["guardrails"],
  monthlySpendUsd: 100,
  dataStoredGb: 0,
};

describe("lockinWeightsSchema", () => {
  it("accepts the default rubric and refuses all-zero or negative weights", () => {
    expect(lockinWeightsSchema.safeParse(DEFAULT_WEIGHTS).success).toBe(true);
    const zero = Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((id) => [id, 0]));
    const allZero = lockinWeightsSchema.safeParse(zero);
    expect(allZero.error?.issues[0]?.message).toBe("At least one weight must be above 0.");
    const negative = lockinWeightsSchema.safeParse({ ...DEFAULT_WEIGHTS, residency: -1 });
    expect(negative.error?.issues[0]).toMatchObject({
      path: ["residency"],
      message: "must be 0 or more",
    });
  });
});

describe("workloadProfileSchema", () => {
  it("accepts a profile and drops repeated regions", () => {
    expect(workloadProfileSchema.parse(profile).requiredRegions).toEqual(["eu"]);
  });

  it("names the field that is wrong", () => {
    const twice = workloadProfileSchema.safeParse({
      ...profile,
      models: [...profile.models, ...profile.models],
    });
    expect(twice.error?.issues[0]).toMatchObject({
      path: ["models"],
      message: "must not list the same model twice",
    });
    const spend = workloadProfileSchema.safeParse({
      ...profile,
      models: [{ modelId: "x/y", monthlySpendUsd: Number.NaN }],
    });
    expect(spend.error?.issues[0]?.path).toEqual(["models", 0, "monthlySpendUsd"]);
    const region = workloadProfileSchema.safeParse({ ...profile, requiredRegions: ["mars"] });
    expect(region.error?.issues[0]?.message).toBe("must be one of the listed regions");
    expect(
      workloadProfileSchema.safeParse({ ...profile, models: [] }).error?.issues[0]?.message,
    ).toBe("must list at least one model");
  });
});
