"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { FormStatus, SubmitButton, TextField } from "@/components/forms/fields";
import { Label } from "@/components/ui/label";

type UpdateInput = { id: string; title: string; annotations: string; recommendations: string };

function TextArea({
  label,
  name,
  defaultValue,
  hint,
  error,
}: {
  label: string;
  name: string;
  defaultValue: string;
  hint: string;
  error?: string;
}) {
  const id = useId();
  return (
    <div className="flex flex-col">
      <Label htmlFor={id} className="mb-2">
        {label}
      </Label>
      <textarea
        id={id}
        name={name}
        defaultValue={defaultValue}
        rows={6}
        maxLength={20_000}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        className="rounded-md border bg-background px-3 py-2 text-sm shadow-xs focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
      />
      <p id={`${id}-hint`} className="mt-1.5 text-sm text-muted-foreground">
        {hint}
      </p>
      {error ? <p className="mt-1.5 text-sm font-medium text-destructive">{error}</p> : null}
    </div>
  );
}

/** The analyst's part of a report: its title, recommendations and annotations. */
export function ReportTextForm({
  reportId,
  title,
  recommendations,
  annotations,
  updateReport,
}: {
  reportId: string;
  title: string;
  recommendations: string;
  annotations: string;
  updateReport: ServerAction<UpdateInput, { id: string }>;
}) {
  const router = useRouter();
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
      const result = await updateReport({
        id: reportId,
        title: String(form.get("title") ?? ""),
        recommendations: String(form.get("recommendations") ?? ""),
        annotations: String(form.get("annotations") ?? ""),
      });
      if (result.ok) {
        setMessage({ text: "Saved.", ok: true });
        router.refresh();
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
    <form
      onSubmit={submit}
      aria-label="Edit report"
      className="flex max-w-3xl flex-col gap-4 rounded-xl border p-4"
      noValidate
    >
      <h2 className="text-lg font-semibold">Edit title, recommendations and annotations</h2>
      <FormStatus
        message={message?.text}
        variant={message?.ok ? "success" : "error"}
        icon={message?.ok ? <CircleCheck aria-hidden /> : <CircleAlert aria-hidden />}
      />
      <TextField
        label="Report title"
        name="title"
        defaultValue={title}
        maxLength={160}
        required
        error={errors.title}
      />
      <TextArea
        label="Recommendations"
        name="recommendations"
        defaultValue={recommendations}
        hint="What leadership should do, in your words. Plain text; blank lines separate paragraphs."
        error={errors.recommendations}
      />
      <TextArea
        label="Annotations"
        name="annotations"
        defaultValue={annotations}
        hint="Context the figures need: caveats, what was out of scope, who to ask."
        error={errors.annotations}
      />
      <SubmitButton isPending={isPending} pendingLabel="Saving…" className="self-start">
        Save report
      </SubmitButton>
    </form>
  );
}
