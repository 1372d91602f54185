import type PgBoss from "pg-boss";

type QueueOptions = NonNullable<Parameters<PgBoss["createQueue"]>[1]>;

const prepared = new WeakMap<PgBoss, Map<string, Promise<void>>>();

/**
 * Makes sure a pg-boss queue exists, once per pg-boss instance and queue name. Several processes
 * may race to create it (a command and its own worker on a fresh database, or a command beside
 * `npm start`'s worker): "already exists" is success, and so is losing a deadlock, which two
 * concurrent pg-boss create_queue calls can reach (PostgreSQL aborts one; it looks again and
 * finds the queue the other made). A failure is not remembered, so the next call tries again.
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
    ready = createQueueOnce(boss, name, options).catch((error: unknown) => {
      queues.delete(name);
      throw error;
    });
    queues.set(name, ready);
  }
  return ready;
}

const MAX_ATTEMPTS = 5;

async function createQueueOnce(
  boss: PgBoss,
  name: string,
  options: Omit<QueueOptions, "name">,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name, { ...options, name });
      return;
    } catch (error) {
      if (String(error).includes("already exists")) return;
      if (!isDeadlock(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

function isDeadlock(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { code?: unknown }).code === "40P01"
  );
}
