import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { EVAL_QUEUE, EVAL_QUEUE_SCHEMA, openEvalQueue } from "./eval-queue";
import { ensureQueue } from "./ensure-queue";

/**
 * Processes that start together on a fresh database (`npm run eval` and its own worker, or a
 * command beside `npm start`'s worker) all create the same queues. pg-boss's create_queue can
 * deadlock when two run at once; PostgreSQL then aborts one of them, which must still end with
 * the queue there and no error.
 */
describe("creating the same queue from several processes at once", () => {
  const pool = freshDatabasePool("queues");
  afterAll(() => pool.dropAll());

  it("ends with every queue there and no error, deadlocks included", async () => {
    const { url } = await pool.create("race");
    const bosses = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const boss = new PgBoss({
          connectionString: url,
          schema: EVAL_QUEUE_SCHEMA,
          max: 2,
          supervise: false,
          schedule: false,
        });
        boss.on("error", () => undefined);
        await boss.start();
        return boss;
      }),
    );
    try {
      const names = Array.from({ length: 4 }, (_, index) => `race-${index}`);
      const outcomes = await Promise.allSettled(
        names.flatMap((name) =>
          bosses.map((boss) => ensureQueue(boss, name, { policy: "standard" })),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
      for (const name of names) expect(await bosses[0]?.getQueue(name)).toBeTruthy();
    } finally {
      await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true })));
    }
  });

  it("opens the evaluation queue from several processes at once on a fresh database", async () => {
    const { url } = await pool.create("eval");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () => openEvalQueue({ connectionString: url, max: 2 })),
    );
    const opened = outcomes.flatMap((outcome) =>
      outcome.status === "fulfilled" ? [outcome.value] : [],
    );
    try {
      expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
      expect(await opened[0]?.getQueue(EVAL_QUEUE)).toBeTruthy();
    } finally {
      await Promise.all(opened.map((boss) => boss.stop({ graceful: false, wait: true })));
    }
  });
});
