import { FilterSelect, GetForm } from "@/components/forms/get-form";
import { Button } from "@/components/ui/button";

export type PickerRun = { id: string; label: string };
export type PickerModel = { id: string; label: string };
export type PickerTarget = { id: string; label: string };

/**
 * Two GET forms, so every choice lives in the URL and works from the keyboard without JavaScript:
 * the run, then what to compare in it (a canonical model, or any set of targets) and the reference.
 */
export function ComparePicker({
  action,
  runs,
  runId,
  models,
  modelId,
  targets,
  selected,
  referenceId,
}: {
  action: string;
  runs: PickerRun[];
  runId: string;
  models: PickerModel[];
  modelId: string | null;
  targets: PickerTarget[];
  selected: string[];
  referenceId: string | null;
}) {
  return (
    <div className="flex flex-col gap-3 rounded-xl border bg-card p-4">
      <GetForm action={action} label="Choose a run" className="flex flex-wrap items-end gap-3">
        <FilterSelect
          id="compare-run"
          name="run"
          label="Run"
          defaultValue={runId}
          options={runs}
          className="min-w-72 flex-1"
        />
        <Button type="submit" variant="outline">
          Open run
        </Button>
      </GetForm>
      <GetForm
        action={action}
        label="Choose what to compare"
        hidden={{ run: runId }}
        className="flex flex-col gap-3 border-t pt-3"
      >
        <div className="flex flex-wrap items-end gap-3">
          <FilterSelect
            id="compare-model"
            name="model"
            label="Same model on several platforms"
            defaultValue={modelId ?? ""}
            emptyLabel="— the targets ticked below —"
            options={models}
            className="min-w-64 flex-1"
          />
          <FilterSelect
            id="compare-ref"
            name="ref"
            label="Reference"
            defaultValue={referenceId ?? ""}
            options={targets}
            className="min-w-64 flex-1"
          />
          <Button type="submit">Compare</Button>
        </div>
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1 text-sm font-medium">
            Or any set of this run&apos;s targets (used when no model is chosen above)
          </legend>
          <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
            {targets.map((target) => (
              <label key={target.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="t"
                  value={target.id}
                  defaultChecked={selected.includes(target.id)}
                  className="size-4 accent-primary"
                />
                {target.label}
              </label>
            ))}
          </div>
        </fieldset>
      </GetForm>
    </div>
  );
}
