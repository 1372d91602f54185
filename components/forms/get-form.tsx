import type { ReactNode } from "react";

import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

/** The filter bar look: fields side by side in a card, wrapping on narrow screens. */
const FILTER_BAR = "flex flex-wrap items-end gap-3 rounded-xl border bg-card p-4";

/**
 * A GET form: what it chooses goes into the URL, so the page works without JavaScript and the
 * choice can be shared. `hidden` carries other search params that the submit should keep.
 */
export function GetForm({
  action,
  label,
  hidden = {},
  className = FILTER_BAR,
  children,
}: {
  action: string;
  label?: string;
  hidden?: Record<string, string>;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form method="get" action={action} className={className} aria-label={label}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </form>
  );
}

/** One choice of a filter: `id` is the value it puts in the URL. */
export type FilterOption = { id: string; label: string };

/** A labelled select of a GET form; `emptyLabel` names the first choice, which sets no value. */
export function FilterSelect({
  id,
  name,
  label,
  defaultValue,
  emptyLabel,
  options,
  className,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  emptyLabel?: string;
  options: readonly FilterOption[];
  /** Its width; the default suits a short choice. */
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} name={name} defaultValue={defaultValue}>
        {emptyLabel === undefined ? null : <option value="">{emptyLabel}</option>}
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

/** The free-text search of a GET form, sent as `q`. */
export function FilterSearch({
  id,
  defaultValue,
  placeholder,
}: {
  id: string;
  defaultValue: string;
  placeholder: string;
}) {
  return (
    <div className="flex min-w-48 flex-col gap-1.5">
      <Label htmlFor={id}>Search</Label>
      <Input id={id} name="q" type="search" defaultValue={defaultValue} placeholder={placeholder} />
    </div>
  );
}

/** Strings as choices that show as they are sent. */
export const optionsOf = (values: readonly string[]): FilterOption[] =>
  values.map((value) => ({ id: value, label: value }));
