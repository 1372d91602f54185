"use client";

import { CircleStop } from "lucide-react";
import { useRouter } from "next/navigation";

import type { ServerAction } from "@/components/forms/action-result";
import { ConfirmRunAction } from "@/components/runs/confirm-run-action";

/** Cancels a queued or running run after a confirmation; workers stop within about a second. */
export function CancelRunButton({
  runId,
  cancelRun,
}: {
  runId: string;
  cancelRun: ServerAction<{ runId: string }, { status: string }>;
}) {
  const router = useRouter();
  return (
    <ConfirmRunAction
      trigger={
        <>
          <CircleStop aria-hidden />
          Cancel run
        </>
      }
      groupLabel="Cancel run"
      question="Stop this run? Trials already stored are kept."
      confirmLabel="Yes, cancel the run"
      keepLabel="Keep running"
      send={() => cancelRun({ runId })}
      onSuccess={() => router.refresh()}
    />
  );
}
