import type PgBoss from "pg-boss";

type QueueOptions = NonNullable<Parameters<PgBoss["createQueue"]>[1]>;

const prepared = new WeakMap<PgBoss, Map<string, Promise<void>>>();

/**
 * Makes sure a pg-boss queue exists, once per pg-boss instance and queue name. Several processes
 * may race to create it: "already exists" is success. A failure is not remembered, so the next
 * call tries again.
 */
export function ensureQueue(
  boss: PgBoss,
  name: string,
  options: Omit<QueueOptions, "name">,
): Promise<void> {
  let queues = prepared.get(boss);
  if (!queues) {
    queues = new Map();
    prepared.set(boss, queues);
  }
  let ready = queues.get(name);
  if (!ready) {
    ready = (async () => {
      if (await boss.getQueue(name)) return;
      await boss.createQueue(name, { ...options, name }).catch((error: unknown) => {
        if (!String(error).includes("already exists")) throw error;
      });
    })().catch((error: unknown) => {
      queues.delete(name);
      throw error;
    });
    queues.set(name, ready);
  }
  return ready;
}
