"use client";

import Link from "next/link";
import { useState } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { ActionStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import type { SavedPolicyKind } from "@/lib/schemas/routing";
import { formatScore } from "@/lib/format";

type SaveInput = {
  runId: string;
  name: string;
  kind: string;
  threshold?: string;
  strongShare?: string;
};

/** "Save as routing target": a threshold router (with its threshold) or the random mix. */
export function SavePolicyForm({
  runId,
  defaultName,
  defaultThreshold,
  canMix,
  weakLabel,
  strongLabel,
  savePolicy,
}: {
  runId: string;
  defaultName: string;
  defaultThreshold: number;
  /** False when the cheapest target is also the best: there is nothing to mix. */
  canMix: boolean;
  weakLabel: string;
  strongLabel: string;
  savePolicy: ServerAction<SaveInput, { id: string; name: string }>;
}) {
  const [kind, setKind] = useState<SavedPolicyKind>("quality-floor");
  const { isPending, errors, status, handleSubmit } = useActionForm();

  const submit = handleSubmit({
    read: (data) => ({
      ok: true,
      input: {
        runId,
        name: String(data.get("name") ?? ""),
        kind,
        threshold: kind === "quality-floor" ? String(data.get("threshold") ?? "") : undefined,
        strongShare: kind === "weighted" ? String(data.get("strongShare") ?? "") : undefined,
      },
    }),
    send: savePolicy,
    onSuccess: (saved) => ({
      text: (
        <>
          {`Saved “${saved.name}”.`} Launch it from{" "}
          <Link href="/runs/new" className="underline underline-offset-2">
            New run
          </Link>{" "}
          under “Saved routing policies”.
        </>
      ),
      variant: "success",
    }),
  });

  return (
    <form onSubmit={submit} className="flex max-w-xl flex-col gap-4" noValidate>
      <ActionStatus status={status} />
      <TextField
        label="Name"
        name="name"
        defaultValue={defaultName}
        maxLength={80}
        required
        error={errors.name}
      />
      <SelectField
        label="Policy"
        name="kind"
        value={kind}
        onChange={(event) => setKind(event.target.value as SavedPolicyKind)}
        error={errors.kind}
        hint={
          kind === "quality-floor"
            ? "Cheapest offering whose score for the request's category, learned from this run, is at least the threshold; the best-scoring one when none is."
            : `Sends each request at random to ${strongLabel} with the share below, otherwise to ${weakLabel}.`
        }
      >
        <option value="quality-floor">Quality threshold router</option>
        <option value="weighted" disabled={!canMix}>
          Random mix{canMix ? "" : " (the cheapest target is also the best)"}
        </option>
      </SelectField>
      {kind === "quality-floor" ? (
        <TextField
          key="threshold"
          label="Threshold (mean score, points 0–100)"
          name="threshold"
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step="any"
          defaultValue={formatScore(defaultThreshold)}
          error={errors.threshold}
        />
      ) : (
        <TextField
          key="strongShare"
          label={`Share of requests to ${strongLabel} (%)`}
          name="strongShare"
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step={1}
          defaultValue="50"
          error={errors.strongShare}
        />
      )}
      <SubmitButton isPending={isPending} pendingLabel="Saving…" className="self-start">
        Save as routing target
      </SubmitButton>
    </form>
  );
}
