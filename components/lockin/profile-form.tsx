"use client";

import { Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";

import type { ServerAction } from "@/components/forms/action-result";
import { sentence } from "@/components/forms/field-errors";
import { FormStatus, SubmitButton, TextField } from "@/components/forms/fields";
import { UNREACHABLE_SHORT_MESSAGE, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import {
  workloadProfileSchema,
  type WorkloadProfileInput,
  type ResetLockinInput,
} from "@/lib/schemas/lockin";

type ExitScope = NonNullable<WorkloadProfileInput["exitScope"]>;

export type SaveProfile = ServerAction<WorkloadProfileInput, unknown>;
export type ResetProfile = ServerAction<ResetLockinInput, WorkloadProfileInput>;
type ModelOption = { id: string; name: string };
export type LoadModelOptions = ServerAction<Record<string, never>, ModelOption[]>;

type Option = { id: string; label: string; hint?: string };
type Row = { key: number; modelId: string; spend: string };
type TopField =
  "models" | "exitScope" | "requiredRegions" | "services" | "monthlySpendUsd" | "dataStoredGb";

type Errors = {
  rows: Record<number, { modelId?: string; spend?: string }>;
  fields: Partial<Record<TopField, string>>;
};

const LABELS: Record<TopField, string> = {
  models: "Models",
  exitScope: "Leaving means",
  requiredRegions: "Required regions",
  services: "Platform services",
  monthlySpendUsd: "Monthly AI spend",
  dataStoredGb: "Data stored",
};

const EXIT_SCOPE_OPTIONS: readonly { id: ExitScope; label: string; hint: string }[] = [
  {
    id: "leave-platform",
    label: "Leaving the whole platform",
    hint: "Every service and subscription, as an exit plan assumes. Exit waivers apply.",
  },
  {
    id: "move-ai-only",
    label: "Moving only the AI workload",
    hint: "The rest stays on the platform. Exit waivers do not apply.",
  },
];

const toNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/**
 * The workload profile: the models in use with their monthly spend, the regions the data must stay
 * in, the platform services relied on, total monthly AI spend and data stored.
 */
export function ProfileForm({
  profile,
  isExample,
  canEdit,
  loadModelOptions,
  geographies,
  services,
  saveProfile,
  resetProfile,
}: {
  profile: WorkloadProfileInput;
  isExample: boolean;
  canEdit: boolean;
  loadModelOptions: LoadModelOptions;
  geographies: readonly Option[];
  services: readonly Option[];
  saveProfile: SaveProfile;
  resetProfile: ResetProfile;
}) {
  const router = useRouter();
  const listId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const nextKey = useRef(profile.models.length);
  const [rows, setRows] = useState<Row[]>(() =>
    profile.models.map((model, index) => ({
      key: index,
      modelId: model.modelId,
      spend: String(model.monthlySpendUsd),
    })),
  );
  const [regions, setRegions] = useState<string[]>(() => [...profile.requiredRegions]);
  const [used, setUsed] = useState<string[]>(() => [...profile.services]);
  const [spend, setSpend] = useState(String(profile.monthlySpendUsd));
  const [stored, setStored] = useState(String(profile.dataStoredGb));
  const [exitScope, setExitScope] = useState<ExitScope>(profile.exitScope ?? "leave-platform");
  const [errors, setErrors] = useState<Errors>({ rows: {}, fields: {} });
  const [modelOptions, setModelOptions] = useState<readonly ModelOption[] | null>(null);
  const isLoadingOptions = useRef(false);
  const { isPending, status, setStatus, run } = useActionForm({
    unreachableMessage: UNREACHABLE_SHORT_MESSAGE,
  });

  /**
   * Fetches the model suggestions the first time a model field is focused: the whole catalogue's
   * models (~20 KB) are not sent with the page. A failed fetch is tried again on the next focus.
   */
  function loadSuggestions() {
    if (modelOptions || isLoadingOptions.current) return;
    isLoadingOptions.current = true;
    loadModelOptions({}).then(
      (outcome) => {
        if (outcome.ok) setModelOptions(outcome.data);
        else isLoadingOptions.current = false;
      },
      () => {
        isLoadingOptions.current = false;
      },
    );
  }

  function toggle(list: string[], id: string, isOn: boolean): string[] {
    return isOn ? [...new Set([...list, id])] : list.filter((item) => item !== id);
  }

  function focusFirstError(next: Errors) {
    const form = formRef.current;
    if (!form) return;
    const rowIndex = rows.findIndex((row) => next.rows[row.key]);
    const row = rows[rowIndex];
    if (row) {
      const part = next.rows[row.key]?.modelId ? "modelId" : "spend";
      form.querySelector<HTMLElement>(`[name="models.${rowIndex}.${part}"]`)?.focus();
      return;
    }
    const field = (Object.keys(LABELS) as TopField[]).find((name) => next.fields[name]);
    if (field) form.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const values = {
      models: rows.map((row) => ({ modelId: row.modelId, monthlySpendUsd: toNumber(row.spend) })),
      requiredRegions: regions,
      services: used,
      monthlySpendUsd: toNumber(spend),
      dataStoredGb: toNumber(stored),
      exitScope,
    };
    const parsed = workloadProfileSchema.safeParse(values);
    if (!parsed.success) {
      const next: Errors = { rows: {}, fields: {} };
      for (const issue of parsed.error.issues) {
        const [top, index, part] = issue.path;
        if (top === "models" && typeof index === "number") {
          const row = rows[index];
          if (!row) continue;
          const entry = (next.rows[row.key] ??= {});
          if (part === "modelId") entry.modelId ??= sentence(`Model ${index + 1}`, issue.message);
          else entry.spend ??= sentence(`Model ${index + 1} monthly spend`, issue.message);
        } else if (typeof top === "string" && top in LABELS) {
          const field = top as TopField;
          next.fields[field] ??= sentence(LABELS[field], issue.message);
        }
      }
      flushSync(() => {
        setErrors(next);
        setStatus(null);
      });
      focusFirstError(next);
      return;
    }
    await run({
      send: () => saveProfile(parsed.data),
      describeRefusal: (error) => (error.fieldErrors?.models?.[0] ? null : error.message),
      onRefused: (error) => {
        const serverErrors = error.fieldErrors ?? {};
        const next: Errors = { rows: {}, fields: {} };
        rows.forEach((row, index) => {
          const message = serverErrors[`models.${index}.modelId`]?.[0];
          if (message) next.rows[row.key] = { modelId: sentence(`Model ${index + 1}`, message) };
        });
        const models = serverErrors.models?.[0];
        if (models && Object.keys(next.rows).length === 0)
          next.fields.models = sentence("Models", models);
        flushSync(() => setErrors(next));
        focusFirstError(next);
      },
      onSuccess: () => {
        setErrors({ rows: {}, fields: {} });
        router.refresh();
        return { text: "Profile saved. The scores above use it now.", variant: "success" };
      },
    });
  }

  function handleReset() {
    void run({
      send: () => resetProfile({ confirm: true }),
      onSuccess: (example) => {
        nextKey.current = example.models.length;
        setRows(
          example.models.map((model, index) => ({
            key: index,
            modelId: model.modelId,
            spend: String(model.monthlySpendUsd),
          })),
        );
        setRegions([...example.requiredRegions]);
        setUsed([...example.services]);
        setSpend(String(example.monthlySpendUsd));
        setStored(String(example.dataStoredGb));
        setExitScope(example.exitScope ?? "leave-platform");
        setErrors({ rows: {}, fields: {} });
        router.refresh();
        return { text: "Profile reset to the example profile.", variant: "success" };
      },
    });
  }

  const fieldError = (field: TopField) =>
    errors.fields[field] ? (
      <p id={`${listId}-${field}-error`} className="mt-1.5 text-sm font-medium text-destructive">
        {errors.fields[field]}
      </p>
    ) : null;

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-label="Workload profile">
      <FormStatus message={status?.text} variant={status?.variant} />
      {/* Suggestions for the model fields, fetched when one is first focused. */}
      {modelOptions ? (
        <datalist id={`${listId}-models`}>
          {modelOptions.map((model) => (
            <option key={model.id} value={model.id}>
              {model.name}
            </option>
          ))}
        </datalist>
      ) : null}
      <fieldset disabled={!canEdit} className="flex flex-col gap-5">
        <legend className="sr-only">Workload profile</legend>
        <fieldset
          className="flex flex-col gap-3"
          aria-describedby={errors.fields.models ? `${listId}-models-error` : undefined}
          onFocus={loadSuggestions}
        >
          <legend className="mb-1 text-sm font-medium">
            Models in use and monthly spend (USD)
          </legend>
          {rows.map((row, index) => (
            <div key={row.key} className="grid grid-cols-[1fr_9rem_auto] items-start gap-2">
              <TextField
                label={`Model ${index + 1}`}
                name={`models.${index}.modelId`}
                list={`${listId}-models`}
                autoComplete="off"
                spellCheck={false}
                value={row.modelId}
                onChange={(event) =>
                  setRows(
                    rows.map((r) =>
                      r.key === row.key ? { ...r, modelId: event.target.value } : r,
                    ),
                  )
                }
                hint={index === 0 ? "Catalogue id, e.g. anthropic/claude-sonnet-4.6" : undefined}
                error={errors.rows[row.key]?.modelId}
              />
              <TextField
                label="Spend / month"
                name={`models.${index}.spend`}
                type="number"
                inputMode="decimal"
                min={0}
                step="any"
                value={row.spend}
                onChange={(event) =>
                  setRows(
                    rows.map((r) => (r.key === row.key ? { ...r, spend: event.target.value } : r)),
                  )
                }
                error={errors.rows[row.key]?.spend}
              />
              {canEdit ? (
                <Button
                  variant="ghost"
                  size="icon"
                  className="mt-7"
                  aria-label={`Remove model ${index + 1}`}
                  onClick={() => setRows(rows.filter((r) => r.key !== row.key))}
                >
                  <Trash2 aria-hidden />
                </Button>
              ) : null}
            </div>
          ))}
          {canEdit ? (
            <div>
              <Button
                variant="outline"
                size="sm"
                data-field="models"
                onClick={() => {
                  setRows([...rows, { key: nextKey.current++, modelId: "", spend: "0" }]);
                }}
              >
                <Plus aria-hidden />
                Add a model
              </Button>
            </div>
          ) : null}
          <div aria-live="polite">{fieldError("models")}</div>
        </fieldset>

        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">Required regions (data residency)</legend>
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {geographies.map((geography, index) => (
              <Label key={geography.id} className="flex items-center gap-2 font-normal">
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  data-field={index === 0 ? "requiredRegions" : undefined}
                  checked={regions.includes(geography.id)}
                  onChange={(event) =>
                    setRegions(toggle(regions, geography.id, event.target.checked))
                  }
                />
                {geography.label}
              </Label>
            ))}
          </div>
          <p className="text-sm text-muted-foreground">
            A &quot;global&quot; region guarantees no residency and does not count.
          </p>
          <div aria-live="polite">{fieldError("requiredRegions")}</div>
        </fieldset>

        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">Platform services used</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {services.map((service, index) => (
              <Label key={service.id} className="flex items-start gap-2 font-normal">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 accent-primary"
                  data-field={index === 0 ? "services" : undefined}
                  checked={used.includes(service.id)}
                  onChange={(event) => setUsed(toggle(used, service.id, event.target.checked))}
                />
                <span>
                  {service.label}
                  {service.hint ? (
                    <span className="block text-xs text-muted-foreground">{service.hint}</span>
                  ) : null}
                </span>
              </Label>
            ))}
          </div>
          <div aria-live="polite">{fieldError("services")}</div>
        </fieldset>

        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Monthly AI spend (USD)"
            name="monthlySpendUsd"
            data-field="monthlySpendUsd"
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            value={spend}
            onChange={(event) => setSpend(event.target.value)}
            hint="All AI spend; data gravity sets egress against it."
            error={errors.fields.monthlySpendUsd}
          />
          <TextField
            label="Data stored on the platform (GB)"
            name="dataStoredGb"
            data-field="dataStoredGb"
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            value={stored}
            onChange={(event) => setStored(event.target.value)}
            hint="Documents, vector stores, logs, tuning sets."
            error={errors.fields.dataStoredGb}
          />
        </div>

        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium">Leaving means</legend>
          <p className="text-xs text-muted-foreground">
            Data gravity counts a cloud&apos;s exit waiver (egress credited on request) only when
            the whole platform is left, as the waivers require.
          </p>
          {EXIT_SCOPE_OPTIONS.map((option, index) => (
            <Label key={option.id} className="flex items-start gap-2 font-normal">
              <input
                type="radio"
                name="exitScope"
                data-field={index === 0 ? "exitScope" : undefined}
                className="mt-0.5 size-4 accent-primary"
                value={option.id}
                checked={exitScope === option.id}
                onChange={() => setExitScope(option.id)}
              />
              <span>
                {option.label}
                <span className="block text-xs text-muted-foreground">{option.hint}</span>
              </span>
            </Label>
          ))}
          <div aria-live="polite">{fieldError("exitScope")}</div>
        </fieldset>
      </fieldset>
      {canEdit ? (
        <div className="mt-5 flex flex-wrap gap-2">
          <SubmitButton isPending={isPending} pendingLabel="Saving…">
            Save profile
          </SubmitButton>
          {!isExample ? (
            <Button variant="outline" onClick={handleReset} aria-disabled={isPending || undefined}>
              Reset to the example profile
            </Button>
          ) : null}
        </div>
      ) : (
        <p className="mt-4 text-sm text-muted-foreground">
          Analysts and above can edit the workload profile.
        </p>
      )}
    </form>
  );
}
