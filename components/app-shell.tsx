import type { ReactNode } from "react";

import { BrandLink } from "@/components/brand-link";
import { MainNav } from "@/components/main-nav";
import { ThemeToggle } from "@/components/theme-toggle";
import { MobileUserMenu, SidebarUserSection, type ShellUser } from "@/components/user-menu";

const mainContentId = "main-content";

/**
 * Navigation (a sidebar on wide screens, a top bar on narrow ones) and the signed-in user around
 * the page content. A user who must first replace a one-time password gets no navigation: every
 * area would send them back to the account page.
 */
export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  return (
    <>
      <a
        href={`#${mainContentId}`}
        className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:border focus:bg-background focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:shadow-lg"
      >
        Skip to content
      </a>
      <div className="flex min-h-dvh flex-col md:flex-row">
        <header className="sticky top-0 z-40 border-b border-sidebar-border bg-sidebar text-sidebar-foreground md:flex md:h-dvh md:w-60 md:shrink-0 md:flex-col md:overflow-y-auto md:border-r md:border-b-0">
          <div className="flex h-14 items-center justify-between gap-2 px-4 md:px-5">
            <BrandLink />
            <div className="flex items-center gap-1">
              <ThemeToggle />
              <MobileUserMenu user={user} />
            </div>
          </div>
          {user.mustChangePassword ? null : <MainNav role={user.role} />}
          <SidebarUserSection user={user} />
        </header>
        <main id={mainContentId} tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          <div className="mx-auto flex w-full max-w-7xl flex-col gap-8 px-4 py-8 md:px-10 md:py-12">
            {children}
          </div>
        </main>
      </div>
    </>
  );
}
