"use client";

import { CircleStop, Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { ActionStatus } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";

/** Cancels a queued or running run after a confirmation; workers stop within about a second. */
export function CancelRunButton({
  runId,
  cancelRun,
}: {
  runId: string;
  cancelRun: ServerAction<{ runId: string }, { status: string }>;
}) {
  const router = useRouter();
  const [isConfirming, setIsConfirming] = useState(false);
  const { isPending, status, setStatus, run } = useActionForm();

  async function cancel() {
    if (isPending) return;
    setStatus(null);
    await run({ send: () => cancelRun({ runId }), onSuccess: () => router.refresh() });
    setIsConfirming(false);
  }

  return (
    <div className="flex flex-col items-start gap-2">
      <ActionStatus status={status} />
      {isConfirming ? (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Cancel run">
          <span className="text-sm">Stop this run? Trials already stored are kept.</span>
          <Button
            variant="outline"
            className="border-destructive/50 text-destructive"
            aria-disabled={isPending || undefined}
            onClick={cancel}
          >
            {isPending ? <Loader2 aria-hidden className="animate-spin" /> : null}
            Yes, cancel the run
          </Button>
          <Button variant="ghost" onClick={() => setIsConfirming(false)}>
            Keep running
          </Button>
        </div>
      ) : (
        <Button variant="outline" onClick={() => setIsConfirming(true)}>
          <CircleStop aria-hidden />
          Cancel run
        </Button>
      )}
    </div>
  );
}
