"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import Link from "next/link";
import { useId, useRef, useState, type FormEvent } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { FormStatus, SubmitButton } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Label } from "@/components/ui/label";
import { MAX_SUITE_UPLOAD_BYTES, SUITE_FILE_ACCEPT } from "@/lib/schemas/suite-import";

export type ImportedSuite = {
  id: string;
  name: string;
  caseCount: number;
  isNew: boolean;
  warnings: string[];
};

const SUITE_RANK: [RegExp, number][] = [
  [/\.ya?ml$/i, 0],
  [/\.jsonl$/i, 1],
  [/\.csv$/i, 2],
];

/** The suite file first (a promptfoo YAML references the CSV and text files), then the rest. */
function orderSuiteFirst(files: File[]): File[] {
  const rank = (file: File) => SUITE_RANK.find(([pattern]) => pattern.test(file.name))?.[1] ?? 3;
  return [...files].sort((a, b) => rank(a) - rank(b));
}

/**
 * Imports a suite from one or more files. The first file is the suite; files it references
 * (`file://prompts.txt`, `file://tests.csv`) are chosen in the same picker. Every problem is
 * listed with its file and line, and nothing is stored until the whole suite is valid.
 */
export function SuiteImportForm({
  importSuite,
}: {
  importSuite: ServerAction<FormData, ImportedSuite>;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [imported, setImported] = useState<ImportedSuite | null>(null);
  const { isPending, status, setStatus, run } = useActionForm();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const form = event.currentTarget;
    const input = form.elements.namedItem("files");
    const files =
      input instanceof HTMLInputElement ? orderSuiteFirst([...(input.files ?? [])]) : [];
    setImported(null);
    setStatus(null);
    if (files.length === 0) {
      setProblems(["Choose the suite file (and any files it references)."]);
      if (input instanceof HTMLInputElement) input.focus();
      return;
    }
    const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
    if (totalBytes > MAX_SUITE_UPLOAD_BYTES) {
      // Checked here because the server refuses bodies this large before the action can say why.
      const megabytes = (totalBytes / 1024 / 1024).toFixed(1);
      setProblems([
        `The files are ${megabytes} MB together, larger than the ${MAX_SUITE_UPLOAD_BYTES / 1024 / 1024} MB limit.`,
      ]);
      return;
    }
    setProblems([]);
    // The wrapper keeps one value per key, so each file gets its own, in the order chosen.
    const data = new FormData();
    files.forEach((file, index) => data.append(`files.${index}`, file));
    await run({
      send: () => importSuite(data),
      // Shown together with the problems it heads, not ahead of them.
      describeRefusal: () => null,
      onRefused: (error) => {
        setProblems(error.fieldErrors?.file ?? error.fieldErrors?.files ?? []);
        setStatus({ text: error.message, variant: "error" });
      },
      onSuccess: (suite) => {
        setImported(suite);
        form.reset();
      },
    });
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="flex flex-col gap-4">
      <div className="flex flex-col">
        <Label htmlFor={id} className="mb-2">
          Suite files
        </Label>
        <input
          id={id}
          name="files"
          type="file"
          multiple
          accept={SUITE_FILE_ACCEPT}
          aria-invalid={problems.length ? true : undefined}
          aria-describedby={`${id}-hint${problems.length ? ` ${id}-error` : ""}`}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-input file:bg-background file:px-3 file:py-1.5 file:text-sm file:font-medium"
        />
        <p id={`${id}-hint`} className="mt-1.5 max-w-prose text-sm text-muted-foreground">
          The suite is a JSONL file (one case per line), a CSV (promptfoo columns: vars,
          __expected), or a promptfoo YAML configuration. Choose it together with the files it
          references, such as <code>prompts.txt</code> or <code>tests.csv</code>. With several
          files, the YAML file is the suite (else the JSONL, else the CSV). At most 5 MB together.
        </p>
        <div aria-live="polite">
          {problems.length ? (
            <div id={`${id}-error`} className="mt-2">
              <p className="text-sm font-medium text-destructive">
                {status?.text ?? "The suite was not imported."}
              </p>
              <ul className="mt-1 list-disc pl-5 text-sm text-destructive">
                {problems.map((problem) => (
                  <li key={problem}>
                    <code className="whitespace-pre-wrap">{problem}</code>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </div>
      <div aria-live="polite">
        {imported ? (
          <Alert variant="success">
            <CircleCheck aria-hidden />
            <div>
              {imported.isNew ? "Imported" : "Already imported (same content)"}:{" "}
              <Link href={`/runs/suites/${imported.id}`}>{imported.name}</Link>,{" "}
              {imported.caseCount} cases.{" "}
              <Link href={`/runs/new?suite=${encodeURIComponent(imported.id)}`}>
                Launch a run with it
              </Link>
              .
              {imported.warnings.length ? (
                <ul className="mt-1 list-disc pl-5">
                  {imported.warnings.map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          </Alert>
        ) : null}
      </div>
      <div>
        <FormStatus
          message={problems.length ? null : status?.text}
          icon={<CircleAlert aria-hidden />}
        />
        <SubmitButton isPending={isPending} pendingLabel="Importing…">
          Import suite
        </SubmitButton>
      </div>
    </form>
  );
}
