import { X } from "lucide-react";

import { Badge } from "@/components/ui/badge";

export type ChosenTarget = { key: string; label: string; onRemove: () => void };

/** The targets the run will have, each removable. */
export function ChosenTargets({ targets }: { targets: ChosenTarget[] }) {
  if (targets.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">Chosen targets ({targets.length})</h3>
      <ul className="flex flex-wrap gap-2">
        {targets.map((target) => (
          <li key={target.key}>
            <Badge variant="secondary" className="gap-1 py-1 text-sm font-normal">
              {target.label}
              <button type="button" aria-label={`Remove ${target.label}`} onClick={target.onRemove}>
                <X aria-hidden className="size-3.5" />
              </button>
            </Badge>
          </li>
        ))}
      </ul>
    </div>
  );
}
