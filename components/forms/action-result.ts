/**
 * The shape every server action returns (see the action wrapper on the server). Declared here so
 * that forms can take actions as props without importing server code; the page that passes the
 * action proves the two agree when it type-checks.
 */
export type ActionOutcome<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: { code: string; message: string; fieldErrors?: Record<string, string[]> };
    };

/** A server action taking one input object. */
export type ServerAction<I, T> = (input: I) => Promise<ActionOutcome<T>>;
