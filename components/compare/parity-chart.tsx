import { pct, TickLabels, TickLines } from "@/components/charts/scale-track";
import { VerdictBadge } from "@/components/runs/run-badges";
import {
  formatDifferenceCi,
  formatDifferenceTick,
  formatMargin,
  formatPointsDifference,
  formatScore,
  formatScoreCi,
  formatScoreTick,
} from "@/lib/format";
import type { ParityInterval, PreparedParity } from "@/lib/charts/parity";

function Interval({
  interval,
  className,
  label,
}: {
  interval: ParityInterval;
  className: string;
  label: string;
}) {
  return (
    <>
      <span
        aria-hidden
        className={`absolute top-1/2 h-0.5 -translate-y-1/2 rounded ${className}`}
        style={{ left: pct(interval.at.low), width: pct(interval.at.high - interval.at.low) }}
      />
      <span
        aria-hidden
        className={`absolute top-1/2 h-3 w-px -translate-y-1/2 ${className}`}
        style={{ left: pct(interval.at.low) }}
      />
      <span
        aria-hidden
        className={`absolute top-1/2 h-3 w-px -translate-y-1/2 ${className}`}
        style={{ left: pct(interval.at.high) }}
      />
      <span
        role="img"
        aria-label={label}
        title={label}
        className={`absolute top-1/2 size-3 -translate-x-1/2 -translate-y-1/2 rounded-full ring-2 ring-card ${className}`}
        style={{ left: pct(interval.at.value) }}
      />
    </>
  );
}

/**
 * Draws a prepared parity chart: per target, its mean score with a 95% CI (left) and its paired
 * difference against the reference with a 95% CI, the ±margin band and the verdict (right).
 */
export function ParityChart({
  chart,
  referenceLabel,
}: {
  chart: PreparedParity;
  referenceLabel: string;
}) {
  const compared = chart.rows.filter((row) => !row.isReference);
  return (
    <div className="flex flex-col gap-3">
      {/* On a phone the chart is wider than the screen: the answer comes first, in words. */}
      <ul aria-label="Parity in words" className="flex flex-col gap-2 text-sm md:hidden">
        {compared.map((row) => (
          <li key={row.id} className="rounded-lg border p-2">
            <span className="font-medium">{row.platform}</span> against {referenceLabel}:{" "}
            {row.difference
              ? `${row.difference.verdict}, ${formatPointsDifference(row.difference.value)} (${formatDifferenceCi(row.difference.low, row.difference.high)}; n = ${row.difference.n} cases)${row.difference.casesNeeded ? `; ${row.difference.casesNeeded}` : ""}.`
              : "no paired case."}
          </li>
        ))}
      </ul>
      <p className="text-xs text-muted-foreground md:hidden">
        The chart below scrolls sideways: swipe to see the differences and verdicts.
      </p>
      <div className="overflow-x-auto">
        <div className="grid min-w-[760px] grid-cols-[minmax(10rem,14rem)_1fr_1.3fr_9rem] items-center gap-x-4 gap-y-2 text-sm">
          <span className="text-xs font-medium text-muted-foreground">Target</span>
          <span className="text-xs font-medium text-muted-foreground">
            Mean score (points, 0–100), 95% CI
          </span>
          <span className="text-xs font-medium text-muted-foreground">
            Difference vs {referenceLabel} (points), 95% CI
          </span>
          <span className="text-xs font-medium text-muted-foreground">Verdict (n cases)</span>
          {chart.rows.map((row) => (
            <div key={row.id} className="contents">
              <span className="truncate" title={row.label}>
                {row.platform}
                {row.isReference ? (
                  <span className="ml-1 text-xs text-muted-foreground">(reference)</span>
                ) : null}
              </span>
              <div className="relative h-8 rounded bg-muted/40">
                <TickLines ticks={chart.scoreTicks} />
                {row.score ? (
                  <Interval
                    interval={row.score}
                    className="bg-primary"
                    label={`${row.label}: mean score ${formatScore(row.score.value)} points, ${formatScoreCi(row.score.low, row.score.high)}, n = ${row.score.n} cases`}
                  />
                ) : (
                  <span className="absolute inset-0 flex items-center justify-center text-xs text-muted-foreground">
                    no scored case
                  </span>
                )}
              </div>
              <div className="relative h-8 rounded bg-muted/40">
                <span
                  aria-hidden
                  className="absolute inset-y-0 bg-primary/15"
                  style={{
                    left: pct(chart.marginAt.low),
                    width: pct(chart.marginAt.high - chart.marginAt.low),
                  }}
                />
                <span
                  aria-hidden
                  className="absolute inset-y-0 w-px bg-foreground/50"
                  style={{ left: pct(chart.zeroAt) }}
                />
                {row.difference ? (
                  <Interval
                    interval={row.difference}
                    className={
                      row.difference.verdict === "different" ? "bg-destructive" : "bg-foreground"
                    }
                    label={`${row.label} minus ${referenceLabel}: ${formatPointsDifference(row.difference.value)}, ${formatDifferenceCi(row.difference.low, row.difference.high)}, n = ${row.difference.n} paired cases`}
                  />
                ) : (
                  <span className="absolute inset-0 flex items-center justify-center text-xs text-muted-foreground">
                    {row.isReference ? "reference" : "no paired case"}
                  </span>
                )}
              </div>
              <span className="flex flex-wrap items-center gap-2">
                {row.difference ? (
                  <>
                    <VerdictBadge verdict={row.difference.verdict} />
                    <span className="text-xs tabular-nums text-muted-foreground">
                      n = {row.difference.n}
                    </span>
                    {row.difference.casesNeeded ? (
                      <span className="basis-full text-xs text-muted-foreground">
                        {row.difference.casesNeeded}
                      </span>
                    ) : null}
                  </>
                ) : (
                  <span className="text-xs text-muted-foreground">—</span>
                )}
              </span>
            </div>
          ))}
          <span />
          <TickLabels ticks={chart.scoreTicks} format={({ value }) => formatScoreTick(value)} />
          <TickLabels
            ticks={chart.differenceTicks}
            format={({ value }) => formatDifferenceTick(value)}
          />
          <span />
        </div>
        <p className="mt-2 text-xs text-muted-foreground">
          Shaded band: {formatMargin(chart.margin)} around 0. Equivalent: the CI lies inside it;
          different: the CI excludes 0; otherwise inconclusive. Repeats are averaged per case, then
          paired (bootstrap over cases).
        </p>
      </div>
    </div>
  );
}
