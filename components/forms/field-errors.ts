import type { z } from "zod";

/** One message per field, written as a sentence that names the field. */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** The label and the message as one sentence: "Email must be an email address." */
export function sentence(label: string, message: string): string {
  const text = `${label} ${message}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Checks `values` in the browser with the same zod schema the server action uses, so most mistakes
 * are caught before a round trip. Empty required fields say "is required" rather than the schema's
 * format message. The schema's messages are phrased to follow the field's label.
 */
export function validateFields<F extends string>(
  schema: z.ZodType,
  values: Record<F, string>,
  labels: Record<F, string>,
): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  const fields = Object.keys(labels) as F[];
  for (const field of fields) {
    if (values[field].trim() === "") errors[field] = sentence(labels[field], "is required");
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fields.find((name) => name === issue.path[0]);
      if (field && !errors[field]) errors[field] = sentence(labels[field], issue.message);
    }
  }
  return errors;
}

/** The server action's `fieldErrors` (zod messages per field), as sentences for the known fields. */
export function fieldErrorsFromServer<F extends string>(
  fieldErrors: Record<string, string[]> | undefined,
  labels: Record<F, string>,
): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  if (!fieldErrors) return errors;
  for (const field of Object.keys(labels) as F[]) {
    const message = fieldErrors[field]?.[0];
    if (message) errors[field] = sentence(labels[field], message);
  }
  return errors;
}

/**
 * `errors` with `message` on the confirmation field when it differs from the password, unless
 * either already has a message.
 */
export function checkConfirmation<F extends string>(
  errors: FieldErrors<F>,
  values: Record<F, string>,
  fields: { password: F; confirmation: F; message: string },
): FieldErrors<F> {
  const { password, confirmation, message } = fields;
  if (errors[password] || errors[confirmation] || values[password] === values[confirmation]) {
    return errors;
  }
  return { ...errors, [confirmation]: message };
}

/** Whether any field has a message. */
export function hasFieldErrors<F extends string>(errors: FieldErrors<F>): boolean {
  return Object.values(errors).some(Boolean);
}

/** Moves focus to the first field (in form order) that has a message. */
export function focusFirstInvalid<F extends string>(
  form: HTMLFormElement | null,
  order: readonly F[],
  errors: FieldErrors<F>,
): void {
  const first = order.find((field) => errors[field]);
  if (!form || !first) return;
  const element = form.elements.namedItem(first);
  if (element instanceof HTMLElement) element.focus();
}
