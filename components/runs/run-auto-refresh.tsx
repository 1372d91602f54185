"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const REFRESH_MS = 2000;

/**
 * Re-renders the server page every two seconds while the run is not finished, so progress and
 * results move without a reload. Renders nothing; stops once the page says the run is terminal.
 */
export function RunAutoRefresh({ isTerminal }: { isTerminal: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (isTerminal) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [isTerminal, router]);
  return null;
}
