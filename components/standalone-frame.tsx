import type { ReactNode } from "react";

import { BrandLink } from "@/components/brand-link";
import { ThemeToggle } from "@/components/theme-toggle";
import { cn } from "@/components/ui/cn";

/**
 * A page without the app's navigation: sign-in, and the error pages shown when the shell itself
 * could not be built. The logo and the theme toggle on top, the content centred below.
 */
export function StandaloneFrame({
  children,
  width = "narrow",
}: {
  children: ReactNode;
  /** narrow for a single form, wide for a page of text. */
  width?: "narrow" | "wide";
}) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-14 items-center justify-between gap-2 px-4 md:px-6">
        <BrandLink />
        <ThemeToggle />
      </header>
      <main
        className={cn(
          "mx-auto flex w-full flex-1 flex-col justify-center gap-8 px-4 pt-6 pb-16",
          width === "narrow" ? "max-w-md" : "max-w-2xl",
        )}
      >
        {children}
      </main>
    </div>
  );
}
