import {
  TARGET_POLICIES,
  type LaunchDraft,
  type LaunchRunInput,
  type TargetPolicy,
} from "@/lib/schemas/runs";
import type { Caller } from "../caller";
import { requireRole } from "../caller";
import type { Db } from "../../ops/db-client";
import type { PlatformConnections } from "../../ops/router-setup";
import { parseStoredTargets } from "@/lib/eval/stored-json";
import {
  listLaunchOfferings,
  listLaunchRouters,
  savedPolicyLabel,
  type LaunchOffering,
} from "./runs";

/**
 * "Launch again": an earlier run's settings as the New run form's starting values. The catalogue,
 * the credentials and the suites may have changed since, so each target and the judge is checked
 * against what can be launched now; what cannot is left out and said, never silently dropped.
 */

function isTargetPolicy(policy: string | null): policy is TargetPolicy {
  return TARGET_POLICIES.some((known) => known === policy);
}

/** Why an offering cannot be launched now, or null when it can. */
function whyNotLaunchable(offering: LaunchOffering | undefined): string | null {
  if (!offering) return "is no longer in the catalogue (or is retired)";
  if (!offering.apiStyle) return "cannot be called now (no adapter speaks its API)";
  return null;
}

/** The form's starting values from run `runId`; null when there is no such run. Operators. */
export async function getLaunchDraft(
  caller: Caller,
  db: Db,
  runId: string,
  connections: PlatformConnections,
): Promise<LaunchDraft | null> {
  requireRole(caller, "operator");
  const run = await db.evalRun.findUnique({
    where: { id: runId },
    include: {
      suite: { select: { id: true, slug: true, name: true, isLatest: true } },
      targets: { orderBy: { position: "asc" } },
    },
  });
  if (!run) return null;
  const [offerings, savedPolicies, latestSuite] = await Promise.all([
    listLaunchOfferings(caller, db, connections),
    db.savedRoutingPolicy.findMany({
      select: { id: true, name: true, kind: true, offeringIds: true },
    }),
    run.suite.isLatest
      ? run.suite
      : db.suite.findFirst({
          where: { slug: run.suite.slug, isLatest: true },
          select: { id: true },
        }),
  ]);
  const byId = new Map(offerings.map((offering) => [offering.id, offering]));
  const launchRouters = listLaunchRouters(caller, connections);
  const leftOut: string[] = [];
  const draft: LaunchDraft = {
    sourceRunName: run.name,
    suiteId: latestSuite?.id ?? run.suite.id,
    offeringIds: [],
    policies: [],
    savedPolicyIds: [],
    routers: [],
    followedModelIds: [],
    judgeOfferingId: null,
    temperature: run.temperature,
    maxTokens: run.maxTokens,
    repeats: run.repeats,
    concurrency: run.concurrency,
    platformConcurrency: run.platformConcurrency,
    requestsPerMinute: run.requestsPerMinute,
    budgetUsd: run.budgetUsd === null ? null : Number(run.budgetUsd),
    stream: run.stream,
    leftOut,
  };
  if (!run.suite.isLatest) {
    leftOut.push(
      `The suite “${run.suite.name}” has changed since that run: the form uses its latest version.`,
    );
  }

  for (const target of run.targets) {
    const blocked = target.offeringIds.flatMap((id) => {
      const reason = whyNotLaunchable(byId.get(id));
      return reason ? [`${byId.get(id)?.label ?? id} ${reason}`] : [];
    });
    if (target.kind === "router") {
      let choice: { routerId: string; mode: string } | undefined;
      try {
        choice = parseStoredTargets(target.targets, `run ${run.id}, ${target.label}`)[0]?.router;
      } catch {
        choice = undefined;
      }
      const callable = choice
        ? launchRouters.some((r) => r.routerId === choice.routerId && r.mode === choice.mode)
        : false;
      if (choice && callable) draft.routers.push({ routerId: choice.routerId, mode: choice.mode });
      else
        leftOut.push(
          `“${target.label}” was left out: ${choice ? "its platform has neither credentials nor an emulator now" : "its stored settings could not be read"}.`,
        );
    } else if (target.kind === "offering") {
      const reason = whyNotLaunchable(byId.get(target.offeringIds[0] ?? ""));
      if (reason === null) draft.offeringIds.push(...target.offeringIds);
      else leftOut.push(`“${target.label}” was left out: it ${reason}.`);
    } else if (isTargetPolicy(target.policy)) {
      const members = target.offeringIds.filter((id) => whyNotLaunchable(byId.get(id)) === null);
      if (members.length < 2) {
        leftOut.push(
          `“${target.label}” was left out: ${blocked.join("; ")}, and a routing policy needs at least two offerings.`,
        );
      } else {
        draft.policies.push({ policy: target.policy, offeringIds: members });
        if (blocked.length > 0)
          leftOut.push(`From “${target.label}”: ${blocked.join("; ")}, so it was taken out.`);
      }
    } else {
      const saved = savedPolicies.find(
        (policy) =>
          savedPolicyLabel(policy.name) === target.label &&
          policy.kind === target.policy &&
          policy.offeringIds.join(",") === target.offeringIds.join(","),
      );
      if (!saved) {
        leftOut.push(
          `“${target.label}” was left out: that saved routing policy no longer exists; choose one under Saved routing policies.`,
        );
      } else if (blocked.length > 0) {
        leftOut.push(`“${target.label}” was left out: ${blocked.join("; ")}.`);
      } else {
        draft.savedPolicyIds.push(saved.id);
      }
    }
  }

  if (run.judgeOfferingId) {
    const reason = whyNotLaunchable(byId.get(run.judgeOfferingId));
    if (reason === null) draft.judgeOfferingId = run.judgeOfferingId;
    else
      leftOut.push(
        `The judge, ${run.judgeLabel ?? run.judgeOfferingId}, ${reason}: choose another.`,
      );
  }
  return draft;
}

