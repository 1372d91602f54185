import { TriangleAlert } from "lucide-react";
import Link from "next/link";

import { Alert } from "@/components/ui/alert";
import {
  RUN_STATUS_LABELS,
  type QueueStanding as QueueStandingModel,
  type RunAhead,
} from "@/lib/schemas/runs";
import { formatCount, formatEta, formatPerSecond } from "@/lib/format";

/** Runs listed by name; the rest are counted. */
const LISTED = 5;

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

function describeAhead(run: RunAhead): string {
  const jobs = [
    run.jobsRunning > 0 ? `${plural(run.jobsRunning, "job")} running` : null,
    run.jobsWaiting > 0 ? `${plural(run.jobsWaiting, "job")} waiting` : null,
  ].filter(Boolean);
  return `${RUN_STATUS_LABELS[run.status]}: ${jobs.join(" and ")}; ${plural(run.trialsLeft, "trial")} left`;
}

/**
 * Why a queued run has not started: what workers take before it, and whether any worker is alive.
 * It says only what the queue and the worker registry show.
 */
export function QueueStanding({ standing }: { standing: QueueStandingModel }) {
  const { runsAhead, liveWorkers, staleAfterSeconds } = standing;
  return (
    <div className="flex flex-col gap-2 text-sm" aria-label="Queue" role="group">
      {liveWorkers === 0 ? (
        <Alert variant="info" className="border-amber-500/50 bg-amber-500/10">
          <TriangleAlert aria-hidden />
          <div>
            <p className="font-medium">No worker is running</p>
            <p>
              Nothing will pick this run up until an evaluation worker runs: start one with{" "}
              <code>npm run worker</code>. (No worker has checked in during the last{" "}
              {staleAfterSeconds} seconds.)
            </p>
          </div>
        </Alert>
      ) : (
        <p className="text-muted-foreground">
          {plural(liveWorkers, "worker")} running (checked in during the last {staleAfterSeconds}{" "}
          seconds).
        </p>
      )}
      {!standing.isWaiting ? (
        <p className="text-muted-foreground">
          No job of this run is waiting in the queue: a worker has probably just taken its first
          one.
        </p>
      ) : runsAhead.length === 0 ? (
        <p className="text-muted-foreground">
          Next in the queue: a worker takes this run&apos;s first job as soon as it has room.
        </p>
      ) : (
        <div className="text-muted-foreground">
          <p>
            Workers take jobs in the order they were queued. Ahead of this run:{" "}
            {plural(runsAhead.length, "run")}.
          </p>
          <ol className="mt-1 list-decimal pl-5">
            {runsAhead.slice(0, LISTED).map((run) => (
              <li key={run.id}>
                <Link
                  href={`/runs/${encodeURIComponent(run.id)}`}
                  className="underline underline-offset-2"
                >
                  {run.name}
                </Link>{" "}
                ({describeAhead(run)})
              </li>
            ))}
          </ol>
          {runsAhead.length > LISTED ? (
            <p>and {plural(runsAhead.length - LISTED, "more run")}.</p>
          ) : null}
          <p className="mt-1">
            {standing.startEtaMs !== null && standing.trialsPerSecond !== null
              ? `At the pace the running runs have kept (${formatPerSecond(standing.trialsPerSecond, "trials")}), this run starts in about ${formatEta(standing.startEtaMs)}.`
              : "No run is storing trials now, so there is no measured pace to estimate a start from."}
          </p>
        </div>
      )}
    </div>
  );
}
