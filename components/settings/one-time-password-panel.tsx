"use client";

import { ShownOncePanel } from "@/components/settings/shown-once-panel";

interface OneTimePasswordPanelProps {
  email: string;
  password: string;
  onDone: () => void;
}

/** The generated password of a new account, shown once. */
export function OneTimePasswordPanel({ email, password, onDone }: OneTimePasswordPanelProps) {
  return (
    <ShownOncePanel
      heading={`One-time password for ${email}`}
      secret={password}
      noun="password"
      secretClassName="text-base tracking-wide"
      onDone={onDone}
    >
      <p className="text-sm">
        Shown once. Give it to {email}; they will choose their own password at first sign-in.
      </p>
    </ShownOncePanel>
  );
}
