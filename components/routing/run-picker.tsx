import { FilterSelect, GetForm } from "@/components/forms/get-form";
import { Button } from "@/components/ui/button";

const SCALE_OPTIONS = [
  { id: "log", label: "Log scale" },
  { id: "linear", label: "Linear scale" },
];

/** Picks the run to simulate and the cost axis scale (a GET form: the choice is in the URL). */
export function RunPicker({
  runs,
  selected,
  scale,
}: {
  runs: { id: string; label: string }[];
  selected: string;
  scale: "log" | "linear";
}) {
  return (
    <GetForm action="/routing" className="flex flex-wrap items-end gap-3">
      <FilterSelect
        id="routing-run"
        name="run"
        label="Finished run"
        defaultValue={selected}
        options={runs}
        className="min-w-72 flex-1 gap-2"
      />
      <FilterSelect
        id="routing-scale"
        name="scale"
        label="Cost axis"
        defaultValue={scale}
        options={SCALE_OPTIONS}
        className="w-40 gap-2"
      />
      <Button type="submit" variant="outline">
        Simulate
      </Button>
    </GetForm>
  );
}
