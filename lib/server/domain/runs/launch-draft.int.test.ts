import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LaunchDraft, LaunchRunInput } from "@/lib/schemas/runs";
import {
  pickOfferings,
  seedEvalDatabase,
  suiteId,
  TEST_ENV,
  TEST_OPERATOR,
} from "@/lib/testing/eval-harness";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { rejectionOf } from "@/lib/testing/rejection";
import { testCaller } from "@/lib/testing/test-callers";
import { AppError } from "../errors";
import type { Db } from "../../ops/db-client";
import { resolvePlatformConnections, type PlatformConnections } from "../../ops/router-setup";
import { getLaunchDraft } from "./launch-draft";
import { launchRun } from "./runs";

/**
 * "Launch again" against real PostgreSQL: an earlier run's settings come back as the New run
 * form's values, launching them makes a run with the same settings, and what can no longer be
 * launched (a retired offering) is left out and said.
 */

const databases = freshDatabasePool("helper17_draft");
let db: Db;
let connections: PlatformConnections;
let offerings: string[] = [];
let summarization = "";

/** Launches `input` as the test operator without queueing anything. */
async function launch(input: LaunchRunInput): Promise<string> {
  const { runId } = await launchRun(TEST_OPERATOR, db, input, {
    connections,
    enqueue: async () => undefined,
  });
  return runId;
}

/** The draft as the form would send it back, with nothing changed. */
function inputOf(draft: LaunchDraft): LaunchRunInput {
  return {
    suiteId: draft.suiteId,
    targets: [
      ...draft.offeringIds.map((offeringId) => ({ kind: "offering" as const, offeringId })),
      ...draft.policies.map((policy) => ({ kind: "policy" as const, ...policy })),
      ...draft.routers.map((router) => ({ kind: "router" as const, ...router })),
    ],
    judgeOfferingId: draft.judgeOfferingId ?? undefined,
    temperature: draft.temperature,
    maxTokens: draft.maxTokens,
    repeats: draft.repeats,
    concurrency: draft.concurrency,
    requestsPerMinute: draft.requestsPerMinute ?? undefined,
    budgetUsd: draft.budgetUsd ?? undefined,
    stream: draft.stream,
  };
}

/** What a run was launched with, as stored: its settings and its targets in order. */
function settingsOf(runId: string) {
  return db.evalRun.findUniqueOrThrow({
    where: { id: runId },
    select: {
      suiteId: true,
      temperature: true,
      maxTokens: true,
      repeats: true,
      concurrency: true,
      requestsPerMinute: true,
      budgetUsd: true,
      stream: true,
      judgeOfferingId: true,
      targets: {
        orderBy: { position: "asc" },
        select: { kind: true, label: true, policy: true, offeringIds: true },
      },
    },
  });
}

beforeAll(async () => {
  ({ db } = await databases.create("main", { max: 3 }));
  await seedEvalDatabase(db);
  connections = await resolvePlatformConnections(db, TEST_ENV, "http://127.0.0.1:9");
  offerings = await pickOfferings(db, ["openai", "anthropic", "aws-bedrock", "mistral"]);
  summarization = await suiteId(db, "summarization");
});

afterAll(() => databases.dropAll());

