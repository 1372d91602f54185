import { z } from "zod";

/**
 * The four roles, each including the ones before it:
 * viewer reads; analyst also saves comparisons, weight profiles and report drafts; operator also
 * launches, cancels and deletes runs and imports suites; admin also manages users, roles,
 * credentials, catalogue syncs and settings.
 */
export const ROLES = ["viewer", "analyst", "operator", "admin"] as const;

export const roleSchema = z.enum(ROLES, { message: "must be viewer, analyst, operator or admin" });

export type Role = z.infer<typeof roleSchema>;

/** True when `role` is at least `required`. */
export function hasRole(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** The role just below `role`, or null for viewer. */
export function roleBelow(role: Role): Role | null {
  const index = ROLES.indexOf(role);
  return index > 0 ? (ROLES[index - 1] ?? null) : null;
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "Reads dashboards and reports, downloads exports.",
  analyst: "Viewer, plus saves comparisons, lock-in weight profiles and report drafts.",
  operator: "Analyst, plus launches, cancels and deletes evaluation runs and imports suites.",
  admin: "Everything, plus users, roles, provider credentials, catalogue syncs and settings.",
};
