/**
 * `cost` and `latency` scorers: facts about the call rather than the output text.
 * Pure: no Next, React, Prisma or env.
 */
import type { Assertion } from "../types";
import { binaryCheck, type Check, configError } from "./check";

/** The limit of a measure assertion: `threshold`, or a numeric `value` as a fallback. */
function getLimit(assertion: Pick<Assertion, "threshold" | "value">): number | null {
  const limit = assertion.threshold ?? assertion.value;
  return typeof limit === "number" && Number.isFinite(limit) ? limit : null;
}

/** `cost`: the call cost at most `threshold` US dollars. Unknown cost fails ("cost unknown"). */
export function checkCost(
  assertion: Pick<Assertion, "threshold" | "value">,
  costUsd: number | null,
): Check {
  const limit = getLimit(assertion);
  if (limit === null) return configError("a cost limit", "the assertion has no threshold");
  const expectation = `cost ≤ $${limit}`;
  if (costUsd === null) return { ...binaryCheck(false, expectation), reason: "cost unknown" };
  return binaryCheck(costUsd <= limit, expectation, `cost $${costUsd}`);
}

/** `latency`: the call took at most `threshold` milliseconds. Unknown latency fails. */
export function checkLatency(
  assertion: Pick<Assertion, "threshold" | "value">,
  latencyMs: number | null,
): Check {
  const limit = getLimit(assertion);
  if (limit === null) return configError("a latency limit", "the assertion has no threshold");
  const expectation = `latency ≤ ${limit} ms`;
  if (latencyMs === null) return { ...binaryCheck(false, expectation), reason: "latency unknown" };
  return binaryCheck(latencyMs <= limit, expectation, `latency ${latencyMs} ms`);
}
