import { z } from "zod";

/** How a routing-policy target picks among its offerings (the router's policies). */
export const TARGET_POLICIES = ["fallback", "cheapest", "fastest"] as const;
export type TargetPolicy = (typeof TARGET_POLICIES)[number];

export const TARGET_POLICY_LABELS: Record<TargetPolicy, string> = {
  fallback: "Fallback in order",
  cheapest: "Cheapest first",
  fastest: "Fastest first",
};

export const RUN_STATUSES = [
  "queued",
  "running",
  "completed",
  "failed",
  "cancelled",
  "budget_exceeded",
] as const;
export type RunStatusName = (typeof RUN_STATUSES)[number];
export const TERMINAL_RUN_STATUSES: readonly RunStatusName[] = [
  "completed",
  "failed",
  "cancelled",
  "budget_exceeded",
];

export const RUN_STATUS_LABELS: Record<RunStatusName, string> = {
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
  budget_exceeded: "Budget exceeded",
};

/**
 * The settings of a routing policy saved from a simulation: for "quality-floor", the threshold
 * and each offering's learned score per category ("*" for all); for "weighted", each offering's
 * weight.
 */
export const savedPolicyConfigSchema = z.object({
  threshold: z.number().min(0).max(1).optional(),
  scores: z.record(z.string(), z.record(z.string(), z.number().min(0).max(1))).optional(),
  weights: z.record(z.string(), z.number().min(0)).optional(),
});
export type SavedPolicyConfig = z.infer<typeof savedPolicyConfigSchema>;

/** The most targets one run takes (a "model" target counts as its platforms). */
export const MAX_RUN_TARGETS = 20;
/** The most repeats of each case (promptfoo's --repeat allows as many). */
export const MAX_REPEATS = 100;
/** The most calls a run may have in flight at once (a worker's default capacity for one run). */
export const MAX_RUN_CONCURRENCY = 64;

export const runTargetInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("offering"), offeringId: z.string().min(1) }),
  z.object({
    kind: z.literal("policy"),
    policy: z.enum(TARGET_POLICIES),
    offeringIds: z
      .array(z.string().min(1))
      .min(2, "A routing policy needs at least two offerings.")
      .max(8, "A routing policy takes at most eight offerings."),
  }),
  z.object({ kind: z.literal("saved-policy"), savedPolicyId: z.string().min(1).max(64) }),
  /** A provider's own model router (lib/catalog/native-routers) in one of its modes. */
  z.object({
    kind: z.literal("router"),
    routerId: z.string().min(1).max(100),
    mode: z.string().min(1).max(40),
  }),
  /**
   * A model on every platform that sells it when the run is launched, one offering per platform
   * (onePerPlatform): a schedule that follows a model takes platforms as they come and go.
   */
  z.object({ kind: z.literal("model"), modelId: z.string().min(1).max(200) }),
]);
export type RunTargetInput = z.infer<typeof runTargetInputSchema>;
/** A target as a run stores it: a "model" target is expanded into offerings at launch. */
export type ConcreteTargetInput = Exclude<RunTargetInput, { kind: "model" }>;

const optionalNumber = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/** What the launch form sends. Limits are the product's, and every message names its field. */
export const launchRunSchema = z.object({
  name: z.string().trim().max(120, "Name: at most 120 characters.").optional(),
  suiteId: z.string().min(1, "Suite: choose a suite."),
  targets: z
    .array(runTargetInputSchema)
    .min(1, "Targets: choose at least one offering or routing policy.")
    .max(MAX_RUN_TARGETS, `Targets: at most ${MAX_RUN_TARGETS} per run.`),
  temperature: z.coerce
    .number({ error: "Temperature: enter a number." })
    .min(0, "Temperature: at least 0.")
    .max(2, "Temperature: at most 2."),
  maxTokens: z.coerce
    .number({ error: "Max tokens: enter a whole number." })
    .int("Max tokens: enter a whole number.")
    .min(1, "Max tokens: at least 1.")
    .max(32_000, "Max tokens: at most 32,000."),
  repeats: z.coerce
    .number({ error: "Repeats: enter a whole number." })
    .int("Repeats: enter a whole number.")
    .min(1, "Repeats: at least 1.")
    .max(MAX_REPEATS, `Repeats: at most ${MAX_REPEATS}.`),
  /** Calls in flight at once across the whole run: one pool shared by every target. */
  concurrency: z.coerce
    .number({ error: "Concurrency: enter a whole number." })
    .int("Concurrency: enter a whole number.")
    .min(1, "Concurrency: at least 1.")
    .max(MAX_RUN_CONCURRENCY, `Concurrency: at most ${MAX_RUN_CONCURRENCY}.`),
  /** An optional cap per platform inside the run's concurrency (a provider's own limit). */
  platformConcurrency: optionalNumber(
    z.coerce
      .number({ error: "Per-platform cap: enter a whole number." })
      .int("Per-platform cap: enter a whole number.")
      .min(1, "Per-platform cap: at least 1.")
      .max(MAX_RUN_CONCURRENCY, `Per-platform cap: at most ${MAX_RUN_CONCURRENCY}.`),
  ),
  requestsPerMinute: optionalNumber(
    z.coerce
      .number({ error: "Requests per minute: enter a whole number." })
      .int("Requests per minute: enter a whole number.")
      .min(1, "Requests per minute: at least 1.")
      .max(100_000, "Requests per minute: at most 100,000."),
  ),
  budgetUsd: optionalNumber(
    z.coerce
      .number({ error: "Budget: enter an amount in USD." })
      .positive("Budget: more than $0.")
      .max(100_000, "Budget: at most $100,000."),
  ),
  judgeOfferingId: optionalNumber(z.string().min(1)),
  /** Streaming measures time to first token and output speed (default on). */
  stream: z.preprocess(
    (value) =>
      value === "false" || value === "off"
        ? false
        : value === "true" || value === "on"
          ? true
          : value,
    z.boolean({ error: "Streaming: on or off." }).default(true),
  ),
});
export type LaunchRunInput = z.infer<typeof launchRunSchema>;

