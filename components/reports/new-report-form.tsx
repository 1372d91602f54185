"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { ActionStatus, SubmitButton, TextField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";

export type ReportOption = { id: string; label: string; hint?: string };

type CreateInput = {
  title: string;
  runIds: string[];
  modelIds: string[];
  platformIds: string[];
};

function Choices({
  legend,
  hint,
  name,
  options,
  checkedIds = [],
  error,
}: {
  legend: string;
  hint: string;
  name: string;
  options: ReportOption[];
  /** Options ticked to begin with. */
  checkedIds?: string[];
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium">{legend}</legend>
      <p id={`${id}-hint`} className="text-sm text-muted-foreground">
        {hint}
      </p>
      {options.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing to choose yet.</p>
      ) : (
        <ul className="grid max-h-64 gap-1 overflow-y-auto rounded-lg border p-2 sm:grid-cols-2">
          {options.map((option) => (
            <li key={option.id} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                id={`${id}-${option.id}`}
                name={name}
                value={option.id}
                defaultChecked={checkedIds.includes(option.id)}
                className="mt-1"
              />
              <label htmlFor={`${id}-${option.id}`}>
                {option.label}
                {option.hint ? (
                  <span className="block text-xs text-muted-foreground">{option.hint}</span>
                ) : null}
              </label>
            </li>
          ))}
        </ul>
      )}
      <div aria-live="polite">
        {error ? <p className="text-sm font-medium text-destructive">{error}</p> : null}
      </div>
    </fieldset>
  );
}

/** The report builder: a title and what the draft covers; opens the drafted report. */
export function NewReportForm({
  runs,
  checkedRunIds,
  models,
  platforms,
  createReport,
}: {
  runs: ReportOption[];
  /** Runs ticked to begin with (a run page's "Build a report from it"). */
  checkedRunIds?: string[];
  models: ReportOption[];
  platforms: ReportOption[];
  createReport: ServerAction<CreateInput, { id: string }>;
}) {
  const router = useRouter();
  const { isPending, errors, status, handleSubmit } = useActionForm();

  const submit = handleSubmit({
    read: (data) => {
      const values = (name: string) => data.getAll(name).map(String);
      return {
        ok: true,
        input: {
          title: String(data.get("title") ?? ""),
          runIds: values("runIds"),
          modelIds: values("modelIds"),
          platformIds: values("platformIds"),
        },
      };
    },
    send: createReport,
    onSuccess: (report) => {
      router.push(`/reports/${encodeURIComponent(report.id)}`);
      return "navigating";
    },
  });

  return (
    <form
      onSubmit={submit}
      aria-label="New report"
      className="flex max-w-4xl flex-col gap-5"
      noValidate
    >
      <ActionStatus status={status} />
      <TextField
        label="Report title"
        name="title"
        maxLength={160}
        required
        placeholder="Can we move our Claude workloads between clouds?"
        error={errors.title}
      />
      <Choices
        legend="Runs"
        name="runIds"
        hint="Finished runs the figures come from; the first chosen is the main one."
        options={runs}
        checkedIds={checkedRunIds}
        error={errors.runIds}
      />
      <Choices
        legend="Models (optional)"
        name="modelIds"
        hint="Limit the report to these models; none chosen covers every model in the runs."
        options={models}
        error={errors.modelIds}
      />
      <Choices
        legend="Platforms (optional)"
        name="platformIds"
        hint="Limit the comparison and lock-in sections to these platforms; none chosen covers all."
        options={platforms}
        error={errors.platformIds}
      />
      <SubmitButton isPending={isPending} pendingLabel="Drafting…" className="self-start">
        Draft report
      </SubmitButton>
    </form>
  );
}
