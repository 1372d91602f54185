"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { fieldErrorsFromServer, type FieldErrors } from "@/components/forms/field-errors";
import {
  FieldFrame,
  onParsedChange,
  SelectField,
  SubmitFooter,
  TextField,
} from "@/components/forms/fields";
import { checkedInput, useActionForm } from "@/components/forms/use-action-form";
import { CatalogSyncReport } from "@/components/settings/catalog-sync-report";
import {
  CATALOG_SOURCE_INFO,
  CATALOG_SOURCES,
  MAX_CATALOG_FILE_BYTES,
  catalogSourceSchema,
  type CatalogSource,
  type CatalogSyncSummary,
} from "@/lib/schemas/catalog-sync";

type Field = "source" | "url" | "file";
type Origin = "url" | "file";

const ORIGINS: readonly [Origin, string][] = [
  ["url", "A URL (downloaded by the server)"],
  ["file", "A file from this computer"],
];
const fields: readonly Field[] = ["source", "url", "file"];
const labels: Record<Field, string> = { source: "Source", url: "URL", file: "File" };

type SyncCatalog = ServerAction<FormData, CatalogSyncSummary>;

/**
 * Runs a catalogue sync from a source's URL or an uploaded file, as a dry run by default, and
 * shows the report. A real sync refreshes the page so the new snapshot appears in the list.
 */
export function CatalogSyncForm({ syncCatalog }: { syncCatalog: SyncCatalog }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const fileId = useId();
  const [source, setSource] = useState<CatalogSource>("litellm");
  const [origin, setOrigin] = useState<Origin>("url");
  const [report, setReport] = useState<CatalogSyncSummary | null>(null);
  const { isPending, errors, status, handleSubmit } = useActionForm({ fields });

  const onSubmit = handleSubmit({
    read: (data) => {
      data.delete("origin");
      if (origin === "url") data.delete("file");
      else data.delete("url");

      const found: FieldErrors<Field> = {};
      const file = data.get("file");
      if (origin === "url" && String(data.get("url") ?? "").trim() === "") {
        data.set("url", CATALOG_SOURCE_INFO[source].url);
      }
      if (origin === "file") {
        if (!(file instanceof File) || (file.size === 0 && file.name === "")) {
          found.file = "Choose a file to import.";
        } else if (file.size > MAX_CATALOG_FILE_BYTES) {
          found.file = "The file is larger than 20 MB.";
        }
      }
      setReport(null);
      return checkedInput(found, data);
    },
    send: syncCatalog,
    fieldErrorsOf: (error) => fieldErrorsFromServer(error.fieldErrors, labels),
    onSuccess: (summary) => {
      setReport(summary);
      if (!summary.dryRun) router.refresh();
    },
  });

  const publicUrl = CATALOG_SOURCE_INFO[source].url;

  return (
    <div className="flex flex-col gap-6">
      <form
        ref={formRef}
        noValidate
        onSubmit={onSubmit}
        aria-label="Catalogue sync"
        aria-busy={isPending || undefined}
        className="flex flex-col gap-5"
      >
        <SelectField
          label={labels.source}
          name="source"
          required
          value={source}
          onChange={onParsedChange(catalogSourceSchema, setSource)}
          error={errors.source}
          className="md:max-w-sm"
        >
          {CATALOG_SOURCES.map((option) => (
            <option key={option} value={option}>
              {CATALOG_SOURCE_INFO[option].label}
            </option>
          ))}
        </SelectField>

        <fieldset className="flex flex-col gap-3">
          <legend className="mb-2 text-sm font-medium">Read the facts from</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
            {ORIGINS.map(([value, label]) => (
              <label key={value} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="origin"
                  value={value}
                  checked={origin === value}
                  onChange={() => setOrigin(value)}
                  className="size-4 accent-primary"
                />
                {label}
              </label>
            ))}
          </div>
          {origin === "url" ? (
            <TextField
              label={labels.url}
              name="url"
              type="url"
              inputMode="url"
              spellCheck={false}
              autoComplete="off"
              placeholder={publicUrl}
              hint={
                <>
                  https only. Left empty, the public copy:{" "}
                  <span className="break-all font-mono text-xs">{publicUrl}</span>
                </>
              }
              error={errors.url}
            />
          ) : (
            <FileField id={fileId} error={errors.file} />
          )}
        </fieldset>

        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="dryRun" defaultChecked className="size-4 accent-primary" />
          Dry run (show the changes, write nothing)
        </label>

        <SubmitFooter
          status={status}
          isPending={isPending}
          pendingLabel="Importing… (a few seconds)"
        >
          Run sync
        </SubmitFooter>
      </form>
      <div aria-live="polite">{report ? <CatalogSyncReport report={report} /> : null}</div>
    </div>
  );
}

function FileField({ id, error }: { id: string; error?: string }) {
  return (
    <FieldFrame
      id={id}
      label={labels.file}
      hint="The source's JSON file, at most 20 MB."
      error={error}
    >
      <input
        id={id}
        name="file"
        type="file"
        accept=".json,application/json"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        className="text-sm file:mr-3 file:rounded-md file:border file:border-input file:bg-background file:px-3 file:py-1.5 file:text-sm file:font-medium"
      />
    </FieldFrame>
  );
}