export const LAUNCH_DEFAULTS = {
  temperature: 0,
  maxTokens: 512,
  repeats: 1,
  concurrency: 16,
} as const;

export const runIdSchema = z.object({ runId: z.string().min(1).max(64) });

/** A run whose queue jobs a worker takes before a queued run's first job. */
export type RunAhead = {
  id: string;
  name: string;
  status: RunStatusName;
  /** Its jobs still waiting in the queue ahead of the queued run's first job. */
  jobsWaiting: number;
  /** Its jobs a worker is running now. */
  jobsRunning: number;
  /** Trials it has still to store. */
  trialsLeft: number;
};

/** Where a queued run stands: what the queue holds before it, and whether a worker is alive. */
export type QueueStanding = {
  /** True while jobs of the run wait in the queue; false once workers took them (or none exist). */
  isWaiting: boolean;
  /** Queued and running runs served first, in queue order. */
  runsAhead: RunAhead[];
  /** Workers that sent a heartbeat within the staleness period. */
  liveWorkers: number;
  /** The staleness period: a worker silent longer than this is presumed stopped. */
  staleAfterSeconds: number;
  /** Trials per second the running runs have stored since they started; null when none runs. */
  trialsPerSecond: number | null;
  /** About when this run starts: the trials ahead at that pace; null when it cannot be told. */
  startEtaMs: number | null;
};

/** "Launch again" on a run page opens the New run form with `?from=<run id>`. */
export const launchFromSchema = z.object({ from: z.string().trim().min(1).max(64) });

/**
 * The New run form's starting values, taken from an earlier run ("Launch again"). What that run
 * had and cannot be launched now is left out and said in `leftOut`.
 */
export type LaunchDraft = {
  sourceRunName: string;
  suiteId: string;
  offeringIds: string[];
  policies: { policy: TargetPolicy; offeringIds: string[] }[];
  savedPolicyIds: string[];
  /** The clouds' own routers, each in its mode. */
  routers: { routerId: string; mode: string }[];
  /** Models followed on every platform at each launch (a schedule's "model" targets). */
  followedModelIds: string[];
  judgeOfferingId: string | null;
  temperature: number;
  maxTokens: number;
  repeats: number;
  concurrency: number;
  platformConcurrency: number | null;
  requestsPerMinute: number | null;
  budgetUsd: number | null;
  stream: boolean;
  leftOut: string[];
};

/** Filters of the per-case table on a run page (URL search params). */
export const trialFilterSchema = z.object({
  target: z.string().max(64).optional(),
  category: z.string().max(64).optional(),
  outcome: z.enum(["all", "pass", "fail", "error"]).catch("all").default("all"),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type TrialFilter = z.infer<typeof trialFilterSchema>;

/** How the per-case results of a run page read: a case × target grid (default) or every trial. */
export const RUN_RESULT_VIEWS = ["cases", "trials"] as const;
export type RunResultView = (typeof RUN_RESULT_VIEWS)[number];

/**
 * The case × target grid's URL search params: the trial filters (a case shows when its results
 * on some target match them), the view, and "only cases where the targets disagree" (a
 * checkbox, sent as `disagree=on`).
 */
export const caseMatrixFilterSchema = trialFilterSchema.extend({
  view: z.enum(RUN_RESULT_VIEWS).catch("cases").default("cases"),
  disagree: z.preprocess(
    (value) => value === "on" || value === "1" || value === "true",
    z.boolean(),
  ),
});
export type CaseMatrixFilter = z.infer<typeof caseMatrixFilterSchema>;

/** Paired comparison picker (URL search params). */
export const pairSchema = z.object({
  a: z.string().max(64).optional(),
  b: z.string().max(64).optional(),
});
