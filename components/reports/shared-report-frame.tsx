import { Waypoints } from "lucide-react";
import type { ReactNode } from "react";

/**
 * The frame of a shared report: the product's name and that the page is a read-only copy, with no
 * link into the app, since whoever holds the link may reach this report and nothing else.
 */
export function SharedReportFrame({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-14 items-center justify-between gap-2 border-b px-4 md:px-6 print:hidden">
        <span className="flex items-center gap-2 text-base font-semibold tracking-tight">
          <Waypoints aria-hidden className="size-5 text-primary" />
          Crossbench
        </span>
        <span className="text-sm text-muted-foreground">Shared report · read-only</span>
      </header>
      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col gap-8 px-4 py-8 md:px-10">
        {children}
      </main>
    </div>
  );
}
