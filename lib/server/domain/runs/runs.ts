import type { Prisma } from "@/prisma/generated/client";
import { getAdapterKind } from "@/lib/router/adapters/create-adapter";
import { isServedByEmulator } from "@/lib/router/adapters/emulator-targets";
import type { Target } from "@/lib/router/types";
import type { ApiStyle } from "@/lib/catalog/types";
import {
  modelChoices,
  onePerPlatform,
  type LaunchOffering,
  type LaunchPreview,
  type LaunchRouter,
} from "@/lib/views/launch";
import { estimateRun, type EstimateTarget } from "@/lib/eval/estimate";
import {
  parseStoredPolicy,
  StoredPolicyError,
  toStoredPolicy,
  type PolicySpec,
} from "@/lib/eval/policy-spec";
import { emptyHistogram, LATENCY_HISTOGRAM, SPEED_HISTOGRAM } from "@/lib/eval/histogram";
import { hashSeed } from "@/lib/eval/random";
import {
  compareTargets,
  pairedSpread,
  parityOutlook,
  emptyTargetRollup,
  summarizeTarget,
  type CaseRollup,
  type PairSummary,
  type TargetRollup,
  type TargetSummary,
} from "@/lib/eval/summary";
import { estimateEtaMs } from "@/lib/eval/stats";
import { planChunks, type ChunkJobData } from "@/lib/queue/eval-queue";
import {
  TARGET_POLICY_LABELS,
  TERMINAL_RUN_STATUSES,
  MAX_RUN_TARGETS,
  type ConcreteTargetInput,
  type LaunchRunInput,
  type RunTargetInput,
  type RunStatusName,
  type TrialFilter,
} from "@/lib/schemas/runs";
import { actorOf, recordAudit } from "../audit";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import { createRunLimits } from "../../eval/limits";
import type { Db } from "../../ops/db-client";
import { AppError } from "../errors";
import type { PlatformConnections } from "../../ops/router-setup";
import { moveRun, prismaRunner } from "./run-status";
import { findSuite } from "./suites";
import {
  buildRouterTarget,
  priceRouterPool,
  resolveRouterChoice,
  ROUTER_TARGET_SPECS,
  routerNativeId,
  routerTargetLabel,
  type RouterTargetChoice,
} from "@/lib/eval/router-targets";
import { getPlatform } from "@/lib/catalog/platforms";

/**
 * Evaluation runs: launching (operators), cancelling, and the read side of the run pages. Pages
 * read rollup rows (RunTargetStats, RunCaseStats), never aggregate raw trials.
 */

type Tx = Prisma.TransactionClient | Db;

/** An offering as the launch form lists it. */
export type { LaunchOffering };

