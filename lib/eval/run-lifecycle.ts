import { RUN_STATUSES, type RunStatusName } from "@/lib/schemas/runs";

/**
 * The run lifecycle: what may happen to a run, and from which status. One table, so the one
 * writer of run status (lib/server/domain/runs/run-status.ts) and its callers cannot disagree about
 * which moves are legal.
 *
 *   queued ──start──▶ running ──finish──▶ completed
 *     │                  ├──fail──────▶ failed
 *     │                  ├──cancel────▶ cancelled
 *     │                  └──exceedBudget▶ budget_exceeded
 *     └─ finish / fail / cancel / exceedBudget, the same targets (a run can end before a worker
 *        starts it: nothing to do, not queueable, cancelled while waiting, budget spent up front)
 *
 * The four end states are final for every event above. The one way back is {@link RUN_REOPEN}:
 * `npm run eval -- --resume` and `--retry-errors` put an ended run back in the queue on purpose,
 * keeping its stored trials; nothing a worker or the app does on its own can.
 */
export const RUN_EVENTS = ["start", "finish", "fail", "cancel", "exceedBudget"] as const;
export type RunEvent = (typeof RUN_EVENTS)[number];

const ACTIVE: readonly RunStatusName[] = ["queued", "running"];

/** For each event: the status it leads to, and the statuses it may start from. */
export const RUN_TRANSITIONS: Record<
  RunEvent,
  { to: RunStatusName; from: readonly RunStatusName[] }
> = {
  start: { to: "running", from: ["queued"] },
  finish: { to: "completed", from: ACTIVE },
  fail: { to: "failed", from: ACTIVE },
  cancel: { to: "cancelled", from: ACTIVE },
  exceedBudget: { to: "budget_exceeded", from: ACTIVE },
};

/** Reopening an ended run (the command line's --resume and --retry-errors): back to queued. */
export const RUN_REOPEN: { to: RunStatusName; from: readonly RunStatusName[] } = {
  to: "queued",
  from: ["completed", "failed", "cancelled", "budget_exceeded"],
};

/** The status after `event`, or null when the event is not allowed from `current`. */
export function getNextRunStatus(current: RunStatusName, event: RunEvent): RunStatusName | null {
  const transition = RUN_TRANSITIONS[event];
  return transition.from.includes(current) ? transition.to : null;
}

/** True when a run in `status` can never change again. */
export function isFinalRunStatus(status: RunStatusName): boolean {
  return RUN_EVENTS.every((event) => getNextRunStatus(status, event) === null);
}

/** The same for a status read as text from the database: an unknown status is not final. */
export function isTerminalStatus(status: string): boolean {
  const known = RUN_STATUSES.find((name) => name === status);
  return known !== undefined && isFinalRunStatus(known);
}
