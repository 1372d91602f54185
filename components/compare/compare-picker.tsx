import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

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
      <form
        method="get"
        action={action}
        className="flex flex-wrap items-end gap-3"
        aria-label="Choose a run"
      >
        <div className="flex min-w-72 flex-1 flex-col gap-1.5">
          <Label htmlFor="compare-run">Run</Label>
          <NativeSelect id="compare-run" name="run" defaultValue={runId}>
            {runs.map((run) => (
              <option key={run.id} value={run.id}>
                {run.label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="outline">
          Open run
        </Button>
      </form>
      <form
        method="get"
        action={action}
        className="flex flex-col gap-3 border-t pt-3"
        aria-label="Choose what to compare"
      >
        <input type="hidden" name="run" value={runId} />
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex min-w-64 flex-1 flex-col gap-1.5">
            <Label htmlFor="compare-model">Same model on several platforms</Label>
            <NativeSelect id="compare-model" name="model" defaultValue={modelId ?? ""}>
              <option value="">— the targets ticked below —</option>
              {models.map((model) => (
                <option key={model.id} value={model.id}>
                  {model.label}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="flex min-w-64 flex-1 flex-col gap-1.5">
            <Label htmlFor="compare-ref">Reference</Label>
            <NativeSelect id="compare-ref" name="ref" defaultValue={referenceId ?? ""}>
              {targets.map((target) => (
                <option key={target.id} value={target.id}>
                  {target.label}
                </option>
              ))}
            </NativeSelect>
          </div>
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
      </form>
    </div>
  );
}