const num = (value: Prisma.Decimal | number | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

/**
 * The API style to call an offering with: the first one an adapter speaks (and, for a simulated
 * platform, one the emulator answers).
 */
export function chooseApiStyle(
  platformId: string,
  apiStyles: readonly string[],
  isSimulated = false,
): ApiStyle | null {
  for (const style of apiStyles) {
    const kind = getAdapterKind(platformId, style as ApiStyle);
    if (kind === null) continue;
    if (isSimulated && !isServedByEmulator(platformId, kind)) continue;
    return style as ApiStyle;
  }
  return null;
}

/**
 * Offerings the launch form offers (not retired, not withdrawn from their source), with prices and
 * whether they are simulated.
 */
export async function listLaunchOfferings(
  caller: Caller,
  db: Db,
  connections: PlatformConnections,
): Promise<LaunchOffering[]> {
  requireRole(caller, "viewer");
  const rows = await db.offering.findMany({
    where: { lifecycle: { not: "retired" }, withdrawnAt: null },
    include: { model: { select: { name: true } }, platform: { select: { name: true } } },
    orderBy: [{ modelId: "asc" }, { platformId: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    label: `${row.model.name} on ${row.platform.name}`,
    modelId: row.modelId,
    modelName: row.model.name,
    platformId: row.platformId,
    platformName: row.platform.name,
    nativeId: row.nativeId,
    inputPrice: num(row.inputPrice),
    outputPrice: num(row.outputPrice),
    apiStyle: chooseApiStyle(
      row.platformId,
      row.apiStyles,
      connections[row.platformId]?.simulated ?? false,
    ),
    isSimulated: connections[row.platformId]?.simulated ?? false,
  }));
}

function toTarget(offering: LaunchOffering): Target {
  if (!offering.apiStyle) {
    throw new AppError(
      "INVALID_INPUT",
      `${offering.label} cannot be called: no adapter (or, for a simulated platform, no emulator endpoint) speaks its API.`,
      {
        targets: [
          `${offering.label} cannot be called: no adapter (or, for a simulated platform, no emulator endpoint) speaks its API.`,
        ],
      },
    );
  }
  return offeringTarget(offering, offering.apiStyle, offering.isSimulated);
}

/**
 * A catalogue offering as a router target: the one conversion, for launched targets and the
 * worker's judge. Prices are USD per 1M tokens (Prisma decimals are converted here).
 */
export function offeringTarget(
  offering: {
    id: string;
    platformId: string;
    modelId: string;
    nativeId: string;
    inputPrice: Prisma.Decimal | number | null;
    outputPrice: Prisma.Decimal | number | null;
  },
  apiStyle: ApiStyle,
  simulated: boolean,
): Target {
  return {
    offeringId: offering.id,
    platformId: offering.platformId,
    modelId: offering.modelId,
    nativeId: offering.nativeId,
    apiStyle,
    prices: { input: num(offering.inputPrice), output: num(offering.outputPrice) },
    simulated,
  };
}

type PlannedTarget = {
  label: string;
  /** True for a provider's own model router (stored as kind "router"). */
  isRouter?: boolean;
  /** How the target picks among its offerings ("pinned" for a single offering). */
  policy: PolicySpec;
  targets: Target[];
};

type SavedPolicyRow = {
  id: string;
  name: string;
  kind: string;
  offeringIds: string[];
  config: Prisma.JsonValue;
};

/** How a saved routing policy is labelled as a run's target. */
export function savedPolicyLabel(name: string): string {
  return `Saved policy: ${name}`;
}

function readSavedPolicy(policy: SavedPolicyRow): PolicySpec {
  try {
    return parseStoredPolicy(
      { kind: "policy", policy: policy.kind, policyConfig: policy.config },
      `The saved routing policy "${policy.name}"`,
    );
  } catch (error) {
    if (!(error instanceof StoredPolicyError)) throw error;
    throw new AppError("INVALID_INPUT", error.message, { targets: [error.message] });
  }
}

/** Where router targets are called from: the connections and the Bedrock account. */
type RouterSetting = { connections: PlatformConnections; awsAccountId: string | null };

/** The account simulated Bedrock router ARNs name: the emulator accepts any 12 digits. */
const EMULATOR_AWS_ACCOUNT = "000000000000";

function planRouterTarget(
  choice: RouterTargetChoice,
  offerings: Map<string, LaunchOffering>,
  setting: RouterSetting,
): PlannedTarget {
  const invalid = (message: string): never => {
    throw new AppError("INVALID_INPUT", `Targets: ${message}`, { targets: [message] });
  };
  const resolved =
    resolveRouterChoice(choice) ??
    invalid(`${choice.routerId} (${choice.mode}) is not a native router Crossbench can call.`);
  const { router, apiStyle } = resolved;
  const label = routerTargetLabel(router, choice.mode);
  const connection =
    setting.connections[router.platformId] ??
    invalid(`${label} cannot be called: ${router.platformId} has no credentials and no emulator.`);
  const account =
    setting.awsAccountId ??
    (connection.simulated
      ? EMULATOR_AWS_ACCOUNT
      : invalid(`${label} needs the AWS account id its router ARN names (AWS_ACCOUNT_ID).`));
  const nativeId = routerNativeId(router, choice.mode, {
    region: connection.credentials.region ?? "us-east-1",
    account,
  });
  return {
    label,
    isRouter: true,
    policy: { kind: "pinned" },
    targets: [
      buildRouterTarget({
        router,
        mode: choice.mode,
        apiStyle,
        nativeId,
        pool: priceRouterPool(router, [...offerings.values()]),
        simulated: connection.simulated,
      }),
    ],
  };
}

/**
 * The targets with each "model" target replaced by that model's offering on every platform that
 * can run it now (one per platform, as the form's "add a model" ticks them); an offering listed
 * twice that way is kept once. A model no platform can run now is refused, naming it.
 */
export function expandModelTargets(
  targets: readonly RunTargetInput[],
  offerings: readonly LaunchOffering[],
): ConcreteTargetInput[] {
  const models = new Map(modelChoices(offerings).map((choice) => [choice.modelId, choice]));
  const explicit = new Set(targets.flatMap((t) => (t.kind === "offering" ? [t.offeringId] : [])));
  const expanded: ConcreteTargetInput[] = [];
  for (const target of targets) {
    if (target.kind !== "model") {
      expanded.push(target);
      continue;
    }
    const choice = models.get(target.modelId);
    const picked = choice ? onePerPlatform(choice) : [];
    if (picked.length === 0) {
      throw new AppError("INVALID_INPUT", `Targets: no platform can run ${target.modelId} now.`, {
        targets: [
          `No platform can run ${target.modelId} now (not in the catalogue, or no adapter).`,
        ],
      });
    }
    for (const offering of picked) {
      if (explicit.has(offering.id)) continue;
      explicit.add(offering.id);
      expanded.push({ kind: "offering", offeringId: offering.id });
    }
  }
  if (expanded.length > MAX_RUN_TARGETS) {
    throw new AppError(
      "INVALID_INPUT",
      `Targets: at most ${MAX_RUN_TARGETS} per run; the chosen models come to ${expanded.length}.`,
      {
        targets: [`At most ${MAX_RUN_TARGETS} targets per run; these come to ${expanded.length}.`],
      },
    );
  }
  return expanded;
}

function planTargets(
  input: Omit<LaunchRunInput, "targets"> & { targets: ConcreteTargetInput[] },
  offerings: Map<string, LaunchOffering>,
  saved: Map<string, SavedPolicyRow>,
  setting: RouterSetting,
): PlannedTarget[] {
  const missing = (id: string): never => {
    throw new AppError("INVALID_INPUT", "Targets: an offering was not found in the catalogue.", {
      targets: [`Offering ${id} is not in the catalogue (or is retired).`],
    });
  };
  const seen = new Set<string>();
  return input.targets.map((target) => {
    const key = JSON.stringify(target);
    if (seen.has(key)) {
      throw new AppError("INVALID_INPUT", "Targets: the same target is listed twice.", {
        targets: ["The same target is listed twice."],
      });
    }
    seen.add(key);
    if (target.kind === "offering") {
      const offering = offerings.get(target.offeringId) ?? missing(target.offeringId);
      return { label: offering.label, policy: { kind: "pinned" }, targets: [toTarget(offering)] };
    }
    if (target.kind === "router") return planRouterTarget(target, offerings, setting);
    if (target.kind === "saved-policy") {
      const policy = saved.get(target.savedPolicyId);
      if (!policy) {
        throw new AppError("INVALID_INPUT", "Targets: that saved routing policy does not exist.", {
          targets: ["That saved routing policy does not exist."],
        });
      }
      const members = policy.offeringIds.map((id) => offerings.get(id) ?? missing(id));
      return {
        label: savedPolicyLabel(policy.name),
        policy: readSavedPolicy(policy),
        targets: members.map(toTarget),
      };
    }
    const members = target.offeringIds.map((id) => offerings.get(id) ?? missing(id));
    return {
      label: `${TARGET_POLICY_LABELS[target.policy]}: ${members.map((m) => m.label).join(", ")}`,
      policy: { kind: target.policy },
      targets: members.map(toTarget),
    };
  });
}

function estimateTargets(planned: PlannedTarget[]): EstimateTarget[] {
  return planned.map((target) => ({
    label: target.label,
    candidates: target.targets,
    policy: target.policy,
  }));
}

/**
 * The native routers a run can target here, each in each of its modes, labelled as its run target
 * will be; a router whose platform has neither credentials nor an emulator is left out.
 */
export function listLaunchRouters(
  caller: Caller,
  connections: PlatformConnections,
): LaunchRouter[] {
  requireRole(caller, "operator");
  return ROUTER_TARGET_SPECS.flatMap((choice) => {
    const resolved = resolveRouterChoice(choice);
    const connection = resolved ? connections[resolved.router.platformId] : undefined;
    if (!resolved || !connection) return [];
    return [
      {
        routerId: choice.routerId,
        mode: choice.mode,
        label: routerTargetLabel(resolved.router, choice.mode),
        platformName: getPlatform(resolved.router.platformId)?.name ?? resolved.router.platformId,
        poolSize: resolved.router.pool.length,
        isSimulated: connection.simulated,
      },
    ];
  });
}

export type { LaunchPreview };

/**
 * The latest completed run of this suite with two or more targets, and the spread of the paired
 * differences of each of its pairs: what a new run of the suite can expect its verdicts to need.
 */
async function parityBasis(db: Db, suiteId: string) {
  const runs = await db.evalRun.findMany({
    where: { suiteId, status: "completed" },
    orderBy: { createdAt: "desc" },
    take: 10,
    select: { id: true, name: true, targets: { select: { id: true } } },
  });
  const run = runs.find((candidate) => candidate.targets.length >= 2);
  if (!run) return null;
  const cases = await loadCaseRollups(db, run.id);
  const ids = run.targets.map((target) => target.id);
  const spreads = ids.flatMap((a, i) =>
    ids.slice(i + 1).flatMap((b) => {
      const { sd, n } = pairedSpread(cases.get(a) ?? [], cases.get(b) ?? []);
      return sd !== null && n >= 2 ? [sd] : [];
    }),
  );
  return { runId: run.id, runName: run.name, spreads };
}

async function prepareLaunch(
  db: Db,
  input: LaunchRunInput,
  connections: PlatformConnections,
  awsAccountId: string | null = null,
) {
  const suite = await findSuite(db, input.suiteId);
  if (!suite) {
    throw new AppError("INVALID_INPUT", "Suite: that suite does not exist.", {
      suiteId: ["That suite does not exist."],
    });
  }
  const offerings = new Map(
    (await listLaunchOfferingsUnchecked(db, connections)).map((offering) => [
      offering.id,
      offering,
    ]),
  );
  const savedIds = input.targets.flatMap((t) =>
    t.kind === "saved-policy" ? [t.savedPolicyId] : [],
  );
  const saved = new Map(
    (savedIds.length
      ? await db.savedRoutingPolicy.findMany({ where: { id: { in: savedIds } } })
      : []
    ).map((row) => [row.id, row]),
  );
  const targets = expandModelTargets(input.targets, [...offerings.values()]);
  const planned = planTargets({ ...input, targets }, offerings, saved, {
    connections,
    awsAccountId,
  });
  let judge: Target | null = null;
  let judgeLabel: string | null = null;
  if (suite.hasJudge) {
    const judgeOffering = input.judgeOfferingId ? offerings.get(input.judgeOfferingId) : undefined;
    if (!judgeOffering) {
      throw new AppError(
        "INVALID_INPUT",
        "Judge: this suite has rubric assertions; choose a judge model.",
        {
          judgeOfferingId: ["This suite has rubric assertions: choose a judge model."],
        },
      );
    }
    judge = toTarget(judgeOffering);
    judgeLabel = judgeOffering.label;
  }
  // `string_contains` only matches a JSON string, not an array of assertions: count as text.
  const judgedCaseCount = suite.hasJudge
    ? await db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM "SuiteCase"
        WHERE "suiteId" = ${suite.id} AND "assertions"::text LIKE '%"llm-rubric"%'`
        .then((rows) => Number(rows[0]?.n ?? 0))
        .catch(() => suite.caseCount)
    : 0;
  const estimate = estimateRun({
    caseCount: suite.caseCount,
    judgedCaseCount,
    inputTokens: suite.inputTokens,
    expectedOutputTokens: suite.expectedOutputTokens,
    maxTokens: input.maxTokens,
    repeats: input.repeats,
    targets: estimateTargets(planned),
    judge,
  });
  return { suite, planned, judge, judgeLabel, estimate };
}

async function listLaunchOfferingsUnchecked(db: Db, connections: PlatformConnections) {
  // The caller was checked by the public function that calls this.
  const system: Caller = {
    userId: "system",
    email: "",
    name: "",
    role: "viewer",
    mustChangePassword: false,
    ipAddress: null,
  };
  return listLaunchOfferings(system, db, connections);
}

/** What a launch would do: trials, estimated cost, simulated targets. Nothing is stored. */
export async function previewLaunch(
  caller: Caller,
  db: Db,
  input: LaunchRunInput,
  connections: PlatformConnections,
): Promise<LaunchPreview> {
  requireRole(caller, "operator");
  const { suite, planned, judge, estimate } = await prepareLaunch(db, input, connections);
  return {
    estimate,
    simulatedTargets: planned
      .filter((target) => target.targets.some((t) => t.simulated))
      .map((target) => target.label)
      .concat(judge?.simulated ? ["the judge"] : []),
    needsJudge: suite.hasJudge,
    parity:
      planned.length >= 2 ? parityOutlook(suite.caseCount, await parityBasis(db, suite.id)) : null,
  };
}

export type LaunchOptions = {
  connections: PlatformConnections;
  /** Queues the jobs (pg-boss in the app; tests may queue elsewhere). */
  enqueue: (jobs: ChunkJobData[]) => Promise<void>;
  origin?: "web" | "cli" | "schedule";
  /** The schedule launching the run and the version of its definition (scheduled runs). */
  schedule?: { id: string; version: number };
  /** The AWS account Bedrock router ARNs name; needed only for real (not simulated) Bedrock. */
  awsAccountId?: string | null;
};

/** Who launched a run no user launched: the command line or a schedule. */
function launcherOfOrigin(origin: string): string | null {
  return origin === "cli" ? "command line" : origin === "schedule" ? "a schedule" : null;
}

/** Launches a run: stores it with its targets and rollup rows, then queues its jobs. Operators. */
export async function launchRun(
  caller: Caller,
  db: Db,
  input: LaunchRunInput,
  options: LaunchOptions,
): Promise<{ runId: string; expectedTrials: number; jobs: number }> {
  requireRole(caller, "operator");
  const { suite, planned, judge, judgeLabel, estimate } = await prepareLaunch(
    db,
    input,
    options.connections,
    options.awsAccountId ?? null,
  );
  const isSimulated = planned.some((t) => t.targets.some((x) => x.simulated)) || !!judge?.simulated;
  const snapshot = await db.catalogSnapshot.findFirst({ orderBy: { takenAt: "desc" } });
  const platformIds = [...new Set(planned.flatMap((t) => t.targets.map((x) => x.platformId)))];
  if (judge && !platformIds.includes(judge.platformId)) platformIds.push(judge.platformId);
  const run = await db.$transaction(async (tx: Tx) => {
    const created = await tx.evalRun.create({
      data: {
        name:
          input.name?.trim() ||
          `${suite.name} × ${planned.length} target${planned.length === 1 ? "" : "s"}`,
        suiteId: suite.id,
        temperature: input.temperature,
        maxTokens: input.maxTokens,
        stream: input.stream,
        repeats: input.repeats,
        concurrency: input.concurrency,
        platformConcurrency: input.platformConcurrency ?? null,
        requestsPerMinute: input.requestsPerMinute ?? null,
        budgetUsd: input.budgetUsd ?? null,
        expectedTrials: estimate.trials,
        isSimulated,
        judgeOfferingId: judge?.offeringId ?? null,
        judgeLabel,
        catalogSnapshotId: snapshot?.id ?? null,
        origin: options.origin ?? "web",
        launchedById: caller.userId || null,
        scheduleId: options.schedule?.id ?? null,
        scheduleVersion: options.schedule?.version ?? null,
        targets: {
          create: planned.map((target, position) => {
            const stored = toStoredPolicy(target.policy);
            return {
              position,
              kind: target.isRouter ? "router" : stored.kind,
              label: target.label,
              // A router's target id is not an offering: its pool's offerings are in `targets`.
              offeringIds: target.isRouter ? [] : target.targets.map((t) => t.offeringId),
              policy: stored.policy,
              policyConfig: (stored.policyConfig ?? undefined) as Prisma.InputJsonValue | undefined,
              targets: target.targets as unknown as Prisma.InputJsonValue,
              platformIds: [...new Set(target.targets.map((t) => t.platformId))],
              isSimulated: target.targets.some((t) => t.simulated),
            };
          }),
        },
      },
      include: { targets: { orderBy: { position: "asc" } } },
    });
    await tx.runTargetStats.createMany({
      data: created.targets.map((target) => ({
        runId: created.id,
        targetId: target.id,
        latencyHist: emptyHistogram(LATENCY_HISTOGRAM),
        ttftHist: emptyHistogram(LATENCY_HISTOGRAM),
        speedHist: emptyHistogram(SPEED_HISTOGRAM),
      })),
    });
    await createRunLimits(tx, {
      runId: created.id,
      platformIds,
      concurrency: input.concurrency,
      platformConcurrency: input.platformConcurrency,
      requestsPerMinute: input.requestsPerMinute,
    });
    {
      await recordAudit(tx, {
        action: "run.launched",
        actor: caller.userId ? actorOf(caller) : { id: null, email: caller.email },
        targetType: "run",
        targetId: created.id,
        detail: {
          suite: suite.slug,
          targets: planned.length,
          trials: estimate.trials,
          simulated: isSimulated,
        },
        ipAddress: caller.ipAddress,
      });
    }
    return created;
  });
  const jobs = planChunks(
    run.id,
    run.targets.map((target) => target.id),
    suite.caseCount,
    input.repeats,
  );
  try {
    await options.enqueue(jobs);
  } catch (error) {
    await moveRun(prismaRunner(db), run.id, "fail", "The run could not be queued.");
    throw error;
  }
  return { runId: run.id, expectedTrials: estimate.trials, jobs: jobs.length };
}

/** Cancels a queued or running run. Workers stop its calls within about a second. Operators. */
export async function cancelRun(caller: Caller, db: Db, runId: string): Promise<RunStatusName> {
  requireRole(caller, "operator");
  const isCancelled = await moveRun(
    prismaRunner(db),
    runId,
    "cancel",
    `Cancelled by ${caller.email}.`,
  );
  const run = await db.evalRun.findUnique({ where: { id: runId }, select: { status: true } });
  if (!run) notFound("That run");
  if (isCancelled) {
    await recordAudit(db, {
      action: "run.cancelled",
      actor: actorOf(caller),
      targetType: "run",
      targetId: runId,
      ipAddress: caller.ipAddress,
    });
  }
  return run.status;
}

export type RunListItem = {
  id: string;
  name: string;
  suiteName: string;
  status: RunStatusName;
  expectedTrials: number;
  storedTrials: number;
  targets: number;
  spentUsd: number;
  isSimulated: boolean;
  createdAt: Date;
  finishedAt: Date | null;
  launchedBy: string | null;
};

/** Runs, newest first. */
export async function listRuns(caller: Caller, db: Db, limit = 50): Promise<RunListItem[]> {
  requireRole(caller, "viewer");
  const runs = await db.evalRun.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    include: { suite: { select: { name: true } }, _count: { select: { targets: true } } },
  });
  const userIds = [...new Set(runs.map((r) => r.launchedById).filter((id): id is string => !!id))];
  const users = new Map(
    (
      await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } })
    ).map((user) => [user.id, user.email]),
  );
  return runs.map((run) => ({
    id: run.id,
    name: run.name,
    suiteName: run.suite.name,
    status: run.status,
    expectedTrials: run.expectedTrials,
    storedTrials: run.storedTrials,
    targets: run._count.targets,
    spentUsd: Number(run.spentUsd),
    isSimulated: run.isSimulated,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    launchedBy: run.launchedById
      ? (users.get(run.launchedById) ?? null)
      : launcherOfOrigin(run.origin),
  }));
}

export type RunTargetView = {
  id: string;
  position: number;
  kind: string;
  label: string;
  policy: string | null;
  offeringIds: string[];
  platformIds: string[];
  isSimulated: boolean;
  summary: TargetSummary;
};

export type RunView = {
  id: string;
  name: string;
  status: RunStatusName;
  statusMessage: string | null;
  isTerminal: boolean;
  suite: { id: string; name: string; caseCount: number };
  temperature: number;
  maxTokens: number;
  stream: boolean;
  repeats: number;
  concurrency: number;
  platformConcurrency: number | null;
  requestsPerMinute: number | null;
  budgetUsd: number | null;
  spentUsd: number;
  /**
   * Reserved for calls in flight (their most expensive outcome), for a run with a budget cap that
   * is still running; 0 otherwise. A call starts only if spent + held + its own reservation fits.
   */
  heldUsd: number;
  expectedTrials: number;
  storedTrials: number;
  errors: number;
  etaMs: number | null;
  isSimulated: boolean;
  judgeLabel: string | null;
  catalogSnapshot: { id: string; source: string; takenAt: Date } | null;
  origin: string;
  launchedBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  targets: RunTargetView[];
  categories: string[];
};

export function toRollup(row: {
  trials: number;
  errors: number;
  errorsByKind: Prisma.JsonValue;
  scored: number;
  passed: number;
  scoreSum: number;
  costUsd: number;
  costUnknown: number;
  inputTokens: bigint;
  outputTokens: bigint;
  latencyHist: number[];
  ttftHist: number[];
  speedHist: number[];
  servedBy: Prisma.JsonValue;
}): TargetRollup {
  return {
    ...row,
    errorsByKind: (row.errorsByKind ?? {}) as Record<string, number>,
    servedBy: (row.servedBy ?? {}) as Record<string, number>,
    inputTokens: Number(row.inputTokens),
    outputTokens: Number(row.outputTokens),
  };
}

/** A run's per-case rollups by target (only `targetIds` when given). */
export async function loadCaseRollups(
  db: Db,
  runId: string,
  targetIds?: readonly string[],
): Promise<Map<string, CaseRollup[]>> {
  const rows = await db.runCaseStats.findMany({
    where: { runId, ...(targetIds ? { targetId: { in: [...targetIds] } } : {}) },
    select: {
      targetId: true,
      caseId: true,
      category: true,
      trials: true,
      scored: true,
      passed: true,
      scoreSum: true,
    },
  });
  const byTarget = new Map<string, CaseRollup[]>();
  for (const row of rows) {
    const list = byTarget.get(row.targetId) ?? [];
    list.push(row);
    byTarget.set(row.targetId, list);
  }
  return byTarget;
}

/**
 * What served each native-router target of a run, from the rollups: by target id, the number of
 * trials each served model answered (keyed by catalogue model id, or the raw id when unmapped).
 * Targets that are not routers are left out.
 */
export async function getRunServedModels(
  caller: Caller,
  db: Db,
  runId: string,
): Promise<Map<string, Record<string, number>>> {
  requireRole(caller, "viewer");
  const routers = await db.runTarget.findMany({
    where: { runId, kind: "router" },
    select: { id: true },
  });
  const stats = await db.runTargetStats.findMany({
    where: { runId, targetId: { in: routers.map((target) => target.id) } },
    select: { targetId: true, servedModels: true },
  });
  const byTarget = new Map(stats.map((row) => [row.targetId, row.servedModels]));
  return new Map(
    routers.map((target) => [target.id, (byTarget.get(target.id) ?? {}) as Record<string, number>]),
  );
}

/** Everything the run page shows above the per-case table, from rollups. */
export async function getRunView(caller: Caller, db: Db, runId: string): Promise<RunView> {
  requireRole(caller, "viewer");
  const run = await db.evalRun.findUnique({
    where: { id: runId },
    include: {
      suite: { select: { id: true, name: true, caseCount: true } },
      targets: { orderBy: { position: "asc" } },
    },
  });
  if (!run) notFound("That run");
  const isHolding = run.budgetUsd !== null && (run.status === "running" || run.status === "queued");
  const [stats, cases, snapshot, launcher, held] = await Promise.all([
    db.runTargetStats.findMany({ where: { runId } }),
    loadCaseRollups(db, runId),
    run.catalogSnapshotId
      ? db.catalogSnapshot.findUnique({
          where: { id: run.catalogSnapshotId },
          select: { id: true, source: true, takenAt: true },
        })
      : null,
    run.launchedById
      ? db.user.findUnique({ where: { id: run.launchedById }, select: { email: true } })
      : null,
    isHolding
      ? db.evalBudgetHold.aggregate({ where: { runId }, _sum: { reservedUsd: true } })
      : null,
  ]);
  const statsByTarget = new Map(stats.map((row) => [row.targetId, row]));
  const targets = run.targets.map((target): RunTargetView => {
    const row = statsByTarget.get(target.id);
    // A target without a rollup row yet reads as one before its first trial.
    const rollup = row ? toRollup(row) : emptyTargetRollup();
    return {
      id: target.id,
      position: target.position,
      kind: target.kind,
      label: target.label,
      policy: target.policy,
      offeringIds: target.offeringIds,
      platformIds: target.platformIds,
      isSimulated: target.isSimulated,
      summary: summarizeTarget(rollup, cases.get(target.id) ?? [], hashSeed(run.id, target.id)),
    };
  });
  const categories = [
    ...new Set([...cases.values()].flatMap((list) => list.map((row) => row.category))),
  ].sort();
  const status = run.status as RunStatusName;
  const now = Date.now();
  return {
    id: run.id,
    name: run.name,
    status,
    statusMessage: run.statusMessage,
    isTerminal: TERMINAL_RUN_STATUSES.includes(status),
    suite: run.suite,
    temperature: run.temperature,
    maxTokens: run.maxTokens,
    stream: run.stream,
    repeats: run.repeats,
    concurrency: run.concurrency,
    platformConcurrency: run.platformConcurrency,
    requestsPerMinute: run.requestsPerMinute,
    budgetUsd: num(run.budgetUsd),
    spentUsd: Number(run.spentUsd),
    heldUsd: Number(held?._sum.reservedUsd ?? 0),
    expectedTrials: run.expectedTrials,
    storedTrials: run.storedTrials,
    errors: stats.reduce((sum, row) => sum + row.errors, 0),
    etaMs:
      status === "running" && run.startedAt
        ? estimateEtaMs({
            completed: run.storedTrials,
            expected: run.expectedTrials,
            elapsedMs: now - run.startedAt.getTime(),
          })
        : null,
    isSimulated: run.isSimulated,
    judgeLabel: run.judgeLabel,
    catalogSnapshot: snapshot,
    origin: run.origin,
    launchedBy: launcher?.email ?? launcherOfOrigin(run.origin),
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    targets,
    categories,
  };
}

/** Paired comparison of two of a run's targets, from the per-case rollups. */
export async function getRunPair(
  caller: Caller,
  db: Db,
  runId: string,
  targetA: string,
  targetB: string,
): Promise<PairSummary | null> {
  requireRole(caller, "viewer");
  const cases = await loadCaseRollups(db, runId);
  return compareTargets(
    runId,
    { targetId: targetA, cases: cases.get(targetA) ?? [] },
    { targetId: targetB, cases: cases.get(targetB) ?? [] },
  );
}

/** One ordered pair of a run's targets, as the CLI's `--json` lists them. */
export type RunPairEntry = { a: string; b: string; pair: PairSummary | null };

/**
 * Every ordered pair of a run's targets (A vs B and B vs A), computed by the same function as the
 * run page and Compare, so each is the exact mirror of the other.
 */
export async function getRunPairs(
  caller: Caller,
  db: Db,
  runId: string,
  targetIds: readonly string[],
): Promise<RunPairEntry[]> {
  requireRole(caller, "viewer");
  const cases = await loadCaseRollups(db, runId);
  return targetIds.flatMap((a) =>
    targetIds
      .filter((b) => b !== a)
      .map((b) => ({
        a,
        b,
        pair: compareTargets(
          runId,
          { targetId: a, cases: cases.get(a) ?? [] },
          { targetId: b, cases: cases.get(b) ?? [] },
        ),
      })),
  );
}

export const TRIALS_PAGE_SIZE = 50;

export type TrialRow = {
  id: string;
  caseId: string;
  category: string | null;
  prompt: string;
  reference: string | null;
  targetId: string;
  targetLabel: string;
  repeat: number;
  status: string;
  output: string | null;
  score: number | null;
  pass: boolean | null;
  assertions: { type: string; pass: boolean; score: number; reason: string; negate?: boolean }[];
  judgeModel: string | null;
  judgeReason: string | null;
  latencyMs: number | null;
  ttftMs: number | null;
  costUsd: number | null;
  errorKind: string | null;
  errorMessage: string | null;
  servedBy: string | null;
};

/** One page of trials with their cases, filtered. Reads one page, never the whole run. */
export async function listRunTrials(
  caller: Caller,
  db: Db,
  runId: string,
  filter: TrialFilter,
): Promise<{ rows: TrialRow[]; total: number; page: number; pageSize: number }> {
  requireRole(caller, "viewer");
  const run = await db.evalRun.findUnique({
    where: { id: runId },
    select: { suiteId: true, targets: { select: { id: true, label: true } } },
  });
  if (!run) notFound("That run");
  const labels = new Map(run.targets.map((target) => [target.id, target.label]));
  const where: Prisma.TrialWhereInput = { runId };
  if (filter.target) where.targetId = filter.target;
  if (filter.outcome === "pass") where.pass = true;
  if (filter.outcome === "fail") where.pass = false;
  if (filter.outcome === "error") where.status = "error";
  let caseFilter: string[] | null = null;
  if (filter.category || filter.q) {
    const cases = await db.suiteCase.findMany({
      where: {
        suiteId: run.suiteId,
        ...(filter.category ? { category: filter.category } : {}),
        ...(filter.q
          ? {
              OR: [
                { id: { contains: filter.q, mode: "insensitive" } },
                { reference: { contains: filter.q, mode: "insensitive" } },
              ],
            }
          : {}),
      },
      select: { id: true },
      take: 10_000,
    });
    caseFilter = cases.map((c) => c.id);
    if (filter.q)
      where.OR = [
        { caseId: { in: caseFilter } },
        { output: { contains: filter.q, mode: "insensitive" } },
      ];
    else where.caseId = { in: caseFilter };
  }
  const [total, trials] = await Promise.all([
    db.trial.count({ where }),
    db.trial.findMany({
      where,
      orderBy: [{ caseId: "asc" }, { targetId: "asc" }, { repeat: "asc" }],
      skip: (filter.page - 1) * TRIALS_PAGE_SIZE,
      take: TRIALS_PAGE_SIZE,
    }),
  ]);
  const caseRows = await db.suiteCase.findMany({
    where: { suiteId: run.suiteId, id: { in: [...new Set(trials.map((t) => t.caseId))] } },
    select: { id: true, category: true, messages: true, reference: true },
  });
  const casesById = new Map(caseRows.map((row) => [row.id, row]));
  return {
    total,
    page: filter.page,
    pageSize: TRIALS_PAGE_SIZE,
    rows: trials.map((trial) => {
      const testCase = casesById.get(trial.caseId);
      const messages = (testCase?.messages ?? []) as { role: string; content: string }[];
      return {
        id: trial.id.toString(),
        caseId: trial.caseId,
        category: testCase?.category ?? null,
        prompt: messages.filter((m) => m.role === "user").at(-1)?.content ?? "",
        reference: testCase?.reference ?? null,
        targetId: trial.targetId,
        targetLabel: labels.get(trial.targetId) ?? trial.targetId,
        repeat: trial.repeat,
        status: trial.status,
        output: trial.output,
        score: trial.score,
        pass: trial.pass,
        assertions: (trial.assertions ?? []) as TrialRow["assertions"],
        judgeModel: trial.judgeModel,
        judgeReason: trial.judgeReason,
        latencyMs: trial.latencyMs,
        ttftMs: trial.ttftMs,
        costUsd: trial.costUsd,
        errorKind: trial.errorKind,
        errorMessage: trial.errorMessage,
        servedBy: trial.servedBy,
      };
    }),
  };
}

/** Every trial of a run, in pages of `batch` (keyset on id), for streaming exports. */
export async function* iterateRunTrials(caller: Caller, db: Db, runId: string, batch = 1000) {
  requireRole(caller, "viewer");
  const run = await db.evalRun.findUnique({
    where: { id: runId },
    select: { isSimulated: true, targets: { select: { id: true, label: true } } },
  });
  if (!run) notFound("That run");
  const labels = new Map(run.targets.map((target) => [target.id, target.label]));
  let after = -1n;
  for (;;) {
    const rows = await db.trial.findMany({
      where: { runId, id: { gt: after } },
      orderBy: { id: "asc" },
      take: batch,
    });
    if (rows.length === 0) return;
    for (const row of rows)
      yield {
        ...row,
        targetLabel: labels.get(row.targetId) ?? row.targetId,
        simulated: run.isSimulated,
      };
    after = rows.at(-1)?.id ?? after;
  }
}
