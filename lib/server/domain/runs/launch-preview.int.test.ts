import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LaunchRunInput } from "@/lib/schemas/runs";
import {
  pickOfferings,
  seedEvalDatabase,
  suiteId,
  TEST_ENV,
  TEST_OPERATOR,
} from "@/lib/testing/eval-harness";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import type { Db } from "../../ops/db-client";
import { resolvePlatformConnections, type PlatformConnections } from "../../ops/router-setup";
import { launchRun, previewLaunch } from "./runs";

/**
 * The launch form's parity estimate against real PostgreSQL: with two or more targets, the
 * preview says how many cases a parity verdict will likely need, from the spread of paired
 * differences in the latest completed run of the same suite, and says so when there is none.
 */

const databases = freshDatabasePool("lead14_preview");
let db: Db;
let connections: PlatformConnections;
let input: LaunchRunInput;

beforeAll(async () => {
  ({ db } = await databases.create("preview", { max: 2 }));
  await seedEvalDatabase(db);
  connections = await resolvePlatformConnections(db, TEST_ENV, "http://127.0.0.1:9");
  const [a, b] = await pickOfferings(db, ["openai", "anthropic"]);
  input = {
    suiteId: await suiteId(db, "factual-qa"),
    targets: [
      { kind: "offering", offeringId: a! },
      { kind: "offering", offeringId: b! },
    ],
    temperature: 0,
    maxTokens: 256,
    repeats: 1,
    concurrency: 4,
    stream: true,
  };
}, 120_000);

afterAll(async () => {
  await databases.dropAll();
});

describe("previewLaunch's parity outlook", () => {
  it("has none for a single target", async () => {
    const preview = await previewLaunch(
      TEST_OPERATOR,
      db,
      { ...input, targets: input.targets.slice(0, 1) },
      connections,
    );
    expect(preview.parity).toBeNull();
  });

  it("says it cannot estimate before any run of the suite has finished", async () => {
    const preview = await previewLaunch(TEST_OPERATOR, db, input, connections);
    const suite = await db.suite.findUniqueOrThrow({ where: { id: input.suiteId } });
    expect(preview.parity).toEqual({ cases: suite.caseCount, casesNeeded: null, basis: null });
  });

  it("estimates from the paired spread of the latest completed run of the suite", async () => {
    const { runId } = await launchRun(TEST_OPERATOR, db, input, {
      connections,
      enqueue: async () => undefined,
    });
    const targets = await db.runTarget.findMany({ where: { runId }, orderBy: { position: "asc" } });
    // Per-case differences A − B: 0.1, −0.1, 0.3, −0.3 → mean 0, sample SD √(0.2 / 3).
    const differences = [0.1, -0.1, 0.3, -0.3];
    await db.runCaseStats.createMany({
      data: differences.flatMap((difference, i) => [
        {
          runId,
          targetId: targets[0]!.id,
          caseId: `c${i}`,
          category: "x",
          trials: 1,
          scored: 1,
          scoreSum: 0.5 + difference,
        },
        {
          runId,
          targetId: targets[1]!.id,
          caseId: `c${i}`,
          category: "x",
          trials: 1,
          scored: 1,
          scoreSum: 0.5,
        },
      ]),
    });
    await db.evalRun.update({
      where: { id: runId },
      data: { status: "completed", name: "Spread source" },
    });

    const preview = await previewLaunch(TEST_OPERATOR, db, input, connections);
    const sd = Math.sqrt(0.2 / 3);
    expect(preview.parity?.basis).toEqual({
      runId,
      runName: "Spread source",
      sd: expect.closeTo(sd, 12),
    });
    // n = (2.801585 · s / 0.02)² for a true difference of 0.
    expect(preview.parity?.casesNeeded).toBe(Math.ceil(((2.801585 * sd) / 0.02) ** 2));
  });
});
