import Link from "next/link";

import {
  FilterSearch,
  FilterSelect,
  GetForm,
  optionsOf,
  type FilterOption,
} from "@/components/forms/get-form";
import { Button } from "@/components/ui/button";
import type { CatalogFilters } from "@/lib/schemas/catalog";

type Options = {
  vendors: string[];
  regions: string[];
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

/** Filters as a plain GET form: works without JavaScript and keeps the state in the URL. */
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
      <Select
        name="region"
        label="Region"
        value={filters.region}
        emptyLabel="Any region"
        options={optionsOf(options.regions)}
      />
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
