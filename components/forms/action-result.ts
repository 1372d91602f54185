/** Why a server action refused: a small code, a message fit to show, and messages per field. */
export interface ActionError {
  code: string;
  message: string;
  fieldErrors?: Record<string, string[]>;
}

/**
 * The shape every server action returns (see the action wrapper on the server). Declared here so
 * that forms can take actions as props without importing server code; the page that passes the
 * action proves the two agree when it type-checks.
 */
export type ActionOutcome<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** A server action taking one input object. */
export type ServerAction<I, T> = (input: I) => Promise<ActionOutcome<T>>;

/**
 * A refusal made in the browser, for a call that is not a server action (the auth client) but is
 * shown the same way.
 */
export function refusal(
  message: string,
  fieldErrors?: Record<string, string[]>,
): ActionOutcome<never> {
  return { ok: false, error: { code: "REFUSED", message, fieldErrors } };
}
