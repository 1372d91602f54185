import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  pickOfferings,
  startEvalRig,
  startTestWorker,
  suiteId,
  TEST_ENV,
  TEST_OPERATOR,
  waitForRunToFinish,
  type EvalRig,
} from "@/lib/testing/eval-harness";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { createSchedule } from "../domain/schedules/schedules";
import { resolvePlatformConnections } from "../ops/router-setup";
import { SCHEDULE_TICK_QUEUE } from "./scheduler";

/**
 * The workers' side of scheduled runs: a worker registers pg-boss's minute tick, and a tick it
 * takes launches a due schedule's run, which the worker then runs to the end.
 */

let rig: EvalRig;
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  rig = await startEvalRig(freshDatabasePool("scheduler"), "main");
  worker = await startTestWorker(rig);
});

afterAll(async () => {
  await worker?.stop(1_000);
  await rig?.close();
});

describe("the scheduler in the workers", () => {
  it("registers the minute tick with pg-boss's cron", async () => {
    const schedules = await rig.boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron])).toContainEqual([
      SCHEDULE_TICK_QUEUE,
      "* * * * *",
    ]);
  });

  it("launches a due schedule on a tick, and the worker runs it", async () => {
    const connections = await resolvePlatformConnections(rig.db, TEST_ENV, rig.emulator.url);
    const offerings = await pickOfferings(rig.db, ["openai"]);
    const { id } = await createSchedule(
      TEST_OPERATOR,
      rig.db,
      {
        name: "Every minute",
        cron: "* * * * *",
        definition: {
          suiteId: await suiteId(rig.db, "factual-qa"),
          targets: offerings.map((offeringId) => ({ kind: "offering" as const, offeringId })),
          temperature: 0,
          maxTokens: 256,
          repeats: 1,
          concurrency: 4,
          stream: false,
        },
      },
      { connections },
    );
    // Owed since two minutes ago: the next tick launches it (sent here rather than waited for).
    await rig.db.runSchedule.update({
      where: { id },
      data: { lastFiredAt: new Date(Date.now() - 2 * 60_000) },
    });
    await rig.boss.send(SCHEDULE_TICK_QUEUE, {});
    let launched = null;
    for (let tries = 0; tries < 300 && !launched; tries++) {
      launched = await rig.db.evalRun.findFirst({ where: { scheduleId: id } });
      if (!launched) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(launched?.origin).toBe("schedule");
    const run = await waitForRunToFinish(rig.db, launched!.id);
    expect(run.status).toBe("completed");
  }, 90_000);
});
