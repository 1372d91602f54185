"use client";

import { useState } from "react";

import { authClient } from "@/components/auth/auth-client";
import { openAsNewSession } from "@/components/auth/open-as-new-session";

/** Signs out, then loads the sign-in page afresh (nothing of the old user's pages stays cached). */
export function useSignOut() {
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    if (isPending) return;
    setIsPending(true);
    setError(null);
    try {
      const result = await authClient.signOut();
      if (result.error) {
        setError(`Signing out failed (HTTP ${result.error.status}). Try again.`);
        setIsPending(false);
        return;
      }
      openAsNewSession("/sign-in");
    } catch {
      setError("Could not reach the server to sign out. Try again.");
      setIsPending(false);
    }
  }

  return { signOut, isPending, error };
}
