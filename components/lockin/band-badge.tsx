import { cn } from "@/components/ui/cn";
import type { Band } from "@/lib/charts/lockin";

const BAND_CLASSES: Record<Band, string> = {
  low: "border-emerald-600/50 bg-emerald-500/10 text-emerald-800 dark:text-emerald-300",
  moderate: "border-amber-500/60 bg-amber-400/15 text-amber-900 dark:text-amber-200",
  high: "border-orange-600/60 bg-orange-500/15 text-orange-900 dark:text-orange-200",
  critical: "border-red-600/60 bg-red-500/15 text-red-900 dark:text-red-200",
};

const BAND_NAMES: Record<Band, string> = {
  low: "Low",
  moderate: "Moderate",
  high: "High",
  critical: "Critical",
};

/** A risk band as a coloured label; the word carries the meaning, the colour only repeats it. */
export function BandBadge({ band, className }: { band: Band; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex w-fit items-center rounded-md border px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        BAND_CLASSES[band],
        className,
      )}
    >
      {BAND_NAMES[band]} risk
    </span>
  );
}
