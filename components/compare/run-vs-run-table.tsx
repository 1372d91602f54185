import { SimulatedBadge, VerdictBadge } from "@/components/runs/run-badges";
import { TableFrame } from "@/components/ui/table-frame";
import { describeCasesNeeded } from "@/lib/charts/parity";
import {
  formatCount,
  formatMs,
  formatPercent,
  formatScore,
  formatScoreCi,
  formatScoreWithUnit,
  formatSignedPoints,
} from "@/lib/format";
import {
  describeRunDifference,
  type RunSideTarget,
  type RunTargetComparison,
} from "@/lib/views/run-vs-run";

type Interval = { value: number; low: number; high: number; n: number } | null;

/** A heading with what its figures are, in small type under it. */
function withNote(label: string, note: string) {
  return {
    label: (
      <>
        {label}
        <span className="block text-xs font-normal text-muted-foreground">{note}</span>
      </>
    ),
  };
}

function IntervalCell({
  interval,
  format,
  unit,
}: {
  interval: Interval;
  format: (value: number) => string;
  unit: string;
}) {
  if (!interval) return <span aria-label="no data">—</span>;
  return (
    <span className="flex flex-col">
      <span className="font-medium tabular-nums">{format(interval.value)}</span>
      <span className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">
        [{format(interval.low)}, {format(interval.high)}] n={formatCount(interval.n)} {unit}
      </span>
    </span>
  );
}

function TargetCell({ comparison }: { comparison: RunTargetComparison }) {
  const { a, b } = comparison;
  return (
    <th scope="row" className="px-3 py-2 text-left font-normal">
      <span className="flex flex-col gap-1">
        <span>{a.label}</span>
        {b.label !== a.label ? (
          <span className="text-xs text-muted-foreground">in the other run: {b.label}</span>
        ) : null}
        {a.isSimulated || b.isSimulated ? <SimulatedBadge className="self-start" /> : null}
      </span>
    </th>
  );
}

/**
 * Per target in both runs: its score in each run (95% CI, n cases scored), the paired difference
 * this run − the other run over the cases both scored (95% CI), n common cases and the verdict.
 */
export function RunVsRunScoreTable({
  comparisons,
}: {
  comparisons: readonly RunTargetComparison[];
}) {
  return (
    <TableFrame
      caption="Score per target in this run and the other run, and the paired difference"
      head={[
        "Target",
        withNote("Score, this run (points)", "mean, [95% CI] n cases"),
        withNote("Score, other run (points)", "mean, [95% CI] n cases"),
        withNote("Difference, this − other (points)", "paired, [95% CI]"),
        withNote("Common cases", "scored in both runs"),
        "Verdict",
      ]}
      tableClassName="text-left"
      headClassName="bg-muted/50"
      headCellClassName="px-3 py-2 text-xs text-muted-foreground"
    >
      {comparisons.map((comparison) => {
        const { a, b, pair } = comparison;
        const needed = pair ? describeCasesNeeded(pair) : null;
        return (
          <tr key={a.id} className="border-t align-top">
            <TargetCell comparison={comparison} />
            <td className="px-3 py-2">
              <IntervalCell interval={a.summary.score} format={formatScore} unit="cases" />
            </td>
            <td className="px-3 py-2">
              <IntervalCell interval={b.summary.score} format={formatScore} unit="cases" />
            </td>
            <td className="px-3 py-2">
              {pair ? (
                <span className="flex flex-col">
                  <span className="font-medium tabular-nums">
                    {formatSignedPoints(pair.difference)}
                  </span>
                  <span className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">
                    [{formatSignedPoints(pair.low)}, {formatSignedPoints(pair.high)}]
                  </span>
                </span>
              ) : (
                <span className="text-xs text-muted-foreground">no common case</span>
              )}
            </td>
            <td className="px-3 py-2 tabular-nums">{formatCount(pair?.n ?? 0)}</td>
            <td className="px-3 py-2">
              {pair ? (
                <span className="flex flex-col items-start gap-1">
                  <VerdictBadge verdict={pair.verdict} />
                  {needed ? (
                    <span className="max-w-56 text-xs text-muted-foreground">{needed}</span>
                  ) : null}
                </span>
              ) : (
                "—"
              )}
            </td>
          </tr>
        );
      })}
    </TableFrame>
  );
}

/** The paired differences in words, one sentence per target (lib/views/run-vs-run). */
export function RunVsRunSentences({
  comparisons,
  otherRunName,
}: {
  comparisons: readonly RunTargetComparison[];
  otherRunName: string;
}) {
  return (
    <ul aria-label="Differences in words" className="flex flex-col gap-1 text-sm">
      {comparisons.map((comparison) => (
        <li key={comparison.a.id}>{describeRunDifference(comparison, otherRunName)}</li>
      ))}
    </ul>
  );
}

/** Pass rate (Wilson 95% CI, n scored trials) and latency p50 of each target, in both runs. */
export function RunVsRunMetricsTable({
  comparisons,
}: {
  comparisons: readonly RunTargetComparison[];
}) {
  return (
    <TableFrame
      caption="Pass rate and median latency per target in this run and the other run"
      head={[
        "Target",
        withNote("Pass rate, this run", "[95% CI] n trials"),
        withNote("Pass rate, other run", "[95% CI] n trials"),
        withNote("Latency p50, this run", "median"),
        withNote("Latency p50, other run", "median"),
      ]}
      tableClassName="text-left"
      headClassName="bg-muted/50"
      headCellClassName="px-3 py-2 text-xs text-muted-foreground"
    >
      {comparisons.map((comparison) => (
        <tr key={comparison.a.id} className="border-t align-top">
          <TargetCell comparison={comparison} />
          <td className="px-3 py-2">
            <IntervalCell
              interval={comparison.a.summary.passRate}
              format={formatPercent}
              unit="trials"
            />
          </td>
          <td className="px-3 py-2">
            <IntervalCell
              interval={comparison.b.summary.passRate}
              format={formatPercent}
              unit="trials"
            />
          </td>
          <td className="px-3 py-2 tabular-nums">{formatMs(comparison.a.summary.latencyMs.p50)}</td>
          <td className="px-3 py-2 tabular-nums">{formatMs(comparison.b.summary.latencyMs.p50)}</td>
        </tr>
      ))}
    </TableFrame>
  );
}

/** The targets only one of the two runs has: nothing to pair them with. */
export function RunVsRunUnmatched({
  onlyA,
  onlyB,
}: {
  onlyA: readonly RunSideTarget[];
  onlyB: readonly RunSideTarget[];
}) {
  const list = (title: string, targets: readonly RunSideTarget[]) => (
    <div className="flex flex-col gap-1">
      <h3 className="text-sm font-medium">{title}</h3>
      {targets.length ? (
        <ul className="list-disc pl-5 text-sm">
          {targets.map((target) => (
            <li key={target.id}>
              {target.label}
              <span className="text-muted-foreground tabular-nums">
                {target.summary.score
                  ? ` (score ${formatScoreWithUnit(target.summary.score.value)}, ${formatScoreCi(target.summary.score.low, target.summary.score.high)}, n = ${formatCount(target.summary.score.n)} cases)`
                  : " (no case scored)"}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">None.</p>
      )}
    </div>
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {list("Only in this run", onlyA)}
      {list("Only in the other run", onlyB)}
    </div>
  );
}
