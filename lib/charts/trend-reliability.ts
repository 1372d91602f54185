/**
 * Prepares a platform's measured reliability: per finished run, the share of its trials on the
 * platform that ended in an error, split by error kind (rate limit, timeout, server…), as stacked
 * bars over time with the table behind them. A run with no trial on the platform has no bar (a
 * gap), never a zero; a kind that never occurred has no series.
 */

import { DASH, formatCount, formatDateTime, formatPercent } from "@/lib/format";
import { TREND_COLORS } from "./trend";

/** How each provider error kind is named on the pages (lib/router's kinds). */
export const ERROR_KIND_LABELS: Readonly<Record<string, string>> = {
  rate_limit: "rate limit",
  timeout: "timeout",
  server: "server",
  auth: "auth",
  bad_request: "bad request",
  content_filter: "content filter",
  network: "network",
  cancelled: "cancelled",
  budget: "budget",
  circuit_open: "circuit open",
  missing_served_model: "no served model named",
  unknown: "unknown",
};

/** An error kind's name; unknown kinds are shown as stored, underscores as spaces. */
export function errorKindLabel(kind: string): string {
  return ERROR_KIND_LABELS[kind] ?? kind.replaceAll("_", " ");
}

/** One finished run's trials on the platform (its single-offering targets summed). */
export type ReliabilityPointInput = {
  runId: string;
  runName: string;
  finishedAt: Date | string;
  isSimulated: boolean;
  trials: number;
  errorsByKind: Readonly<Record<string, number>>;
};

export type ReliabilityKind = { kind: string; label: string; color: string };

export type ReliabilityPoint = {
  runId: string;
  runName: string;
  href: string;
  /** ms since the epoch. */
  t: number;
  dateText: string;
  isSimulated: boolean;
  trials: number;
  /** Errors of every kind over trials; null without a trial (a gap). */
  errorRate: number | null;
  errorRateText: string;
  /** By kind, the share of the run's trials (null without a trial): the stacked segments. */
  rates: Record<string, number | null>;
  /** By kind, the number of errors. */
  counts: Record<string, number>;
};

export type ReliabilityTableRow = {
  runId: string;
  runName: string;
  href: string;
  dateText: string;
  isSimulated: boolean;
  trialsText: string;
  errorRateText: string;
  /** One cell per kind, in `kinds` order: "4.2% (5)". */
  cells: string[];
};

export type PreparedReliability = {
  /** The kinds that occurred, most frequent first, each with its colour. */
  kinds: ReliabilityKind[];
  /** Runs on time order. */
  points: ReliabilityPoint[];
  /** The rate axis, [0, top]: a round share just above the worst run. */
  yDomain: [number, number];
  yTicks: { value: number; label: string }[];
  table: { caption: string; head: string[]; rows: ReliabilityTableRow[] };
  /** Whether there is no run with a trial on the platform. */
  isEmpty: boolean;
  emptyText: string | null;
  /** Whether any run ran against the emulator. */
  hasSimulated: boolean;
};

const RELIABILITY_TOPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1];

/**
 * Stacked error rates by kind, one bar per run on time order. Kinds are ordered by their errors
 * across all runs (most first), and coloured in that order.
 */
export function prepareReliability(points: readonly ReliabilityPointInput[]): PreparedReliability {
  const totals = new Map<string, number>();
  for (const point of points) {
    for (const [kind, count] of Object.entries(point.errorsByKind)) {
      if (count > 0) totals.set(kind, (totals.get(kind) ?? 0) + count);
    }
  }
  const kinds: ReliabilityKind[] = [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind], index) => ({
      kind,
      label: errorKindLabel(kind),
      color: TREND_COLORS[index % TREND_COLORS.length] ?? "#888888",
    }));

  const prepared = [...points]
    .map((point): ReliabilityPoint => {
      const t = (
        typeof point.finishedAt === "string" ? new Date(point.finishedAt) : point.finishedAt
      ).getTime();
      const hasTrials = point.trials > 0;
      const errors = Object.values(point.errorsByKind).reduce(
        (sum, count) => sum + Math.max(0, count),
        0,
      );
      const errorRate = hasTrials ? errors / point.trials : null;
      return {
        runId: point.runId,
        runName: point.runName,
        href: `/runs/${point.runId}`,
        t,
        dateText: formatDateTime(new Date(t)),
        isSimulated: point.isSimulated,
        trials: point.trials,
        errorRate,
        errorRateText: formatPercent(errorRate),
        rates: Object.fromEntries(
          kinds.map(({ kind }) => [
            kind,
            hasTrials ? (point.errorsByKind[kind] ?? 0) / point.trials : null,
          ]),
        ),
        counts: Object.fromEntries(kinds.map(({ kind }) => [kind, point.errorsByKind[kind] ?? 0])),
      };
    })
    .sort((a, b) => a.t - b.t || a.runId.localeCompare(b.runId));

  const worst = Math.max(0, ...prepared.map((p) => p.errorRate ?? 0));
  const top = RELIABILITY_TOPS.find((candidate) => candidate >= worst) ?? 1;
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const value = Number((top * f).toPrecision(6));
    return { value, label: `${Number((value * 100).toPrecision(6))}%` };
  });

  const isEmpty = prepared.every((p) => p.errorRate === null);
  return {
    kinds,
    points: prepared,
    yDomain: [0, top],
    yTicks,
    table: {
      caption:
        "Errors by kind in each finished run, as a share of the run's trials on the platform",
      head: ["Run", "Finished", "Trials", "Error rate", ...kinds.map((k) => k.label)],
      rows: prepared.map((point) => ({
        runId: point.runId,
        runName: point.runName,
        href: point.href,
        dateText: point.dateText,
        isSimulated: point.isSimulated,
        trialsText: formatCount(point.trials),
        errorRateText: point.errorRateText,
        cells: kinds.map(({ kind }) => {
          const rate = point.rates[kind];
          if (rate === null || rate === undefined) return DASH;
          return `${formatPercent(rate)} (${formatCount(point.counts[kind])})`;
        }),
      })),
    },
    isEmpty,
    emptyText: isEmpty
      ? "No finished run has measured this platform yet: its error rates appear after the first run that calls one of its offerings."
      : null,
    hasSimulated: prepared.some((p) => p.isSimulated),
  };
}
