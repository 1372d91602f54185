import type { Role } from "@/lib/schemas/roles";
import { hasRole } from "@/lib/schemas/roles";
import { AppError, forbidden } from "./errors";

/** Who is asking: every data-access function takes this first, so the check lives with the data. */
export type Caller = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
  ipAddress: string | null;
};

/**
 * A command-line tool acting without an account, with `role`: what it creates names no user, and
 * its audit events name "command line" as the actor.
 */
export function commandLineCaller(role: Role): Caller {
  return {
    userId: "",
    email: "command line",
    name: "command line",
    role,
    mustChangePassword: false,
    ipAddress: null,
  };
}

/** The scheduler launching a schedule's run: an operator nobody signs in as. */
export const SCHEDULER_CALLER: Caller = {
  userId: "",
  email: "a schedule",
  name: "a schedule",
  role: "operator",
  mustChangePassword: false,
  ipAddress: null,
};

/** Throws FORBIDDEN unless the caller has at least `role`. */
export function requireRole(caller: Caller, role: Role): void {
  if (!hasRole(caller.role, role)) throw forbidden(role);
}

/** Throws NOT_FOUND: for rows the caller may not know exist. */
export function notFound(what: string): never {
  throw new AppError("NOT_FOUND", `${what} was not found.`);
}
