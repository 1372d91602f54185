"use client";

import type { ReactNode } from "react";

import { FilterSearch, FilterSelect, GetForm, optionsOf } from "@/components/forms/get-form";
import { Button } from "@/components/ui/button";

export type TrialFilterValues = {
  target?: string;
  category?: string;
  outcome: "all" | "pass" | "fail" | "error";
  q?: string;
};

const OUTCOME_OPTIONS = [
  { id: "pass", label: "Pass" },
  { id: "fail", label: "Fail" },
  { id: "error", label: "Error" },
];

/**
 * The per-case filters as a GET form: the state stays in the URL and works without JavaScript.
 * `children` are further fields of the view that shows, before the submit button. Drawn in the
 * browser from the targets and categories (a client component): the page sends them once as data
 * rather than also as their markup's component tree.
 */
export function TrialFilters({
  action,
  hidden,
  filter,
  targets,
  categories,
  children,
}: {
  action: string;
  hidden: Record<string, string>;
  filter: TrialFilterValues;
  targets: { id: string; label: string }[];
  categories: string[];
  children?: ReactNode;
}) {
  return (
    <GetForm action={action} label="Filter the per-case results" hidden={hidden}>
      <FilterSearch
        id="trials-q"
        defaultValue={filter.q ?? ""}
        placeholder="Case id, reference or output"
      />
      <FilterSelect
        id="trials-target"
        name="target"
        label="Target"
        defaultValue={filter.target ?? ""}
        emptyLabel="All targets"
        options={targets}
        className="min-w-48"
      />
      <FilterSelect
        id="trials-category"
        name="category"
        label="Category"
        defaultValue={filter.category ?? ""}
        emptyLabel="All categories"
        options={optionsOf(categories)}
        className="min-w-36"
      />
      <FilterSelect
        id="trials-outcome"
        name="outcome"
        label="Outcome"
        defaultValue={filter.outcome === "all" ? "" : filter.outcome}
        emptyLabel="Any outcome"
        options={OUTCOME_OPTIONS}
        className="min-w-36"
      />
      {children}
      <Button type="submit" variant="outline">
        Apply filters
      </Button>
    </GetForm>
  );
}
