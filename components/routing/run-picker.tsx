import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

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
    <form method="get" action="/routing" className="flex flex-wrap items-end gap-3">
      <div className="flex min-w-72 flex-1 flex-col gap-2">
        <Label htmlFor="routing-run">Finished run</Label>
        <NativeSelect id="routing-run" name="run" defaultValue={selected}>
          {runs.map((run) => (
            <option key={run.id} value={run.id}>
              {run.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex w-40 flex-col gap-2">
        <Label htmlFor="routing-scale">Cost axis</Label>
        <NativeSelect id="routing-scale" name="scale" defaultValue={scale}>
          <option value="log">Log scale</option>
          <option value="linear">Linear scale</option>
        </NativeSelect>
      </div>
      <Button type="submit" variant="outline">
        Simulate
      </Button>
    </form>
  );
}
