"use client";

import { Loader2 } from "lucide-react";
import { useEffect, useRef, useState, type ReactNode } from "react";

import type { ActionOutcome } from "@/components/forms/action-result";
import { ActionStatus } from "@/components/forms/fields";
import { useActionForm, type SuccessEnd } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";

/**
 * A run action that needs a second, explicit press: the first button asks the question, and only
 * the "Yes" button acts. Keyboard friendly: the question takes focus on the safe choice, and
 * backing out returns focus to the first button. No browser dialog.
 */
export function ConfirmRunAction<T>({
  trigger,
  question,
  confirmLabel,
  keepLabel,
  groupLabel,
  send,
  onSuccess,
}: {
  /** The first button's content (icon and words). */
  trigger: ReactNode;
  question: string;
  confirmLabel: string;
  keepLabel: string;
  /** Names the question's group for screen readers. */
  groupLabel: string;
  send: () => Promise<ActionOutcome<T>>;
  onSuccess: (data: T) => SuccessEnd;
}) {
  const [isConfirming, setIsConfirming] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const shouldRefocus = useRef(false);
  const { isPending, status, setStatus, run } = useActionForm();

  useEffect(() => {
    if (isConfirming || !shouldRefocus.current) return;
    shouldRefocus.current = false;
    triggerRef.current?.focus();
  }, [isConfirming]);

  async function confirm() {
    if (isPending) return;
    setStatus(null);
    await run({ send, onSuccess });
  }

  function keep() {
    shouldRefocus.current = true;
    setIsConfirming(false);
  }

  return (
    <div className="flex flex-col items-start gap-2">
      <ActionStatus status={status} />
      {isConfirming ? (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label={groupLabel}>
          <span className="text-sm">{question}</span>
          <Button
            variant="outline"
            className="border-destructive/50 text-destructive"
            aria-disabled={isPending || undefined}
            onClick={confirm}
          >
            {isPending ? <Loader2 aria-hidden className="animate-spin" /> : null}
            {confirmLabel}
          </Button>
          <Button variant="ghost" autoFocus onClick={keep}>
            {keepLabel}
          </Button>
        </div>
      ) : (
        <Button ref={triggerRef} variant="outline" onClick={() => setIsConfirming(true)}>
          {trigger}
        </Button>
      )}
    </div>
  );
}
