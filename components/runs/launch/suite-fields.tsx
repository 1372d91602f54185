import { CircleAlert } from "lucide-react";

import { SelectField, TextField } from "@/components/forms/fields";
import { Alert } from "@/components/ui/alert";
import type { LaunchSuite } from "@/lib/views/launch";
import type { Errors, Field } from "./launch-errors";

/** The suite (with its cases, categories and judge needs) and the run's name. */
export function SuiteFields({
  suites,
  suiteId,
  name,
  errors,
  onSuite,
  onName,
  showName = true,
}: {
  suites: LaunchSuite[];
  suiteId: string;
  name: string;
  errors: Errors;
  onSuite: (suiteId: string) => void;
  onName: (name: string) => void;
  /** A schedule names its runs itself. */
  showName?: boolean;
}) {
  const suite = suites.find((candidate) => candidate.id === suiteId);
  return (
    <section aria-labelledby="launch-suite" className="flex flex-col gap-4">
      <h2 id="launch-suite" className="text-lg font-semibold">
        Suite
      </h2>
      <SelectField
        label="Suite"
        name="suiteId"
        value={suiteId}
        onChange={(event) => onSuite(event.target.value)}
        error={errors.suiteId}
        hint={
          suite
            ? `${suite.caseCount} cases; categories: ${suite.categories.join(", ") || "none"}${
                suite.hasJudge
                  ? `. ${suite.judgedCaseCount || "Some"} cases are graded by a judge model (rubric).`
                  : "."
              }`
            : "Import a suite on the Suites page first."
        }
      >
        {suites.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name} ({option.caseCount} cases{option.hasJudge ? ", needs a judge" : ""})
          </option>
        ))}
      </SelectField>
      {showName ? (
        <TextField
          label="Run name (optional)"
          name="name"
          value={name}
          maxLength={120}
          onChange={(event) => onName(event.target.value)}
          hint="Defaults to the suite and the number of targets."
          error={errors.name}
        />
      ) : null}
    </section>
  );
}

/** Why the run was not launched, each message a button to its field. */
export function ErrorSummary({
  fields,
  errors,
  onFocus,
}: {
  fields: Field[];
  errors: Errors;
  onFocus: (field: Field) => void;
}) {
  return (
    <>
      {fields.length > 0 ? (
        <Alert variant="error" role="alert">
          <CircleAlert aria-hidden />
          <div>
            <p className="font-medium">The run was not launched. Fix these first:</p>
            <ul className="mt-1 list-disc pl-5">
              {fields.map((field) => (
                <li key={field}>
                  <button
                    type="button"
                    className="text-left underline underline-offset-2"
                    onClick={() => onFocus(field)}
                  >
                    {errors[field]}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </Alert>
      ) : null}
    </>
  );
}
