import { SelectField } from "@/components/forms/fields";
import { vendorOf, type JudgeProposal, type LaunchOffering } from "@/lib/views/launch";

/**
 * The judge for rubric assertions: callable offerings grouped by vendor, with the proposed one
 * marked and the reason it was proposed.
 */
export function JudgePicker({
  offerings,
  value,
  proposal,
  error,
  onChange,
}: {
  offerings: LaunchOffering[];
  value: string;
  proposal: JudgeProposal | null;
  error?: string;
  onChange: (offeringId: string) => void;
}) {
  const callable = offerings.filter((o) => o.apiStyle !== null);
  const vendors = [...new Set(callable.map((o) => vendorOf(o.modelId)))].sort();
  const proposed = callable.find((o) => o.id === proposal?.offeringId);
  return (
    <section aria-labelledby="launch-judge" className="flex flex-col gap-3">
      <h2 id="launch-judge" className="text-lg font-semibold">
        Judge
      </h2>
      <SelectField
        label="Judge model"
        name="judgeOfferingId"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        hint={`Grades the rubric assertions; its calls are counted in the run's cost.${
          proposed ? ` Proposed: ${proposed.label}, ${proposal?.reason}.` : ""
        }`}
      >
        <option value="">Choose a judge model…</option>
        {vendors.map((vendor) => (
          <optgroup key={vendor} label={vendor}>
            {callable
              .filter((o) => vendorOf(o.modelId) === vendor)
              .map((offering) => (
                <option key={offering.id} value={offering.id}>
                  {offering.label}
                  {offering.isSimulated ? " (simulated)" : ""}
                  {offering.id === proposal?.offeringId ? " (proposed)" : ""}
                </option>
              ))}
          </optgroup>
        ))}
      </SelectField>
    </section>
  );
}
