"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import type { FieldErrors } from "@/components/forms/field-errors";
import { FormStatus, SubmitButton, TextField } from "@/components/forms/fields";
import { UNREACHABLE_SHORT_MESSAGE, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import {
  lockinWeightsSchema,
  type LockinWeightsInput,
  type ResetLockinInput,
} from "@/lib/schemas/lockin";

type FactorOption = { id: keyof LockinWeightsInput; label: string; defaultWeight: number };

export type SaveWeights = ServerAction<LockinWeightsInput, unknown>;
export type ResetWeights = ServerAction<ResetLockinInput, unknown>;

/** Text values of the inputs, so a half-typed number is kept as typed. */
type Draft = Record<string, string>;

function toDraft(weights: Record<string, number>): Draft {
  return Object.fromEntries(Object.entries(weights).map(([id, value]) => [id, String(value)]));
}

function sentence(label: string, message: string): string {
  const text = message.match(/^[A-Z]/) ? message : `${label} ${message}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * The factor weights: one number per factor, with the running sum. Weights are relative (the score
 * divides by their sum), so they need not add up to 100.
 */
export function WeightsForm({
  factors,
  weights,
  isDefault,
  canEdit,
  saveWeights,
  resetWeights,
}: {
  factors: readonly FactorOption[];
  weights: Record<string, number>;
  isDefault: boolean;
  canEdit: boolean;
  saveWeights: SaveWeights;
  resetWeights: ResetWeights;
}) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(() => toDraft(weights));
  const order = factors.map((factor) => factor.id);
  const { isPending, errors, setErrors, status, handleSubmit, run } = useActionForm({
    fields: order,
    unreachableMessage: UNREACHABLE_SHORT_MESSAGE,
  });

  const numbers = factors.map((factor) => Number(draft[factor.id] ?? ""));
  const sum = numbers.every(Number.isFinite) ? numbers.reduce((a, b) => a + b, 0) : null;

  const onSubmit = handleSubmit({
    read: () => {
      const values = Object.fromEntries(
        factors.map((factor) => {
          const text = (draft[factor.id] ?? "").trim();
          return [factor.id, text === "" ? Number.NaN : Number(text)];
        }),
      );
      const parsed = lockinWeightsSchema.safeParse(values);
      if (parsed.success) return { ok: true, input: parsed.data };
      const next: FieldErrors<FactorOption["id"]> = {};
      let formMessage: string | null = null;
      for (const issue of parsed.error.issues) {
        const field = factors.find((factor) => factor.id === issue.path[0]);
        if (field && !next[field.id])
          next[field.id] = sentence(`${field.label} weight`, issue.message);
        if (!field) formMessage = issue.message;
      }
      return { ok: false, errors: next, message: formMessage };
    },
    send: saveWeights,
    fieldErrorsOf: () => ({}),
    onSuccess: () => {
      router.refresh();
      return { text: "Weights saved. The scores above use them now.", variant: "success" };
    },
  });

  function handleReset() {
    void run({
      send: () => resetWeights({ confirm: true }),
      onSuccess: () => {
        setDraft(toDraft(Object.fromEntries(factors.map((f) => [f.id, f.defaultWeight]))));
        setErrors({});
        router.refresh();
        return { text: "Weights reset to the default rubric.", variant: "success" };
      },
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Factor weights">
      <FormStatus message={status?.text} variant={status?.variant} />
      <p className="mb-3 text-sm text-muted-foreground">
        {isDefault ? "Default rubric." : "Your saved weights."} Weights are relative: each
        factor&apos;s contribution is value × weight ÷ the sum of the weights.
      </p>
      <fieldset disabled={!canEdit} className="grid gap-3 sm:grid-cols-2">
        <legend className="sr-only">Weight of each factor</legend>
        {factors.map((factor) => {
          const value = Number(draft[factor.id]);
          const share =
            sum && Number.isFinite(value)
              ? ` · ${Math.round((value / sum) * 100)}% of the sum`
              : "";
          return (
            <TextField
              key={factor.id}
              label={factor.label}
              name={factor.id}
              type="number"
              inputMode="decimal"
              min={0}
              max={1000}
              step="any"
              value={draft[factor.id] ?? ""}
              onChange={(event) => setDraft({ ...draft, [factor.id]: event.target.value })}
              hint={`Default ${factor.defaultWeight}${share}`}
              error={errors[factor.id]}
            />
          );
        })}
      </fieldset>
      <p className="mt-4 text-sm" aria-live="polite">
        Sum of weights:{" "}
        <span className="font-medium tabular-nums">
          {sum === null ? "—" : Number(sum.toFixed(2))}
        </span>
        {sum === 100 ? " (as the default rubric)" : ""}
      </p>
      {canEdit ? (
        <div className="mt-4 flex flex-wrap gap-2">
          <SubmitButton isPending={isPending} pendingLabel="Saving…">
            Save weights
          </SubmitButton>
          <Button variant="outline" onClick={handleReset} aria-disabled={isPending || undefined}>
            Reset to defaults
          </Button>
        </div>
      ) : (
        <p className="mt-4 text-sm text-muted-foreground">
          Analysts and above can change the weights.
        </p>
      )}
    </form>
  );
}
