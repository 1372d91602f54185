"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { ActionStatus, SubmitButton, TextField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Label } from "@/components/ui/label";

type UpdateInput = {
  id: string;
  title: string;
  annotations: string;
  recommendations: string;
  /** As typed ("1,200,000"); empty leaves the volume to the workload profile. */
  monthlyRequests: string;
};

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
  monthlyRequests,
  updateReport,
}: {
  reportId: string;
  title: string;
  recommendations: string;
  annotations: string;
  monthlyRequests: number | null;
  updateReport: ServerAction<UpdateInput, { id: string }>;
}) {
  const router = useRouter();
  const { isPending, errors, status, handleSubmit } = useActionForm();

  const submit = handleSubmit({
    read: (data) => ({
      ok: true,
      input: {
        id: reportId,
        title: String(data.get("title") ?? ""),
        recommendations: String(data.get("recommendations") ?? ""),
        annotations: String(data.get("annotations") ?? ""),
        monthlyRequests: String(data.get("monthlyRequests") ?? "").trim(),
      },
    }),
    send: updateReport,
    onSuccess: () => {
      router.refresh();
      return { text: "Saved.", variant: "success" };
    },
  });

  return (
    <form
      onSubmit={submit}
      aria-label="Edit report"
      className="flex max-w-3xl flex-col gap-4 rounded-xl border p-4"
      noValidate
    >
      <h2 className="text-lg font-semibold">Edit title, volume, recommendations and annotations</h2>
      <ActionStatus status={status} />
      <TextField
        label="Report title"
        name="title"
        defaultValue={title}
        maxLength={160}
        required
        error={errors.title}
      />
      <TextField
        label="Monthly requests (optional)"
        name="monthlyRequests"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={monthlyRequests === null ? "" : monthlyRequests.toLocaleString("en-US")}
        hint="The brief prices each option per month at this volume. Leave it empty to use the workload profile's spend."
        error={errors.monthlyRequests}
        className="max-w-xs"
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
