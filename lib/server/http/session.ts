import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { roleSchema, hasRole, type Role } from "@/lib/schemas/roles";
import { getAuth } from "./auth";
import type { Caller } from "../domain/caller";
import { getClientAddress } from "./client-address";
import { getEnv } from "../ops/env";

/** The address this request comes from (TRUST_PROXY decides which hop counts), for audit events. */
export async function getRequestClientAddress(): Promise<string | null> {
  return getClientAddress(await headers(), getEnv().TRUST_PROXY);
}

/**
 * The signed-in user of this request, or null. Reads the session from PostgreSQL once per request
 * (React's `cache` shares it between the layout and the page).
 */
export const getCaller = cache(async (): Promise<Caller | null> => {
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const role = roleSchema.safeParse(session.user.role);
  return {
    userId: session.user.id,
    email: session.user.email,
    name: session.user.name,
    role: role.success ? role.data : "viewer",
    mustChangePassword: session.user.mustChangePassword === true,
    ipAddress: getClientAddress(requestHeaders, getEnv().TRUST_PROXY),
  };
});

/**
 * For pages: the caller, or a redirect to sign in; a user with a one-time password is sent to
 * choose their own first; a role below `role` gets the 403 page. The proxy may redirect earlier,
 * but this is the check that counts.
 */
export async function requirePageCaller(
  role: Role = "viewer",
  options: { allowPasswordChange?: boolean } = {},
): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect("/sign-in");
  if (caller.mustChangePassword && !options.allowPasswordChange) redirect("/account?first=1");
  if (!hasRole(caller.role, role)) forbidden();
  return caller;
}
