"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { canOpen, isActiveHref, navItems } from "@/components/nav-items";
import type { Role } from "@/lib/schemas/roles";

// On narrow screens the links scroll sideways; keep the current area in view.
function revealLink(link: HTMLAnchorElement | null) {
  link?.scrollIntoView({ block: "nearest", inline: "nearest" });
}

/** The areas the user's role can open; the others are left out rather than shown disabled. */
export function MainNav({ role }: { role: Role }) {
  const pathname = usePathname();
  const items = navItems.filter((item) => canOpen(item, role));

  return (
    <nav aria-label="Main">
      <ul className="flex gap-1 overflow-x-auto px-2 pb-2 [scrollbar-width:thin] md:flex-col md:overflow-visible md:px-3 md:py-2">
        {items.map(({ href, label, icon: Icon }) => {
          const isActive = isActiveHref(pathname, href);
          return (
            <li key={href} className="shrink-0">
              <Link
                href={href}
                ref={isActive ? revealLink : undefined}
                aria-current={isActive ? "page" : undefined}
                className="flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium text-sidebar-foreground/80 transition-colors hover:bg-sidebar-accent/60 hover:text-sidebar-accent-foreground aria-[current=page]:bg-sidebar-accent aria-[current=page]:font-semibold aria-[current=page]:text-sidebar-accent-foreground"
              >
                <Icon aria-hidden className="size-4 shrink-0" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
