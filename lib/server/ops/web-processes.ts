import cluster, { type Worker } from "node:cluster";
import os from "node:os";

/**
 * The web server in several processes (`npm start` in production). A Next.js server renders on
 * one thread: measured with `npm run bench:load`, a page costs 20–60 ms of CPU, so one process
 * tops out at 15–50 pages a second however many cores the machine has. The start script's own
 * process keeps the database, the emulator and the evaluation worker, and `node:cluster` hands
 * each incoming connection to one of `count` web processes (round robin). Nothing a request
 * needs lives only in one process: sessions, sign-in throttling and rate limits are in
 * PostgreSQL, and the page caches are keyed by versions read from it, so each process computes
 * a version once and never shows another's stale value.
 */

/** Web processes by default: one per core, at most four (each holds its own Next.js server). */
export function defaultWebProcesses(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/** Marks a forked web process (read by the start script to serve instead of starting it all). */
export const WEB_PROCESS_FLAG = "CROSSBENCH_WEB_PROCESS";

/** A web process that dies is replaced; more than this many deaths a minute gives up. */
const MAX_RESTARTS_PER_MINUTE = 5;

export type WebProcesses = {
  /** Stops every web process: each closes its server and exits; killed if it has not in 5 s. */
  close(): Promise<void>;
};

/**
 * Forks `count` web processes of the current script and resolves once every one is listening.
 * A process that exits before listening fails the start with its exit; one that dies later is
 * replaced (logged), unless they keep dying, when `onGiveUp` is called.
 */
export async function startWebProcesses(options: {
  count: number;
  log: (line: string) => void;
  onGiveUp: (reason: string) => void;
}): Promise<WebProcesses> {
  let isClosing = false;
  let isReady = false;
  const deaths: number[] = [];
  const workers = new Set<Worker>();

  const fork = () => {
    const worker = cluster.fork({ [WEB_PROCESS_FLAG]: "1" });
    workers.add(worker);
    worker.once("exit", (code, signal) => {
      workers.delete(worker);
      if (isClosing || !isReady) return;
      const now = Date.now();
      deaths.push(now);
      while (deaths.length && (deaths[0] ?? now) < now - 60_000) deaths.shift();
      const how = signal ?? `code ${code}`;
      if (deaths.length > MAX_RESTARTS_PER_MINUTE) {
        options.onGiveUp(`web processes keep exiting (the last with ${how})`);
        return;
      }
      options.log(`a web process exited (${how}); starting another`);
      fork();
    });
    return worker;
  };

  const starting = Array.from(
    { length: options.count },
    () =>
      new Promise<void>((resolve, reject) => {
        const worker = fork();
        const onExit = (code: number | null, signal: string | null) =>
          reject(new Error(`a web process exited while starting (${signal ?? `code ${code}`})`));
        worker.once("exit", onExit);
        worker.once("listening", () => {
          worker.off("exit", onExit);
          resolve();
        });
      }),
  );
  const stopAll = async () => {
    isClosing = true;
    await Promise.all(
      [...workers].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const timer = setTimeout(() => worker.process.kill("SIGKILL"), 5_000);
            worker.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            // The web process closes its server and exits when its channel closes.
            worker.disconnect();
          }),
      ),
    );
  };
  try {
    await Promise.all(starting);
  } catch (error) {
    await stopAll();
    throw error;
  }
  isReady = true;
  return { close: stopAll };
}
