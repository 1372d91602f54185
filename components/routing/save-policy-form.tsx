"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { FormStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import type { SavedPolicyKind } from "@/lib/schemas/routing";

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
  const [isPending, setIsPending] = useState(false);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setMessage(null);
    setErrors({});
    try {
      const result = await savePolicy({
        runId,
        name: String(form.get("name") ?? ""),
        kind,
        threshold: kind === "quality-floor" ? String(form.get("threshold") ?? "") : undefined,
        strongShare: kind === "weighted" ? String(form.get("strongShare") ?? "") : undefined,
      });
      if (result.ok) {
        setMessage({ text: `Saved “${result.data.name}”.`, ok: true });
      } else {
        setMessage({ text: result.error.message, ok: false });
        setErrors(
          Object.fromEntries(
            Object.entries(result.error.fieldErrors ?? {}).map(([k, v]) => [k, v[0] ?? ""]),
          ),
        );
      }
    } catch {
      setMessage({
        text: "Could not reach the server. Check the connection and try again.",
        ok: false,
      });
    }
    setIsPending(false);
  }

  return (
    <form onSubmit={submit} className="flex max-w-xl flex-col gap-4" noValidate>
      <FormStatus
        message={
          message ? (
            message.ok ? (
              <>
                {message.text} Launch it from{" "}
                <Link href="/runs/new" className="underline underline-offset-2">
                  New run
                </Link>{" "}
                under “Saved routing policies”.
              </>
            ) : (
              message.text
            )
          ) : null
        }
        variant={message?.ok ? "success" : "error"}
        icon={message?.ok ? <CircleCheck aria-hidden /> : <CircleAlert aria-hidden />}
      />
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
          label="Threshold (mean score, 0–1)"
          name="threshold"
          type="number"
          inputMode="decimal"
          min={0}
          max={1}
          step="any"
          defaultValue={defaultThreshold.toFixed(3)}
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
