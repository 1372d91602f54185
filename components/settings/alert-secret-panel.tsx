"use client";

import { Check, Copy, KeyRound } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import { Button } from "@/components/ui/button";

/**
 * A new channel's generated signing secret, shown once: it is stored sealed and never sent to a
 * browser again. Takes focus when it appears so that screen readers announce it.
 */
export function AlertSecretPanel({
  channelName,
  secret,
  onDone,
}: {
  channelName: string;
  secret: string;
  onDone: () => void;
}) {
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

  return (
    <section
      aria-labelledby="alert-secret-heading"
      className="flex flex-col gap-4 rounded-xl border border-primary/40 bg-accent/50 p-5"
    >
      <h3
        id="alert-secret-heading"
        ref={headingRef}
        tabIndex={-1}
        className="flex items-center gap-2 font-semibold focus:outline-none"
      >
        <KeyRound aria-hidden className="size-5 text-primary" />
        Signing secret for {channelName}
      </h3>
      <div className="flex flex-wrap items-center gap-3">
        <code
          ref={secretRef}
          className="rounded-md border bg-background px-3 py-2 font-mono text-sm break-all select-all"
        >
          {secret}
        </code>
        <Button variant="outline" onClick={copy}>
          {copyStatus === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copyStatus === "copied" ? "Copied" : "Copy"}
        </Button>
        <span aria-live="polite" className="text-sm">
          {copyStatus === "copied" ? (
            <span className="sr-only">Secret copied to the clipboard.</span>
          ) : copyStatus === "failed" ? (
            "The browser did not allow copying. The secret is selected: press Ctrl+C (⌘C on a Mac)."
          ) : null}
        </span>
      </div>
      <p className="max-w-prose text-sm">
        Shown once. Give it to the receiver: it checks each request&apos;s X-Crossbench-Signature
        header with it. Slack&apos;s incoming webhooks do not check signatures and need nothing.
      </p>
      <Button variant="secondary" className="self-start" onClick={onDone}>
        Done
      </Button>
    </section>
  );
}
