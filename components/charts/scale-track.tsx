/**
 * The parts of the charts drawn with CSS rather than recharts (latency ranges, parity intervals):
 * marks placed along a track by their position `at`, from 0 (left) to 1 (right).
 */

type Tick = { value: number; at: number };

/** A position on the track as a CSS length. */
export const pct = (at: number) => `${(at * 100).toFixed(2)}%`;

/** Keeps the first and last tick labels inside the axis instead of centring them on its ends. */
const edgeAlign = (at: number) =>
  at <= 0.02 ? "translate-x-0" : at >= 0.98 ? "-translate-x-full" : "-translate-x-1/2";

/** A faint vertical line across the track at each tick. */
export function TickLines({ ticks }: { ticks: readonly Tick[] }) {
  return ticks.map((tick) => (
    <span
      key={tick.value}
      aria-hidden
      className="absolute inset-y-0 w-px bg-border"
      style={{ left: pct(tick.at) }}
    />
  ));
}

/** The axis under a track: each tick's label at its position. */
export function TickLabels<T extends Tick>({
  ticks,
  format,
}: {
  ticks: readonly T[];
  format: (tick: T) => string;
}) {
  return (
    <div aria-hidden className="relative h-5 text-[11px] text-muted-foreground">
      {ticks.map((tick) => (
        <span
          key={tick.value}
          className={`absolute tabular-nums whitespace-nowrap ${edgeAlign(tick.at)}`}
          style={{ left: pct(tick.at) }}
        >
          {format(tick)}
        </span>
      ))}
    </div>
  );
}
