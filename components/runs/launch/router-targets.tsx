"use client";

import { useId } from "react";

import { SimulatedBadge } from "@/components/runs/run-badges";
import type { LaunchRouter } from "@/lib/views/launch";

/** The key of a router in one mode, as the form tracks it: "<router id>#<mode>". */
export const routerKey = (router: Pick<LaunchRouter, "routerId" | "mode">) =>
  `${router.routerId}#${router.mode}`;

/**
 * Model routers as targets (each cloud's own, and OpenRouter's auto router as a neutral reference): each picks a model per request from its documented
 * pool, and the run records which model served every trial. Closed until asked for.
 */
export function RouterTargets({
  routers,
  selected,
  onToggle,
}: {
  routers: LaunchRouter[];
  selected: readonly string[];
  onToggle: (key: string) => void;
}) {
  const idPrefix = useId();
  if (routers.length === 0) return null;
  return (
    <details className="rounded-xl border" open={selected.length > 0}>
      <summary className="cursor-pointer px-4 py-3 text-sm font-medium">
        Add a model router: a cloud&apos;s own, or OpenRouter&apos;s ({routers.length})
      </summary>
      <fieldset className="flex flex-col gap-3 border-t p-4">
        <legend className="sr-only">Model routers</legend>
        <p className="text-sm text-muted-foreground">
          Each router picks a model per request from its documented pool; the run records which
          model served every trial, so you can see whom it sends your traffic to.
        </p>
        <ul className="flex flex-col gap-2">
          {routers.map((router) => {
            const key = routerKey(router);
            const id = `${idPrefix}-${key}`;
            return (
              <li key={key} className="flex items-start gap-3 text-sm">
                <input
                  id={id}
                  type="checkbox"
                  className="mt-1 size-4"
                  checked={selected.includes(key)}
                  onChange={() => onToggle(key)}
                />
                <label htmlFor={id} className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{router.label}</span>
                  <span className="text-xs text-muted-foreground">
                    {router.platformName} · picks among {router.poolSize} models
                  </span>
                  {router.isSimulated ? <SimulatedBadge /> : null}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </details>
  );
}
