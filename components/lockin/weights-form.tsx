"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";

import type { ServerAction } from "@/components/forms/action-result";
import { focusFirstInvalid } from "@/components/forms/field-errors";
import { FormStatus, SubmitButton, TextField } from "@/components/forms/fields";
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
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(() => toDraft(weights));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ text: string; variant: "error" | "success" } | null>(null);
  const [isPending, setIsPending] = useState(false);
  const order = factors.map((factor) => factor.id);

  const numbers = factors.map((factor) => Number(draft[factor.id] ?? ""));
  const sum = numbers.every(Number.isFinite) ? numbers.reduce((a, b) => a + b, 0) : null;

  function parse() {
    const values = Object.fromEntries(
      factors.map((factor) => {
        const text = (draft[factor.id] ?? "").trim();
        return [factor.id, text === "" ? Number.NaN : Number(text)];
      }),
    );
    return lockinWeightsSchema.safeParse(values);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const parsed = parse();
    if (!parsed.success) {
      const next: Record<string, string> = {};
      let formMessage: string | null = null;
      for (const issue of parsed.error.issues) {
        const field = factors.find((factor) => factor.id === issue.path[0]);
        if (field && !next[field.id])
          next[field.id] = sentence(`${field.label} weight`, issue.message);
        if (!field) formMessage = issue.message;
      }
      flushSync(() => {
        setErrors(next);
        setStatus(formMessage ? { text: formMessage, variant: "error" } : null);
      });
      focusFirstInvalid(formRef.current, order, next);
      return;
    }
    setIsPending(true);
    try {
      const result = await saveWeights(parsed.data);
      setIsPending(false);
      if (!result.ok) {
        setErrors({});
        setStatus({ text: result.error.message, variant: "error" });
        return;
      }
      setErrors({});
      setStatus({ text: "Weights saved. The scores above use them now.", variant: "success" });
      router.refresh();
    } catch {
      setIsPending(false);
      setStatus({ text: "Could not reach the server. Try again.", variant: "error" });
    }
  }

  async function handleReset() {
    if (isPending) return;
    setIsPending(true);
    try {
      const result = await resetWeights({ confirm: true });
      setIsPending(false);
      if (!result.ok) {
        setStatus({ text: result.error.message, variant: "error" });
        return;
      }
      setDraft(toDraft(Object.fromEntries(factors.map((f) => [f.id, f.defaultWeight]))));
      setErrors({});
      setStatus({ text: "Weights reset to the default rubric.", variant: "success" });
      router.refresh();
    } catch {
      setIsPending(false);
      setStatus({ text: "Could not reach the server. Try again.", variant: "error" });
    }
  }

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-label="Factor weights">
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
