import { Badge } from "@/components/ui/badge";
import type { Role } from "@/lib/schemas/roles";

/** "viewer" → "Viewer". */
export function formatRole(role: Role): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

/** A role, as a badge: admins stand out, the other roles look alike. */
export function RoleBadge({ role }: { role: Role }) {
  return <Badge variant={role === "admin" ? "default" : "secondary"}>{formatRole(role)}</Badge>;
}