/**
 * The form's starting values from a saved run definition (a schedule's, for editing it), checked
 * against what can be launched now like "Launch again": what cannot is left out and said.
 */
export async function draftFromDefinition(
  caller: Caller,
  db: Db,
  definition: LaunchRunInput,
  sourceName: string,
  connections: PlatformConnections,
): Promise<LaunchDraft> {
  requireRole(caller, "operator");
  const [offerings, savedPolicies, suite] = await Promise.all([
    listLaunchOfferings(caller, db, connections),
    db.savedRoutingPolicy.findMany({ select: { id: true, name: true } }),
    db.suite.findUnique({ where: { id: definition.suiteId }, select: { id: true } }),
  ]);
  const byId = new Map(offerings.map((offering) => [offering.id, offering]));
  const launchRouters = listLaunchRouters(caller, connections);
  const leftOut: string[] = [];
  const label = (id: string) => byId.get(id)?.label ?? id;
  const draft: LaunchDraft = {
    sourceRunName: sourceName,
    suiteId: suite?.id ?? "",
    offeringIds: [],
    policies: [],
    savedPolicyIds: [],
    routers: [],
    followedModelIds: [],
    judgeOfferingId: null,
    temperature: definition.temperature,
    maxTokens: definition.maxTokens,
    repeats: definition.repeats,
    concurrency: definition.concurrency,
    platformConcurrency: definition.platformConcurrency ?? null,
    requestsPerMinute: definition.requestsPerMinute ?? null,
    budgetUsd: definition.budgetUsd ?? null,
    stream: definition.stream ?? true,
    leftOut,
  };
  if (!suite) leftOut.push("Its suite no longer exists: choose one.");
  for (const target of definition.targets) {
    if (target.kind === "offering") {
      const reason = whyNotLaunchable(byId.get(target.offeringId));
      if (reason === null) draft.offeringIds.push(target.offeringId);
      else leftOut.push(`“${label(target.offeringId)}” was left out: it ${reason}.`);
    } else if (target.kind === "policy") {
      const members = target.offeringIds.filter((id) => whyNotLaunchable(byId.get(id)) === null);
      if (members.length >= 2) draft.policies.push({ policy: target.policy, offeringIds: members });
      else
        leftOut.push(
          `A ${target.policy} policy was left out: fewer than two of its offerings can run now.`,
        );
    } else if (target.kind === "saved-policy") {
      if (savedPolicies.some((saved) => saved.id === target.savedPolicyId))
        draft.savedPolicyIds.push(target.savedPolicyId);
      else leftOut.push("A saved routing policy was left out: it no longer exists.");
    } else if (target.kind === "model") {
      if (offerings.some((o) => o.modelId === target.modelId && o.apiStyle !== null))
        draft.followedModelIds.push(target.modelId);
      else leftOut.push(`${target.modelId} was left out: no platform can run it now.`);
    } else if (
      launchRouters.some((r) => r.routerId === target.routerId && r.mode === target.mode)
    ) {
      draft.routers.push({ routerId: target.routerId, mode: target.mode });
    } else {
      leftOut.push(
        `The router ${target.routerId} was left out: its platform cannot be called now.`,
      );
    }
  }
  if (definition.judgeOfferingId) {
    const reason = whyNotLaunchable(byId.get(definition.judgeOfferingId));
    if (reason === null) draft.judgeOfferingId = definition.judgeOfferingId;
    else
      leftOut.push(`The judge, ${label(definition.judgeOfferingId)}, ${reason}: choose another.`);
  }
  return draft;
}
