/**
 * The shape every scorer returns, and small helpers shared by the scorers.
 * Pure: no Next, React, Prisma or env.
 */

/**
 * One scorer's verdict before the dispatcher applies negation.
 * `expectation` completes "expected …" (`to contain "Paris"`); `detail` says what was found.
 * `isConfigError` marks a broken assertion (invalid regex or schema, missing value): it fails
 * whether or not the assertion is negated.
 */
export type Check = {
  pass: boolean;
  /** In [0, 1]. */
  score: number;
  expectation: string;
  detail?: string;
  /** Replaces the composed "expected …" reason (a judge's own explanation, "cost unknown"). */
  reason?: string;
  isConfigError?: boolean;
};

const MAX_QUOTED = 80;

/** Quotes a value for a reason string, escaping control characters and truncating long text. */
export function quote(value: string): string {
  const shown = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED - 1)}…` : value;
  return JSON.stringify(shown);
}

/** Clamps to [0, 1]; NaN becomes 0 so it can never reach a case score. */
export function clampScore(score: number): number {
  if (Number.isNaN(score)) return 0;
  return Math.min(1, Math.max(0, score));
}

/** A failing check for an assertion that cannot be evaluated as written. */
export function configError(expectation: string, detail: string): Check {
  return { pass: false, score: 0, expectation, detail, isConfigError: true };
}

/** A pass/fail check scored 1 or 0. */
export function binaryCheck(pass: boolean, expectation: string, detail?: string): Check {
  return detail === undefined
    ? { pass, score: pass ? 1 : 0, expectation }
    : { pass, score: pass ? 1 : 0, expectation, detail };
}

/** Reads an error's message without trusting its type. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The text an assertion compares against: its string or number value, else the case reference. */
export function getReferenceText(
  value: string | number | string[] | Record<string, unknown> | undefined,
  reference: string | null,
): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (value === undefined) return reference;
  return null;
}