describe("launching again from a run", () => {
  it("gives back every setting, and launching it makes a run with the same settings", async () => {
    const [a, b, c, d] = offerings as [string, string, string, string];
    // Every setting away from its default, so a setting that is not carried over shows.
    const settings = {
      temperature: 0.3,
      maxTokens: 200,
      repeats: 2,
      concurrency: 3,
      requestsPerMinute: 60,
      budgetUsd: 1.5,
      stream: false,
    };
    const first = await launch({
      suiteId: summarization,
      targets: [
        { kind: "offering", offeringId: a },
        { kind: "offering", offeringId: b },
        { kind: "policy", policy: "cheapest", offeringIds: [c, d] },
      ],
      judgeOfferingId: b,
      ...settings,
    });

    const draft = await getLaunchDraft(TEST_OPERATOR, db, first, connections);
    expect(draft).toMatchObject({
      suiteId: summarization,
      offeringIds: [a, b],
      policies: [{ policy: "cheapest", offeringIds: [c, d] }],
      savedPolicyIds: [],
      judgeOfferingId: b,
      ...settings,
      leftOut: [],
    });

    const again = await launch(inputOf(draft as LaunchDraft));
    expect(again).not.toBe(first);
    expect(await settingsOf(again)).toEqual(await settingsOf(first));
  });

  it("keeps a cloud's own router, in its mode, and launching it again makes the same targets", async () => {
    const [a] = offerings as [string];
    const first = await launch({
      suiteId: summarization,
      targets: [
        { kind: "router", routerId: "azure-foundry/model-router", mode: "cost" },
        { kind: "offering", offeringId: a },
      ],
      judgeOfferingId: a,
      temperature: 0,
      maxTokens: 256,
      repeats: 1,
      concurrency: 4,
      stream: false,
    });
    const draft = (await getLaunchDraft(TEST_OPERATOR, db, first, connections))!;
    expect(draft.routers).toEqual([{ routerId: "azure-foundry/model-router", mode: "cost" }]);
    expect(draft.leftOut).toEqual([]);
    const again = await launch(inputOf(draft));
    const targets = async (runId: string) =>
      (await settingsOf(runId)).targets.map((t) => [t.kind, t.label]).sort();
    expect(await targets(again)).toEqual(await targets(first));

    // Without a connection for the router's platform it is left out, and said.
    const withoutFoundry = { ...connections, "azure-foundry": undefined };
    const fewer = (await getLaunchDraft(TEST_OPERATOR, db, first, withoutFoundry))!;
    expect(fewer.routers).toEqual([]);
    expect(fewer.leftOut).toEqual([
      "“Foundry model router (Cost)” was left out: its platform has neither credentials nor an emulator now.",
    ]);
  });

  it("leaves out a retired offering and says so, keeping a routing policy that still has two", async () => {
    const [a, b, c, d] = offerings as [string, string, string, string];
    const first = await launch({
      suiteId: summarization,
      targets: [
        { kind: "offering", offeringId: a },
        { kind: "offering", offeringId: b },
        { kind: "policy", policy: "fallback", offeringIds: [b, c, d] },
      ],
      judgeOfferingId: b,
      temperature: 0,
      maxTokens: 64,
      repeats: 1,
      concurrency: 1,
      stream: true,
    });
    const retired = await db.offering.update({
      where: { id: b },
      data: { lifecycle: "retired" },
      include: { model: true, platform: true },
    });
    try {
      const draft = await getLaunchDraft(TEST_OPERATOR, db, first, connections);
      expect(draft?.offeringIds).toEqual([a]);
      expect(draft?.policies).toEqual([{ policy: "fallback", offeringIds: [c, d] }]);
      expect(draft?.judgeOfferingId).toBeNull();
      const label = `${retired.model.name} on ${retired.platform.name}`;
      expect(draft?.leftOut).toHaveLength(3);
      for (const line of draft?.leftOut ?? []) expect(line).toContain(label);
      expect(draft?.leftOut.join("\n")).toContain("no longer in the catalogue");
    } finally {
      await db.offering.update({ where: { id: b }, data: { lifecycle: retired.lifecycle } });
    }
  });

  it("gives null for a run that does not exist, and refuses roles below operator", async () => {
    expect(await getLaunchDraft(TEST_OPERATOR, db, "no-such-run", connections)).toBeNull();
    for (const role of ["viewer", "analyst"] as const) {
      const caller = testCaller({ role, email: `${role}@example.test`, name: role });
      const error = await rejectionOf(
        getLaunchDraft(caller, db, "no-such-run", connections),
        AppError,
      );
      expect(error.code).toBe("FORBIDDEN");
    }
  });
});
