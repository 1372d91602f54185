import {
  FileText,
  FlaskConical,
  Grid3x3,
  LayoutDashboard,
  LockKeyhole,
  Route,
  Scale,
  Settings,
  type LucideIcon,
} from "lucide-react";

import { hasRole, type Role } from "@/lib/schemas/roles";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** One line saying what the area answers; shown under the page heading. */
  description: string;
  /** The lowest role that may open the area; the server checks it too. Everyone when absent. */
  minRole?: Role;
}

/** The product's areas, keyed for pages that need their own entry. */
export const areas = {
  overview: {
    href: "/",
    label: "Overview",
    icon: LayoutDashboard,
    description: "Where you stand on access, parity, lock-in risk and routing.",
  },
  catalog: {
    href: "/catalog",
    label: "Catalog",
    icon: Grid3x3,
    description: "Which models are sold on which platform, at what price, through which API.",
  },
  runs: {
    href: "/runs",
    label: "Runs",
    icon: FlaskConical,
    description: "Evaluation runs: a suite of test cases against one or more targets.",
  },
  compare: {
    href: "/compare",
    label: "Compare",
    icon: Scale,
    description: "Whether the same model scores the same on every platform, on your tasks.",
  },
  lockIn: {
    href: "/lock-in",
    label: "Lock-in",
    icon: LockKeyhole,
    description: "How hard it would be to leave each platform, factor by factor, with sources.",
  },
  routing: {
    href: "/routing",
    label: "Routing",
    icon: Route,
    description: "What a neutral router would cost and score next to each cloud's own router.",
  },
  reports: {
    href: "/reports",
    label: "Reports",
    icon: FileText,
    description: "Exports and read-only share links for leadership.",
  },
  settings: {
    href: "/settings",
    label: "Settings",
    icon: Settings,
    description: "Users, roles, provider credentials and catalogue syncs.",
    minRole: "admin",
  },
} satisfies Record<string, NavItem>;

/** The main navigation, in display order. */
export const navItems: readonly NavItem[] = [
  areas.overview,
  areas.catalog,
  areas.runs,
  areas.compare,
  areas.lockIn,
  areas.routing,
  areas.reports,
  areas.settings,
];

/** Whether a user with `role` may open `item` (so the UI can hide what they cannot use). */
export function canOpen(item: NavItem, role: Role): boolean {
  return !item.minRole || hasRole(role, item.minRole);
}

/** Whether `href` is the current area: exact for the root, otherwise the area or any page below it. */
export function isActiveHref(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
