import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVAL_QUEUE, enqueueChunks } from "@/lib/queue/eval-queue";
import type { RunStatusName } from "@/lib/schemas/runs";
import { createProbeSuite, openTestQueue, type ProbeSuite } from "@/lib/testing/eval-harness";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { rejectionOf } from "@/lib/testing/rejection";
import { testCaller } from "@/lib/testing/test-callers";
import { AppError } from "../errors";
import type { Db } from "../../ops/db-client";
import { getQueueStanding } from "./run-queue";

/**
 * A queued run's standing against real PostgreSQL and a real pg-boss queue: the runs whose jobs
 * workers take first (in the queue's own order, ended runs left out), and whether a worker is
 * alive. The queue counts every job, so this file works in its own fresh database.
 */

const VIEWER = testCaller({ role: "viewer", email: "queue-viewer@example.test", name: "viewer" });
const databases = freshDatabasePool("helper17_queue");
let db: Db;
let url: string;
let boss: PgBoss | null = null;
let probe: ProbeSuite;

/** A probe run in `status` with `jobs` jobs queued now, in one insert after every earlier one. */
async function runWithJobs(status: RunStatusName, jobs: number): Promise<string> {
  const runId = await probe.createRun(status);
  if (!boss) throw new Error("the queue is not open");
  await enqueueChunks(
    boss,
    Array.from({ length: jobs }, (_, index) => ({
      runId,
      targetId: "t1",
      from: index,
      to: index + 1,
    })),
  );
  return runId;
}

beforeAll(async () => {
  ({ db, url } = await databases.create("main", { max: 3 }));
  probe = await createProbeSuite(db, "queue");
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await databases.dropAll();
});

describe("a queued run's standing", () => {
  it("says nothing is waiting before any queue exists in the database", async () => {
    const runId = await probe.createRun("queued");
    expect(await getQueueStanding(VIEWER, db, runId)).toEqual({
      isWaiting: false,
      runsAhead: [],
      liveWorkers: 0,
      staleAfterSeconds: 20,
      trialsPerSecond: null,
      startEtaMs: null,
    });
  });

  it("lists the queued and running runs whose jobs come first, in queue order, and live workers", async () => {
    boss = await openTestQueue(url);
    const running = await runWithJobs("running", 2);
    // Queued before the next run, but a worker drops the jobs of a run that ended: not ahead.
    await runWithJobs("cancelled", 2);
    const earlier = await runWithJobs("queued", 3);
    const mine = await runWithJobs("queued", 2);
    const later = await runWithJobs("queued", 1);
    // A worker takes the first job in the queue: the running run's first.
    const [taken] = await boss.fetch<{ runId: string }>(EVAL_QUEUE);
    expect(taken?.data.runId).toBe(running);

    const standing = await getQueueStanding(VIEWER, db, mine);
    expect(standing.isWaiting).toBe(true);
    expect(standing.runsAhead).toEqual([
      {
        id: running,
        name: "queue probe",
        status: "running",
        jobsWaiting: 1,
        jobsRunning: 1,
        trialsLeft: 1,
      },
      {
        id: earlier,
        name: "queue probe",
        status: "queued",
        jobsWaiting: 3,
        jobsRunning: 0,
        trialsLeft: 1,
      },
    ]);
    expect(standing.liveWorkers).toBe(0);

    // The first run in the queue has only what is running now ahead of it.
    expect((await getQueueStanding(VIEWER, db, earlier)).runsAhead.map((run) => run.id)).toEqual([
      running,
    ]);
    expect((await getQueueStanding(VIEWER, db, later)).runsAhead.map((run) => run.id)).toEqual([
      running,
      earlier,
      mine,
    ]);

    // A run none of whose jobs waits (never queued here, or all taken) is not waiting.
    const unqueued = await probe.createRun("queued");
    expect(await getQueueStanding(VIEWER, db, unqueued)).toMatchObject({
      isWaiting: false,
      runsAhead: [],
    });
  });

  it("counts only workers that sent a heartbeat within the staleness period", async () => {
    const runId = await probe.createRun("queued");
    await db.evalWorker.createMany({
      data: [
        { id: "queue-live", hostname: "test", pid: 1 },
        {
          id: "queue-silent",
          hostname: "test",
          pid: 2,
          heartbeatAt: new Date(Date.now() - 60_000),
        },
      ],
    });
    expect((await getQueueStanding(VIEWER, db, runId)).liveWorkers).toBe(1);
    await db.evalWorker.deleteMany({ where: { id: "queue-live" } });
    expect((await getQueueStanding(VIEWER, db, runId)).liveWorkers).toBe(0);
  });

  it("estimates the start from the pace the running runs have kept", async () => {
    const mine = await runWithJobs("queued", 1);
    // The running run ahead has stored 40 trials in its 20 s: 2 trials a second.
    const [pace] = (await getQueueStanding(VIEWER, db, mine)).runsAhead.filter(
      (run) => run.status === "running",
    );
    expect(pace).toBeDefined();
    await db.evalRun.update({
      where: { id: pace!.id },
      data: { storedTrials: 40, expectedTrials: 100, startedAt: new Date(Date.now() - 20_000) },
    });
    await db.evalWorker.create({ data: { id: "queue-pace", hostname: "test", pid: 3 } });
    const standing = await getQueueStanding(VIEWER, db, mine);
    const trialsAhead = standing.runsAhead.reduce((sum, run) => sum + run.trialsLeft, 0);
    expect(standing.trialsPerSecond).toBeCloseTo(2, 1);
    expect(standing.startEtaMs).toBeCloseTo((trialsAhead / standing.trialsPerSecond!) * 1000, 0);

    // Without a live worker nothing starts, whatever the pace.
    await db.evalWorker.delete({ where: { id: "queue-pace" } });
    expect((await getQueueStanding(VIEWER, db, mine)).startEtaMs).toBeNull();
  });

  it("says NOT_FOUND for a run that does not exist", async () => {
    const error = await rejectionOf(getQueueStanding(VIEWER, db, "no-such-run"), AppError);
    expect(error.code).toBe("NOT_FOUND");
  });
});
