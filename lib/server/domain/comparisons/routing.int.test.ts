import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchSuiteRun,
  launchTestRun,
  startEvalWorld,
  waitForRunToFinish,
  TEST_OPERATOR,
  type EvalWorld,
} from "@/lib/testing/eval-harness";
import type { Caller } from "../caller";
import type { Db } from "../../ops/db-client";
import { getRoutingView, listRoutingRuns, listSavedPolicies, saveRoutingPolicy } from "./routing";

let world: EvalWorld;
let db: Db;
/** The first test's saved threshold policy, its run's suite and its offerings. */
const saved = { policyId: "", suiteId: "", offeringIds: [] as string[] };

const VIEWER: Caller = { ...TEST_OPERATOR, email: "test viewer", role: "viewer" };
const EPS = 1e-9;

beforeAll(async () => {
  world = await startEvalWorld("routing");
  db = world.db;
});

afterAll(() => world?.close());

describe("routing simulation on a real run", () => {
  it("simulates a finished run, saves a policy, and runs that policy as a target", async () => {
    const { runId, offeringIds: offerings } = await launchSuiteRun(world, {
      suite: "classification",
      platforms: ["aws-bedrock", "openai", "azure-foundry"],
    });
    const run = await waitForRunToFinish(db, runId);
    expect(run.status).toBe("completed");

    const runs = await listRoutingRuns(VIEWER, db);
    expect(runs.map((r) => r.id)).toContain(runId);

    const view = await getRoutingView(VIEWER, db, runId);
    const sim = view.simulation;
    expect(view.run.isSimulated).toBe(true);
    expect(sim.targets).toHaveLength(3);
    expect(sim.n).toBeGreaterThan(0);
    const kinds = new Set(sim.policies.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(["cascade", "oracle", "random-mix", "single", "threshold"]);

    const oracle = sim.policies.find((p) => p.id === "oracle")!.curve[0]!;
    for (const policy of sim.policies) {
      expect(policy.n).toBe(sim.n);
      for (const point of policy.curve) {
        expect(point.quality).toBeLessThanOrEqual(oracle.quality + EPS);
        if (point.quality >= oracle.quality - EPS)
          expect(point.costPerCase).toBeGreaterThanOrEqual(oracle.costPerCase - EPS);
        expect(point.costPerCase).toBeGreaterThan(0);
        expect(point.traffic.reduce((s, v) => s + v.share, 0)).toBeCloseTo(1, 9);
      }
      expect(policy.aiq).not.toBeNull();
    }
    // Each single target's quality is its mean per-case score from the rollups.
    const single = sim.policies.find((p) => p.kind === "single")!;
    const stats = await db.runCaseStats.findMany({
      where: { runId, targetId: single.targetIds[0]! },
    });
    const expected =
      stats.reduce((s, row) => s + (row.scored ? row.scoreSum / row.scored : 0), 0) / stats.length;
    expect(single.curve[0]!.quality).toBeCloseTo(expected, 9);
    // The frontier ends at the oracle's quality.
    expect(sim.frontier.at(-1)!.quality).toBeCloseTo(oracle.quality, 12);

    await expect(
      saveRoutingPolicy(VIEWER, db, { runId, name: "nope", kind: "quality-floor", threshold: 50 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const savedPolicy = await saveRoutingPolicy(TEST_OPERATOR, db, {
      runId,
      name: "Classification floor 0.8",
      kind: "quality-floor",
      threshold: 80,
    });
    const stored = await db.savedRoutingPolicy.findUniqueOrThrow({ where: { id: savedPolicy.id } });
    expect(stored.offeringIds.sort()).toEqual([...offerings].sort());
    expect(stored.sourceRunId).toBe(runId);
    expect(
      await db.auditEvent.count({
        where: { action: "routing_policy.saved", targetId: savedPolicy.id },
      }),
    ).toBe(1);
    expect((await listSavedPolicies(VIEWER, db)).map((p) => p.id)).toContain(savedPolicy.id);

    const next = await launchTestRun(db, world.boss, world.emulator.url, {
      suiteId: run.suiteId,
      targets: [{ kind: "saved-policy", savedPolicyId: savedPolicy.id }],
    });
    const done = await waitForRunToFinish(db, next.runId);
    expect(done.status).toBe("completed");
    expect(done.storedTrials).toBe(next.expectedTrials);
    const target = await db.runTarget.findFirstOrThrow({ where: { runId: next.runId } });
    expect(target.policy).toBe("quality-floor");
    const served = await db.runTargetStats.findUniqueOrThrow({
      where: { runId_targetId: { runId: next.runId, targetId: target.id } },
    });
    const servedBy = Object.keys(served.servedBy as Record<string, number>);
    expect(servedBy.length).toBeGreaterThan(0);
    for (const id of servedBy) expect(offerings).toContain(id);
    Object.assign(saved, {
      policyId: savedPolicy.id,
      suiteId: run.suiteId,
      offeringIds: offerings,
    });
  });

  it("audits the three clouds' routers and OpenRouter's against the threshold policy as it ran", async () => {
    expect(saved.policyId, "needs the policy the first test saved").not.toBe("");
    const routers = [
      { routerId: "aws-bedrock/anthropic.claude", mode: "default" },
      { routerId: "azure-foundry/model-router", mode: "balanced" },
      { routerId: "gcp-vertex/model-optimizer", mode: "balanced" },
      { routerId: "openrouter/auto", mode: "auto" },
    ];
    const launched = await launchTestRun(db, world.boss, world.emulator.url, {
      suiteId: saved.suiteId,
      targets: [
        ...routers.map((r) => ({ kind: "router" as const, ...r })),
        { kind: "saved-policy", savedPolicyId: saved.policyId },
        ...saved.offeringIds.slice(0, 2).map((offeringId) => ({
          kind: "offering" as const,
          offeringId,
        })),
      ],
    });
    const done = await waitForRunToFinish(db, launched.runId, 120_000);
    expect(done.status).toBe("completed");

    const view = await getRoutingView(VIEWER, db, launched.runId);
    expect(view.audit).toHaveLength(4);
    const targets = await db.runTarget.findMany({ where: { runId: launched.runId } });
    const policy = targets.find((t) => t.kind === "policy")!;
    const meanScores = async (targetId: string) =>
      new Map(
        (await db.runCaseStats.findMany({ where: { runId: launched.runId, targetId } }))
          .filter((row) => row.scored > 0)
          .map((row) => [row.caseId, row.scoreSum / row.scored]),
      );
    const policyScores = await meanScores(policy.id);
    for (const audit of view.audit) {
      // Against the policy as it ran in this run, not a replay.
      expect(audit.versus?.referenceKind).toBe("measured");
      expect(audit.versus?.referenceLabel).toBe(policy.label);
      // The paired difference, recomputed here from the rollups over the common scored cases.
      const own = await meanScores(audit.id);
      const common = [...own.keys()].filter((id) => policyScores.has(id));
      const expected =
        common.reduce((sum, id) => sum + own.get(id)! - policyScores.get(id)!, 0) / common.length;
      expect(audit.versus!.quality.n).toBe(common.length);
      expect(audit.versus!.quality.difference).toBeCloseTo(expected, 12);
      expect(audit.calls).toBe(
        await db.trial.count({ where: { runId: launched.runId, targetId: audit.id } }),
      );
      expect(audit.shares.reduce((sum, s) => sum + s.calls, 0) + audit.unmappedCalls).toBe(
        audit.calls,
      );
    }
    expect(view.audit.map((a) => a.ownerGroup)).toEqual([
      "Amazon group",
      "Microsoft group",
      "Google group",
      "OpenRouter group",
    ]);
  });
});
