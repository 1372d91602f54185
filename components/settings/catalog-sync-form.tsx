"use client";

import { CircleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";

import type { ServerAction } from "@/components/forms/action-result";
import {
  fieldErrorsFromServer,
  focusFirstInvalid,
  hasFieldErrors,
  type FieldErrors,
} from "@/components/forms/field-errors";
import { FormStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { CatalogSyncReport } from "@/components/settings/catalog-sync-report";
import { Label } from "@/components/ui/label";
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
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [report, setReport] = useState<CatalogSyncSummary | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
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
    flushSync(() => {
      setErrors(found);
      setMessage(null);
      setReport(null);
    });
    if (hasFieldErrors(found)) {
      focusFirstInvalid(form, fields, found);
      return;
    }

    setIsPending(true);
    try {
      const result = await syncCatalog(data);
      if (!result.ok) {
        const serverErrors = fieldErrorsFromServer(result.error.fieldErrors, labels);
        flushSync(() => {
          setErrors(serverErrors);
          setMessage(result.error.message);
          setIsPending(false);
        });
        focusFirstInvalid(form, fields, serverErrors);
        return;
      }
      setIsPending(false);
      setReport(result.data);
      if (!result.data.dryRun) router.refresh();
    } catch {
      setMessage("Could not reach the server. Check the connection and try again.");
      setIsPending(false);
    }
  }

  const publicUrl = CATALOG_SOURCE_INFO[source].url;

  return (
    <div className="flex flex-col gap-6">
      <form
        ref={formRef}
        noValidate
        onSubmit={handleSubmit}
        aria-label="Catalogue sync"
        aria-busy={isPending || undefined}
        className="flex flex-col gap-5"
      >
        <SelectField
          label={labels.source}
          name="source"
          required
          value={source}
          onChange={(event) => {
            const parsed = catalogSourceSchema.safeParse(event.target.value);
            if (parsed.success) setSource(parsed.data);
          }}
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
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="origin"
                value="url"
                checked={origin === "url"}
                onChange={() => setOrigin("url")}
                className="size-4 accent-primary"
              />
              A URL (downloaded by the server)
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="origin"
                value="file"
                checked={origin === "file"}
                onChange={() => setOrigin("file")}
                className="size-4 accent-primary"
              />
              A file from this computer
            </label>
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

        <div>
          <FormStatus message={message} icon={<CircleAlert aria-hidden />} />
          <SubmitButton isPending={isPending} pendingLabel="Importing… (a few seconds)">
            Run sync
          </SubmitButton>
        </div>
      </form>
      <div aria-live="polite">{report ? <CatalogSyncReport report={report} /> : null}</div>
    </div>
  );
}

function FileField({ id, error }: { id: string; error?: string }) {
  return (
    <div className="flex flex-col">
      <Label htmlFor={id} className="mb-2">
        {labels.file}
      </Label>
      <input
        id={id}
        name="file"
        type="file"
        accept=".json,application/json"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        className="text-sm file:mr-3 file:rounded-md file:border file:border-input file:bg-background file:px-3 file:py-1.5 file:text-sm file:font-medium"
      />
      <p id={`${id}-hint`} className="mt-1.5 text-sm text-muted-foreground">
        The source&apos;s JSON file, at most 20 MB.
      </p>
      <div aria-live="polite">
        {error ? (
          <p id={`${id}-error`} className="mt-1.5 text-sm font-medium text-destructive">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
