import type { ReactNode } from "react";

import { AppShell } from "@/components/app-shell";
import { requirePageCaller } from "@/lib/server/http/session";

/**
 * The signed-in part of Crossbench. The layout reads the caller only to draw the shell (name, role,
 * navigation); it is not re-run on client navigation, so every page checks its own role too.
 */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const caller = await requirePageCaller("viewer", { allowPasswordChange: true });
  return (
    <AppShell
      user={{
        name: caller.name,
        email: caller.email,
        role: caller.role,
        mustChangePassword: caller.mustChangePassword,
      }}
    >
      {children}
    </AppShell>
  );
}
