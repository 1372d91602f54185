"use client";

import { Plus } from "lucide-react";
import { useId, useMemo, useState } from "react";

import { SimulatedBadge } from "@/components/runs/run-badges";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { TARGET_POLICIES, TARGET_POLICY_LABELS, type TargetPolicy } from "@/lib/schemas/runs";
import type { LaunchOffering, LaunchSavedPolicy } from "@/lib/views/launch";
import { offeringMatches } from "./offering-list";

export type PolicyTarget = { policy: TargetPolicy; offeringIds: string[] };

const toggle = (list: string[], id: string) =>
  list.includes(id) ? list.filter((item) => item !== id) : [...list, id];

/**
 * A routing policy as one target: the policy and its offerings in order. Closed until asked for,
 * so its list of offerings adds no Tab stops to the form.
 */
export function PolicyBuilder({
  offerings,
  onAdd,
}: {
  offerings: LaunchOffering[];
  onAdd: (target: PolicyTarget) => void;
}) {
  const ids = { policy: useId(), search: useId() };
  const [policy, setPolicy] = useState<TargetPolicy>("fallback");
  const [members, setMembers] = useState<string[]>([]);
  const [query, setQuery] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const choices = useMemo(
    () => offerings.filter((o) => o.apiStyle !== null && offeringMatches(o, query)),
    [offerings, query],
  );

  function add() {
    if (members.length < 2) {
      setMessage("A routing policy needs at least two offerings: tick two or more.");
      return;
    }
    onAdd({ policy, offeringIds: members });
    setMembers([]);
    setMessage(null);
  }

  return (
    <details className="rounded-xl border">
      <summary className="cursor-pointer px-4 py-3 text-sm font-medium">
        Add a routing policy target
      </summary>
      <fieldset className="flex flex-col gap-3 border-t p-4">
        <legend className="sr-only">Routing policy target</legend>
        <p className="text-sm text-muted-foreground">
          A routing target sends each call through the router: it picks among two or more offerings
          by the policy, and the results show which offering served each call.
        </p>
        <div className="grid gap-3 md:grid-cols-2">
          <div className="flex flex-col gap-2">
            <Label htmlFor={ids.policy}>Policy</Label>
            <NativeSelect
              id={ids.policy}
              value={policy}
              onChange={(event) => {
                const value = TARGET_POLICIES.find((p) => p === event.target.value);
                if (value) setPolicy(value);
              }}
            >
              {TARGET_POLICIES.map((option) => (
                <option key={option} value={option}>
                  {TARGET_POLICY_LABELS[option]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor={ids.search}>Find offerings for the policy</Label>
            <Input
              id={ids.search}
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              placeholder="Model or platform"
            />
          </div>
        </div>
        <ul
          className="flex max-h-48 flex-col gap-1 overflow-y-auto rounded-md border p-2"
          aria-label="Offerings for the policy, in order"
        >
          {choices.map((offering) => {
            const checkboxId = `${ids.policy}-${offering.id}`;
            const order = members.indexOf(offering.id);
            return (
              <li key={offering.id} className="flex items-center gap-2 text-sm">
                <input
                  id={checkboxId}
                  type="checkbox"
                  className="size-4"
                  checked={order >= 0}
                  onChange={() => setMembers((current) => toggle(current, offering.id))}
                />
                <label htmlFor={checkboxId}>
                  {order >= 0 ? `${order + 1}. ` : ""}
                  {offering.label}{" "}
                  <code className="text-xs text-muted-foreground">{offering.nativeId}</code>
                </label>
                {offering.isSimulated ? <SimulatedBadge /> : null}
              </li>
            );
          })}
        </ul>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" variant="outline" onClick={add}>
            <Plus aria-hidden />
            Add policy target
          </Button>
          <span className="text-sm text-muted-foreground" aria-live="polite">
            {message ? <span className="font-medium text-destructive">{message} </span> : null}
            {members.length} chosen; at least 2. A fallback policy tries them in the order you
            ticked them.
          </span>
        </div>
      </fieldset>
    </details>
  );
}

/** Policies saved from a routing simulation, each launchable as one target. */
export function SavedPolicies({
  policies,
  selected,
  onToggle,
}: {
  policies: LaunchSavedPolicy[];
  selected: readonly string[];
  onToggle: (id: string) => void;
}) {
  const idPrefix = useId();
  if (policies.length === 0) return null;
  return (
    <fieldset className="flex flex-col gap-3 rounded-xl border p-4">
      <legend className="px-1 text-sm font-semibold">Saved routing policies</legend>
      <p className="text-sm text-muted-foreground">
        Policies saved from a routing simulation; each runs as one routing target.
      </p>
      <ul className="flex max-h-48 flex-col gap-1 overflow-y-auto rounded-md border p-2">
        {policies.map((saved) => {
          const checkboxId = `${idPrefix}-${saved.id}`;
          return (
            <li key={saved.id} className="flex items-center gap-2 text-sm">
              <input
                id={checkboxId}
                type="checkbox"
                className="size-4"
                checked={selected.includes(saved.id)}
                onChange={() => onToggle(saved.id)}
              />
              <label htmlFor={checkboxId}>
                {saved.name}{" "}
                <span className="text-xs text-muted-foreground">({saved.summary})</span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
