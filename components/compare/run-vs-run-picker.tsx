import { FilterSelect, GetForm } from "@/components/forms/get-form";
import { Button } from "@/components/ui/button";
import { runOptionLabel, type ComparableRun } from "@/lib/views/run-vs-run";

/**
 * Two GET forms, so both choices live in the URL and work from the keyboard without JavaScript:
 * this run (any of the latest runs), then the run to compare it with (the runs of its suite,
 * shown once it has any).
 */
export function RunVsRunPicker({
  action,
  runs,
  runId,
  others,
  otherId,
}: {
  action: string;
  runs: readonly ComparableRun[];
  runId: string | null;
  others: readonly ComparableRun[];
  otherId: string | null;
}) {
  const options = (list: readonly ComparableRun[], withSuite: boolean) =>
    list.map((run) => ({
      id: run.id,
      label: withSuite ? `${runOptionLabel(run)} · suite ${run.suiteName}` : runOptionLabel(run),
    }));
  return (
    <div className="flex flex-col gap-3 rounded-xl border bg-card p-4">
      <GetForm action={action} label="Choose this run" className="flex flex-wrap items-end gap-3">
        <FilterSelect
          id="run-vs-run-a"
          name="a"
          label="This run"
          defaultValue={runId ?? ""}
          options={options(runs, true)}
          className="min-w-72 flex-1"
        />
        <Button type="submit" variant="outline">
          Open run
        </Button>
      </GetForm>
      {runId && others.length > 0 ? (
        <GetForm
          action={action}
          label="Choose the run to compare with"
          hidden={{ a: runId }}
          className="flex flex-wrap items-end gap-3 border-t pt-3"
        >
          <FilterSelect
            id="run-vs-run-b"
            name="b"
            label="Compared with (runs of the same suite)"
            defaultValue={otherId ?? ""}
            options={options(others, false)}
            className="min-w-72 flex-1"
          />
          <Button type="submit">Compare</Button>
        </GetForm>
      ) : null}
    </div>
  );
}
