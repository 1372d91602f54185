"use client";

import { LogOut, UserRound } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";

import { useSignOut } from "@/components/auth/use-sign-out";
import { useIsHydrated } from "@/components/use-is-hydrated";
import { RoleBadge } from "@/components/role-badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { Role } from "@/lib/schemas/roles";

/** The signed-in user as the shell shows them; read on the server and passed down. */
export interface ShellUser {
  name: string;
  email: string;
  role: Role;
  mustChangePassword: boolean;
}

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => word?.charAt(0).toUpperCase() ?? "").join("") || "?";
}

function Avatar({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn(
        "flex size-8 shrink-0 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground",
        className,
      )}
    >
      {initialsOf(name)}
    </span>
  );
}

const itemClasses =
  "flex w-full items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium text-sidebar-foreground/80 transition-colors hover:bg-sidebar-accent/60 hover:text-sidebar-accent-foreground aria-[current=page]:bg-sidebar-accent aria-[current=page]:font-semibold aria-[current=page]:text-sidebar-accent-foreground disabled:opacity-60";

/** Who is signed in, a link to their account and the sign-out button. */
function UserPanel({ user, onNavigate }: { user: ShellUser; onNavigate?: () => void }) {
  const pathname = usePathname();
  const { signOut, isPending, error } = useSignOut();
  // Disabled until hydrated: a click before then would do nothing and look like it worked.
  const isHydrated = useIsHydrated();
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-start gap-3 px-3 py-2">
        <Avatar name={user.name} />
        <div className="flex min-w-0 flex-col gap-1">
          <p className="truncate text-sm font-medium" title={user.name}>
            {user.name}
          </p>
          <p className="truncate text-xs text-muted-foreground" title={user.email}>
            {user.email}
          </p>
          <RoleBadge role={user.role} />
        </div>
      </div>
      <Link
        href="/account"
        onClick={onNavigate}
        aria-current={pathname === "/account" ? "page" : undefined}
        className={itemClasses}
      >
        <UserRound aria-hidden className="size-4 shrink-0" />
        Account
      </Link>
      <button
        type="button"
        onClick={signOut}
        disabled={!isHydrated}
        aria-disabled={isPending || undefined}
        className={cn(itemClasses, "aria-disabled:cursor-progress aria-disabled:opacity-60")}
      >
        <LogOut aria-hidden className="size-4 shrink-0" />
        {isPending ? "Signing out…" : "Sign out"}
      </button>
      <div aria-live="polite">
        {error ? <p className="px-3 py-1 text-xs font-medium text-destructive">{error}</p> : null}
      </div>
    </div>
  );
}

/** The user section at the bottom of the sidebar (wide screens). */
export function SidebarUserSection({ user }: { user: ShellUser }) {
  return (
    <section
      aria-label="Signed-in user"
      className="mt-auto hidden border-t border-sidebar-border px-3 py-3 md:block"
    >
      <UserPanel user={user} />
    </section>
  );
}

/** A button in the top bar that opens the same user section (narrow screens). */
export function MobileUserMenu({ user }: { user: ShellUser }) {
  const [isOpen, setIsOpen] = useState(false);
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    function closeOnOutsidePointer(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setIsOpen(false);
    }
    function closeOnEscape(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      setIsOpen(false);
      buttonRef.current?.focus();
    }
    document.addEventListener("pointerdown", closeOnOutsidePointer);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("pointerdown", closeOnOutsidePointer);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [isOpen]);

  return (
    <div ref={containerRef} className="relative md:hidden">
      <Button
        ref={buttonRef}
        variant="ghost"
        size="icon"
        aria-expanded={isOpen}
        aria-controls={panelId}
        aria-label={`Account menu, signed in as ${user.name}`}
        onClick={() => setIsOpen((open) => !open)}
      >
        <Avatar name={user.name} className="size-7" />
      </Button>
      <div
        id={panelId}
        hidden={!isOpen}
        className="absolute top-full right-0 z-50 mt-2 w-72 rounded-lg border bg-card p-1 text-card-foreground shadow-lg"
      >
        <UserPanel user={user} onNavigate={() => setIsOpen(false)} />
      </div>
    </div>
  );
}
