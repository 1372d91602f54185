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

/**
 * `cost`: the call cost at most `threshold` US dollars. Unknown cost fails ("cost unknown"),
 * negated or not.
 */
export function checkCost(
  assertion: Pick<Assertion, "threshold" | "value">,
  costUsd: number | null,
): Check {
  const limit = getLimit(assertion);
  if (limit === null) return configError("a cost limit", "the assertion has no threshold");
  const expectation = `cost ≤ $${limit}`;
  // promptfoo's handleCost throws when the provider gives no cost: the test fails, negated or not.
  if (costUsd === null)
    return { ...binaryCheck(false, expectation), reason: "cost unknown", isConfigError: true };
  return binaryCheck(costUsd <= limit, expectation, `cost $${costUsd}`);
}

/** `latency`: the call took at most `threshold` milliseconds. Unknown latency fails, negated or not. */
export function checkLatency(
  assertion: Pick<Assertion, "threshold" | "value">,
  latencyMs: number | null,
): Check {
  const limit = getLimit(assertion);
  if (limit === null) return configError("a latency limit", "the assertion has no threshold");
  const expectation = `latency ≤ ${limit} ms`;
  if (latencyMs === null)
    return { ...binaryCheck(false, expectation), reason: "latency unknown", isConfigError: true };
  return binaryCheck(latencyMs <= limit, expectation, `latency ${latencyMs} ms`);
}

/**
 * The router's finish reasons (the AI SDK's: `tool-calls`, `content-filter`) in promptfoo's
 * OpenAI-style spelling (src/util/finishReason.ts `FINISH_REASON_MAP`: `tool_calls`,
 * `content_filter`); others (`stop`, `length`, `other`) are kept, lower-cased.
 */
export function normaliseFinishReason(finishReason: string): string {
  const key = finishReason.trim().toLowerCase();
  if (key === "tool-calls" || key === "function_call") return "tool_calls";
  if (key === "content-filter") return "content_filter";
  return key;
}

/**
 * `finish-reason`, as promptfoo's handleFinishReason (src/assertions/finishReason.ts): the
 * provider's finish reason equals the value, ignoring case. A call without a finish reason fails
 * (and so passes when negated, as promptfoo's `pass = inverse`).
 */
export function checkFinishReason(
  value: Assertion["value"],
  finishReason: string | null | undefined,
): Check {
  if (typeof value !== "string" || value === "")
    return configError("a finish reason", "the assertion has no value");
  const expectation = `finish reason ${JSON.stringify(value)}`;
  if (finishReason === null || finishReason === undefined || finishReason.trim() === "")
    return { ...binaryCheck(false, expectation), reason: "the provider gave no finish reason" };
  const actual = normaliseFinishReason(finishReason);
  return binaryCheck(value.toLowerCase() === actual, expectation, `finish reason "${actual}"`);
}
