import type { Target } from "@/lib/router/types";

/** Builds a `Target` for tests, with sensible defaults. Not for production use. */
export function makeTarget(offeringId: string, overrides: Partial<Target> = {}): Target {
  return {
    offeringId,
    platformId: "p1",
    modelId: `model-${offeringId}`,
    nativeId: `native-${offeringId}`,
    apiStyle: "openai-compatible",
    prices: { input: 1, output: 2 },
    simulated: true,
    ...overrides,
  };
}
