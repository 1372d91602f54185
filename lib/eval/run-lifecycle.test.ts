import { describe, expect, it } from "vitest";
import { RUN_STATUSES, TERMINAL_RUN_STATUSES, type RunStatusName } from "@/lib/schemas/runs";
import {
  RUN_EVENTS,
  getNextRunStatus,
  isFinalRunStatus,
  isTerminalStatus,
  type RunEvent,
} from "./run-lifecycle";

/** Every legal move, written out by hand: anything not listed here must be refused. */
const LEGAL: Array<[RunStatusName, RunEvent, RunStatusName]> = [
  ["queued", "start", "running"],
  ["queued", "finish", "completed"],
  ["queued", "fail", "failed"],
  ["queued", "cancel", "cancelled"],
  ["queued", "exceedBudget", "budget_exceeded"],
  ["running", "finish", "completed"],
  ["running", "fail", "failed"],
  ["running", "cancel", "cancelled"],
  ["running", "exceedBudget", "budget_exceeded"],
];

describe("run lifecycle", () => {
  it.each(LEGAL)("%s --%s--> %s", (from, event, to) => {
    expect(getNextRunStatus(from, event)).toBe(to);
  });

  const illegal = RUN_STATUSES.flatMap((from) =>
    RUN_EVENTS.filter((event) => !LEGAL.some(([f, e]) => f === from && e === event)).map(
      (event) => [from, event] as const,
    ),
  );
  it.each(illegal)("refuses %s --%s-->", (from, event) => {
    expect(getNextRunStatus(from, event)).toBeNull();
  });

  it("has exactly the terminal statuses the UI treats as final", () => {
    expect(RUN_STATUSES.filter(isFinalRunStatus)).toEqual([...TERMINAL_RUN_STATUSES]);
  });
});

describe("isTerminalStatus", () => {
  it("reads a status stored as text: the four end states are final, anything else is not", () => {
    expect(RUN_STATUSES.filter(isTerminalStatus)).toEqual([...TERMINAL_RUN_STATUSES]);
    expect(isTerminalStatus("paused")).toBe(false);
    expect(isTerminalStatus("")).toBe(false);
  });
});
