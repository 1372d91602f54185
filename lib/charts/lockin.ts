/**
 * Prepares the Lock-in page's chart and its table: one horizontal bar per scored platform, made of
 * its factors' contributions stacked to the 0–100 score, sorted from most to least locked in. A
 * factor without data has no segment (a gap, named in the table as "—"), never a zero; a platform
 * without a score is listed under the chart with the reason.
 */

import { BAND_LABELS, type Band } from "@/lib/lockin/bands";
import { lockinCoverageGap } from "@/lib/lockin/comparable";
import type { FactorId } from "@/lib/lockin/factors";
import type { PlatformLockin } from "@/lib/lockin/types";

export type { Band } from "@/lib/lockin/bands";
export type { FactorId } from "@/lib/lockin/factors";
export type { Evidence, FactorResult, PlatformLockin } from "@/lib/lockin/types";
export type { ReferenceFactRow } from "@/lib/lockin/reference-data";

/**
 * Ten mid-tone colours (Tableau 10) that stay distinct from one another and readable on both the
 * light and the dark background.
 */
export const FACTOR_COLORS: readonly string[] = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];

/** Band ranges on the 0–100 axis, with a colour each (drawn faintly behind the bars). */
export const BAND_AREAS: readonly {
  band: Band;
  label: string;
  from: number;
  to: number;
  color: string;
}[] = [
  { band: "low", label: BAND_LABELS.low.label, from: 0, to: 25, color: "#59a14f" },
  { band: "moderate", label: BAND_LABELS.moderate.label, from: 25, to: 50, color: "#edc948" },
  { band: "high", label: BAND_LABELS.high.label, from: 50, to: 75, color: "#f28e2b" },
  { band: "critical", label: BAND_LABELS.critical.label, from: 75, to: 100, color: "#e15759" },
];

export type LockinSeries = { id: FactorId; label: string; color: string };

/** One bar: the platform, its score and band, and a contribution per factor (null = no data). */
export type LockinBar = {
  platformId: string;
  label: string;
  shortLabel: string;
  score: number;
  band: Band;
  bandLabel: string;
  /** Share of the rubric's weight that had data, 0–1. */
  coverage: number;
  contributions: Record<FactorId, number | null>;
  modelsCounted: number;
  /** What the score leaves out of the workload, or null; such bars come after the ranked ones. */
  coverageGap: string | null;
};

export type PreparedLockinChart = {
  series: LockinSeries[];
  bars: LockinBar[];
  /** Platforms without a score, with why. */
  unscored: { label: string; reason: string }[];
  /** Platforms scored (n) and distinct profile models counted on at least one of them. */
  n: { platforms: number; models: number };
  isEmpty: boolean;
};

const MAX_LABEL = 22;

const shorten = (label: string) =>
  label.length <= MAX_LABEL ? label : `${label.slice(0, MAX_LABEL - 1)}…`;

/**
 * Bars of the platforms scored on the whole workload, highest risk first (then by name), then
 * those scored on part of it, marked and not ranked among the others (see compareLockin); series
 * in rubric order.
 */
export function prepareLockinChart(platforms: readonly PlatformLockin[]): PreparedLockinChart {
  const first = platforms[0];
  const series: LockinSeries[] = (first?.factors ?? []).map((factor, index) => ({
    id: factor.id,
    label: factor.label,
    color: FACTOR_COLORS[index % FACTOR_COLORS.length] ?? "#888888",
  }));
  const bars: LockinBar[] = [];
  const unscored: { label: string; reason: string }[] = [];
  const models = new Set<string>();
  for (const platform of platforms) {
    if (platform.score === null || platform.band === null) {
      unscored.push({
        label: platform.platformName,
        reason:
          platform.modelsCounted.length === 0
            ? "offers none of the profile's models"
            : "no factor with a weight has data",
      });
      continue;
    }
    for (const id of platform.modelsCounted) models.add(id);
    bars.push({
      platformId: platform.platformId,
      label: platform.platformName,
      shortLabel: shorten(platform.platformName),
      score: platform.score,
      band: platform.band,
      bandLabel: BAND_LABELS[platform.band].label,
      coverage: platform.weightTotal > 0 ? platform.weightCovered / platform.weightTotal : 0,
      contributions: Object.fromEntries(
        platform.factors.map((factor) => [factor.id, factor.contribution]),
      ) as Record<FactorId, number | null>,
      modelsCounted: platform.modelsCounted.length,
      coverageGap: lockinCoverageGap(platform),
    });
  }
  const isPartial = (bar: LockinBar) => (bar.coverageGap === null ? 0 : 1);
  bars.sort(
    (a, b) => isPartial(a) - isPartial(b) || b.score - a.score || a.label.localeCompare(b.label),
  );
  return {
    series,
    bars,
    unscored,
    n: { platforms: bars.length, models: models.size },
    isEmpty: bars.length === 0,
  };
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const fixed = (value: number | null) => (value === null ? "" : value.toFixed(2));

/**
 * The numbers behind the chart as CSV: one row per platform (unscored ones included, with empty
 * cells), then each factor's value, weight and contribution. Empty cell = no data, not zero.
 */
export function prepareLockinCsv(platforms: readonly PlatformLockin[], snapshot: string): string {
  const factors = platforms[0]?.factors ?? [];
  const header = [
    "platform_id",
    "platform",
    "score_0_100",
    "band",
    "weight_covered",
    "weight_total",
    "models_counted",
    ...factors.flatMap((f) => [`${f.id}_value`, `${f.id}_weight`, `${f.id}_contribution`]),
    "catalogue_snapshot",
  ];
  const rows = platforms.map((platform) => [
    platform.platformId,
    platform.platformName,
    fixed(platform.score),
    platform.band ?? "",
    String(platform.weightCovered),
    String(platform.weightTotal),
    String(platform.modelsCounted.length),
    ...platform.factors.flatMap((f) => [fixed(f.value), String(f.weight), fixed(f.contribution)]),
    snapshot,
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\n") + "\n";
}

/** What a platform's collapsed row on the lock-in page shows. */
export type PlatformHeading = Pick<
  PlatformLockin,
  "platformId" | "platformName" | "score" | "band" | "weightCovered" | "weightTotal"
> & { modelsCounted: number; modelsTotal: number };

/** The heading of a platform's row, from its full score. */
export function platformHeading(platform: PlatformLockin): PlatformHeading {
  return {
    platformId: platform.platformId,
    platformName: platform.platformName,
    score: platform.score,
    band: platform.band,
    weightCovered: platform.weightCovered,
    weightTotal: platform.weightTotal,
    modelsCounted: platform.modelsCounted.length,
    modelsTotal: platform.modelsCounted.length + platform.modelsNotOffered.length,
  };
}
