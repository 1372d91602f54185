import type { RouteResult } from "@/lib/router/router";
import type { ChatRequest, ProviderErrorKind, Target } from "@/lib/router/types";
import { scoreOutput } from "./assertions";
import { describeServed } from "./router-targets";
import type { AssertionResult, EvalCase, Judge } from "./types";

/**
 * The run engine: executes one chunk of a run (some cases × one target × every repeat), scores
 * each output and hands finished trials to an injected store in batches. Framework-free: routing,
 * judging, storage and the clock are arguments, so the same engine runs in workers, the CLI and
 * tests. A trial is only ever stored once it is finished, so a crash loses no stored work.
 */

/** One finished trial, as the store persists it. */
export type TrialRecord = {
  runId: string;
  targetId: string;
  caseId: string;
  category: string;
  repeat: number;
  status: "ok" | "error";
  output: string | null;
  score: number | null;
  pass: boolean | null;
  assertions: AssertionResult[] | null;
  judgeModel: string | null;
  judgeReason: string | null;
  latencyMs: number | null;
  ttftMs: number | null;
  outputTokensPerSecond: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  /** What judging this trial cost (counted in the run's spend, not the target's cost). */
  judgeCostUsd: number | null;
  errorKind: ProviderErrorKind | null;
  errorMessage: string | null;
  /** The offering that answered (for routing targets). */
  servedBy: string | null;
  /** Native-router targets: the served model as the response named it. */
  servedModelRaw: string | null;
  /** …and the catalogue model it maps to (null when unmapped). */
  servedModelId: string | null;
  /** True when the router named a model the served-id table does not hold. */
  servedUnmapped: boolean;
  /** The router's mode, for a native-router target. */
  routerMode: string | null;
  attempts: number;
  startedAt: Date;
  finishedAt: Date;
};

/** Where finished trials go. `saveTrials` must be idempotent per (run, target, case, repeat). */
export interface TrialStore {
  /** Keys `${caseId}\u0000${repeat}` already stored for this target among these cases. */
  storedKeys(runId: string, targetId: string, caseIds: readonly string[]): Promise<Set<string>>;
  saveTrials(records: readonly TrialRecord[]): Promise<void>;
}

/** Why a chunk stopped early. */
export type StopReason = "cancelled" | "budget";

export type ChunkInput = {
  runId: string;
  targetId: string;
  /** The router's candidates for this target (one for an offering, several for a policy). */
  candidates: readonly Target[];
  cases: readonly EvalCase[];
  repeats: number;
  temperature: number;
  maxTokens: number;
  /** Stream the answer (measures time to first token and output speed). */
  stream: boolean;
};

export type ChunkDeps = {
  route: (
    candidates: readonly Target[],
    request: ChatRequest,
    signal: AbortSignal,
  ) => Promise<RouteResult>;
  /** The judge for llm-rubric assertions, with what each verdict cost. */
  judge?: JudgeWithCost;
  store: TrialStore;
  /** Trials in flight at once within this chunk. */
  concurrency: number;
  /**
   * Lanes shared with other chunks of the run, when there are: each trial takes one first, so
   * the run's concurrency moves to whichever chunk still has work.
   */
  lanes?: { acquire(signal?: AbortSignal): Promise<boolean>; release(): void };
  /** Aborted when the run is cancelled or its budget is spent. */
  signal: AbortSignal;
  /** Why `signal` was aborted, when it was. */
  stopReason: () => StopReason | null;
  now: () => number;
  /** Flush to the store after this many finished trials (default 25) … */
  flushEvery?: number;
  /** … or this long after the oldest unflushed one (default 250 ms). */
  flushIntervalMs?: number;
};

/** A judge that also reports the cost of each verdict. */
export type JudgeWithCost = (
  request: Parameters<Judge>[0],
) => Promise<{ verdict: Awaited<ReturnType<Judge>>; costUsd: number | null }>;

