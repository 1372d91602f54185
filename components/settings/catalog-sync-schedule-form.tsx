"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { sentence, type FieldErrors } from "@/components/forms/field-errors";
import { ActionStatus, SelectField, SubmitFooter, TextField } from "@/components/forms/fields";
import { checkedInput, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { CATALOG_SOURCE_INFO } from "@/lib/schemas/catalog-sync";
import type { CatalogSyncScheduleSettings } from "@/lib/schemas/catalog-sync-schedule";
import type { CatalogSource } from "@/lib/schemas/catalog-sync";

type Field = "hourUtc" | "litellm" | "litellmUrl" | "modelsDevUrl";
const fields: readonly Field[] = ["hourUtc", "litellm", "litellmUrl", "modelsDevUrl"];
const labels: Record<Field, string> = {
  hourUtc: "Time",
  litellm: "Sources",
  litellmUrl: "LiteLLM URL",
  modelsDevUrl: "models.dev URL",
};

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00 UTC`;

type SaveSchedule = ServerAction<FormData, { saved: true }>;
type SyncNow = ServerAction<{ sources: CatalogSource[] }, { runIds: string[] }>;

/**
 * The scheduled catalogue sync's settings (on or off, the hour, the sources and their URLs) and
 * a "Sync now" button that queues the chosen sources for a worker.
 */
export function CatalogSyncScheduleForm({
  settings,
  saveSchedule,
  syncNow,
}: {
  settings: CatalogSyncScheduleSettings;
  saveSchedule: SaveSchedule;
  syncNow: SyncNow;
}) {
  const router = useRouter();
  const sourcesId = useId();
  const { isPending, errors, status, handleSubmit } = useActionForm({ fields });
  const now = useActionForm();

  const onSubmit = handleSubmit({
    read: (data) => {
      const found: FieldErrors<Field> = {};
      if (data.get("isEnabled") === "on" && !data.get("litellm") && !data.get("modelsDev")) {
        found.litellm = "Choose at least one source, or turn the schedule off.";
      }
      for (const field of ["litellmUrl", "modelsDevUrl"] as const) {
        const url = String(data.get(field) ?? "").trim();
        if (!url.startsWith("https://")) {
          found[field] = sentence(labels[field], "must be an https:// address");
        }
      }
      return checkedInput(found, data);
    },
    send: saveSchedule,
    fieldErrorsOf: (error) => {
      const server = error.fieldErrors ?? {};
      const found: FieldErrors<Field> = {};
      const hour = server.hourUtc?.[0];
      if (hour) found.hourUtc = sentence(labels.hourUtc, hour);
      const sources = server.sources?.[0];
      if (sources) found.litellm = sentence(labels.litellm, sources);
      for (const field of ["litellmUrl", "modelsDevUrl"] as const) {
        const message = server[field]?.[0];
        if (message) found[field] = sentence(labels[field], message);
      }
      return found;
    },
    onSuccess: () => {
      router.refresh();
      return { text: "Saved. Changes apply from the next fire time.", variant: "success" };
    },
  });

  const savedSources =
    settings.sources.map((source) => CATALOG_SOURCE_INFO[source].label).join(" and ") || "none yet";

  const onSyncNow = () =>
    now.run({
      send: () => syncNow({ sources: settings.sources }),
      onSuccess: ({ runIds }) => {
        router.refresh();
        return {
          text: `Queued ${runIds.length === 1 ? "1 source" : `${runIds.length} sources`}. A worker runs it within a few seconds; the list below shows the outcome.`,
          variant: "success",
        };
      },
    });

  return (
    <div className="flex flex-col gap-8">
      <form
        noValidate
        onSubmit={onSubmit}
        aria-label="Scheduled sync"
        aria-busy={isPending || undefined}
        className="flex flex-col gap-5"
      >
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            name="isEnabled"
            defaultChecked={settings.isEnabled}
            className="size-4 accent-primary"
          />
          Sync the catalogue every day
        </label>

        <SelectField
          label={labels.hourUtc}
          name="hourUtc"
          defaultValue={String(settings.hourUtc)}
          hint="Once a day, at this hour (UTC). A worker must be running."
          error={errors.hourUtc}
          className="md:max-w-xs"
        >
          {HOURS.map((hour) => (
            <option key={hour} value={hour}>
              {hourLabel(hour)}
            </option>
          ))}
        </SelectField>

        <fieldset
          className="flex flex-col gap-4"
          aria-describedby={errors.litellm ? `${sourcesId}-error` : undefined}
        >
          <legend className="mb-2 text-sm font-medium">{labels.litellm}</legend>
          <SourceRow
            checkboxName="litellm"
            urlName="litellmUrl"
            title={CATALOG_SOURCE_INFO.litellm.label}
            isChecked={settings.sources.includes("litellm")}
            url={settings.urls.litellm}
            publicUrl={CATALOG_SOURCE_INFO.litellm.url}
            error={errors.litellmUrl}
            label={labels.litellmUrl}
          />
          <SourceRow
            checkboxName="modelsDev"
            urlName="modelsDevUrl"
            title={CATALOG_SOURCE_INFO["models-dev"].label}
            isChecked={settings.sources.includes("models-dev")}
            url={settings.urls["models-dev"]}
            publicUrl={CATALOG_SOURCE_INFO["models-dev"].url}
            error={errors.modelsDevUrl}
            label={labels.modelsDevUrl}
          />
          <div aria-live="polite">
            {errors.litellm ? (
              <p id={`${sourcesId}-error`} className="text-sm font-medium text-destructive">
                {errors.litellm}
              </p>
            ) : null}
          </div>
        </fieldset>

        <p className="text-sm text-muted-foreground">
          Each URL is checked by the endpoint policy before any connection (https only, no private
          or loopback addresses unless this deployment allows them); a download may take 60 s and 50
          MB. When the machine is offline or a source cannot be reached, the sync is recorded as
          failed with the reason and the next day&apos;s tries again.
        </p>

        <SubmitFooter status={status} isPending={isPending} pendingLabel="Saving…">
          Save schedule
        </SubmitFooter>
      </form>

      <div className="flex flex-col gap-2">
        <ActionStatus status={now.status} />
        <div>
          <Button
            type="button"
            variant="outline"
            onClick={() => void onSyncNow()}
            aria-disabled={now.isPending || undefined}
            className="aria-disabled:cursor-progress aria-disabled:opacity-70"
          >
            {now.isPending ? "Queuing…" : "Sync now"}
          </Button>
        </div>
        <p className="text-sm text-muted-foreground">
          Queues the saved sources ({savedSources}) for a worker now, whether or not the schedule is
          on.
        </p>
      </div>
    </div>
  );
}

function SourceRow({
  checkboxName,
  urlName,
  title,
  isChecked,
  url,
  publicUrl,
  error,
  label,
}: {
  checkboxName: string;
  urlName: string;
  title: string;
  isChecked: boolean;
  url: string;
  publicUrl: string;
  error?: string;
  label: string;
}) {
  return (
    <div className="flex flex-col gap-2">
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name={checkboxName}
          defaultChecked={isChecked}
          className="size-4 accent-primary"
        />
        {title}
      </label>
      <TextField
        label={label}
        name={urlName}
        type="url"
        inputMode="url"
        spellCheck={false}
        autoComplete="off"
        defaultValue={url}
        hint={
          <>
            The public copy: <span className="font-mono text-xs break-all">{publicUrl}</span>
          </>
        }
        error={error}
        className="md:max-w-2xl"
      />
    </div>
  );
}
