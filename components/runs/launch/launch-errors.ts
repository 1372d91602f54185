/** The launch form's fields in the order the form shows them, and its messages per field. */

export const FIELD_ORDER = [
  "suiteId",
  "name",
  "targets",
  "judgeOfferingId",
  "temperature",
  "maxTokens",
  "repeats",
  "concurrency",
  "platformConcurrency",
  "requestsPerMinute",
  "budgetUsd",
] as const;

export type Field = (typeof FIELD_ORDER)[number];
export type Errors = Partial<Record<Field, string>>;

function isField(value: unknown): value is Field {
  return typeof value === "string" && (FIELD_ORDER as readonly string[]).includes(value);
}

/** The first message per field, from zod's issues (checked in the browser). */
export function errorsFromIssues(issues: { path: PropertyKey[]; message: string }[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (isField(field) && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** The first message per field, from the server's answer. */
export function errorsFromServer(fieldErrors: Record<string, string[]> | undefined): Errors {
  const errors: Errors = {};
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    if (isField(field) && messages[0]) errors[field] = messages[0];
  }
  return errors;
}

/** The first field with a message, in the form's order. */
export const firstInvalid = (errors: Errors): Field | undefined =>
  FIELD_ORDER.find((field) => errors[field]);
