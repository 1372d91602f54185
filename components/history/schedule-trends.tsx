import { TrendChart, type TrendHistory } from "@/components/charts/trend-chart";

/**
 * A schedule's trends: each of its targets over the schedule's finished runs, one line per target,
 * with a picker for the metric (score, pass rate, latency, time to first token, output speed,
 * error rate, cost per 1,000 cases) and each point linked to its run.
 */
export function ScheduleTrends({ history }: { history: TrendHistory }) {
  return (
    <section aria-labelledby="schedule-trends" className="flex flex-col gap-3">
      <h2 id="schedule-trends" className="text-lg font-semibold">
        Trends
      </h2>
      <p className="max-w-prose text-sm text-muted-foreground">
        Every target of this schedule over its completed runs, with the figures each run&apos;s page
        shows. Click a point, or open the table view, to go to its run.
      </p>
      <TrendChart history={history} seriesKind="target" />
    </section>
  );
}
