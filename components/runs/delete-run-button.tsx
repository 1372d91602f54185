"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";

import type { ServerAction } from "@/components/forms/action-result";
import { ConfirmRunAction } from "@/components/runs/confirm-run-action";
import { formatCount } from "@/lib/format";

/** Deletes a run that has ended after a confirmation, then opens the list of runs. */
export function DeleteRunButton({
  runId,
  trials,
  deleteRun,
}: {
  runId: string;
  /** Trials stored, for the question. */
  trials: number;
  deleteRun: ServerAction<{ runId: string }, { name: string; trials: number }>;
}) {
  const router = useRouter();
  return (
    <ConfirmRunAction
      trigger={
        <>
          <Trash2 aria-hidden />
          Delete run
        </>
      }
      groupLabel="Delete run"
      question={`Delete this run and its ${formatCount(trials)} trial${trials === 1 ? "" : "s"} for good? Reports made from it keep their copy.`}
      confirmLabel="Yes, delete the run"
      keepLabel="Keep it"
      send={() => deleteRun({ runId })}
      onSuccess={() => {
        router.push("/runs?deleted=1");
        return "navigating";
      }}
    />
  );
}
