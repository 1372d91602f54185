"use client";

import { Check, Copy, KeyRound } from "lucide-react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/**
 * A secret shown once (a new account's password, a webhook's signing secret): it is not kept in
 * readable form, so it cannot be shown again. Copy puts it on the clipboard, or selects it for
 * Ctrl+C where the browser refuses. Takes focus when it appears so that screen readers announce it.
 */
export function ShownOncePanel({
  heading,
  secret,
  noun,
  secretClassName,
  children,
  onDone,
}: {
  heading: ReactNode;
  secret: string;
  /** What the secret is called in the copy messages: "password", "secret". */
  noun: string;
  secretClassName?: string;
  /** What to do with it, under the secret. */
  children: ReactNode;
  onDone: () => void;
}) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const secretRef = useRef<HTMLElement>(null);
  const [copyStatus, setCopyStatus] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopyStatus("copied");
    } catch {
      // No clipboard access (plain HTTP on another host, for example): select it for Ctrl+C.
      const element = secretRef.current;
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

  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-4 rounded-xl border border-primary/40 bg-accent/50 p-5"
    >
      <h3
        id={headingId}
        ref={headingRef}
        tabIndex={-1}
        className="flex items-center gap-2 font-semibold focus:outline-none"
      >
        <KeyRound aria-hidden className="size-5 text-primary" />
        {heading}
      </h3>
      <div className="flex flex-wrap items-center gap-3">
        <code
          ref={secretRef}
          className={cn(
            "rounded-md border bg-background px-3 py-2 font-mono break-all select-all",
            secretClassName ?? "text-sm",
          )}
        >
          {secret}
        </code>
        <Button variant="outline" onClick={copy}>
          {copyStatus === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copyStatus === "copied" ? "Copied" : "Copy"}
        </Button>
        <span aria-live="polite" className="text-sm">
          {copyStatus === "copied" ? (
            <span className="sr-only">{Noun} copied to the clipboard.</span>
          ) : copyStatus === "failed" ? (
            `The browser did not allow copying. The ${noun} is selected: press Ctrl+C (⌘C on a Mac).`
          ) : null}
        </span>
      </div>
      {children}
      <Button variant="secondary" className="self-start" onClick={onDone}>
        Done
      </Button>
    </section>
  );
}
