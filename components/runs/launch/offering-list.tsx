"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useId, useMemo, useRef, useState } from "react";

import { SimulatedBadge } from "@/components/runs/run-badges";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatUsdPerMillion } from "@/lib/format";
import { matchesWords, type LaunchOffering } from "@/lib/views/launch";

/** "$3.00 in / $15.00 out per 1M tokens". */
export function prices(offering: LaunchOffering): string {
  return `${formatUsdPerMillion(offering.inputPrice)} in / ${formatUsdPerMillion(offering.outputPrice)} out per 1M tokens`;
}

/** Whether an offering matches what was typed: model, platform or native id, every word. */
export function offeringMatches(offering: LaunchOffering, query: string): boolean {
  return matchesWords(`${offering.modelName} ${offering.platformName} ${offering.nativeId}`, query);
}

function groupByModel(offerings: LaunchOffering[]): [string, LaunchOffering[]][] {
  const groups = new Map<string, LaunchOffering[]>();
  for (const offering of offerings) {
    const list = groups.get(offering.modelName) ?? [];
    list.push(offering);
    groups.set(offering.modelName, list);
  }
  return [...groups];
}

/** Why an offering cannot be ticked, in the user's words. */
export const UNCALLABLE =
  "Crossbench cannot call this offering yet: none of its APIs has an adapter here.";

/** One offering as a checkbox with its platform, marks, native id and prices. */
export function OfferingCheckbox({
  offering,
  isChecked,
  onToggle,
  label = offering.platformName,
}: {
  offering: LaunchOffering;
  isChecked: boolean;
  onToggle: () => void;
  label?: string;
}) {
  const id = useId();
  const isDisabled = offering.apiStyle === null;
  return (
    <li className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        className="mt-1 size-4"
        checked={isChecked}
        disabled={isDisabled}
        onChange={onToggle}
        aria-describedby={`${id}-detail`}
      />
      <div className="flex min-w-0 flex-col gap-0.5">
        <label htmlFor={id} className="flex flex-wrap items-center gap-2 text-sm font-medium">
          {label}
          {offering.isSimulated ? <SimulatedBadge /> : null}
        </label>
        <span id={`${id}-detail`} className="text-xs break-all text-muted-foreground">
          <code>{offering.nativeId}</code> · {prices(offering)}
          {isDisabled ? ` · ${UNCALLABLE}` : ` · ${offering.apiStyle}`}
        </span>
      </div>
    </li>
  );
}

/** A model group's height before it is measured: a heading and two offerings. */
const ESTIMATED_GROUP_PX = 120;

/**
 * Every offering, for power users: closed by default (so the form stays a few dozen Tab stops
 * long), filtered as you type, grouped by model. The groups are virtualised: only those in (and
 * near) the scroll box are rendered, so a catalogue of thousands of offerings (a full LiteLLM
 * import) opens as fast as the curated one.
 */
export function OfferingList({
  offerings,
  selected,
  onToggle,
  describedBy,
}: {
  offerings: LaunchOffering[];
  selected: readonly string[];
  onToggle: (offeringId: string) => void;
  describedBy?: string;
}) {
  const searchId = useId();
  const [query, setQuery] = useState("");
  const groups = useMemo(
    () => groupByModel(offerings.filter((o) => offeringMatches(o, query))),
    [offerings, query],
  );
  return (
    <details className="rounded-xl border">
      <summary className="cursor-pointer px-4 py-3 text-sm font-medium">
        All offerings ({offerings.length}): search and tick any
      </summary>
      <div className="flex flex-col gap-3 border-t p-4">
        <div className="flex flex-col gap-2">
          <Label htmlFor={searchId}>Search offerings</Label>
          <Input
            id={searchId}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Model, platform or native id"
            aria-describedby={describedBy}
          />
        </div>
        <VirtualGroups groups={groups} query={query} selected={selected} onToggle={onToggle} />
      </div>
    </details>
  );
}

function VirtualGroups({
  groups,
  query,
  selected,
  onToggle,
}: {
  groups: [string, LaunchOffering[]][];
  query: string;
  selected: readonly string[];
  onToggle: (offeringId: string) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual keeps its own state outside React's; the React Compiler is told to leave it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: groups.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_GROUP_PX,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  return (
    <div ref={scrollRef} className="relative max-h-[28rem] overflow-y-auto rounded-xl border">
      {groups.length === 0 ? (
        <p className="p-4 text-sm text-muted-foreground">No offering matches “{query}”.</p>
      ) : (
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          <div
            className="absolute top-0 left-0 w-full"
            style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}
          >
            {items.map((item) => {
              const [modelName, list] = groups[item.index]!;
              return (
                <fieldset
                  key={modelName}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className="border-b px-4 py-3 last:border-b-0"
                >
                  <legend className="sr-only">{modelName}</legend>
                  <p aria-hidden className="mb-2 text-sm font-semibold">
                    {modelName}
                  </p>
                  <ul className="flex flex-col gap-2">
                    {list.map((offering) => (
                      <OfferingCheckbox
                        key={offering.id}
                        offering={offering}
                        isChecked={selected.includes(offering.id)}
                        onToggle={() => onToggle(offering.id)}
                      />
                    ))}
                  </ul>
                </fieldset>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
