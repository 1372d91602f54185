"use client";

import { Loader2, Pause, Pencil, Play, Trash2, Zap } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";

import type { ServerAction } from "@/components/forms/action-result";
import { ActionStatus } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { ConfirmRunAction } from "@/components/runs/confirm-run-action";
import { Button } from "@/components/ui/button";

type IdAction<T> = ServerAction<{ id: string }, T>;

/**
 * What an operator does with a schedule: run it now (its monthly cap still holds), pause or
 * resume it, edit it (a new version), delete it after a confirmation. Each button says what
 * happened beside it.
 */
export function ScheduleActions({
  id,
  isPaused,
  runNow,
  pause,
  resume,
  remove,
}: {
  id: string;
  isPaused: boolean;
  runNow: IdAction<{ runId: string | null }>;
  pause: IdAction<{ isPaused: boolean }>;
  resume: IdAction<{ isPaused: boolean }>;
  remove: IdAction<{ deleted: boolean }>;
}) {
  const router = useRouter();
  const { isPending, status, run } = useActionForm();

  const act = (send: () => ReturnType<IdAction<unknown>>, done: string) =>
    run({
      send,
      onSuccess: () => {
        router.refresh();
        return { text: done, variant: "success" };
      },
    });

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-2">
        <Button
          aria-disabled={isPending || undefined}
          onClick={() =>
            run({
              send: () => runNow({ id }),
              onSuccess: (data) => {
                if (data.runId) {
                  router.push(`/runs/${data.runId}`);
                  return "navigating";
                }
              },
            })
          }
        >
          {isPending ? <Loader2 aria-hidden className="animate-spin" /> : <Zap aria-hidden />}
          Run now
        </Button>
        {isPaused ? (
          <Button
            variant="outline"
            aria-disabled={isPending || undefined}
            onClick={() =>
              act(
                () => resume({ id }),
                "Resumed: it fires at its next time (missed ones are not made up).",
              )
            }
          >
            <Play aria-hidden />
            Resume
          </Button>
        ) : (
          <Button
            variant="outline"
            aria-disabled={isPending || undefined}
            onClick={() => act(() => pause({ id }), "Paused: it fires nothing until resumed.")}
          >
            <Pause aria-hidden />
            Pause
          </Button>
        )}
        <Button asChild variant="outline">
          <Link href={`/runs/schedules/${id}/edit`}>
            <Pencil aria-hidden />
            Edit
          </Link>
        </Button>
        <ConfirmRunAction
          trigger={
            <>
              <Trash2 aria-hidden />
              Delete
            </>
          }
          groupLabel="Delete schedule"
          question="Delete this schedule for good? Its runs stay."
          confirmLabel="Yes, delete the schedule"
          keepLabel="Keep it"
          send={() => remove({ id })}
          onSuccess={() => {
            router.push("/runs/schedules?deleted=1");
            return "navigating";
          }}
        />
      </div>
      <ActionStatus status={status} />
    </div>
  );
}
