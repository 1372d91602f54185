"use client";

import Link from "next/link";

import {
  FilterSearch,
  FilterSelect,
  GetForm,
  optionsOf,
  type FilterOption,
} from "@/components/forms/get-form";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { CatalogFilters } from "@/lib/schemas/catalog";

/** A group of region choices: a geography (with its "only" choice), global codes, or unknown codes. */
type RegionGroup = {
  id: string;
  label: string;
  geographyValue: string | null;
  codes: { value: string; label: string }[];
};

type Options = {
  vendors: string[];
  regions: RegionGroup[];
  apiStyles: string[];
  capabilities: string[];
};

/** One catalogue filter, sent as `name`; its first choice (`emptyLabel`) filters nothing. */
function Select({
  name,
  label,
  value,
  emptyLabel,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  emptyLabel: string;
  options: FilterOption[];
}) {
  return (
    <FilterSelect
      id={`filter-${name}`}
      name={name}
      label={label}
      defaultValue={value ?? ""}
      emptyLabel={emptyLabel}
      options={options}
      className="min-w-36"
    />
  );
}

/**
 * The region filter: a whole geography first ("EU/EEA only": a region or cross-region profile
 * inside it), then the single codes; global codes sit in their own group because data sent there
 * may leave any geography.
 */
function RegionSelect({ value, groups }: { value: string | undefined; groups: RegionGroup[] }) {
  return (
    <div className="flex min-w-36 flex-col gap-1.5">
      <Label htmlFor="filter-region">Region</Label>
      <NativeSelect id="filter-region" name="region" defaultValue={value ?? ""}>
        <option value="">Any region</option>
        {groups.map((group) => (
          <optgroup key={group.id} label={group.label}>
            {group.geographyValue ? (
              <option value={group.geographyValue}>{group.label} only</option>
            ) : null}
            {group.codes.map((code) => (
              <option key={code.value} value={code.value}>
                {code.label}
              </option>
            ))}
          </optgroup>
        ))}
      </NativeSelect>
    </div>
  );
}

/**
 * Filters as a plain GET form: works without JavaScript and keeps the state in the URL. Drawn in
 * the browser from the options (a client component), so the page sends the options once as data
 * rather than also as their markup's component tree.
 */
export function CatalogFiltersForm({
  filters,
  options,
}: {
  filters: CatalogFilters;
  options: Options;
}) {
  return (
    <GetForm action="/catalog" label="Catalogue filters">
      <FilterSearch id="filter-q" defaultValue={filters.q ?? ""} placeholder="Model or native id" />
      <Select
        name="vendor"
        label="Vendor"
        value={filters.vendor}
        emptyLabel="All vendors"
        options={optionsOf(options.vendors)}
      />
      <Select
        name="openWeights"
        label="Open weights"
        value={filters.openWeights === "any" ? "" : filters.openWeights}
        emptyLabel="Any"
        options={[
          { id: "yes", label: "Open weights" },
          { id: "no", label: "Proprietary" },
        ]}
      />
      <Select
        name="capability"
        label="Capability"
        value={filters.capability}
        emptyLabel="Any"
        options={optionsOf(options.capabilities)}
      />
      <RegionSelect value={filters.region} groups={options.regions} />
      <Select
        name="apiStyle"
        label="API style"
        value={filters.apiStyle}
        emptyLabel="Any"
        options={optionsOf(options.apiStyles)}
      />
      <Select
        name="firstParty"
        label="First-party"
        value={filters.firstParty === "any" ? "" : filters.firstParty}
        emptyLabel="Any"
        options={[
          { id: "only", label: "Only the platform's own models" },
          { id: "exclude", label: "Exclude the platform's own models" },
        ]}
      />
      <Select
        name="view"
        label="Rows"
        value={filters.view === "models" ? "" : filters.view}
        emptyLabel="Models"
        options={[{ id: "families", label: "Families" }]}
      />
      <div className="flex gap-2">
        <Button type="submit">Apply filters</Button>
        <Button asChild variant="ghost">
          <Link href="/catalog">Reset</Link>
        </Button>
      </div>
    </GetForm>
  );
}
