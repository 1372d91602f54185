import Link from "next/link";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { CatalogFilters } from "@/lib/schemas/catalog";

type Options = {
  vendors: string[];
  regions: string[];
  apiStyles: string[];
  capabilities: string[];
};

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="flex min-w-36 flex-col gap-1.5">
      <Label htmlFor={`filter-${name}`}>{label}</Label>
      <NativeSelect id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

const any = (label: string) => ({ value: "", label });

/** Filters as a plain GET form: works without JavaScript and keeps the state in the URL. */
export function CatalogFiltersForm({
  filters,
  options,
}: {
  filters: CatalogFilters;
  options: Options;
}) {
  return (
    <form
      method="get"
      action="/catalog"
      className="flex flex-wrap items-end gap-3 rounded-xl border bg-card p-4"
      aria-label="Catalogue filters"
    >
      <div className="flex min-w-48 flex-col gap-1.5">
        <Label htmlFor="filter-q">Search</Label>
        <Input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={filters.q ?? ""}
          placeholder="Model or native id"
        />
      </div>
      <Select
        name="vendor"
        label="Vendor"
        value={filters.vendor}
        options={[any("All vendors"), ...options.vendors.map((v) => ({ value: v, label: v }))]}
      />
      <Select
        name="openWeights"
        label="Open weights"
        value={filters.openWeights === "any" ? "" : filters.openWeights}
        options={[
          any("Any"),
          { value: "yes", label: "Open weights" },
          { value: "no", label: "Proprietary" },
        ]}
      />
      <Select
        name="capability"
        label="Capability"
        value={filters.capability}
        options={[any("Any"), ...options.capabilities.map((v) => ({ value: v, label: v }))]}
      />
      <Select
        name="region"
        label="Region"
        value={filters.region}
        options={[any("Any region"), ...options.regions.map((v) => ({ value: v, label: v }))]}
      />
      <Select
        name="apiStyle"
        label="API style"
        value={filters.apiStyle}
        options={[any("Any"), ...options.apiStyles.map((v) => ({ value: v, label: v }))]}
      />
      <Select
        name="firstParty"
        label="First-party"
        value={filters.firstParty === "any" ? "" : filters.firstParty}
        options={[
          any("Any"),
          { value: "only", label: "Only the platform's own models" },
          { value: "exclude", label: "Exclude the platform's own models" },
        ]}
      />
      <Select
        name="view"
        label="Rows"
        value={filters.view === "models" ? "" : filters.view}
        options={[
          { value: "", label: "Models" },
          { value: "families", label: "Families" },
        ]}
      />
      <div className="flex gap-2">
        <Button type="submit">Apply filters</Button>
        <Button asChild variant="ghost">
          <Link href="/catalog">Reset</Link>
        </Button>
      </div>
    </form>
  );
}
