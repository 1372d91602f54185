"use client";

import { Plus, X } from "lucide-react";
import { useId, useMemo, useState, type KeyboardEvent } from "react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { modelMatches, type ModelChoice } from "@/lib/views/launch";
import { OfferingCheckbox } from "./offering-list";

const SHOWN_MATCHES = 8;

/**
 * The model-first way to choose targets: type a model's name, press Enter (or pick it), and its
 * offerings on every platform are ticked. Each chosen model lists its offerings to untick.
 */
export function ModelPicker({
  models,
  chosenModels,
  selected,
  onAddModel,
  onRemoveModel,
  onToggle,
  describedBy,
  followed,
  onFollow,
}: {
  models: ModelChoice[];
  chosenModels: readonly string[];
  selected: readonly string[];
  onAddModel: (modelId: string) => void;
  onRemoveModel: (modelId: string) => void;
  onToggle: (offeringId: string) => void;
  describedBy?: string;
  /** Given (schedules): the chosen models followed on every platform at each launch. */
  followed?: readonly string[];
  onFollow?: (modelId: string, isFollowing: boolean) => void;
}) {
  const searchId = useId();
  const [query, setQuery] = useState("");
  const matches = useMemo(
    () =>
      query.trim()
        ? models
            .filter((m) => m.callable.length > 0 && modelMatches(m, query))
            .slice(0, SHOWN_MATCHES)
        : [],
    [models, query],
  );

  function add(modelId: string) {
    onAddModel(modelId);
    setQuery("");
  }

  /** Enter adds the first match (the form never submits from a text field). */
  function addFirstOnEnter(event: KeyboardEvent<HTMLInputElement>) {
    // Ctrl+Enter (⌘+Enter) is the form's launch shortcut: leave it to the form.
    if (event.key !== "Enter" || event.ctrlKey || event.metaKey || !matches[0]) return;
    event.preventDefault();
    add(matches[0].modelId);
  }

  const chosen = chosenModels.flatMap((id) => models.filter((m) => m.modelId === id));
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-2">
        <Label htmlFor={searchId}>Add a model on every platform</Label>
        <Input
          id={searchId}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={addFirstOnEnter}
          placeholder="Model name or vendor, e.g. claude sonnet 4.6"
          aria-describedby={`${searchId}-hint${describedBy ? ` ${describedBy}` : ""}`}
        />
        <p id={`${searchId}-hint`} className="text-xs text-muted-foreground">
          Enter adds the first match with every platform that offers it ticked.
        </p>
      </div>
      {query.trim() ? (
        matches.length ? (
          <ul aria-label="Models that match" className="flex flex-col gap-1 rounded-md border p-2">
            {matches.map((model) => (
              <li key={model.modelId}>
                <Button
                  type="button"
                  variant="ghost"
                  className="h-auto w-full justify-start py-1.5 text-left font-normal"
                  onClick={() => add(model.modelId)}
                >
                  <Plus aria-hidden />
                  <span>
                    <span className="font-medium">{model.modelName}</span>{" "}
                    <span className="text-muted-foreground">
                      {model.vendor} · {model.callable.length} platform
                      {model.callable.length === 1 ? "" : "s"}
                    </span>
                  </span>
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">No callable model matches “{query}”.</p>
        )
      ) : null}
      {chosen.map((model) => {
        const isFollowed = followed?.includes(model.modelId) ?? false;
        return (
          <fieldset key={model.modelId} className="rounded-xl border px-4 py-3">
            <legend className="px-1 text-sm font-semibold">{model.modelName}</legend>
            {onFollow ? (
              <label className="mb-3 flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4"
                  checked={isFollowed}
                  onChange={(event) => onFollow(model.modelId, event.target.checked)}
                />
                <span>
                  Every platform at each run
                  <span className="block text-xs text-muted-foreground">
                    Each run takes the platforms selling {model.modelName} when it starts: new ones
                    join, withdrawn ones leave.
                  </span>
                </span>
              </label>
            ) : null}
            {isFollowed ? null : (
              <ul className="flex flex-col gap-2">
                {model.callable.map((offering) => (
                  <OfferingCheckbox
                    key={offering.id}
                    offering={offering}
                    isChecked={selected.includes(offering.id)}
                    onToggle={() => onToggle(offering.id)}
                  />
                ))}
              </ul>
            )}
            <div className="mt-2 flex flex-wrap items-center gap-3 text-xs text-muted-foreground">
              {model.uncallable > 0 ? (
                <span>
                  {model.uncallable} more platform{model.uncallable === 1 ? "" : "s"} offer it, but
                  Crossbench cannot call {model.uncallable === 1 ? "it" : "them"} yet.
                </span>
              ) : null}
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => onRemoveModel(model.modelId)}
              >
                <X aria-hidden />
                Remove {model.modelName}
              </Button>
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
