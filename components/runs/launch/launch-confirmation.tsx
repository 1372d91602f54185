"use client";

import { useEffect, useRef } from "react";

import { SubmitButton } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { formatCount, formatUsd } from "@/lib/format";
import type { LaunchPreview } from "@/lib/views/launch";

/**
 * The second press before a run that could spend real money: what it will do and cost, how many
 * of its targets are real, and the button that launches it. Focus moves here when it opens.
 */
export function LaunchConfirmation({
  preview,
  isPending,
  onBack,
}: {
  preview: LaunchPreview;
  isPending: boolean;
  onBack: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const { estimate } = preview;
  const targets = estimate.targets.length + (preview.needsJudge ? 1 : 0);
  const real = targets - preview.simulatedTargets.length;
  return (
    <section
      aria-labelledby="launch-confirm"
      className="flex flex-col gap-3 rounded-xl border border-amber-500/60 bg-amber-500/10 p-4 text-sm"
    >
      <h2 id="launch-confirm" ref={headingRef} tabIndex={-1} className="text-base font-semibold">
        Launch this run?
      </h2>
      <p>
        {formatCount(estimate.trials)} trials
        {estimate.judgeCalls > 0 ? ` and ${formatCount(estimate.judgeCalls)} judge calls` : ""}:
        expected {formatUsd(estimate.expectedUsd)}, at most {formatUsd(estimate.maxUsd)}
        {estimate.maxUsd === null ? " (a price is unknown, so the cost is not bounded)" : ""}.{" "}
        {real} of {targets} {targets === 1 ? "target calls" : "targets call"} a real platform and
        will be billed; {preview.simulatedTargets.length} run against the emulator.
      </p>
      <div className="flex flex-wrap gap-3">
        <SubmitButton isPending={isPending} pendingLabel="Launching…">
          Launch {formatCount(estimate.trials)} trials
        </SubmitButton>
        <Button type="button" variant="outline" onClick={onBack} disabled={isPending}>
          Back to the form
        </Button>
      </div>
    </section>
  );
}
