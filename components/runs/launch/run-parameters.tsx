import { TextField } from "@/components/forms/fields";
import { MAX_REPEATS, MAX_RUN_CONCURRENCY } from "@/lib/schemas/runs";

export type RunParameterValues = {
  temperature: string;
  maxTokens: string;
  repeats: string;
  concurrency: string;
  platformConcurrency: string;
  requestsPerMinute: string;
  budgetUsd: string;
  stream: boolean;
};

type Field = keyof RunParameterValues;
type NumberField = Exclude<Field, "stream">;

/** The numeric parameters, each with its range and what it does. */
const NUMBER_FIELDS: {
  name: NumberField;
  label: string;
  inputMode: "decimal" | "numeric";
  step?: string;
  min: number;
  max?: number;
  hint: string;
}[] = [
  {
    name: "temperature",
    label: "Temperature",
    inputMode: "decimal",
    step: "0.1",
    min: 0,
    max: 2,
    hint: "0 to 2.",
  },
  {
    name: "maxTokens",
    label: "Max tokens",
    inputMode: "numeric",
    min: 1,
    max: 32000,
    hint: "Per output.",
  },
  {
    name: "repeats",
    label: "Repeats",
    inputMode: "numeric",
    min: 1,
    max: MAX_REPEATS,
    hint: `1 to ${MAX_REPEATS} per case; averaged per case.`,
  },
  {
    name: "concurrency",
    label: "Concurrency",
    inputMode: "numeric",
    min: 1,
    max: MAX_RUN_CONCURRENCY,
    hint: "Calls in flight across the run; a slot one target frees goes to one with work left.",
  },
  {
    name: "platformConcurrency",
    label: "Per-platform cap (optional)",
    inputMode: "numeric",
    min: 1,
    max: MAX_RUN_CONCURRENCY,
    hint: "At most this many of them on one platform; empty for no cap.",
  },
  {
    name: "requestsPerMinute",
    label: "Requests per minute (optional)",
    inputMode: "numeric",
    min: 1,
    hint: "Per platform; empty for no limit.",
  },
  {
    name: "budgetUsd",
    label: "Budget cap, USD (optional)",
    inputMode: "decimal",
    step: "0.01",
    min: 0,
    hint: "The run stops when its cost reaches this.",
  },
];

/** Sampling, repeats, limits and streaming, each with its range and what it does. */
export function RunParameters({
  values,
  errors,
  onChange,
}: {
  values: RunParameterValues;
  errors: Partial<Record<Field, string>>;
  onChange: <F extends Field>(field: F, value: RunParameterValues[F]) => void;
}) {
  return (
    <section aria-labelledby="launch-parameters" className="flex flex-col gap-4">
      <h2 id="launch-parameters" className="text-lg font-semibold">
        Parameters
      </h2>
      <div className="grid gap-4 md:grid-cols-3">
        {NUMBER_FIELDS.map(({ name, ...field }) => (
          <TextField
            key={name}
            name={name}
            type="number"
            {...field}
            value={values[name]}
            onChange={(event) => onChange(name, event.target.value)}
            error={errors[name]}
          />
        ))}
      </div>
      <label className="mt-4 flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="stream"
          className="mt-0.5 size-4"
          checked={values.stream}
          onChange={(event) => onChange("stream", event.target.checked)}
        />
        <span>
          Stream answers
          <span className="block text-muted-foreground">
            Measures time to first token and output speed. Off, calls are cheaper for the worker but
            those two figures are not measured.
          </span>
        </span>
      </label>
    </section>
  );
}
