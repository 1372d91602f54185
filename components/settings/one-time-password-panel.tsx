"use client";

import { Check, Copy, KeyRound } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import { Button } from "@/components/ui/button";

interface OneTimePasswordPanelProps {
  email: string;
  password: string;
  onDone: () => void;
}

/**
 * The generated password of a new account, shown once: it is not stored in readable form, so it
 * cannot be shown again. Takes focus when it appears so that screen readers announce it.
 */
export function OneTimePasswordPanel({ email, password, onDone }: OneTimePasswordPanelProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const passwordRef = useRef<HTMLElement>(null);
  const [copyStatus, setCopyStatus] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopyStatus("copied");
    } catch {
      // No clipboard access (for example plain HTTP on another host): select it for Ctrl+C.
      const element = passwordRef.current;
      const selection = window.getSelection();
      if (element && selection) {
        const range = document.createRange();
        range.selectNodeContents(element);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopyStatus("failed");
    }
  }

  return (
    <section
      aria-labelledby="one-time-password-heading"
      className="flex flex-col gap-4 rounded-xl border border-primary/40 bg-accent/50 p-5"
    >
      <h3
        id="one-time-password-heading"
        ref={headingRef}
        tabIndex={-1}
        className="flex items-center gap-2 font-semibold focus:outline-none"
      >
        <KeyRound aria-hidden className="size-5 text-primary" />
        One-time password for {email}
      </h3>
      <div className="flex flex-wrap items-center gap-3">
        <code
          ref={passwordRef}
          className="rounded-md border bg-background px-3 py-2 font-mono text-base tracking-wide break-all select-all"
        >
          {password}
        </code>
        <Button variant="outline" onClick={copy}>
          {copyStatus === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copyStatus === "copied" ? "Copied" : "Copy"}
        </Button>
        <span aria-live="polite" className="text-sm">
          {copyStatus === "copied" ? (
            <span className="sr-only">Password copied to the clipboard.</span>
          ) : copyStatus === "failed" ? (
            "The browser did not allow copying. The password is selected: press Ctrl+C (⌘C on a Mac)."
          ) : null}
        </span>
      </div>
      <p className="text-sm">
        Shown once. Give it to {email}; they will choose their own password at first sign-in.
      </p>
      <Button variant="secondary" className="self-start" onClick={onDone}>
        Done
      </Button>
    </section>
  );
}
