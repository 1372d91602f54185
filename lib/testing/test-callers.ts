import { randomBytes } from "node:crypto";
import { ROLES, type Role } from "@/lib/schemas/roles";
import type { Caller } from "@/lib/server/domain/caller";
import { unsafeCreateUser, type UserSummary } from "@/lib/server/domain/access/users";
import type { Db } from "@/lib/server/ops/db-client";

/** Callers for domain functions in tests, with or without a user row behind them. */

/**
 * A caller with no user row: for the domain functions that only check the role. No password
 * change pending and no IP address unless `fields` says otherwise.
 */
export function testCaller(fields: Pick<Caller, "role" | "email" | "name"> & Partial<Caller>) {
  const caller: Caller = { userId: "", mustChangePassword: false, ipAddress: null, ...fields };
  return caller;
}

/** The caller a signed-in user would be. */
export function callerOf(
  user: Pick<UserSummary, "id" | "email" | "name" | "role">,
  ipAddress: string | null = null,
): Caller {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: false,
    ipAddress,
  };
}

/**
 * One user of each role, made with `unsafeCreateUser` as `<label>-<role>-<suffix>@example.test`
 * named `<label> <role>`, and a caller for each; the admin's caller has `adminIp`.
 */
export async function createRoleCallers(
  db: Db,
  options: {
    label: string;
    suffix: string;
    adminIp: string;
    password?: () => string;
  },
): Promise<Map<Role, Caller>> {
  const { label, suffix, adminIp } = options;
  const password = options.password ?? (() => `pw-${randomBytes(12).toString("base64url")}`);
  const callers = new Map<Role, Caller>();
  for (const role of ROLES) {
    const user = await unsafeCreateUser(db, {
      name: `${label} ${role}`,
      email: `${label}-${role}-${suffix}@example.test`,
      role,
      password: password(),
      mustChangePassword: false,
    });
    callers.set(role, callerOf(user, role === "admin" ? adminIp : null));
  }
  return callers;
}

/** The caller of `role` from {@link createRoleCallers}; throws when there is none. */
export function requireCaller(callers: Map<Role, Caller>, role: Role): Caller {
  const caller = callers.get(role);
  if (!caller) throw new Error(`no ${role} caller`);
  return caller;
}