export type ChunkResult = {
  stored: number;
  skipped: number;
  stopped: StopReason | null;
  /** When the budget stopped the chunk: the router's reason for refusing the next call. */
  budgetRefusal: string | null;
};

const key = (caseId: string, repeat: number) => `${caseId}\u0000${repeat}`;

function lastUserMessage(testCase: EvalCase): string {
  for (let index = testCase.messages.length - 1; index >= 0; index -= 1) {
    const message = testCase.messages[index];
    if (message?.role === "user") return message.content;
  }
  return "";
}

/** Runs one chunk to the end (or until stopped) and stores every finished trial. */
export async function executeChunk(input: ChunkInput, deps: ChunkDeps): Promise<ChunkResult> {
  const flushEvery = deps.flushEvery ?? 25;
  const flushIntervalMs = deps.flushIntervalMs ?? 250;
  const done = await deps.store.storedKeys(
    input.runId,
    input.targetId,
    input.cases.map((testCase) => testCase.id),
  );
  const work: { testCase: EvalCase; repeat: number }[] = [];
  for (const testCase of input.cases) {
    for (let repeat = 0; repeat < input.repeats; repeat += 1) {
      if (!done.has(key(testCase.id, repeat))) work.push({ testCase, repeat });
    }
  }
  const skipped = input.cases.length * input.repeats - work.length;

  let pending: TrialRecord[] = [];
  let pendingSince = 0;
  let stored = 0;
  let flushing: Promise<void> = Promise.resolve();
  let budgetHit = false;
  let budgetRefusal: string | null = null;

  const flush = () => {
    if (pending.length === 0) return flushing;
    const batch = pending;
    pending = [];
    flushing = flushing.then(async () => {
      await deps.store.saveTrials(batch);
      stored += batch.length;
    });
    return flushing;
  };
  /**
   * Flushes without waiting. A failed write is not lost: `flushing` stays rejected and the final
   * `await flushing` throws it, failing the chunk; meanwhile it must not be an unhandled rejection.
   */
  const flushInBackground = () => {
    flush().catch(() => undefined);
  };

  const runOne = async (testCase: EvalCase, repeat: number): Promise<void> => {
    const startedAt = deps.now();
    const request: ChatRequest = {
      messages: testCase.messages,
      temperature: input.temperature,
      maxTokens: input.maxTokens,
      stream: input.stream,
      category: testCase.category,
    };
    const result = await deps.route(input.candidates, request, deps.signal);
    // A cancelled or budget-refused call never became a trial: store nothing for it.
    if (!result.ok && (result.error.kind === "cancelled" || result.error.kind === "budget")) {
      if (result.error.kind === "budget") {
        budgetHit = true;
        budgetRefusal ??= result.error.message;
      }
      return;
    }
    if (deps.signal.aborted) return;
    const base = {
      runId: input.runId,
      targetId: input.targetId,
      caseId: testCase.id,
      category: testCase.category,
      repeat,
      attempts: result.attempts.length,
      startedAt: new Date(startedAt),
    };
    let record: TrialRecord;
    if (result.ok) {
      const attempt = result.attempts.at(-1);
      const latencyMs = attempt?.totalMs ?? result.result.metrics.totalMs;
      let judgeCostUsd: number | null = null;
      const judge: Judge | undefined = deps.judge
        ? async (judgeRequest) => {
            const judged = await deps.judge!(judgeRequest);
            judgeCostUsd = (judgeCostUsd ?? 0) + (judged.costUsd ?? 0);
            return judged.verdict;
          }
        : undefined;
      // A native router's price is the served model's: known only once the answer names it.
      const routerInfo = result.target.router;
      const served = routerInfo
        ? describeServed(
            routerInfo,
            result.target.platformId,
            result.result.servedModel,
            result.result.usage,
          )
        : null;
      const costUsd = served ? served.costUsd : result.costUsd;
      const scored = await scoreOutput(
        testCase,
        result.result.text,
        { costUsd, latencyMs, finishReason: result.result.finishReason },
        judge,
      );
      record = {
        ...base,
        status: "ok",
        output: result.result.text,
        score: scored.score,
        pass: scored.pass,
        assertions: scored.assertions,
        judgeModel: scored.judge?.model ?? null,
        judgeReason: scored.judge?.reason ?? null,
        latencyMs,
        ttftMs: result.result.metrics.ttftMs,
        outputTokensPerSecond: result.result.metrics.outputTokensPerSecond,
        inputTokens: result.result.usage.inputTokens,
        outputTokens: result.result.usage.outputTokens,
        costUsd,
        judgeCostUsd,
        errorKind: null,
        errorMessage: null,
        servedBy: served ? served.servedOfferingId : result.target.offeringId,
        servedModelRaw: served?.servedModelRaw ?? null,
        servedModelId: served?.servedModelId ?? null,
        servedUnmapped: served?.servedUnmapped ?? false,
        routerMode: served?.routerMode ?? null,
        finishedAt: new Date(deps.now()),
      };
    } else {
      const last = result.attempts.at(-1);
      // Once an offering's circuit opens, the router's final error is "circuit_open"; the trial's
      // error is what the provider last answered, which is what a user needs to see.
      const providerError = last?.error ?? result.error;
      const circuitNote =
        result.error.kind === "circuit_open" && last?.error ? " (then the circuit opened)" : "";
      record = {
        ...base,
        status: "error",
        output: null,
        score: null,
        pass: null,
        assertions: null,
        judgeModel: null,
        judgeReason: null,
        latencyMs: last?.totalMs ?? null,
        ttftMs: null,
        outputTokensPerSecond: null,
        inputTokens: null,
        outputTokens: null,
        costUsd: null,
        judgeCostUsd: null,
        errorKind: providerError.kind,
        errorMessage: `${providerError.message}${circuitNote}`.slice(0, 500),
        servedBy: last?.target.router ? null : (last?.target.offeringId ?? null),
        servedModelRaw: null,
        servedModelId: null,
        servedUnmapped: false,
        routerMode: last?.target.router?.mode ?? null,
        finishedAt: new Date(deps.now()),
      };
    }
    if (pending.length === 0) pendingSince = deps.now();
    pending.push(record);
    if (pending.length >= flushEvery || deps.now() - pendingSince >= flushIntervalMs) {
      flushInBackground();
    }
  };

  let next = 0;
  let failure: unknown = null;
  const lanes = Array.from(
    { length: Math.max(1, Math.min(deps.concurrency, work.length)) },
    async () => {
      const isOver = () =>
        next >= work.length || deps.signal.aborted || budgetHit || failure !== null;
      while (!isOver()) {
        // A lane is taken before the work item, so a waiting lane holds no case.
        if (deps.lanes && !(await deps.lanes.acquire(deps.signal))) break;
        try {
          if (isOver()) break;
          const item = work[next];
          next += 1;
          if (!item) break;
          await runOne(item.testCase, item.repeat);
        } catch (error) {
          failure = error;
        } finally {
          deps.lanes?.release();
        }
      }
    },
  );
  const timer = setInterval(flushInBackground, flushIntervalMs);
  try {
    await Promise.all(lanes);
  } finally {
    clearInterval(timer);
  }
  // Finished trials are stored even when the chunk stops early or one trial threw.
  await flush();
  await flushing;
  if (failure !== null) throw failure;
  const stopped: StopReason | null = budgetHit
    ? "budget"
    : deps.signal.aborted
      ? deps.stopReason()
      : null;
  return { stored, skipped, stopped, budgetRefusal };
}

/** The judge request for a case: the rubric, the prompt it asked and its reference. */
export function judgeRequestFor(testCase: EvalCase, rubric: string, output: string) {
  return { rubric, output, prompt: lastUserMessage(testCase), reference: testCase.reference };
}
