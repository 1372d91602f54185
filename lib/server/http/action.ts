import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hasRole, type Role } from "@/lib/schemas/roles";
import type { Caller } from "../domain/caller";
import { AppError, forbidden, unauthenticated, type AppErrorCode } from "../domain/errors";
import { getCaller } from "./session";

/**
 * The one boundary every server action goes through: authenticate, check the role, validate the
 * input with zod, run the domain function, and return a typed result. Unknown errors are logged
 * with a reference and shown generically.
 */

export type ActionError = {
  code: AppErrorCode;
  message: string;
  fieldErrors?: Record<string, string[]>;
};
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export type ActionMeta = { kind: "authed"; role: Role } | { kind: "public"; reason: string };

const registry = new WeakMap<object, ActionMeta>();

/** How an action was declared; undefined for a function that bypasses the wrapper. */
export function getActionMeta(action: unknown): ActionMeta | undefined {
  return typeof action === "function" ? registry.get(action) : undefined;
}

function toInput(input: unknown): unknown {
  if (input instanceof FormData) {
    const entries: Record<string, FormDataEntryValue> = {};
    for (const [key, value] of input.entries())
      if (!key.startsWith("$ACTION")) entries[key] = value;
    return entries;
  }
  return input;
}

function failure(error: unknown): { ok: false; error: ActionError } {
  if (error instanceof AppError) {
    return {
      ok: false,
      error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors },
    };
  }
  const reference = randomBytes(4).toString("hex");
  // The input is never logged: it may hold passwords or API keys.
  console.error(`[action] unexpected error (ref ${reference}):`, error);
  return {
    ok: false,
    error: {
      code: "INTERNAL",
      message: `Something went wrong on the server (reference ${reference}).`,
    },
  };
}

function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(toInput(input));
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    const fieldErrors: Record<string, string[]> = {};
    for (const [field, messages] of Object.entries(flat.fieldErrors)) {
      if (Array.isArray(messages) && messages.length) fieldErrors[field] = messages as string[];
    }
    const first = parsed.error.issues[0];
    const message = first
      ? `${first.path.length ? `${first.path.join(".")} ` : ""}${first.message}`
      : "The input is not valid.";
    throw new AppError("INVALID_INPUT", message, fieldErrors);
  }
  return parsed.data;
}

/** An action for signed-in users with at least `role`. */
export function authedAction<S extends z.ZodType, T>(
  role: Role,
  schema: S,
  handler: (caller: Caller, input: z.output<S>) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  const action = async (input: unknown): Promise<ActionResult<T>> => {
    try {
      const caller = await getCaller();
      if (!caller) throw unauthenticated();
      if (!hasRole(caller.role, role)) throw forbidden(role);
      if (caller.mustChangePassword) {
        throw new AppError("FORBIDDEN", "Choose your own password first (Account page).");
      }
      return { ok: true, data: await handler(caller, validate(schema, input)) };
    } catch (error) {
      return failure(error);
    }
  };
  registry.set(action, { kind: "authed", role });
  return action;
}

/**
 * An action anyone may call, such as creating the first administrator. The reason is required so
 * that opting out of authentication is visible in review and in the action inventory test.
 */
export function publicAction<S extends z.ZodType, T>(
  reason: string,
  schema: S,
  handler: (input: z.output<S>) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  const action = async (input: unknown): Promise<ActionResult<T>> => {
    try {
      return { ok: true, data: await handler(validate(schema, input)) };
    } catch (error) {
      return failure(error);
    }
  };
  registry.set(action, { kind: "public", reason });
  return action;
}
